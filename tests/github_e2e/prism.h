#pragma once
/// Prism (@stoplight/prism-cli) mocking GitHub's official OpenAPI description
/// (@octokit/openapi `generated/api.github.com.json`), behind a recording proxy: every request
/// the runner makes is validated against GitHub's description (an invalid one answers 422, and
/// Prism's `sl-violations` header, recorded in Exchange::violations, names the violation), and
/// the test can read back each exchange.
///
/// Prism takes about 16 s and 340 MB to start, so start one per test binary: Shared() starts it
/// on first use and keeps it until the process exits (register such a binary as ONE ctest test,
/// not with gtest_discover_tests, which runs every case in its own process). Prism is stateless:
/// it answers each operation with the description's example, so it proves request shapes, not
/// flows (FakeGithub does flows).
///
/// Requests must carry `Accept: application/vnd.github+json, application/json` (or */*, or no
/// Accept): Prism answers `application/vnd.github+json` alone with 406.

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "runner/base/http.h"
#include "runner/base/result.h"
#include "runner/testing/http_test_server.h"

namespace github_e2e {

class PrismGithub {
 public:
  /// Starts `node_modules/.bin/prism mock` on a free loopback port with the description from
  /// `node_modules/@octokit/openapi`, waits until it answers HTTP (at most 120 s), then starts
  /// the proxy. Errors: kIo when the packages are missing (the message names `./build.sh test`
  /// and `npm ci` in tests/github), when Prism exits or does not answer in time (the message
  /// ends with Prism's log tail).
  static runner::base::Result<std::unique_ptr<PrismGithub>> Start(
      const std::filesystem::path& node_modules_dir = DefaultNodeModules());
  /// The process-wide instance, started on the first call; a failed start is remembered and
  /// returned again. Stopped at exit (the child also gets SIGKILL if this process dies).
  static runner::base::Result<PrismGithub*> Shared();
  /// tests/github/node_modules of the source tree.
  static std::filesystem::path DefaultNodeModules();

  ~PrismGithub();  ///< stops the proxy, then TERM → KILL → waitpid on Prism's process group
  PrismGithub(const PrismGithub&) = delete;
  PrismGithub& operator=(const PrismGithub&) = delete;

  /// The recording proxy's base url (`http://127.0.0.1:PORT`): use it as GITHUB_API_URL.
  std::string url() const { return proxy_->url(); }
  /// Prism's own base url (not recorded).
  std::string prism_url() const;

  /// One request through the proxy and Prism's answer to it.
  struct Exchange {
    std::string method, target, request_body;
    int status = 0;             ///< Prism's status; 502 when Prism could not be reached
    std::string response_body;  ///< Prism's mock body (for 422, the description's example)
    /// Prism's `sl-violations` header: a JSON array of `{location, severity, code, message}`
    /// naming what the request broke (`Request body must have required property
    /// 'commit_id'`). It also lists "response" violations: GitHub's own examples that break
    /// GitHub's own schemas, which say nothing about the request. Empty when there is none.
    std::string violations;
    /// The messages of the violations located in the request (empty = a valid request).
    std::vector<std::string> RequestViolations() const;
  };
  /// Every exchange since the start or the last ClearExchanges(), in arrival order.
  std::vector<Exchange> exchanges() const;
  void ClearExchanges();
  /// Rewrites the body the runner receives (the recorded exchange keeps Prism's): for flows
  /// that GitHub's example answers cannot carry (its pull request files example has a patch
  /// without a single diff line, so no line can take an inline comment). The request is still
  /// validated by Prism. An empty function (the default) passes answers unchanged.
  using AnswerEdit = std::function<void(const Exchange& exchange, std::string& body)>;
  void SetAnswerEdit(AnswerEdit edit);
  /// Prism's output so far (its log names each request and every violation).
  std::string log() const;
  /// How long Prism took to answer its first request, in ms.
  int64_t startup_ms() const { return startup_ms_; }

 private:
  PrismGithub(pid_t pid, int port, std::filesystem::path log)
      : pid_(pid), port_(port), log_(std::move(log)) {}
  void Forward(const runner::testing::HttpTestRequest& request,
               runner::testing::HttpTestResponse& response);

  pid_t pid_;
  int port_;
  std::filesystem::path log_;
  int64_t startup_ms_ = 0;
  std::unique_ptr<runner::base::HttpClient> client_;
  std::unique_ptr<runner::testing::HttpTestServer> proxy_;
  mutable std::mutex mutex_;  // guards exchanges_
  std::vector<Exchange> exchanges_;
  AnswerEdit answer_edit_;  // guarded by mutex_
};

}  // namespace github_e2e
