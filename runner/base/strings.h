#pragma once
/// Small string helpers used across modules.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runner::base {

std::string_view Trim(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
bool IEquals(std::string_view a, std::string_view b);
std::string ToLower(std::string_view s);
/// Parses a base-10 integer; nullopt unless the whole (trimmed) text is a number.
std::optional<long long> ParseInt(std::string_view s);
std::optional<double> ParseDouble(std::string_view s);
/// Cuts `s` to at most `max_bytes` without splitting a UTF-8 sequence.
std::string Utf8Prefix(std::string_view s, size_t max_bytes);
/// `text` with every `from` replaced by `to` (left to right, replacements not rescanned).
std::string ReplaceAll(std::string text, std::string_view from, std::string_view to);

/// Replaces invalid UTF-8 sequences with U+FFFD so the text can go into JSON.
std::string SanitizeUtf8(std::string_view s);
/// Appends code point `cp` as UTF-8; NUL, surrogates and values past U+10FFFF become U+FFFD.
void AppendUtf8(std::string& out, char32_t cp);
/// RFC 3986 percent-encoding: every byte but the unreserved `A-Z a-z 0-9 - . _ ~` (and `/`
/// when `keep_slash`) becomes `%XX` (upper-case hex).
std::string PercentEncode(std::string_view text, bool keep_slash = false);
std::string Base64(std::string_view data);     ///< standard alphabet, padded (RFC 4648 §4)
std::string Base64Url(std::string_view data);  ///< URL alphabet, unpadded (RFC 7515)
/// Decodes either alphabet; padding, spaces and line breaks are skipped; nullopt for any other
/// character.
std::optional<std::string> Base64Decode(std::string_view text);
/// Keeps the head and tail of `s` and replaces the middle with a note when it is longer than
/// `max_bytes`.
std::string TruncateMiddle(std::string_view s, size_t max_bytes);
/// Parses durations like `90`, `90s`, `1500ms`, `5m`, `2h`, `1h30m` into milliseconds.
std::optional<long long> ParseDurationMs(std::string_view s);

}  // namespace runner::base
