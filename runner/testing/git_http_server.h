#pragma once
/// Test helper: a loopback smart-HTTP git server backed by the real `git http-backend` (run as
/// a CGI from HttpTestServer), serving bare repositories under a root directory, with optional
/// HTTP basic auth (password == token, any user). Also reads the served repositories back with
/// the git CLI, so tests check pushes through a second implementation.
///
/// Fails to Start (with a clear message) when `git` or `git http-backend` cannot be found.

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/result.h"
#include "runner/exec/process.h"
#include "runner/testing/http_test_server.h"

namespace runner::testing {

/// A commit as `git log -1` shows it.
struct GitCommitInfo {
  std::string sha;
  std::string message;  ///< the whole message, trailing newline trimmed
  std::string author_name, author_email;
  std::string committer_name, committer_email;
};

/// Runs the git CLI (isolated from the user's and system's config) in `cwd`; stdout on exit 0,
/// otherwise an error with git's stderr.
base::Result<std::string> RunGit(const std::filesystem::path& cwd, const std::vector<std::string>& args);

class GitHttpServer {
 public:
  /// What the hook installed by RejectPushes(true) prints before declining.
  static constexpr std::string_view kRejectMessage = "pushes are frozen by the test server";

  /// Serves bare repositories `<root>/<name>.git` at url(name). A non-empty `token` is required
  /// as the basic-auth password of every request (401 with WWW-Authenticate otherwise).
  static base::Result<std::unique_ptr<GitHttpServer>> Start(std::filesystem::path root, std::string token);
  ~GitHttpServer();

  /// `http://127.0.0.1:<port>/<name>.git`.
  std::string url(std::string_view name) const;
  /// url(name) with `x-access-token:<token>@` in it, for `git clone` in tests.
  std::string url_with_token(std::string_view name) const;
  std::filesystem::path repo_path(std::string_view name) const;
  int port() const { return http_->port(); }

  /// Creates bare repo `name` with one commit on `branch` (also its HEAD) holding `files`
  /// (path → content). Returns the commit's sha.
  base::Result<std::string> CreateRepo(std::string_view name, std::string_view branch,
                                       const std::map<std::string, std::string>& files);
  /// Adds a commit to `branch` of repo `name` (creating the branch from HEAD when missing),
  /// as another user would push it: writes `files`, commits with `message`. Returns the sha.
  base::Result<std::string> CommitFiles(std::string_view name, std::string_view branch,
                                        const std::map<std::string, std::string>& files,
                                        std::string_view message);
  /// Installs (or removes) a pre-receive hook in every served repo that prints kRejectMessage
  /// and declines the push. Repos created later follow the setting.
  base::Result<void> RejectPushes(bool on);
  /// "METHOD /path?query" for every request so far, in arrival order.
  std::vector<std::string> Requests() const;

  /// Reading the served repos back (git CLI on the bare repo).
  base::Result<GitCommitInfo> Tip(std::string_view name, std::string_view branch) const;
  base::Result<std::string> FileAt(std::string_view name, std::string_view branch, std::string_view path) const;
  base::Result<bool> BranchExists(std::string_view name, std::string_view branch) const;

 private:
  GitHttpServer(std::filesystem::path root, std::string token, std::filesystem::path backend);
  void Handle(const HttpTestRequest& request, HttpTestResponse& response);
  base::Result<void> WriteHook(const std::filesystem::path& repo) const;

  std::filesystem::path root_;
  std::string token_;
  std::filesystem::path backend_;  ///< git-http-backend
  std::unique_ptr<HttpTestServer> http_;
  mutable std::mutex mutex_;
  bool reject_pushes_ = false;
};

}  // namespace runner::testing
