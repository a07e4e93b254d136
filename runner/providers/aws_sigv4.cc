#include "runner/providers/aws_sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <utility>
#include <vector>

#include "runner/base/strings.h"

namespace runner::providers {
namespace {

std::string Hex(const unsigned char* data, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0xf]);
  }
  return out;
}

std::string Hmac(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &size);
  return std::string(reinterpret_cast<const char*>(out), size);
}

/// Trims and collapses runs of spaces, as the canonical header value requires.
std::string CanonicalValue(std::string_view value) {
  std::string out;
  bool space = false;
  for (char c : base::Trim(value)) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

struct UrlParts {
  std::string host;  // with :port when the URL names one
  std::string path;
  std::string query;
};

UrlParts SplitUrl(std::string_view url) {
  UrlParts parts;
  size_t scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  size_t slash = rest.find_first_of("/?");
  parts.host = std::string(rest.substr(0, slash));
  if (size_t at = parts.host.rfind('@'); at != std::string::npos) parts.host.erase(0, at + 1);
  std::string_view tail = slash == std::string_view::npos ? "" : rest.substr(slash);
  size_t q = tail.find('?');
  parts.path = std::string(tail.substr(0, q));
  if (q != std::string_view::npos) parts.query = std::string(tail.substr(q + 1));
  return parts;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return Hex(digest, sizeof digest);
}

std::string AmzDate(int64_t wall_ms) {
  std::time_t seconds = static_cast<std::time_t>(wall_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string SigV4CanonicalUri(std::string_view path) {
  return path.empty() ? "/" : base::PercentEncode(path, /*keep_slash=*/true);
}

std::string SigV4CanonicalQuery(std::string_view query) {
  if (query.empty()) return "";
  std::vector<std::pair<std::string, std::string>> params;
  for (const std::string& pair : base::Split(query, '&')) {
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    if (eq == std::string::npos) {
      params.emplace_back(pair, "");
    } else {
      params.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
    }
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out.push_back('&');
    out += name + "=" + value;
  }
  return out;
}

std::string SigV4Authorization(const SigV4Input& input, const AwsCredentials& credentials) {
  std::map<std::string, std::string> headers;  // sorted by lower-case name
  for (const auto& [name, value] : input.headers) {
    std::string& slot = headers[base::ToLower(name)];
    if (!slot.empty()) slot.push_back(',');
    slot += CanonicalValue(value);
  }
  std::string canonical_headers, signed_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers += name + ":" + value + "\n";
    if (!signed_headers.empty()) signed_headers.push_back(';');
    signed_headers += name;
  }
  std::string canonical_request = input.method + "\n" + SigV4CanonicalUri(input.path) + "\n" +
                                  SigV4CanonicalQuery(input.query) + "\n" + canonical_headers +
                                  "\n" + signed_headers + "\n" + input.payload_hash;
  std::string date = input.amz_date.substr(0, 8);
  std::string scope = date + "/" + input.region + "/" + input.service + "/aws4_request";
  std::string string_to_sign =
      "AWS4-HMAC-SHA256\n" + input.amz_date + "\n" + scope + "\n" + Sha256Hex(canonical_request);
  std::string key = Hmac("AWS4" + credentials.secret_access_key, date);
  key = Hmac(key, input.region);
  key = Hmac(key, input.service);
  key = Hmac(key, "aws4_request");
  std::string signature = Hmac(key, string_to_sign);
  return "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + "/" + scope +
         ", SignedHeaders=" + signed_headers + ", Signature=" +
         Hex(reinterpret_cast<const unsigned char*>(signature.data()), signature.size());
}

void SignRequestSigV4(base::HttpRequest& request, const AwsCredentials& credentials,
                      const std::string& region, const std::string& service, int64_t wall_ms) {
  UrlParts url = SplitUrl(request.url);
  SigV4Input input;
  input.method = request.method;
  input.path = url.path;
  input.query = url.query;
  input.region = region;
  input.service = service;
  input.amz_date = AmzDate(wall_ms);
  input.payload_hash = Sha256Hex(request.body);
  base::Headers added = {{"host", url.host},
                         {"x-amz-date", input.amz_date},
                         {"x-amz-content-sha256", input.payload_hash}};
  if (!credentials.session_token.empty()) {
    added.emplace_back("x-amz-security-token", credentials.session_token);
  }
  input.headers = added;
  std::string content_type = base::FindHeader(request.headers, "content-type");
  if (!content_type.empty()) input.headers.emplace_back("content-type", content_type);
  added.emplace_back("authorization", SigV4Authorization(input, credentials));
  request.headers.insert(request.headers.end(), added.begin(), added.end());
}

}  // namespace runner::providers
