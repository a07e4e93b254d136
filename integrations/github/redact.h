#pragma once
/// Secret redaction for every text the runner shows outside the job: comment bodies the agent
/// writes, error messages, the job summary, outputs. Pure text functions; no I/O.
///
/// `RedactSecrets` replaces each secret with `[REDACTED]`:
/// - every exact occurrence of a known secret value (from the caller, usually
///   `KnownSecretsFromEnv`) of at least `kMinKnownSecretLength` bytes (shorter values would
///   redact ordinary words);
/// - secrets recognised by their shape, wherever they occur:
///   - GitHub tokens: `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` + 36 or more letters/digits, and
///     `github_pat_` + 22 or more of `[A-Za-z0-9_]`;
///   - Anthropic keys: `sk-ant-` + 20 or more of `[A-Za-z0-9_-]`;
///   - AWS access key ids: `AKIA` or `ASIA` + exactly 16 of `[A-Z0-9]`;
///   - AWS secret access keys next to their name (`aws_secret_access_key`, `AWS_SECRET_KEY`,
///     `secretAccessKey`, … then `=` or `:` and 40 base64 characters; the name stays);
///   - Google: OAuth access tokens `ya29.` + 20 or more of `[A-Za-z0-9_.-]`, API keys `AIza` +
///     35 of `[A-Za-z0-9_-]`, and the value of a service-account JSON `"private_key": "…"`;
///   - PEM private key blocks, `-----BEGIN … PRIVATE KEY-----` through the matching `-----END …
///     PRIVATE KEY-----` (an unterminated block is redacted to the end of the text);
///   - JWTs: `eyJ…` `.` `eyJ…` `.` signature (base64url parts);
///   - Slack tokens: `xoxa-`, `xoxb-`, `xoxp-`, `xoxr-`, `xoxs-`, `xapp-` + 10 or more of
///     `[A-Za-z0-9-]`.
/// Token shapes must start at a word boundary (not after a letter, digit or `_`), so hashes,
/// SHAs and identifiers in ordinary text and code are left alone.

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace integrations::github {

inline constexpr std::string_view kRedacted = "[REDACTED]";
inline constexpr size_t kMinKnownSecretLength = 8;

/// For text the runner posts (comments, reviews, pull request bodies, the log): RedactSecrets,
/// and also what GitHub would *display*: a secret split by markup that renders as nothing
/// (`g<b></b>hs_…`, `g<!-- -->hs_…`, `&#103;hs_…`, zero-width characters) is found in the
/// rendered form, and then that form, redacted, is posted instead.
std::string RedactForPosting(std::string_view text, const std::vector<std::string>& known_secrets);

std::string RedactSecrets(std::string_view text,
                          const std::vector<std::string>& known_secrets = {});

/// The environment variables whose values are secrets: GitHub, Anthropic, cloud provider and
/// Actions runtime credentials, with their `INPUT_*` action-input forms.
std::span<const std::string_view> SecretEnvNames();

/// The non-empty values (trimmed, de-duplicated, at least kMinKnownSecretLength bytes) of the
/// variables in SecretEnvNames(), read through `getenv` (which returns "" for unset names).
std::vector<std::string> KnownSecretsFromEnv(
    const std::function<std::string(std::string_view)>& getenv);

}  // namespace integrations::github
