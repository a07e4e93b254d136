#include "integrations/github/branch_name.h"

#include <algorithm>

#include "runner/base/strings.h"

namespace integrations::github {

namespace {

std::string CutName(std::string_view name, size_t max) {
  std::string out(name.substr(0, max));
  while (!out.empty() && (out.back() == '-' || out.back() == '.' || out.back() == '/'))
    out.pop_back();
  return out;
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
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M", &tm);
  std::string name =
      std::string(prefix) + std::string(entity) + "-" + std::to_string(number) + "-" + stamp;
  return CutName(runner::base::ToLower(name), kMaxBranchNameLength);
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
