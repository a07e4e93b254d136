#include "runner/tools/web_url.h"

#include <cctype>
#include <vector>

#include "runner/base/strings.h"

namespace runner::tools {
namespace {

/// Length of the scheme at the start of `text` (`[A-Za-z][A-Za-z0-9+.-]*:`), 0 when none.
size_t SchemeLength(std::string_view text) {
  if (text.empty() || !std::isalpha(static_cast<unsigned char>(text[0]))) return 0;
  for (size_t i = 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == ':') return i;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return 0;
  }
  return 0;
}

bool HasSpaceOrControl(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return true;
  }
  return false;
}

std::string DefaultPort(std::string_view scheme) {
  if (scheme == "http") return "80";
  if (scheme == "https") return "443";
  return "";
}

/// Splits `host[:port]` (IPv6 literals in brackets); false when the port is not a number.
bool ParseHostPort(std::string_view hostport, WebUrl& url) {
  size_t colon = std::string_view::npos;
  if (hostport.starts_with('[')) {
    size_t close = hostport.find(']');
    if (close == std::string_view::npos) return false;
    if (close + 1 < hostport.size()) {
      if (hostport[close + 1] != ':') return false;
      colon = close + 1;
    }
  } else {
    colon = hostport.rfind(':');
  }
  url.host = base::ToLower(hostport.substr(0, colon));
  if (url.host.empty()) return false;
  if (colon == std::string_view::npos) return true;
  std::string_view port = hostport.substr(colon + 1);
  if (port.empty()) return true;
  auto number = base::ParseInt(port);
  if (!number || *number < 1 || *number > 65535 ||
      port.find_first_not_of("0123456789") != std::string_view::npos) {
    return false;
  }
  url.port = std::to_string(*number);
  if (url.port == DefaultPort(url.scheme)) url.port.clear();
  return true;
}

/// Splits off `#fragment` and `?query` from the end of `rest`, leaving the path.
void SplitQueryAndFragment(std::string_view& rest, WebUrl& url) {
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) {
    url.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  if (size_t question = rest.find('?'); question != std::string_view::npos) {
    url.query = std::string(rest.substr(question + 1));
    rest = rest.substr(0, question);
  }
}

/// RFC 3986 §5.2.4 for an absolute path.
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string> kept;
  std::vector<std::string> segments = base::Split(path.substr(1), '/');
  bool trailing_slash = false;
  for (const std::string& segment : segments) {
    trailing_slash = segment == "." || segment == "..";
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
    } else if (segment != ".") {
      kept.push_back(segment);
    }
  }
  std::string out;
  for (const std::string& segment : kept) out += "/" + segment;
  if (out.empty() || trailing_slash) out += "/";
  return out;
}

/// The directory part of `path` (up to and including its last "/").
std::string_view Directory(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? "/" : path.substr(0, slash + 1);
}

std::string_view StripWww(std::string_view host) {
  if (host.starts_with("www.")) host.remove_prefix(4);
  return host;
}

}  // namespace

std::string WebUrl::ToString() const {
  std::string out = scheme + "://";
  if (!userinfo.empty()) out += userinfo + "@";
  out += host;
  if (!port.empty()) out += ":" + port;
  out += path;
  if (query) out += "?" + *query;
  if (fragment) out += "#" + *fragment;
  return out;
}

std::string WebUrl::EffectivePort() const { return port.empty() ? DefaultPort(scheme) : port; }

std::optional<WebUrl> ParseWebUrl(std::string_view text) {
  text = base::Trim(text);
  if (HasSpaceOrControl(text)) return std::nullopt;
  size_t scheme_length = SchemeLength(text);
  if (scheme_length == 0 || text.substr(scheme_length, 3) != "://") return std::nullopt;
  WebUrl url;
  url.scheme = base::ToLower(text.substr(0, scheme_length));
  std::string_view rest = text.substr(scheme_length + 3);
  SplitQueryAndFragment(rest, url);
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  url.path = slash == std::string_view::npos ? "/" : RemoveDotSegments(rest.substr(slash));
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    url.userinfo = std::string(authority.substr(0, at));
    authority.remove_prefix(at + 1);
  }
  if (!ParseHostPort(authority, url)) return std::nullopt;
  return url;
}

std::optional<WebUrl> ResolveWebUrl(const WebUrl& base, std::string_view reference) {
  reference = base::Trim(reference);
  if (HasSpaceOrControl(reference)) return std::nullopt;
  if (SchemeLength(reference) > 0) return ParseWebUrl(reference);
  if (reference.starts_with("//")) return ParseWebUrl(base.scheme + ":" + std::string(reference));
  WebUrl url = base;
  url.query.reset();
  url.fragment.reset();
  std::string_view path = reference;
  SplitQueryAndFragment(path, url);
  if (path.empty()) {
    if (!url.query) url.query = base.query;
  } else if (path.starts_with('/')) {
    url.path = RemoveDotSegments(path);
  } else {
    url.path = RemoveDotSegments(std::string(Directory(base.path)) + std::string(path));
  }
  return url;
}

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost" || host.ends_with(".localhost") || host == "[::1]") return true;
  if (!host.starts_with("127.")) return false;
  std::vector<std::string> parts = base::Split(host, '.');
  if (parts.size() != 4) return false;
  for (const std::string& part : parts) {
    auto number = base::ParseInt(part);
    if (!number || *number < 0 || *number > 255) return false;
  }
  return true;
}

bool IsSameSiteRedirect(const WebUrl& from, const WebUrl& to) {
  return from.scheme == to.scheme && from.EffectivePort() == to.EffectivePort() &&
         to.userinfo.empty() && StripWww(from.host) == StripWww(to.host);
}

}  // namespace runner::tools
