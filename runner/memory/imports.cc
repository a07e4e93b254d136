#include "runner/memory/imports.h"

#include <algorithm>
#include <cctype>

#include "runner/base/strings.h"
#include "runner/memory/markdown_blocks.h"

namespace runner::memory {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool Acceptable(std::string_view path) {
  if (path.starts_with("./") || path.starts_with("~/")) return true;
  if (path.starts_with("/")) return path != "/";
  if (path.starts_with("@") || std::string_view("#%^&*()").find(path[0]) != std::string_view::npos) {
    return false;
  }
  unsigned char c = static_cast<unsigned char>(path[0]);
  return std::isalnum(c) || c == '.' || c == '_' || c == '-';
}

/// Reads the path after an `@` at `at`: non-space characters, where `\ ` is an escaped space and
/// any other backslash ends it.
std::string ReadPath(std::string_view text, size_t at) {
  std::string path;
  while (at < text.size()) {
    char c = text[at];
    if (c == '\\' && at + 1 < text.size() && text[at + 1] == ' ') {
      path += "\\ ";
      at += 2;
    } else if (c == '\\' || IsSpace(c)) {
      break;
    } else {
      path += c;
      ++at;
    }
  }
  return path;
}

/// `\ ` becomes a space.
std::string Unescaped(std::string_view path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '\\' && i + 1 < path.size() && path[i + 1] == ' ') ++i;
    out += path[i];
  }
  return out;
}

void ScanText(std::string_view text, std::vector<std::string>& out) {
  for (size_t at = 0; at < text.size(); ++at) {
    if (text[at] != '@' || (at > 0 && !IsSpace(text[at - 1]))) continue;
    std::string path = ReadPath(text, at + 1);
    if (size_t hash = path.find('#'); hash != std::string::npos) path.resize(hash);
    path = Unescaped(path);
    if (path.empty() || !Acceptable(path)) continue;
    if (std::find(out.begin(), out.end(), path) == out.end()) out.push_back(path);
  }
}

}  // namespace

std::vector<std::string> FindImports(std::string_view markdown) {
  std::vector<std::string> out;
  for (const internal::Block& b : internal::SplitBlocks(markdown)) {
    if (b.kind == internal::BlockKind::kProse) {
      for (std::string_view seg : internal::ProseSegments(b.text)) ScanText(seg, out);
    } else if (b.kind == internal::BlockKind::kHtmlComment) {
      ScanText(internal::WithoutCommentSpans(b.text), out);  // `<!-- note --> @x` still imports x
    }
  }
  return out;
}

std::optional<std::filesystem::path> ResolveImport(std::string_view import,
                                                   const std::filesystem::path& base_dir,
                                                   const std::filesystem::path& home) {
  std::filesystem::path p;
  if (import == "~" || import.starts_with("~/")) {
    if (home.empty()) return std::nullopt;
    p = import == "~" ? home : home / import.substr(2);
  } else if (import.starts_with("/")) {
    p = std::filesystem::path(import);
  } else {
    p = base_dir / import;
  }
  return p.lexically_normal();
}

std::string StripBlockComments(std::string_view markdown) {
  std::string out;
  for (const internal::Block& b : internal::SplitBlocks(markdown)) {
    if (b.kind != internal::BlockKind::kHtmlComment) {
      out += b.text;
      continue;
    }
    std::string residue = internal::WithoutCommentSpans(b.text);
    if (!base::Trim(residue).empty()) out += residue;
  }
  return out;
}

}  // namespace runner::memory
