#pragma once
/// The git module owns every git operation the runner performs, through libgit2 (never the git
/// CLI): opening the checkout, branches, status, commits, and fetch/push over HTTP(S) with an
/// in-memory token. The token is handed to libgit2 by a credential callback only: it is never
/// written to .git/config or into a remote URL.
///
/// Errors are one line and end with libgit2's own text. Kinds: kUsage for bad arguments (an
/// unknown rev, a branch that already exists, a path outside the work tree), kIo for local
/// repository failures (including a checkout that would overwrite changes), kNetwork for
/// transport failures and timeouts, kAuth when the server refuses the credentials (the callback
/// gives up after the first rejection, so a wrong token fails at once instead of looping), kApi
/// when the server answers a push with a rejection (non-fast-forward, hook declined).
///
/// Remotes are HTTP(S) URLs (or local paths); SSH remotes are refused with kUsage. Proxies come
/// from http.proxy or the http(s)_proxy / no_proxy environment. Network I/O has timeouts
/// (libgit2 1.5 has no option for them; see SetNetworkTimeouts).

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/result.h"

struct git_repository;

namespace runner::git {

using base::Result;

struct Identity {
  std::string name;
  std::string email;
};

/// HTTP basic credentials for a remote. An empty token means no credentials: a server that
/// asks for them gets none and the operation fails with kAuth.
struct RemoteAuth {
  std::string username = "x-access-token";
  std::string token;
  /// When set and cancelled, a transfer in progress stops at its next progress report
  /// (kInterrupted), so a cancelled job is not held up by a large fetch.
  base::CancelToken* cancel = nullptr;
};

/// Process-wide network timeouts for every libgit2 connection (plain sockets and the TLS
/// streams built on them): `connect` bounds establishing the TCP connection, `idle` bounds
/// each read or write that makes no progress. Defaults: 60 s each. Thread-safe.
void SetNetworkTimeouts(std::chrono::milliseconds connect, std::chrono::milliseconds idle);

/// A git repository with a work tree. Move-only; frees the libgit2 handle on destruction.
/// Not thread-safe: one Repo per thread.
class Repo {
 public:
  /// Opens the repository containing `dir` (searching upward, like git itself).
  static Result<Repo> Open(const std::filesystem::path& dir);
  ~Repo();
  Repo(Repo&&) noexcept;
  Repo& operator=(Repo&&) noexcept;
  Repo(const Repo&) = delete;
  Repo& operator=(const Repo&) = delete;

  /// The work tree's root (no trailing slash).
  std::filesystem::path workdir() const;
  /// The repository's git directory (`.git`, or what a `.git` file points to).
  std::filesystem::path gitdir() const;
  /// Short branch name; empty when HEAD is detached. An unborn branch (no commit yet) is named.
  Result<std::string> CurrentBranch() const;
  Result<std::string> HeadSha() const;
  /// The commit `rev` names ("origin/main", "HEAD~1", a full or short sha, a tag).
  Result<std::string> ResolveSha(std::string_view rev) const;
  Result<std::string> RemoteUrl(std::string_view remote = "origin") const;

  /// Fetches `refspecs` (e.g. "+refs/heads/main:refs/remotes/origin/main") from `remote`, a
  /// configured remote's name or a URL.
  Result<void> Fetch(std::string_view remote, const std::vector<std::string>& refspecs,
                     const RemoteAuth& auth);
  /// Whether refs/heads/<branch> exists on the remote (git ls-remote).
  Result<bool> RemoteBranchExists(std::string_view remote, std::string_view branch,
                                  const RemoteAuth& auth);

  /// Creates local branch `name` at the commit `start` names and checks it out. The checkout
  /// is safe: work tree changes are kept when the switch does not touch them, and it fails
  /// (kIo, the branch is not created) when it would overwrite them. kUsage if `name` exists.
  Result<void> CreateBranchAndCheckout(std::string_view name, std::string_view start);
  /// Checks out the local branch `name`, first creating it from origin/<name> (with that as
  /// its upstream) when there is no local branch; an existing local branch that is not checked
  /// out is first moved to origin/<name> (a stale copy from an earlier job). Safe checkout as
  /// above.
  Result<void> CheckoutBranch(std::string_view name);

  /// Paths (relative, '/'-separated, sorted) that differ between HEAD and the index or the
  /// work tree, including untracked files (not ignored ones) and deletions.
  Result<std::vector<std::string>> ChangedPaths() const;
  /// Stages everything like `git add -A` (new, modified and deleted files) except paths under
  /// any `exclude` prefix (".github/workflows/" or "CLAUDE.md": a path matches when it equals
  /// the prefix or lies below it); changes to excluded paths already staged are unstaged. Then
  /// commits on HEAD. Returns the new commit's sha, or nullopt when nothing is left to commit.
  /// The message is cleaned like git's (trailing blank lines dropped, one final newline).
  Result<std::optional<std::string>> CommitAll(std::string_view message, const Identity& author,
                                               const Identity& committer,
                                               const std::vector<std::string>& exclude = {});
  /// Commits reachable from `head` but not from `base` (git rev-list --count base..head).
  Result<int> CommitsAhead(std::string_view base, std::string_view head) const;
  /// Sorted paths touched by any commit in base..head (each commit against its first parent),
  /// to refuse pushing workflow files.
  Result<std::vector<std::string>> PathsChangedBetween(std::string_view base,
                                                       std::string_view head) const;

  /// A file of commit `rev`: its bytes and git mode (0100644, 0100755, 0120000 for a symlink,
  /// whose content is the link's target); nullopt when `rev` has no such file. kUsage for a
  /// submodule or directory.
  struct File {
    std::string content;
    int mode = 0100644;
  };
  Result<std::optional<File>> FileAt(std::string_view rev, std::string_view path) const;
  /// The sha of commit `rev`'s root tree.
  Result<std::string> TreeSha(std::string_view rev) const;
  /// One entry of the net difference between two commits' trees (no rename detection; a file
  /// that became a directory is a deletion and additions).
  struct Delta {
    std::string path;
    int old_mode = 0;     ///< 0 when added
    int new_mode = 0;     ///< 0 when deleted
    std::string new_sha;  ///< the new blob (or, for a submodule, commit); empty when deleted
  };
  Result<std::vector<Delta>> DiffTrees(std::string_view base, std::string_view head) const;
  /// Whether commit `head` is `base` or descends from it.
  Result<bool> Descends(std::string_view head, std::string_view base) const;

  /// Pushes local `branch` to refs/heads/<remote_branch> on `remote` (no force). A rejection
  /// names the server's reason and any "remote:" text it sent (a hook's message).
  Result<void> Push(std::string_view remote, std::string_view branch,
                    std::string_view remote_branch, const RemoteAuth& auth);
  Result<void> DeleteRemoteBranch(std::string_view remote, std::string_view branch,
                                  const RemoteAuth& auth);

  /// Replaces each of `paths` (files or directories, relative to the work tree) in the work
  /// tree with its content at `rev`, deleting it when it does not exist there (a directory is
  /// replaced whole: files below it that `rev` lacks are deleted). The index is not touched, so
  /// the restored content shows as unstaged changes against HEAD, as after
  /// `git checkout rev -- p && git reset -- p`. kUsage for absolute paths or paths with "..".
  Result<void> RestorePathsFrom(std::string_view rev, const std::vector<std::string>& paths);
  /// Deletes every entry of the repository's own config (.git/config, not global or system)
  /// whose name matches `name_regex` (POSIX extended, case-insensitive names as git lowercases
  /// them), e.g. `^http\..*\.extraheader$`. Returns how many names were removed.
  Result<int> RemoveLocalConfig(std::string_view name_regex);

 private:
  struct Free {
    void operator()(git_repository* r) const;
  };
  explicit Repo(git_repository* repo) : repo_(repo) {}
  std::unique_ptr<git_repository, Free> repo_;
};

}  // namespace runner::git
