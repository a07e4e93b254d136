// Repo::RestorePathsFrom: writes paths of another commit's tree into the work tree, leaving the
// index alone.

#include <set>
#include <sys/stat.h>

#include <fstream>

#include "runner/git/libgit2.h"
#include "runner/git/repo.h"

namespace runner::git {

using base::ErrorKind;
using detail::GitFail;
namespace fs = std::filesystem;

namespace {

bool SafeRelative(std::string_view path) {
  if (path.empty() || path.starts_with('/')) return false;
  for (const auto& part : fs::path(path)) {
    if (part == "..") return false;
  }
  return true;
}

/// Writes one blob to `dest` (`rel` is its path in the tree, for attribute filters).
Result<void> WriteBlob(git_repository* repo, const git_tree_entry* entry, const std::string& rel,
                       const fs::path& dest) {
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repo, git_tree_entry_id(entry)) != 0) return GitFail(ErrorKind::kIo, "reading " + rel);
  detail::Blob blob(raw);
  std::error_code ec;
  fs::create_directories(dest.parent_path(), ec);
  git_filemode_t mode = git_tree_entry_filemode(entry);
  if (mode == GIT_FILEMODE_LINK) {
    std::string target(static_cast<const char*>(git_blob_rawcontent(raw)), git_blob_rawsize(raw));
    fs::create_symlink(target, dest, ec);
    if (ec) return base::Fail(ErrorKind::kIo, "git: writing " + rel + ": " + ec.message());
    return {};
  }
  detail::Buf content;
  git_blob_filter_options opts = GIT_BLOB_FILTER_OPTIONS_INIT;
  if (git_blob_filter(&content.buf, raw, rel.c_str(), &opts) != 0) return GitFail(ErrorKind::kIo, "filtering " + rel);
  {
    std::ofstream out(dest, std::ios::binary | std::ios::trunc);
    out.write(content.buf.ptr, static_cast<std::streamsize>(content.buf.size));
    if (!out) return base::Fail(ErrorKind::kIo, "git: writing " + rel + " failed");
  }
  ::chmod(dest.c_str(), mode == GIT_FILEMODE_BLOB_EXECUTABLE ? 0755 : 0644);
  return {};
}

struct WalkState {
  git_repository* repo;
  std::string base;  ///< the restored directory's path in the tree
  fs::path dest;     ///< where it goes
  Result<void> result;
};

int WriteTreeEntry(const char* root, const git_tree_entry* entry, void* payload) {
  auto* state = static_cast<WalkState*>(payload);
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return 0;  // trees recurse; submodules skipped
  std::string inner = std::string(root) + git_tree_entry_name(entry);
  state->result = WriteBlob(state->repo, entry, state->base + "/" + inner, state->dest / inner);
  return state->result ? 0 : -1;
}

}  // namespace

Result<void> Repo::RestorePathsFrom(std::string_view rev, const std::vector<std::string>& paths) {
  detail::Commit commit = TRY(detail::LookupCommit(repo_.get(), rev));
  git_tree* raw_tree = nullptr;
  if (git_commit_tree(&raw_tree, commit.get()) != 0) return GitFail(ErrorKind::kIo, "reading " + std::string(rev));
  detail::Tree tree(raw_tree);
  fs::path root = workdir();
  for (std::string path : paths) {
    while (path.size() > 1 && path.ends_with('/')) path.pop_back();
    if (!SafeRelative(path)) {
      return base::Fail(ErrorKind::kUsage, "git: cannot restore '" + path + "': not a relative path in the work tree");
    }
    fs::path dest = root / path;
    std::error_code ec;
    fs::remove_all(dest, ec);
    if (ec) return base::Fail(ErrorKind::kIo, "git: removing " + path + ": " + ec.message());
    git_tree_entry* raw_entry = nullptr;
    if (git_tree_entry_bypath(&raw_entry, tree.get(), path.c_str()) != 0) continue;  // absent at rev
    detail::TreeEntry entry(raw_entry);
    if (git_tree_entry_type(raw_entry) == GIT_OBJECT_BLOB) {
      TRY_VOID(WriteBlob(repo_.get(), raw_entry, path, dest));
      continue;
    }
    if (git_tree_entry_type(raw_entry) != GIT_OBJECT_TREE) continue;
    git_object* raw_sub = nullptr;
    if (git_tree_entry_to_object(&raw_sub, repo_.get(), raw_entry) != 0) return GitFail(ErrorKind::kIo, "reading " + path);
    detail::Object sub(raw_sub);
    fs::create_directories(dest, ec);
    WalkState state{repo_.get(), path, dest, {}};
    if (git_tree_walk(reinterpret_cast<git_tree*>(raw_sub), GIT_TREEWALK_PRE, WriteTreeEntry, &state) != 0) {
      if (!state.result) return state.result;
      return GitFail(ErrorKind::kIo, "restoring " + path);
    }
  }
  return {};
}

Result<int> Repo::RemoveLocalConfig(std::string_view name_regex) {
  git_config* raw_all = nullptr;
  if (git_repository_config(&raw_all, repo_.get()) != 0) return GitFail(ErrorKind::kIo, "reading the config");
  detail::Owned<git_config, git_config_free> all(raw_all);
  git_config* raw_local = nullptr;
  if (git_config_open_level(&raw_local, all.get(), GIT_CONFIG_LEVEL_LOCAL) != 0) {
    git_error_clear();
    return 0;  // no local config file
  }
  detail::Owned<git_config, git_config_free> local(raw_local);
  std::set<std::string> names;
  std::string pattern(name_regex);
  git_config_foreach_match(
      local.get(), pattern.c_str(),
      [](const git_config_entry* e, void* payload) {
        static_cast<std::set<std::string>*>(payload)->insert(e->name);
        return 0;
      },
      &names);
  for (const std::string& name : names) {
    if (git_config_delete_multivar(local.get(), name.c_str(), ".*") != 0) {
      return GitFail(ErrorKind::kIo, "removing " + name + " from the config");
    }
  }
  return static_cast<int>(names.size());
}

}  // namespace runner::git
