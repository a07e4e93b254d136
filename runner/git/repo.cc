#include "runner/git/repo.h"

#include <algorithm>
#include <set>

#include "runner/git/libgit2.h"

namespace runner::git {

using base::ErrorKind;
using detail::GitFail;

namespace detail {

base::Error LastError(ErrorKind kind, std::string_view what) {
  const git_error* e = git_error_last();
  std::string text = e && e->message ? e->message : "unknown libgit2 error";
  while (!text.empty() && (text.back() == '\n' || text.back() == '.')) text.pop_back();
  return base::Error{kind, "git: " + std::string(what) + ": " + text};
}

std::string OidHex(const git_oid& oid) {
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

base::Result<Commit> LookupCommit(git_repository* repo, std::string_view rev) {
  git_object* obj = nullptr;
  std::string spec(rev);
  if (git_revparse_single(&obj, repo, spec.c_str()) != 0) {
    return GitFail(ErrorKind::kUsage, "cannot resolve '" + spec + "'");
  }
  Object owned(obj);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) != 0) {
    return GitFail(ErrorKind::kUsage, "'" + spec + "' does not name a commit");
  }
  return Commit(reinterpret_cast<git_commit*>(peeled));
}

bool UnderPrefix(std::string_view path, std::string_view prefix) {
  while (prefix.ends_with('/')) prefix.remove_suffix(1);
  if (prefix.empty()) return true;
  return path == prefix || (path.starts_with(prefix) && path.size() > prefix.size() &&
                            path[prefix.size()] == '/');
}

}  // namespace detail

namespace {

using detail::Commit;
using detail::Diff;
using detail::Index;
using detail::OidHex;
using detail::Reference;
using detail::Signature;
using detail::Tree;

Result<Tree> TreeOf(const git_commit* commit) {
  git_tree* tree = nullptr;
  if (git_commit_tree(&tree, commit) != 0) return GitFail(ErrorKind::kIo, "reading a commit's tree");
  return Tree(tree);
}

/// HEAD's commit, or null when the branch is unborn.
Result<Commit> HeadCommitOrNull(git_repository* repo) {
  git_oid oid;
  int rc = git_reference_name_to_id(&oid, repo, "HEAD");
  if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) return Commit();
  if (rc != 0) return GitFail(ErrorKind::kIo, "reading HEAD");
  git_commit* commit = nullptr;
  if (git_commit_lookup(&commit, repo, &oid) != 0) return GitFail(ErrorKind::kIo, "reading HEAD");
  return Commit(commit);
}

Result<Signature> MakeSignature(const Identity& who, std::string_view role) {
  if (who.name.empty() || who.email.empty()) {
    return base::Fail(ErrorKind::kUsage, "git: the commit " + std::string(role) + " needs a name and an email");
  }
  git_signature* sig = nullptr;
  if (git_signature_now(&sig, who.name.c_str(), who.email.c_str()) != 0) {
    return GitFail(ErrorKind::kUsage, "bad " + std::string(role) + " identity");
  }
  return Signature(sig);
}

/// Adds every path a diff touches (old and new sides) to `out`.
void CollectDiffPaths(git_diff* diff, std::set<std::string>& out) {
  for (size_t i = 0, n = git_diff_num_deltas(diff); i < n; ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff, i);
    if (d->old_file.path) out.insert(d->old_file.path);
    if (d->new_file.path) out.insert(d->new_file.path);
  }
}

struct ExcludeFilter {
  const std::vector<std::string>* exclude;
  bool Excluded(std::string_view path) const {
    return std::any_of(exclude->begin(), exclude->end(),
                       [&](const std::string& p) { return detail::UnderPrefix(path, p); });
  }
};

int SkipExcluded(const char* path, const char*, void* payload) {
  return static_cast<ExcludeFilter*>(payload)->Excluded(path) ? 1 : 0;
}

}  // namespace

void Repo::Free::operator()(git_repository* r) const { git_repository_free(r); }
Repo::~Repo() = default;
Repo::Repo(Repo&&) noexcept = default;
Repo& Repo::operator=(Repo&&) noexcept = default;

Result<Repo> Repo::Open(const std::filesystem::path& dir) {
  detail::EnsureInit();
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, dir.c_str(), 0, nullptr) != 0) {
    return GitFail(ErrorKind::kIo, "opening a repository at " + dir.string());
  }
  Repo out(repo);
  if (git_repository_is_bare(repo)) {
    return base::Fail(ErrorKind::kUsage, "git: " + dir.string() + " is a bare repository");
  }
  return out;
}

std::filesystem::path Repo::gitdir() const { return git_repository_path(repo_.get()); }

std::filesystem::path Repo::workdir() const {
  std::string dir = git_repository_workdir(repo_.get());
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir;
}

Result<std::string> Repo::CurrentBranch() const {
  if (git_repository_head_detached(repo_.get()) == 1) return std::string();
  git_reference* head = nullptr;
  if (git_reference_lookup(&head, repo_.get(), "HEAD") != 0) return GitFail(ErrorKind::kIo, "reading HEAD");
  Reference owned(head);
  if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) return std::string();
  std::string target = git_reference_symbolic_target(head);
  constexpr std::string_view kHeads = "refs/heads/";
  return target.starts_with(kHeads) ? target.substr(kHeads.size()) : target;
}

Result<std::string> Repo::HeadSha() const {
  git_oid oid;
  if (git_reference_name_to_id(&oid, repo_.get(), "HEAD") != 0) return GitFail(ErrorKind::kIo, "reading HEAD");
  return OidHex(oid);
}

Result<std::string> Repo::ResolveSha(std::string_view rev) const {
  Commit commit = TRY(detail::LookupCommit(repo_.get(), rev));
  return OidHex(*git_commit_id(commit.get()));
}

Result<std::optional<Repo::File>> Repo::FileAt(std::string_view rev, std::string_view path) const {
  Commit commit = TRY(detail::LookupCommit(repo_.get(), rev));
  git_tree* raw_tree = nullptr;
  if (git_commit_tree(&raw_tree, commit.get()) != 0) return detail::GitFail(base::ErrorKind::kIo, "reading a tree");
  detail::Tree tree(raw_tree);
  git_tree_entry* raw_entry = nullptr;
  std::string p(path);
  int rc = git_tree_entry_bypath(&raw_entry, tree.get(), p.c_str());
  if (rc == GIT_ENOTFOUND) return std::optional<File>();
  if (rc != 0) return detail::GitFail(base::ErrorKind::kIo, "finding " + p);
  detail::TreeEntry entry(raw_entry);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) {
    return base::Fail(base::ErrorKind::kUsage, p + " is not a file at " + std::string(rev));
  }
  git_blob* raw_blob = nullptr;
  if (git_blob_lookup(&raw_blob, repo_.get(), git_tree_entry_id(entry.get())) != 0) {
    return detail::GitFail(base::ErrorKind::kIo, "reading " + p);
  }
  detail::Blob blob(raw_blob);
  File file;
  file.content.assign(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                      static_cast<size_t>(git_blob_rawsize(blob.get())));
  file.mode = static_cast<int>(git_tree_entry_filemode(entry.get()));
  return std::optional<File>(std::move(file));
}

Result<std::string> Repo::TreeSha(std::string_view rev) const {
  Commit commit = TRY(detail::LookupCommit(repo_.get(), rev));
  return OidHex(*git_commit_tree_id(commit.get()));
}

Result<std::string> Repo::RemoteUrl(std::string_view remote) const {
  git_remote* r = nullptr;
  std::string name(remote);
  if (git_remote_lookup(&r, repo_.get(), name.c_str()) != 0) {
    return GitFail(ErrorKind::kUsage, "no remote '" + name + "'");
  }
  detail::Remote owned(r);
  const char* url = git_remote_url(r);
  return std::string(url ? url : "");
}

Result<void> Repo::CreateBranchAndCheckout(std::string_view name, std::string_view start) {
  Commit commit = TRY(detail::LookupCommit(repo_.get(), start));
  std::string branch(name);
  git_reference* ref = nullptr;
  if (git_branch_lookup(&ref, repo_.get(), branch.c_str(), GIT_BRANCH_LOCAL) == 0) {
    git_reference_free(ref);
    return base::Fail(ErrorKind::kUsage, "git: branch '" + branch + "' already exists");
  }
  if (git_branch_create(&ref, repo_.get(), branch.c_str(), commit.get(), 0) != 0) {
    return GitFail(ErrorKind::kUsage, "creating branch '" + branch + "'");
  }
  Reference owned(ref);
  Result<void> done = CheckoutBranch(name);
  if (!done) git_branch_delete(ref);  // leave no half-made branch behind
  return done;
}

Result<void> Repo::CheckoutBranch(std::string_view name) {
  std::string branch(name);
  git_reference* ref = nullptr;
  if (git_branch_lookup(&ref, repo_.get(), branch.c_str(), GIT_BRANCH_LOCAL) != 0) {
    git_reference* remote_ref = nullptr;
    std::string tracking = "origin/" + branch;
    if (git_branch_lookup(&remote_ref, repo_.get(), tracking.c_str(), GIT_BRANCH_REMOTE) != 0) {
      return GitFail(ErrorKind::kUsage, "no branch '" + branch + "' and no '" + tracking + "'");
    }
    Reference owned_remote(remote_ref);
    Commit commit = TRY(detail::LookupCommit(repo_.get(), tracking));
    if (git_branch_create(&ref, repo_.get(), branch.c_str(), commit.get(), 0) != 0) {
      return GitFail(ErrorKind::kIo, "creating branch '" + branch + "'");
    }
    // The upstream is a convenience (git status in the agent's shell); a checkout whose
    // fetch refspec does not cover the branch (a single-branch clone) cannot have one.
    if (git_branch_set_upstream(ref, tracking.c_str()) != 0) git_error_clear();
  } else if (git_branch_is_head(ref) != 1) {
    // A local branch left by an earlier job (self-hosted runners keep workspaces) may be behind
    // the remote: it is moved to origin/<name>, as a fresh checkout would have it.
    std::string tracking = "origin/" + branch;
    if (auto origin = detail::LookupCommit(repo_.get(), tracking); origin) {
      if (!git_oid_equal(git_reference_target(ref), git_commit_id(origin->get()))) {
        git_reference* moved = nullptr;
        if (git_reference_set_target(&moved, ref, git_commit_id(origin->get()), "claude-runner: reset to origin") != 0) {
          git_reference_free(ref);
          return GitFail(ErrorKind::kIo, "moving branch '" + branch + "' to " + tracking);
        }
        git_reference_free(ref);
        ref = moved;
      }
    } else {
      git_error_clear();
    }
  }
  Reference owned(ref);
  Commit commit = TRY(detail::LookupCommit(repo_.get(), git_reference_name(ref)));
  git_checkout_options opts = GIT_CHECKOUT_OPTIONS_INIT;
  opts.checkout_strategy = GIT_CHECKOUT_SAFE;
  if (git_checkout_tree(repo_.get(), reinterpret_cast<const git_object*>(commit.get()), &opts) != 0) {
    return GitFail(ErrorKind::kIo, "checking out '" + branch + "'");
  }
  if (git_repository_set_head(repo_.get(), git_reference_name(ref)) != 0) {
    return GitFail(ErrorKind::kIo, "switching HEAD to '" + branch + "'");
  }
  return {};
}

Result<std::vector<std::string>> Repo::ChangedPaths() const {
  git_status_options opts = GIT_STATUS_OPTIONS_INIT;
  opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
  git_status_list* list = nullptr;
  if (git_status_list_new(&list, repo_.get(), &opts) != 0) return GitFail(ErrorKind::kIo, "reading status");
  detail::Owned<git_status_list, git_status_list_free> owned(list);
  std::set<std::string> paths;
  for (size_t i = 0, n = git_status_list_entrycount(list); i < n; ++i) {
    const git_status_entry* e = git_status_byindex(list, i);
    for (const git_diff_delta* d : {e->head_to_index, e->index_to_workdir}) {
      if (!d) continue;
      if (d->old_file.path) paths.insert(d->old_file.path);
      if (d->new_file.path) paths.insert(d->new_file.path);
    }
  }
  return std::vector<std::string>(paths.begin(), paths.end());
}

Result<std::optional<std::string>> Repo::CommitAll(std::string_view message, const Identity& author,
                                                   const Identity& committer,
                                                   const std::vector<std::string>& exclude) {
  Signature author_sig = TRY(MakeSignature(author, "author"));
  Signature committer_sig = TRY(MakeSignature(committer, "committer"));
  git_index* raw_index = nullptr;
  if (git_repository_index(&raw_index, repo_.get()) != 0) return GitFail(ErrorKind::kIo, "opening the index");
  Index index(raw_index);
  ExcludeFilter filter{&exclude};
  if (git_index_add_all(index.get(), nullptr, GIT_INDEX_ADD_DEFAULT, SkipExcluded, &filter) != 0 ||
      git_index_update_all(index.get(), nullptr, SkipExcluded, &filter) != 0) {
    return GitFail(ErrorKind::kIo, "staging changes");
  }
  Commit head = TRY(HeadCommitOrNull(repo_.get()));
  Tree head_tree;
  if (head) head_tree = TRY(TreeOf(head.get()));
  if (!exclude.empty()) {
    // Unstage excluded paths that were staged before (by the agent's own `git add`).
    git_diff* raw_diff = nullptr;
    if (git_diff_tree_to_index(&raw_diff, repo_.get(), head_tree.get(), index.get(), nullptr) != 0) {
      return GitFail(ErrorKind::kIo, "comparing the index with HEAD");
    }
    Diff diff(raw_diff);
    std::set<std::string> staged;
    CollectDiffPaths(diff.get(), staged);
    for (const std::string& path : staged) {
      if (!filter.Excluded(path)) continue;
      git_tree_entry* entry = nullptr;  // stays null when HEAD lacks the path
      if (head_tree) git_tree_entry_bypath(&entry, head_tree.get(), path.c_str());
      detail::TreeEntry owned_entry(entry);
      int rc = 0;
      if (entry && git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
        git_index_entry ie{};
        ie.path = path.c_str();
        ie.mode = git_tree_entry_filemode(entry);
        ie.id = *git_tree_entry_id(entry);
        rc = git_index_add(index.get(), &ie);
      } else {
        rc = git_index_remove_bypath(index.get(), path.c_str());
      }
      if (rc != 0) return GitFail(ErrorKind::kIo, "unstaging " + path);
    }
  }
  if (git_index_write(index.get()) != 0) return GitFail(ErrorKind::kIo, "writing the index");
  git_oid tree_oid;
  if (git_index_write_tree(&tree_oid, index.get()) != 0) return GitFail(ErrorKind::kIo, "writing the tree");
  if (head_tree && git_oid_equal(&tree_oid, git_tree_id(head_tree.get()))) return std::nullopt;
  git_tree* raw_tree = nullptr;
  if (git_tree_lookup(&raw_tree, repo_.get(), &tree_oid) != 0) return GitFail(ErrorKind::kIo, "reading the tree");
  Tree tree(raw_tree);
  detail::Buf clean;
  std::string text(message);
  if (git_message_prettify(&clean.buf, text.c_str(), 0, '#') != 0) return GitFail(ErrorKind::kUsage, "bad commit message");
  if (clean.str().empty()) return base::Fail(ErrorKind::kUsage, "git: empty commit message");
  const git_commit* parents[] = {head.get()};
  git_oid commit_oid;
  if (git_commit_create(&commit_oid, repo_.get(), "HEAD", author_sig.get(), committer_sig.get(), nullptr,
                        clean.str().c_str(), tree.get(), head ? 1 : 0, parents) != 0) {
    return GitFail(ErrorKind::kIo, "committing");
  }
  return OidHex(commit_oid);
}

namespace {

/// Every commit reachable from `from` that is present, skipping `stop`; a missing parent (the
/// boundary of a shallow clone) ends that path.
std::vector<git_oid> PresentAncestors(git_repository* repo, const git_oid& from, const std::set<std::string>& stop) {
  std::vector<git_oid> out;
  std::vector<git_oid> todo = {from};
  std::set<std::string> seen;
  while (!todo.empty()) {
    git_oid oid = todo.back();
    todo.pop_back();
    std::string hex = OidHex(oid);
    if (stop.count(hex) || !seen.insert(hex).second) continue;
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo, &oid) != 0) {
      git_error_clear();
      continue;
    }
    Commit commit(raw);
    out.push_back(oid);
    for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i) todo.push_back(*git_commit_parent_id(commit.get(), i));
  }
  return out;
}

/// Commits reachable from `head` and not from `base` (base..head). libgit2's revwalk does it,
/// except in a shallow clone (actions/checkout's default): libgit2 1.5 has no shallow support
/// and fails on the missing parents, so there the walk is done by hand over present commits.
Result<std::vector<git_oid>> CommitsOnTop(git_repository* repo, const git_oid& base, const git_oid& head) {
  git_revwalk* raw_walk = nullptr;
  if (git_revwalk_new(&raw_walk, repo) != 0) return GitFail(ErrorKind::kIo, "walking history");
  detail::Owned<git_revwalk, git_revwalk_free> walk(raw_walk);
  std::vector<git_oid> out;
  int rc = git_revwalk_push(walk.get(), &head);
  if (rc == 0) rc = git_revwalk_hide(walk.get(), &base);
  git_oid oid;
  while (rc == 0 && (rc = git_revwalk_next(&oid, walk.get())) == 0) out.push_back(oid);
  if (rc == GIT_ITEROVER) return out;
  if (git_repository_is_shallow(repo) != 1) return GitFail(ErrorKind::kIo, "walking history");
  git_error_clear();
  std::set<std::string> below_base;
  for (const git_oid& o : PresentAncestors(repo, base, {})) below_base.insert(OidHex(o));
  return PresentAncestors(repo, head, below_base);
}

}  // namespace

Result<int> Repo::CommitsAhead(std::string_view base, std::string_view head) const {
  Commit base_commit = TRY(detail::LookupCommit(repo_.get(), base));
  Commit head_commit = TRY(detail::LookupCommit(repo_.get(), head));
  auto commits = TRY(CommitsOnTop(repo_.get(), *git_commit_id(base_commit.get()), *git_commit_id(head_commit.get())));
  return static_cast<int>(commits.size());
}

Result<std::vector<std::string>> Repo::PathsChangedBetween(std::string_view base,
                                                           std::string_view head) const {
  Commit base_commit = TRY(detail::LookupCommit(repo_.get(), base));
  Commit head_commit = TRY(detail::LookupCommit(repo_.get(), head));
  auto commits = TRY(CommitsOnTop(repo_.get(), *git_commit_id(base_commit.get()), *git_commit_id(head_commit.get())));
  std::set<std::string> paths;
  for (const git_oid& oid : commits) {
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo_.get(), &oid) != 0) return GitFail(ErrorKind::kIo, "reading a commit");
    Commit commit(raw);
    Tree tree = TRY(TreeOf(commit.get()));
    Tree parent_tree;
    if (git_commit_parentcount(commit.get()) > 0) {
      git_commit* parent = nullptr;
      if (git_commit_parent(&parent, commit.get(), 0) == 0) {
        Commit owned_parent(parent);
        parent_tree = TRY(TreeOf(parent));
      } else {
        git_error_clear();
      }
    }
    git_diff* raw_diff = nullptr;
    if (git_diff_tree_to_tree(&raw_diff, repo_.get(), parent_tree.get(), tree.get(), nullptr) != 0) {
      return GitFail(ErrorKind::kIo, "diffing " + OidHex(oid));
    }
    Diff diff(raw_diff);
    CollectDiffPaths(diff.get(), paths);
  }
  return std::vector<std::string>(paths.begin(), paths.end());
}

Result<std::vector<Repo::Delta>> Repo::DiffTrees(std::string_view base, std::string_view head) const {
  Commit base_commit = TRY(detail::LookupCommit(repo_.get(), base));
  Commit head_commit = TRY(detail::LookupCommit(repo_.get(), head));
  Tree base_tree = TRY(TreeOf(base_commit.get()));
  Tree head_tree = TRY(TreeOf(head_commit.get()));
  git_diff* raw_diff = nullptr;
  if (git_diff_tree_to_tree(&raw_diff, repo_.get(), base_tree.get(), head_tree.get(), nullptr) != 0) {
    return GitFail(ErrorKind::kIo, "diffing " + std::string(base) + ".." + std::string(head));
  }
  Diff diff(raw_diff);
  std::vector<Delta> out;
  for (size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
    Delta delta;
    bool deleted = d->status == GIT_DELTA_DELETED;
    delta.path = deleted ? d->old_file.path : d->new_file.path;
    delta.old_mode = d->status == GIT_DELTA_ADDED ? 0 : static_cast<int>(d->old_file.mode);
    delta.new_mode = deleted ? 0 : static_cast<int>(d->new_file.mode);
    if (!deleted) delta.new_sha = OidHex(d->new_file.id);
    out.push_back(std::move(delta));
  }
  return out;
}

Result<bool> Repo::Descends(std::string_view head, std::string_view base) const {
  Commit head_commit = TRY(detail::LookupCommit(repo_.get(), head));
  Commit base_commit = TRY(detail::LookupCommit(repo_.get(), base));
  if (git_oid_equal(git_commit_id(head_commit.get()), git_commit_id(base_commit.get()))) return true;
  int rc = git_graph_descendant_of(repo_.get(), git_commit_id(head_commit.get()), git_commit_id(base_commit.get()));
  if (rc < 0) {
    git_error_clear();  // a shallow history that ends first: not known to descend
    return false;
  }
  return rc == 1;
}

}  // namespace runner::git
