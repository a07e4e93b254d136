#include "layering.h"

#include <fstream>
#include <map>
#include <regex>
#include <set>

namespace runner::layering {
namespace fs = std::filesystem;

namespace {

// Layer of each runner/ module (lower layers never include higher ones; same layer only itself).
const std::map<std::string, int>& Layers() {
  static const std::map<std::string, int> kLayers = {
      {"base", 0},     {"protocol", 1},  {"settings", 1}, {"permissions", 2}, {"exec", 2},
      {"git", 2},      {"sandbox", 2},   {"memory", 2},   {"hooks", 3},       {"providers", 3},
      {"mcp", 3},      {"commands", 3},  {"output", 3},   {"telemetry", 3},   {"session", 3},
      {"tools", 4},    {"control", 4},   {"agent", 5},    {"cli", 6},
  };
  return kLayers;
}

std::string ModuleOf(const fs::path& rel) {
  auto it = rel.begin();
  std::string top = it->string();
  ++it;
  if (it == rel.end()) return {};
  if (top == "runner") return it->string();
  if (top == "integrations") return "integrations/" + it->string();
  return {};
}

bool IsTest(const fs::path& p) {
  std::string n = p.filename().string();
  return n.ends_with("_test.cc") || n.ends_with("_for_test.h");
}

// Writes to stdout: std::cout, printf/puts/putchar, fprintf/fputs/fwrite/fputc to stdout,
// write()/base::WriteAll() to fd 1 or STDOUT_FILENO (dup2 onto it for a child is fine).
const std::regex& StdoutPattern() {
  static const std::regex kPattern(
      R"((std::cout|fmt::print\s*\((?!\s*stderr)|(^|[^a-zA-Z_.>])(printf|puts|putchar|vprintf)\s*\(|\b(fprintf|fputs|fwrite|fputc|vfprintf)\s*\([^;]*\bstdout\b|\b(write|WriteAll)\s*\(\s*(1|STDOUT_FILENO)\s*,))");
  return kPattern;
}

void CheckFile(const fs::path& root, const fs::path& file, std::vector<Violation>& out) {
  fs::path rel = fs::relative(file, root);
  std::string module = ModuleOf(rel);
  if (module.empty() || module == "testing") return;
  std::vector<std::string> allowed = AllowedIncludes(module);
  // The binary's entry point joins the runner and the forge integrations (`claude-runner
  // github`); it is not part of any module's library.
  if (rel == fs::path("runner/cli/main.cc")) allowed.push_back("integrations/github");
  std::set<std::string> allowed_set(allowed.begin(), allowed.end());
  bool may_print = module == "output" || module == "cli";
  static const std::regex kInclude(R"(^\s*#\s*include\s*"((runner|integrations)/([a-z_]+))/)");
  std::ifstream in(file);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::smatch m;
    if (std::regex_search(line, m, kInclude)) {
      std::string target = m[2] == "runner" ? m[3].str() : "integrations/" + m[3].str();
      if (!allowed_set.count(target)) {
        out.push_back({rel.string(), n, module + " may not include " + target});
      }
    }
    if (!may_print && std::regex_search(line, StdoutPattern())) {
      out.push_back({rel.string(), n, "stdout write outside output/ and cli/"});
    }
  }
}

}  // namespace

std::vector<std::string> AllowedIncludes(const std::string& module) {
  std::vector<std::string> out = {module};
  if (module.starts_with("integrations/")) {
    for (const char* m : {"agent", "protocol", "git", "base"}) out.emplace_back(m);
    return out;
  }
  auto it = Layers().find(module);
  if (it == Layers().end()) return out;
  for (const auto& [name, layer] : Layers()) {
    if (layer >= it->second) continue;
    if (module == "agent" && (name == "output")) continue;  // the agent never prints
    out.push_back(name);
  }
  return out;
}

std::vector<Violation> CheckTree(const fs::path& root) {
  std::vector<Violation> out;
  for (const char* top : {"runner", "integrations"}) {
    fs::path dir = root / top;
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file() || IsTest(entry.path())) continue;
      std::string ext = entry.path().extension().string();
      if (ext == ".h" || ext == ".cc" || ext == ".in") CheckFile(root, entry.path(), out);
    }
  }
  return out;
}

}  // namespace runner::layering
