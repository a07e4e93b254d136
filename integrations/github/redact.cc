#include "integrations/github/redact.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "integrations/github/sanitize.h"

#include "runner/base/strings.h"

namespace integrations::github {

namespace {

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool IsWord(char c) { return IsAlnum(c) || c == '_'; }
bool IsUpperAlnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool IsBase64Url(char c) { return IsWord(c) || c == '-'; }
bool IsBase64(char c) { return IsAlnum(c) || c == '+' || c == '/' || c == '='; }
bool IsGoogleToken(char c) { return IsBase64Url(c) || c == '.'; }
bool IsSlack(char c) { return IsAlnum(c) || c == '-'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

/// Number of characters from `at` on that satisfy `pred`.
template <class Pred>
size_t Span(std::string_view s, size_t at, Pred pred) {
  size_t n = 0;
  while (at + n < s.size() && pred(s[at + n])) ++n;
  return n;
}

bool StartsWithAt(std::string_view s, size_t at, std::string_view prefix) {
  return s.substr(at).starts_with(prefix);
}

bool IStartsWithAt(std::string_view s, size_t at, std::string_view lower_prefix) {
  if (s.size() - at < lower_prefix.size()) return false;
  for (size_t k = 0; k < lower_prefix.size(); ++k) {
    if (Lower(s[at + k]) != lower_prefix[k]) return false;
  }
  return true;
}

/// A secret found at some position: the first `keep` bytes stay (a variable name, a quote), the
/// next `len - keep` bytes are the secret. `len == 0` means no match.
struct Hit {
  size_t keep = 0;
  size_t len = 0;
};

Hit GithubToken(std::string_view s, size_t i) {
  if (StartsWithAt(s, i, "github_pat_")) {
    size_t n = Span(s, i + 11, IsWord);
    return n >= 22 ? Hit{0, 11 + n} : Hit{};
  }
  if (s.size() - i < 4 || s[i] != 'g' || s[i + 1] != 'h' || s[i + 3] != '_') return {};
  if (std::string_view("pousr").find(s[i + 2]) == std::string_view::npos) return {};
  size_t n = Span(s, i + 4, IsAlnum);
  return n >= 36 ? Hit{0, 4 + n} : Hit{};
}

Hit AnthropicKey(std::string_view s, size_t i) {
  if (!StartsWithAt(s, i, "sk-ant-")) return {};
  size_t n = Span(s, i + 7, IsBase64Url);
  return n >= 20 ? Hit{0, 7 + n} : Hit{};
}

Hit AwsAccessKeyId(std::string_view s, size_t i) {
  if (!StartsWithAt(s, i, "AKIA") && !StartsWithAt(s, i, "ASIA")) return {};
  size_t n = Span(s, i + 4, IsAlnum);
  if (n != 16 || Span(s, i + 4, IsUpperAlnum) != 16) return {};
  return {0, 20};
}

/// `aws_secret_access_key = "…40 base64…"` and its spellings in env files, INI, JSON, YAML.
Hit AwsSecretKey(std::string_view s, size_t i) {
  static constexpr std::array<std::string_view, 6> kNames = {
      "aws_secret_access_key", "aws-secret-access-key", "awssecretaccesskey",
      "aws_secret_key",        "secret_access_key",     "secretaccesskey"};
  size_t at = std::string_view::npos;
  for (std::string_view name : kNames) {
    if (IStartsWithAt(s, i, name)) {
      at = i + name.size();
      break;
    }
  }
  if (at == std::string_view::npos) return {};
  auto skip = [&](std::string_view chars) {
    while (at < s.size() && chars.find(s[at]) != std::string_view::npos) ++at;
  };
  skip("\"'");
  skip(" \t");
  if (at >= s.size() || (s[at] != '=' && s[at] != ':')) return {};
  ++at;
  skip(" \t");
  skip("\"'");
  if (Span(s, at, IsBase64) != 40) return {};
  return {at - i, at - i + 40};
}

Hit GoogleToken(std::string_view s, size_t i) {
  if (StartsWithAt(s, i, "ya29.")) {
    size_t n = Span(s, i + 5, IsGoogleToken);
    return n >= 20 ? Hit{0, 5 + n} : Hit{};
  }
  if (StartsWithAt(s, i, "AIza")) {
    size_t n = Span(s, i + 4, IsBase64Url);
    return n >= 35 ? Hit{0, 4 + n} : Hit{};
  }
  return {};
}

/// `"private_key": "-----BEGIN …"` in a service-account JSON: the whole string value.
Hit ServiceAccountKey(std::string_view s, size_t i) {
  if (!StartsWithAt(s, i, "\"private_key\"")) return {};
  size_t at = i + 13;
  at += Span(s, at, [](char c) { return c == ' ' || c == '\t'; });
  if (at >= s.size() || s[at] != ':') return {};
  ++at;
  at += Span(s, at, [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
  if (at >= s.size() || s[at] != '"' || !StartsWithAt(s, at + 1, "-----BEGIN")) return {};
  size_t start = at + 1;
  size_t end = start;
  while (end < s.size() && s[end] != '"') end += s[end] == '\\' ? 2 : 1;
  end = std::min(end, s.size());
  return {start - i, end - i};
}

Hit PemPrivateKey(std::string_view s, size_t i) {
  if (!StartsWithAt(s, i, "-----BEGIN ")) return {};
  size_t label = i + 11;
  size_t n = Span(s, label, [](char c) { return (c >= 'A' && c <= 'Z') || c == ' '; });
  if (s.substr(label, n).find("PRIVATE KEY") == std::string_view::npos) return {};
  if (!StartsWithAt(s, label + n, "-----")) return {};
  size_t end = s.find("-----END ", label + n + 5);
  if (end == std::string_view::npos) return {0, s.size() - i};
  size_t close = s.find("-----", end + 9);
  if (close == std::string_view::npos) return {0, s.size() - i};
  return {0, close + 5 - i};
}

Hit Jwt(std::string_view s, size_t i) {
  if (!StartsWithAt(s, i, "eyJ")) return {};
  size_t header = Span(s, i, IsBase64Url);
  size_t at = i + header;
  if (header < 10 || at >= s.size() || s[at] != '.' || !StartsWithAt(s, at + 1, "eyJ")) return {};
  size_t payload = Span(s, at + 1, IsBase64Url);
  at += 1 + payload;
  if (payload < 10 || at >= s.size() || s[at] != '.') return {};
  at += 1 + Span(s, at + 1, IsBase64Url);
  return {0, at - i};
}

Hit SlackToken(std::string_view s, size_t i) {
  size_t prefix = 0;
  if (StartsWithAt(s, i, "xapp-")) {
    prefix = 5;
  } else if (StartsWithAt(s, i, "xox") && s.size() - i > 4 &&
             std::string_view("abprs").find(s[i + 3]) != std::string_view::npos &&
             s[i + 4] == '-') {
    prefix = 5;
  } else {
    return {};
  }
  size_t n = Span(s, i + prefix, IsSlack);
  return n >= 10 ? Hit{0, prefix + n} : Hit{};
}

constexpr std::array<Hit (*)(std::string_view, size_t), 9> kMatchers = {
    GithubToken,   AnthropicKey, AwsAccessKeyId, AwsSecretKey, GoogleToken, ServiceAccountKey,
    PemPrivateKey, Jwt,          SlackToken};

std::string RedactKnown(std::string_view text, const std::vector<std::string>& known_secrets) {
  std::vector<std::string_view> secrets;
  for (const std::string& s : known_secrets) {
    if (s.size() >= kMinKnownSecretLength) secrets.push_back(s);
  }
  // Longest first, so a secret that contains another one is replaced whole.
  std::sort(secrets.begin(), secrets.end(),
            [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
  std::string out(text);
  for (std::string_view secret : secrets) {
    std::string next;
    size_t from = 0;
    for (size_t at = out.find(secret); at != std::string::npos; at = out.find(secret, from)) {
      next.append(out, from, at - from);
      next += kRedacted;
      from = at + secret.size();
    }
    if (from == 0) continue;
    next.append(out, from);
    out = std::move(next);
  }
  return out;
}

}  // namespace

std::string RedactSecrets(std::string_view text, const std::vector<std::string>& known_secrets) {
  const std::string known = RedactKnown(text, known_secrets);
  const std::string_view s = known;
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    Hit hit;
    if (i == 0 || !IsWord(s[i - 1])) {
      for (auto matcher : kMatchers) {
        hit = matcher(s, i);
        if (hit.len > 0) break;
      }
    }
    if (hit.len == 0) {
      out += s[i++];
      continue;
    }
    out.append(s.substr(i, hit.keep));
    out += kRedacted;
    i += hit.len;
  }
  return out;
}

std::span<const std::string_view> SecretEnvNames() {
  static constexpr std::array<std::string_view, 26> kNames = {
      "GITHUB_TOKEN",
      "GH_TOKEN",
      "INPUT_GITHUB_TOKEN",
      "ANTHROPIC_API_KEY",
      "INPUT_ANTHROPIC_API_KEY",
      "ANTHROPIC_AUTH_TOKEN",
      "CLAUDE_CODE_OAUTH_TOKEN",
      "INPUT_CLAUDE_CODE_OAUTH_TOKEN",
      "ANTHROPIC_FOUNDRY_API_KEY",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      "AWS_BEARER_TOKEN_BEDROCK",
      "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
      "ACTIONS_RUNTIME_TOKEN",
      "ACTIONS_CACHE_URL_TOKEN",
      "GOOGLE_OAUTH_ACCESS_TOKEN",
      "GOOGLE_APPLICATION_CREDENTIALS_JSON",
      "CLOUDSDK_AUTH_ACCESS_TOKEN",
      "AZURE_CLIENT_SECRET",
      "AZURE_API_KEY",
      "INPUT_SSH_SIGNING_KEY",
      "SSH_SIGNING_KEY",
      "OPENAI_API_KEY",
      "GITLAB_TOKEN",
      "CI_JOB_TOKEN",
      "OTEL_EXPORTER_OTLP_HEADERS",
  };
  return kNames;
}

std::vector<std::string> KnownSecretsFromEnv(
    const std::function<std::string(std::string_view)>& getenv) {
  std::vector<std::string> out;
  for (std::string_view name : SecretEnvNames()) {
    std::string value(runner::base::Trim(getenv(name)));
    if (value.size() < kMinKnownSecretLength) continue;
    if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(std::move(value));
  }
  return out;
}

namespace {

/// Roughly what GitHub renders: the sanitizer's cleaning (invisible characters, character
/// references, comments, hidden elements), then every remaining tag dropped.
std::string RenderedText(std::string_view text) {
  std::string clean = SanitizeForgeText(text);
  std::string out;
  out.reserve(clean.size());
  for (size_t i = 0; i < clean.size(); ++i) {
    char next = i + 1 < clean.size() ? clean[i + 1] : '\0';
    bool tag_start = clean[i] == '<' && (std::isalpha(static_cast<unsigned char>(next)) || next == '/');
    size_t close = tag_start ? clean.find('>', i) : std::string::npos;
    if (close != std::string::npos) {
      i = close;
      continue;
    }
    out += clean[i];
  }
  return out;
}

size_t CountRedactions(std::string_view text) {
  size_t n = 0;
  for (size_t at = text.find(kRedacted); at != std::string_view::npos; at = text.find(kRedacted, at + 1)) ++n;
  return n;
}

}  // namespace

std::string RedactForPosting(std::string_view text, const std::vector<std::string>& known_secrets) {
  std::string once = RedactSecrets(text, known_secrets);
  std::string rendered = RedactSecrets(RenderedText(once), known_secrets);
  return CountRedactions(rendered) > CountRedactions(once) ? rendered : once;
}

}  // namespace integrations::github
