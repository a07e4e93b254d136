#pragma once
/// Internal to runner/git: libgit2 setup, owning pointers for its handles, and errors that
/// carry libgit2's last message.

#include <git2.h>

#include <memory>
#include <string>
#include <string_view>

#include "runner/base/result.h"

namespace runner::git::detail {

/// git_libgit2_init once per process (and the timeout-aware socket stream); thread-safe.
void EnsureInit();

/// An error of `kind`: "git: <what>: <libgit2's last error text>".
base::Error LastError(base::ErrorKind kind, std::string_view what);
inline std::unexpected<base::Error> GitFail(base::ErrorKind kind, std::string_view what) {
  return std::unexpected(LastError(kind, what));
}

/// Owns a libgit2 handle: Owned<git_tree, git_tree_free>.
template <auto FreeFn>
struct FreeWith {
  template <class T>
  void operator()(T* p) const {
    FreeFn(p);
  }
};
template <class T, auto FreeFn>
using Owned = std::unique_ptr<T, FreeWith<FreeFn>>;

using Object = Owned<git_object, git_object_free>;
using Commit = Owned<git_commit, git_commit_free>;
using Tree = Owned<git_tree, git_tree_free>;
using Reference = Owned<git_reference, git_reference_free>;
using Remote = Owned<git_remote, git_remote_free>;
using Index = Owned<git_index, git_index_free>;
using Signature = Owned<git_signature, git_signature_free>;
using Diff = Owned<git_diff, git_diff_free>;
using Blob = Owned<git_blob, git_blob_free>;
using TreeEntry = Owned<git_tree_entry, git_tree_entry_free>;

/// A git_buf freed at scope end.
struct Buf {
  git_buf buf = GIT_BUF_INIT;
  ~Buf() { git_buf_dispose(&buf); }
  std::string str() const { return std::string(buf.ptr ? buf.ptr : "", buf.size); }
};

std::string OidHex(const git_oid& oid);

/// The commit `rev` names (peeled through tags); kUsage when it names none.
base::Result<Commit> LookupCommit(git_repository* repo, std::string_view rev);

/// Whether `path` equals `prefix` or lies below it ("a/b" is below "a" and "a/").
bool UnderPrefix(std::string_view path, std::string_view prefix);

}  // namespace runner::git::detail
