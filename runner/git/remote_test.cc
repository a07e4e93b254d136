// Repo's network operations against the real `git http-backend` (testing::GitHttpServer).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "runner/base/clock.h"
#include "runner/base/files.h"
#include "runner/git/repo.h"
#include "runner/testing/git_http_server.h"
#include "runner/testing/http_test_server.h"
#include "runner/testing/scratch_tree.h"

namespace runner::git {
namespace {

namespace fs = std::filesystem;
using testing::GitHttpServer;
using testing::RunGit;

constexpr const char* kToken = "ghs_test-token-0123456789";
const Identity kAgent{"claude[bot]", "41898282+claude[bot]@users.noreply.github.com"};

std::string Git(const fs::path& dir, const std::vector<std::string>& args) {
  base::Result<std::string> out = RunGit(dir, args);
  EXPECT_TRUE(out) << out.error().message;
  std::string text = out.value_or("");
  while (text.ends_with('\n')) text.pop_back();
  return text;
}

/// A served repo "acme" (main: README.md) and a workspace cloned from it the way a workflow
/// does, with the token kept out of the remote URL.
class RemoteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = GitHttpServer::Start(tree_ / "srv", kToken);
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
    auto sha = server_->CreateRepo("acme", "main", {{"README.md", "hello\n"}});
    ASSERT_TRUE(sha) << sha.error().message;
    base_sha_ = *sha;
    Git(tree_.root(), {"clone", "-q", server_->url_with_token("acme"), work().string()});
    Git(work(), {"remote", "set-url", "origin", server_->url("acme")});
    auto repo = Repo::Open(work());
    ASSERT_TRUE(repo) << repo.error().message;
    repo_.emplace(std::move(*repo));
  }
  fs::path work() const { return tree_ / "work"; }
  /// A new branch with one commit changing `file`.
  void CommitOnBranch(const std::string& branch, const std::string& file, const std::string& message) {
    ASSERT_TRUE(repo_->CreateBranchAndCheckout(branch, "origin/main"));
    tree_.Write("work/" + file, "from the agent\n");
    auto sha = repo_->CommitAll(message, kAgent, kAgent);
    ASSERT_TRUE(sha && sha->has_value());
  }
  testing::ScratchTree tree_;
  std::unique_ptr<GitHttpServer> server_;
  std::string base_sha_;
  std::optional<Repo> repo_;
  RemoteAuth auth_{"x-access-token", kToken};
};

TEST_F(RemoteTest, PushWithTheTokenLandsTheCommitOnTheServer) {
  CommitOnBranch("claude/issue-1", "fix.txt", "Fix it\n\nCo-authored-by: Ada <ada@example.com>");
  Result<void> pushed = repo_->Push("origin", "claude/issue-1", "claude/issue-1", auth_);
  ASSERT_TRUE(pushed) << pushed.error().message;
  auto tip = server_->Tip("acme", "claude/issue-1");
  ASSERT_TRUE(tip) << tip.error().message;
  EXPECT_EQ(tip->sha, repo_->HeadSha().value());
  EXPECT_EQ(tip->message, "Fix it\n\nCo-authored-by: Ada <ada@example.com>");
  EXPECT_EQ(tip->author_name + " " + tip->author_email, kAgent.name + " " + kAgent.email);
  EXPECT_EQ(server_->FileAt("acme", "claude/issue-1", "fix.txt").value(), "from the agent\n");
  EXPECT_EQ(Git(server_->repo_path("acme"), {"log", "--format=%s", "claude/issue-1"}), "Fix it\nInitial commit");
  // The push also moved the remote-tracking branch.
  EXPECT_EQ(repo_->ResolveSha("origin/claude/issue-1").value(), tip->sha);
  // The server saw the receive-pack conversation.
  std::vector<std::string> requests = server_->Requests();
  EXPECT_THAT(requests, ::testing::Contains("GET /acme.git/info/refs?service=git-receive-pack"));
  EXPECT_THAT(requests, ::testing::Contains("POST /acme.git/git-receive-pack"));
}

TEST_F(RemoteTest, PushWithAWrongTokenFailsAtOnceWithAnAuthError) {
  CommitOnBranch("claude/x", "fix.txt", "x");
  int64_t start = base::MonotonicMs();
  Result<void> pushed = repo_->Push("origin", "claude/x", "claude/x", RemoteAuth{"x-access-token", "wrong"});
  ASSERT_FALSE(pushed);
  EXPECT_LT(base::MonotonicMs() - start, 10000);
  EXPECT_EQ(pushed.error().kind, base::ErrorKind::kAuth);
  EXPECT_EQ(pushed.error().message, "git: push of claude/x to origin claude/x: the remote " + server_->url("acme") +
                                        " refused the token for user 'x-access-token'");
  EXPECT_FALSE(server_->BranchExists("acme", "claude/x").value());
}

TEST_F(RemoteTest, PushWithoutATokenFailsWithAnAuthError) {
  CommitOnBranch("claude/x", "fix.txt", "x");
  Result<void> pushed = repo_->Push("origin", "claude/x", "claude/x", RemoteAuth{});
  ASSERT_FALSE(pushed);
  EXPECT_EQ(pushed.error().kind, base::ErrorKind::kAuth);
  EXPECT_NE(pushed.error().message.find("asks for credentials and no token was given"), std::string::npos)
      << pushed.error().message;
}

TEST_F(RemoteTest, PushRejectedByAHookReportsTheHooksReason) {
  CommitOnBranch("claude/x", "fix.txt", "x");
  ASSERT_TRUE(server_->RejectPushes(true));
  Result<void> pushed = repo_->Push("origin", "claude/x", "claude/x", auth_);
  ASSERT_FALSE(pushed);
  EXPECT_EQ(pushed.error().kind, base::ErrorKind::kApi);
  EXPECT_EQ(pushed.error().message,
            "git: push of claude/x to origin claude/x was rejected: refs/heads/claude/x: pre-receive hook declined "
            "(remote: " + std::string(GitHttpServer::kRejectMessage) + ")");
  EXPECT_FALSE(server_->BranchExists("acme", "claude/x").value());
  ASSERT_TRUE(server_->RejectPushes(false));
  EXPECT_TRUE(repo_->Push("origin", "claude/x", "claude/x", auth_));
  EXPECT_TRUE(server_->BranchExists("acme", "claude/x").value());
}

TEST_F(RemoteTest, AShallowCloneIsCountedAndPushedAndARefusalNamesTheReason) {
  // Two commits on main, cloned with depth 1 (what actions/checkout does by default).
  ASSERT_TRUE(server_->CommitFiles("acme", "main", {{"second.txt", "2\n"}}, "second"));
  fs::path shallow = tree_.root() / "shallow";
  Git(tree_.root(), {"clone", "-q", "--depth", "1", server_->url_with_token("acme"), shallow.string()});
  Git(shallow, {"remote", "set-url", "origin", server_->url("acme")});
  auto repo = Repo::Open(shallow);
  ASSERT_TRUE(repo);
  std::string start = repo->HeadSha().value();
  ASSERT_TRUE(repo->CreateBranchAndCheckout("claude/shallow", "HEAD"));
  std::ofstream(shallow / "fix.txt") << "fix\n";
  ASSERT_TRUE(repo->CommitAll("fix", kAgent, kAgent).value());
  auto ahead = repo->CommitsAhead(start, "HEAD");
  ASSERT_TRUE(ahead) << ahead.error().message;
  EXPECT_EQ(*ahead, 1);
  EXPECT_EQ(repo->PathsChangedBetween(start, "HEAD").value(), std::vector<std::string>{"fix.txt"});

  ASSERT_TRUE(server_->RejectPushes(true));
  Result<void> refused = repo->Push("origin", "claude/shallow", "claude/shallow", auth_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, base::ErrorKind::kApi);
  EXPECT_NE(refused.error().message.find(std::string(GitHttpServer::kRejectMessage)), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(refused.error().message.find(kToken), std::string::npos);
  ASSERT_TRUE(server_->RejectPushes(false));
  Result<void> pushed = repo->Push("origin", "claude/shallow", "claude/shallow", auth_);
  ASSERT_TRUE(pushed) << pushed.error().message;
  EXPECT_EQ(server_->Tip("acme", "claude/shallow").value().message, "fix");
  Result<void> wrong = repo->Push("origin", "claude/shallow", "claude/other", RemoteAuth{"x-access-token", "wrong-token"});
  EXPECT_FALSE(wrong);
}

TEST_F(RemoteTest, ACancelledTokenStopsATransfer) {
  ASSERT_TRUE(server_->CommitFiles("acme", "main", {{"big.txt", std::string(200000, 'x')}}, "big"));
  base::CancelToken cancel;
  cancel.Cancel(base::CancelReason::kTerminate);
  RemoteAuth auth{"x-access-token", kToken, &cancel};
  Result<void> fetched = repo_->Fetch("origin", {"+refs/heads/main:refs/remotes/origin/main"}, auth);
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().kind, base::ErrorKind::kInterrupted) << fetched.error().message;
  EXPECT_TRUE(repo_->Fetch("origin", {"+refs/heads/main:refs/remotes/origin/main"}, auth_));
}

TEST_F(RemoteTest, APushThatIsNotAFastForwardIsRefused) {
  CommitOnBranch("claude/x", "fix.txt", "ours");
  ASSERT_TRUE(server_->CommitFiles("acme", "main", {{"other.txt", "theirs\n"}}, "theirs"));
  Result<void> pushed = repo_->Push("origin", "claude/x", "main", auth_);
  ASSERT_FALSE(pushed);
  EXPECT_EQ(pushed.error().kind, base::ErrorKind::kApi);
  EXPECT_EQ(pushed.error().message,
            "git: push of claude/x to origin main: cannot push because a reference that you are trying to update "
            "on the remote contains commits that are not present locally");
  EXPECT_EQ(server_->Tip("acme", "main").value().message, "theirs");
}

TEST_F(RemoteTest, RemoteBranchExistsAndDeleteRemoteBranch) {
  EXPECT_TRUE(repo_->RemoteBranchExists("origin", "main", auth_).value());
  EXPECT_FALSE(repo_->RemoteBranchExists("origin", "claude/x", auth_).value());
  CommitOnBranch("claude/x", "fix.txt", "x");
  ASSERT_TRUE(repo_->Push("origin", "claude/x", "claude/x", auth_));
  EXPECT_TRUE(repo_->RemoteBranchExists("origin", "claude/x", auth_).value());
  Result<void> deleted = repo_->DeleteRemoteBranch("origin", "claude/x", auth_);
  ASSERT_TRUE(deleted) << deleted.error().message;
  EXPECT_FALSE(server_->BranchExists("acme", "claude/x").value());
  EXPECT_FALSE(repo_->RemoteBranchExists("origin", "claude/x", auth_).value());
  Result<bool> refused = repo_->RemoteBranchExists("origin", "main", RemoteAuth{"x-access-token", "wrong"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, base::ErrorKind::kAuth);
}

TEST_F(RemoteTest, FetchBringsNewCommitsIntoRemoteTrackingRefs) {
  auto sha = server_->CommitFiles("acme", "feature", {{"feature.txt", "f\n"}}, "feature work");
  ASSERT_TRUE(sha) << sha.error().message;
  Result<void> fetched = repo_->Fetch("origin", {"+refs/heads/feature:refs/remotes/origin/feature"}, auth_);
  ASSERT_TRUE(fetched) << fetched.error().message;
  EXPECT_EQ(repo_->ResolveSha("origin/feature").value(), *sha);
  ASSERT_TRUE(repo_->CheckoutBranch("feature"));
  EXPECT_EQ(base::ReadFile(work() / "feature.txt").value(), "f\n");
  // By URL, too (an anonymous remote).
  auto main_sha = server_->CommitFiles("acme", "main", {{"m.txt", "m\n"}}, "main work");
  ASSERT_TRUE(repo_->Fetch(server_->url("acme"), {"+refs/heads/main:refs/remotes/origin/main"}, auth_));
  EXPECT_EQ(repo_->ResolveSha("origin/main").value(), main_sha.value());
}

TEST_F(RemoteTest, TheTokenIsNeverWrittenIntoTheRepository) {
  CommitOnBranch("claude/x", "fix.txt", "x");
  ASSERT_TRUE(repo_->Fetch("origin", {"+refs/heads/main:refs/remotes/origin/main"}, auth_));
  ASSERT_TRUE(repo_->Push("origin", "claude/x", "claude/x", auth_));
  ASSERT_TRUE(repo_->RemoteBranchExists("origin", "claude/x", auth_));
  EXPECT_EQ(repo_->RemoteUrl("origin").value(), server_->url("acme"));
  for (const auto& entry : fs::recursive_directory_iterator(work() / ".git")) {
    if (!entry.is_regular_file()) continue;
    std::string text = base::ReadFile(entry.path()).value_or("");
    EXPECT_EQ(text.find(kToken), std::string::npos) << entry.path();
  }
}

TEST_F(RemoteTest, ASilentServerTimesOutInsteadOfHanging) {
  auto silent = testing::HttpTestServer::Start(
      [](const testing::HttpTestRequest&, testing::HttpTestResponse& response) { response.WaitForHangUp(); });
  ASSERT_TRUE(silent);
  SetNetworkTimeouts(std::chrono::seconds(5), std::chrono::seconds(1));
  int64_t start = base::MonotonicMs();
  Result<void> fetched = repo_->Fetch((*silent)->url("/acme.git"), {"+refs/heads/main:refs/remotes/x/main"}, auth_);
  int64_t took = base::MonotonicMs() - start;
  SetNetworkTimeouts(std::chrono::seconds(60), std::chrono::seconds(60));
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().kind, base::ErrorKind::kNetwork);
  EXPECT_NE(fetched.error().message.find("timed out after 1 s"), std::string::npos) << fetched.error().message;
  EXPECT_LT(took, 5000);
}

TEST_F(RemoteTest, AnUnreachableServerFailsWithANetworkError) {
  auto closed = testing::HttpTestServer::Start([](const testing::HttpTestRequest&, testing::HttpTestResponse&) {});
  ASSERT_TRUE(closed);
  std::string url = (*closed)->url("/acme.git");
  (*closed).reset();  // nothing listens on the port any more
  Result<bool> listed = repo_->RemoteBranchExists(url, "main", auth_);
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().kind, base::ErrorKind::kNetwork);
  EXPECT_NE(listed.error().message.find("failed to connect"), std::string::npos) << listed.error().message;
}

TEST_F(RemoteTest, SshRemotesAreRefusedWithAClearError) {
  Git(work(), {"remote", "add", "ssh", "git@github.com:acme/acme.git"});
  Result<bool> listed = repo_->RemoteBranchExists("ssh", "main", auth_);
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().kind, base::ErrorKind::kUsage);
  EXPECT_EQ(listed.error().message,
            "git: remote 'ssh' uses SSH (git@github.com:acme/acme.git); only http(s) remotes are supported");
  EXPECT_FALSE(repo_->Fetch("ssh://git@github.com/acme/acme.git", {}, auth_));
}

}  // namespace
}  // namespace runner::git
