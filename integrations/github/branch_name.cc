#include "integrations/github/branch_name.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#include "runner/base/strings.h"

namespace integrations::github {

namespace {

std::string CutName(std::string_view name, size_t max) {
  std::string out(name.substr(0, max));
  while (!out.empty() && (out.back() == '-' || out.back() == '.' || out.back() == '/'))
    out.pop_back();
  return out;
}

std::string Stamp(std::time_t now) {
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M", &tm);
  return stamp;
}

bool IsFirstChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '@' ||
         c == '_';
}

bool IsLaterChar(char c) {
  return IsFirstChar(c) || std::string_view("/.#+,-").find(c) != std::string_view::npos;
}

}  // namespace

std::string NewBranchName(std::string_view prefix, std::string_view entity, int64_t number,
                          std::time_t now) {
  std::string name =
      std::string(prefix) + std::string(entity) + "-" + std::to_string(number) + "-" + Stamp(now);
  return CutName(runner::base::ToLower(name), kMaxBranchNameLength);
}

namespace {

/// Letters and digits kept, lower-cased; runs of anything else become one `-`, trimmed.
std::string Kebab(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0 && static_cast<unsigned char>(c) < 0x80;
    if (keep) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

/// The first five words of a title, each reduced to its letters and digits, joined by `-`.
std::string Description(std::string_view title) {
  std::vector<std::string> words;
  for (const std::string& word : runner::base::Split(title, ' ')) {
    if (runner::base::Trim(word).empty()) continue;
    if (words.size() == 5) break;
    words.push_back(word);
  }
  std::string out;
  for (const std::string& word : words) {
    std::string kept;
    for (char c : word) {
      if (std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 0x80) {
        kept += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    if (kept.empty()) continue;
    if (!out.empty()) out += '-';
    out += kept;
  }
  return out;
}

}  // namespace

std::string TemplateBranchName(std::string_view templ, const BranchTemplateValues& v) {
  std::string label = Kebab(v.label);
  std::vector<std::pair<std::string, std::string>> values = {
      {"prefix", v.prefix},
      {"entityType", v.entity_type},
      {"entityNumber", std::to_string(v.number)},
      {"timestamp", Stamp(v.now)},
      {"sha", v.sha.substr(0, 8)},
      {"label", label.empty() ? v.entity_type : label},
      {"description", Description(v.title)},
  };
  std::string out;
  size_t i = 0;
  while (i < templ.size()) {
    size_t open = templ.find("{{", i);
    if (open == std::string_view::npos) break;
    size_t close = templ.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(templ.substr(i, open - i));
    std::string_view key = templ.substr(open + 2, close - open - 2);
    auto it = std::find_if(values.begin(), values.end(), [&](const auto& kv) { return kv.first == key; });
    if (it != values.end()) {
      out += it->second;
    } else {
      out.append(templ.substr(open, close + 2 - open));
    }
    i = close + 2;
  }
  out.append(templ.substr(std::min(i, templ.size())));
  // Blank or unusable (an issue's author chooses the title): the default name, so nobody can
  // break the runs by titling an issue in a script without Latin letters.
  if (runner::base::Trim(out).empty() || !IsValidBranchName(out)) {
    return NewBranchName(v.prefix, v.entity_type, v.number, v.now);
  }
  return out;
}

bool IsValidBranchName(std::string_view name) {
  if (name.empty() || name.size() > 255 || name == "@" || name == "HEAD") return false;
  if (!IsFirstChar(name.front())) return false;
  if (!std::all_of(name.begin(), name.end(), IsLaterChar)) return false;
  if (name.find("..") != std::string_view::npos || name.find("//") != std::string_view::npos ||
      name.find("@{") != std::string_view::npos) {
    return false;
  }
  if (name.ends_with('/') || name.ends_with('.')) return false;
  for (const std::string& part : runner::base::Split(name, '/')) {
    if (part.starts_with('.') || part.ends_with(".lock")) return false;
  }
  return true;
}

std::string NextBranchCandidate(std::string_view name, int attempt) {
  if (attempt <= 1) return std::string(name);
  const std::string suffix = "-" + std::to_string(attempt);
  const size_t limit = std::max(kMaxBranchNameLength, name.size());
  return CutName(name, limit - std::min(limit, suffix.size())) + suffix;
}

}  // namespace integrations::github
