#include "runner/commands/file_mentions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "runner/base/files.h"
#include "runner/base/json.h"
#include "runner/base/strings.h"

namespace runner::commands {

namespace fs = std::filesystem;

namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool IsWord(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

constexpr uintmax_t kMaxFileBytes = 10 * 1024 * 1024;

/// The longest prefix of `token` that ends at a word boundary (as a regex `\S+\b` would match).
std::string_view ToBoundary(std::string_view token) {
  for (size_t p = token.size(); p >= 1; --p) {
    bool before = IsWord(token[p - 1]);
    bool after = p < token.size() && IsWord(token[p]);
    if (before != after) return token.substr(0, p);
  }
  return {};
}

/// Splits `path#L10-20` into the path and the line range.
FileMention WithLines(std::string_view raw) {
  FileMention m;
  size_t hash = raw.find('#');
  m.path = std::string(raw.substr(0, hash));
  if (hash == std::string_view::npos) return m;
  std::string_view frag = raw.substr(hash + 1);
  if (!frag.starts_with("L")) return m;
  size_t dash = frag.find('-');
  auto first = base::ParseInt(frag.substr(1, dash == std::string_view::npos ? std::string_view::npos : dash - 1));
  if (!first || *first < 1) return m;
  m.first_line = static_cast<int>(*first);
  if (dash != std::string_view::npos) {
    if (auto last = base::ParseInt(frag.substr(dash + 1)); last && *last >= *first) {
      m.last_line = static_cast<int>(*last);
    }
  }
  return m;
}

std::string Reminder(std::string_view text) {
  return "<system-reminder>\n" + std::string(text) + "\n</system-reminder>";
}

}  // namespace

std::vector<FileMention> FindFileMentions(std::string_view text) {
  std::vector<FileMention> out;
  auto add = [&](FileMention m) {
    if (!m.path.empty() && std::find(out.begin(), out.end(), m) == out.end()) out.push_back(std::move(m));
  };
  for (size_t at = 0; (at = text.find('@', at)) != std::string_view::npos; ++at) {
    if (at > 0 && !IsSpace(text[at - 1])) continue;
    if (at + 1 < text.size() && text[at + 1] == '"') {
      size_t close = text.find('"', at + 2);
      if (close != std::string_view::npos && close > at + 2) add(WithLines(text.substr(at + 2, close - at - 2)));
      continue;
    }
    size_t end = at + 1;
    while (end < text.size() && !IsSpace(text[end])) ++end;
    std::string_view token = ToBoundary(text.substr(at + 1, end - at - 1));
    if (!token.empty()) add(WithLines(token));
  }
  return out;
}

std::vector<std::string> AttachFile(const FileMention& mention, const fs::path& cwd,
                                    const fs::path& home, fs::path* attached_path) {
  fs::path path;
  if (mention.path == "~" || mention.path.starts_with("~/")) {
    if (home.empty()) return {};
    path = mention.path == "~" ? home : home / mention.path.substr(2);
  } else {
    path = fs::path(mention.path).is_absolute() ? fs::path(mention.path) : cwd / mention.path;
  }
  path = path.lexically_normal();
  std::error_code ec;
  if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) > kMaxFileBytes) return {};
  auto content = base::ReadFile(path);
  if (!content || content->find('\0') != std::string::npos) return {};
  std::vector<std::string> lines = base::Split(*content, '\n');
  if (!content->empty() && content->back() == '\n') lines.pop_back();
  int first = mention.first_line.value_or(1);
  int last = mention.last_line.value_or(static_cast<int>(lines.size()));
  last = std::min({last, static_cast<int>(lines.size()), first + kMaxAttachedLines - 1});
  std::string numbered;
  for (int n = first; n <= last; ++n) {
    if (!numbered.empty()) numbered += "\n";
    numbered += fmt::format("{:>6}\t{}", n, lines[static_cast<size_t>(n - 1)]);
  }
  if (attached_path) *attached_path = path;
  std::vector<std::string> blocks = {
      Reminder("Called the Read tool with the following input: " +
               base::JsonObject({{"file_path", path.string()}}).Dump()),
      Reminder("Result of calling the Read tool:\n" + numbered)};
  bool truncated = !mention.last_line && static_cast<int>(lines.size()) > last;
  if (truncated) {
    blocks.push_back(Reminder(fmt::format(
        "Only lines {}-{} of {} are shown above; read the rest with the Read tool if you need it.",
        first, last, path.string())));
  }
  return blocks;
}

}  // namespace runner::commands
