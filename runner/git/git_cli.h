#pragma once
/// The one thing libgit2 1.5 cannot do: push from a shallow clone (actions/checkout's default,
/// fetch-depth 1). libgit2 gained shallow support in 1.7; until Debian ships it, such a push goes
/// through the git command line. The token reaches git through a credential helper that reads an
/// environment variable of that one child process, never a file or the command line.

#include <filesystem>
#include <string>
#include <string_view>

#include "runner/base/result.h"
#include "runner/git/repo.h"

namespace runner::git::detail {

/// `git push <url> <refspec>` in `workdir`, without prompts, with a time limit. A refusal is a
/// kApi error naming git's reason; a missing git is kIo.
base::Result<void> PushWithGitCli(const std::filesystem::path& workdir, const std::string& url,
                                  const std::string& refspec, const RemoteAuth& auth,
                                  std::string_view what);

}  // namespace runner::git::detail
