#include "runner/permissions/call_facts.h"

#include "runner/permissions/path_rules.h"

namespace runner::permissions {

namespace {

// The input field naming the file or directory a read or edit tool works on.
std::string GivenPath(std::string_view tool, const base::Json& input) {
  if (tool == "NotebookEdit" || tool == "NotebookRead") return input["notebook_path"].AsString();
  if (tool == "Glob") {
    // An absolute pattern searches from its fixed leading directories.
    const std::string& pattern = input["pattern"].AsString();
    if (pattern.starts_with('/')) {
      size_t wild = pattern.find_first_of("*?[{\\");
      size_t slash = pattern.rfind('/', wild == std::string::npos ? pattern.size() : wild);
      return slash == 0 ? "/" : pattern.substr(0, slash);
    }
  }
  if (tool == "Glob" || tool == "Grep" || tool == "LS") return input["path"].AsString();
  return input["file_path"].AsString();
}

void AddPaths(std::string_view given, const CallContext& ctx, CallFacts& facts) {
  std::string path = AbsolutePath(given, ctx.cwd);
  facts.shown_path = std::string(given);
  facts.paths.push_back(path);
  if (ctx.real_path && *ctx.real_path) {
    std::string real = (*ctx.real_path)(path);
    if (!real.empty() && real != path) facts.paths.push_back(AbsolutePath(real, "/"));
  }
}

bool ChangesDirectory(const ShellAnalysis& shell) {
  for (const SimpleCommand& c : shell.commands) {
    if (c.words.empty()) continue;
    const std::string& w = c.words[0].text;
    if (c.words[0].dynamic || w == "cd" || w == "pushd" || w == "popd") return true;
  }
  return false;
}

/// Adds a redirection target to `out`: nullopt when its value is unknown; its real path too.
void AddTarget(const ShellRedirect& r, bool moved, const CallContext& ctx,
               std::vector<std::optional<std::string>>& out) {
  const std::string& t = r.target.text;
  if (!r.target.dynamic && (t == "/dev/null" || t == "/dev/stdout" || t == "/dev/stderr" ||
                            t == "/dev/stdin")) {
    return;
  }
  bool unknown = r.target.dynamic || t.empty() || (moved && !t.starts_with('/'));
  if (unknown) {
    out.push_back(std::nullopt);
    return;
  }
  std::string path = AbsolutePath(t, ctx.cwd);
  if (ctx.real_path && *ctx.real_path) {
    std::string real = (*ctx.real_path)(path);
    if (!real.empty() && real != path) out.push_back(AbsolutePath(real, "/"));
  }
  out.push_back(std::move(path));
}

void AddWrites(const CallContext& ctx, CallFacts& facts) {
  bool moved = ChangesDirectory(facts.shell);
  for (const SimpleCommand& c : facts.shell.commands) {
    for (const ShellRedirect& r : c.redirects) {
      if (r.WritesFile()) {
        AddTarget(r, moved, ctx, facts.writes);
      } else if (r.op == "<") {
        AddTarget(r, moved, ctx, facts.reads);
      }
    }
  }
}

}  // namespace

CallFacts DescribeCall(std::string_view tool, const base::Json& input, const CallContext& ctx) {
  CallFacts facts;
  facts.family = FamilyOf(tool);
  switch (facts.family) {
    case ToolFamily::kRead:
    case ToolFamily::kEdit:
      AddPaths(GivenPath(tool, input), ctx, facts);
      break;
    case ToolFamily::kWebFetch:
      facts.host = UrlHost(input["url"].AsString());
      break;
    case ToolFamily::kBash:
      facts.shell = SplitShellCommand(input["command"].AsString());
      AddWrites(ctx, facts);
      break;
    case ToolFamily::kOther:
      break;
  }
  return facts;
}

}  // namespace runner::permissions
