#include "runner/tools/ls_tool.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <deque>
#include <memory>

#include "runner/tools/ignore_rules.h"
#include "runner/tools/schema.h"
#include "runner/tools/search_paths.h"

namespace runner::tools {
namespace {

struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};

struct Child {
  std::string name;
  bool is_dir = false;
};

/// The entries of `dir`, sorted by name, and which ignore files it holds.
std::vector<Child> ReadChildren(const std::string& dir, IgnoreMarkers& markers) {
  std::vector<Child> children;
  std::unique_ptr<DIR, DirCloser> handle(::opendir(dir.c_str()));
  if (!handle) return children;
  while (struct dirent* d = ::readdir(handle.get())) {
    std::string_view name = d->d_name;
    if (name == "." || name == "..") continue;
    markers.Note(name);
    bool is_dir = d->d_type == DT_DIR;
    if (d->d_type == DT_UNKNOWN) {
      struct stat st {};
      is_dir = ::fstatat(::dirfd(handle.get()), d->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
               S_ISDIR(st.st_mode);
    }
    children.push_back(Child{std::string(name), is_dir});
  }
  std::sort(children.begin(), children.end(),
            [](const Child& a, const Child& b) { return a.name < b.name; });
  return children;
}

struct Listing {
  std::vector<std::string> paths;  ///< relative; directories end with `/`
  bool truncated = false;
  bool cancelled = false;
};

std::string JoinPath(std::string_view dir, std::string_view name) {
  std::string path(dir);
  if (!path.ends_with('/')) path += '/';
  return path.append(name);
}

/// Breadth-first, stopping once more than kLsMaxEntries entries are found.
Listing ListTree(const std::string& root, const IgnoreRules& ignore, base::CancelToken* cancel) {
  struct Pending {
    std::string rel;  ///< "" for the root, else `dir/`
    std::shared_ptr<const IgnoreStack> ignores;
  };
  Listing listing;
  std::deque<Pending> queue{{"", IgnoreStack::ForRoot(root)}};
  while (!queue.empty() && listing.paths.size() <= kLsMaxEntries) {
    if (cancel != nullptr && cancel->cancelled()) {
      listing.cancelled = true;
      return listing;
    }
    Pending dir = std::move(queue.front());
    queue.pop_front();
    std::string abs_dir =
        dir.rel.empty() ? root : JoinPath(root, dir.rel.substr(0, dir.rel.size() - 1));
    IgnoreMarkers markers;
    std::vector<Child> children = ReadChildren(abs_dir, markers);
    auto ignores =
        dir.rel.empty() ? dir.ignores : IgnoreStack::ForChild(dir.ignores, abs_dir, markers);
    for (const Child& child : children) {
      if (IsHiddenName(child.name) || child.name == "__pycache__") continue;
      std::string rel = dir.rel + child.name;
      if (ignore.Match(rel, child.is_dir) == IgnoreMatch::kIgnore) continue;
      if (ignores &&
          ignores->Match(JoinPath(abs_dir, child.name), child.is_dir) == IgnoreMatch::kIgnore) {
        continue;
      }
      listing.paths.push_back(child.is_dir ? rel + "/" : rel);
      if (child.is_dir) queue.push_back({rel + "/", ignores});
      if (listing.paths.size() > kLsMaxEntries) break;
    }
  }
  listing.truncated = listing.paths.size() > kLsMaxEntries;
  if (listing.truncated) listing.paths.resize(kLsMaxEntries);
  return listing;
}

/// `- root/` and then one indented `- name` line per entry. Sorted paths keep every directory
/// right before its contents.
std::string RenderTree(const std::string& root, std::vector<std::string> paths) {
  std::sort(paths.begin(), paths.end());
  std::string out = "- " + root + (root.ends_with('/') ? "" : "/") + "\n";
  for (const std::string& path : paths) {
    std::string_view p = path;
    bool is_dir = p.ends_with('/');
    if (is_dir) p.remove_suffix(1);
    size_t depth = std::count(p.begin(), p.end(), '/');
    size_t slash = p.rfind('/');
    std::string_view name = slash == std::string_view::npos ? p : p.substr(slash + 1);
    out +=
        std::string(2 * (depth + 1), ' ') + "- " + std::string(name) + (is_dir ? "/" : "") + "\n";
  }
  out.pop_back();
  return out;
}

/// The `ignore` globs as rules, or the message for the model.
std::expected<IgnoreRules, std::string> IgnorePatterns(const Json& ignore) {
  IgnoreRules rules;
  if (ignore.is_null()) return rules;
  auto invalid = [](std::string_view what) {
    return "InputValidationError: LS failed due to the following issue:\nThe parameter "
           "`ignore` type is expected as `array` of `string` but provided as " +
           std::string(what);
  };
  if (!ignore.is_array()) return std::unexpected(invalid("`" + ignore.Dump() + "`"));
  for (const Json& pattern : ignore.items()) {
    if (!pattern.is_string()) return std::unexpected(invalid("an item `" + pattern.Dump() + "`"));
    std::string_view body = pattern.AsString();
    while (body.ends_with('/') || body.starts_with('/')) {
      body = body.ends_with('/') ? body.substr(0, body.size() - 1) : body.substr(1);
    }
    if (auto glob = GlobPattern::Compile(body); !glob) return std::unexpected(glob.error().message);
    rules.AddLine(pattern.AsString());
  }
  return rules;
}

}  // namespace

std::string LsTool::description() const {
  return "List the files and directories below a directory, as an indented tree.\n"
         "- `path` is the directory to list (absolute).\n"
         "- Hidden entries, __pycache__ and files excluded by .gitignore (inside a git "
         "repository), .ignore or .rgignore are left out; `ignore` adds glob patterns to leave "
         "out (gitignore syntax, e.g. \"*.log\", \"build/\").\n"
         "- At most 1000 entries, shallowest first. When you know what you are looking for, "
         "Glob and Grep are better choices.";
}

Json LsTool::input_schema() const {
  Json schema = ObjectSchema({{"path", "string", "Absolute path of the directory to list"},
                              {"ignore", "array", "Glob patterns of entries to leave out"}},
                             {"path"});
  schema.Slot("properties").Slot("ignore").Set("items", base::JsonObject({{"type", "string"}}));
  return schema;
}

ToolResult LsTool::Run(const Json& input, ToolContext& ctx) {
  if (auto error = ValidateInput(name(), input_schema(), input)) return ToolResult::Error(*error);
  auto ignore = IgnorePatterns(input["ignore"]);
  if (!ignore) return ToolResult::Error(ignore.error());
  const std::string& given = input["path"].AsString();
  std::string root = ResolveSearchPath(input["path"], ctx).string();
  struct stat st {};
  if (::stat(root.c_str(), &st) != 0) {
    return ToolResult::Error(MissingPathMessage("Directory", given, ctx));
  }
  if (!S_ISDIR(st.st_mode)) return ToolResult::Error("Path is not a directory: " + given);
  Listing listing = ListTree(root, *ignore, ctx.cancel);
  if (listing.cancelled) return ToolResult::Error("LS was cancelled");
  std::string tree = RenderTree(root, std::move(listing.paths));
  ToolResult result;
  result.content = listing.truncated
                       ? fmt::format(
                             "There are more than {0} files and directories below {1}. "
                             "The first {0}, shallowest first, are listed below; pass a "
                             "deeper path to LS, or use Glob or Grep, to see the "
                             "rest.\n\n{2}",
                             kLsMaxEntries, root, tree)
                       : tree;
  return result;
}

}  // namespace runner::tools
