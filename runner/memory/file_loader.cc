#include "runner/memory/file_loader.h"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "runner/base/files.h"
#include "runner/base/frontmatter.h"
#include "runner/base/strings.h"
#include "runner/memory/glob.h"
#include "runner/memory/imports.h"

namespace runner::memory::internal {

namespace fs = std::filesystem;

namespace {

// The extensions Claude Code reads as memory (binary files such as images or PDFs are never
// imported). A file without an extension is read too.
constexpr std::string_view kTextExtensions[] = {
    ".md",     ".txt",   ".text",  ".json",     ".yaml",  ".yml",      ".toml",  ".xml",   ".csv",
    ".html",   ".htm",   ".css",   ".scss",     ".sass",  ".less",     ".js",    ".ts",    ".tsx",
    ".jsx",    ".mjs",   ".cjs",   ".mts",      ".cts",   ".py",       ".pyi",   ".pyw",   ".rb",
    ".erb",    ".rake",  ".go",    ".rs",       ".java",  ".kt",       ".kts",   ".scala", ".c",
    ".cpp",    ".cc",    ".cxx",   ".h",        ".hpp",   ".hxx",      ".cs",    ".swift", ".sh",
    ".bash",   ".zsh",   ".fish",  ".ps1",      ".bat",   ".cmd",      ".env",   ".ini",   ".cfg",
    ".conf",   ".config", ".properties", ".sql", ".graphql", ".gql",   ".proto", ".vue",   ".svelte",
    ".astro",  ".ejs",   ".hbs",   ".pug",      ".jade",  ".php",      ".pl",    ".pm",    ".lua",
    ".r",      ".dart",  ".ex",    ".exs",      ".erl",   ".hrl",      ".clj",   ".cljs",  ".cljc",
    ".edn",    ".hs",    ".lhs",   ".elm",      ".ml",    ".mli",      ".f",     ".f90",   ".f95",
    ".for",    ".cmake", ".make",  ".makefile", ".gradle", ".sbt",     ".rst",   ".adoc",  ".asciidoc",
    ".org",    ".tex",   ".latex", ".lock",     ".log",   ".diff",     ".patch"};

/// The `paths:` patterns of a file's frontmatter (none when it has none or cannot be read).
std::vector<std::string> PathsOf(std::string_view raw) {
  auto fm = base::ParseFrontmatter(raw);
  if (!fm) return {};
  const base::Json& paths = fm->fields["paths"];
  std::vector<std::string> values;
  if (paths.is_string()) values.push_back(paths.AsString());
  for (const base::Json& p : paths.items()) values.push_back(p.is_string() ? p.AsString() : p.Dump());
  return SplitPathPatterns(values);
}

bool IsTextFile(const fs::path& path) {
  std::string ext = base::ToLower(path.extension().string());
  return ext.empty() || std::find(std::begin(kTextExtensions), std::end(kTextExtensions), ext) !=
                          std::end(kTextExtensions);
}

}  // namespace

bool IsWithin(const fs::path& path, const fs::path& dir) {
  fs::path p = path.lexically_normal(), d = dir.lexically_normal();
  auto pi = p.begin();
  for (auto di = d.begin(); di != d.end(); ++di, ++pi) {
    if (di->empty()) return true;  // a trailing separator ends the directory
    if (pi == p.end() || *pi != *di) return false;
  }
  return true;
}

void FileLoader::Visit(const fs::path& file, MemoryType type, bool external, int depth,
                       const fs::path& parent, std::vector<MemoryFile>& out) {
  fs::path path = file.lexically_normal();
  if (depth >= kMaxImportDepth || seen_.count(path.string())) return;
  std::error_code ec;
  fs::path real = fs::weakly_canonical(path, ec);
  if (ec) real = path;
  if (Excluded(path, real, type)) return;
  seen_.insert(path.string());
  seen_.insert(real.string());
  if (!IsTextFile(path) || !fs::is_regular_file(real, ec)) return;
  auto raw = base::ReadFile(path);
  if (!raw) return;
  std::string_view body = base::StripFrontmatter(*raw);
  std::string content = StripBlockComments(body);
  if (base::Trim(content).empty()) return;
  std::vector<std::string> imports = FindImports(body);
  out.push_back({path, type, std::move(content), parent, PathsOf(*raw)});
  for (const std::string& import : imports) {
    // Relative imports start at the importing file's real directory, as in Claude Code.
    auto target = ResolveImport(import, real.parent_path(), in_.home);
    if (!target || (!external && !IsWithin(*target, in_.cwd))) continue;
    Visit(*target, type, external, depth + 1, path, out);
  }
}

bool FileLoader::Excluded(const fs::path& path, const fs::path& real, MemoryType type) const {
  if (type == MemoryType::kManaged) return false;
  for (const std::string& pattern : in_.excludes) {
    if (GlobMatch(pattern, path.string()) || GlobMatch(pattern, real.string())) return true;
  }
  return false;
}

void FileLoader::LoadRules(const fs::path& dir, MemoryType type, bool external,
                           const std::function<bool(const MemoryFile&)>& keep,
                           std::vector<MemoryFile>& out) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    entries.push_back(it->path());
  }
  std::sort(entries.begin(), entries.end());
  for (const fs::path& entry : entries) {
    if (fs::is_directory(entry, ec)) {
      LoadRules(entry, type, external, keep, out);
      continue;
    }
    if (entry.extension() != ".md") continue;
    std::vector<MemoryFile> files;  // the rule, then the files it imports
    Load(entry, type, external, files);
    if (files.empty() || !keep(files.front())) continue;
    for (MemoryFile& f : files) out.push_back(std::move(f));
  }
}

}  // namespace runner::memory::internal
