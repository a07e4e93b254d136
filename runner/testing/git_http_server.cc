#include "runner/testing/git_http_server.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "runner/base/env.h"
#include "runner/base/strings.h"

namespace runner::testing {

namespace fs = std::filesystem;
using base::ErrorKind;

namespace {

/// The environment every git child gets: PATH only, and no user or system config.
std::map<std::string, std::string> GitEnv(const fs::path& home) {
  std::map<std::string, std::string> env;
  base::Env process = base::Env::FromProcess();
  env["PATH"] = process.Get("PATH").value_or("/usr/local/bin:/usr/bin:/bin");
  env["HOME"] = home.string();
  env["GIT_CONFIG_NOSYSTEM"] = "1";
  env["GIT_CONFIG_GLOBAL"] = "/dev/null";
  env["GIT_TERMINAL_PROMPT"] = "0";
  env["LC_ALL"] = "C";
  return env;
}

base::Result<exec::ProcessOutcome> RunProcess(exec::CommandSpec spec) {
  spec.timeout_ms = 60000;
  spec.max_output_bytes = 256 * 1024 * 1024;
  exec::PosixProcessRunner runner;
  return runner.Run(spec, nullptr);
}

std::string Base64Decode(std::string_view in) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    size_t v = kAlphabet.find(c);
    if (v == std::string_view::npos) continue;  // '=' and whitespace
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

/// The basic-auth password of a request; empty when absent.
std::string BasicPassword(const HttpTestRequest& request) {
  std::string value = request.header("authorization");
  if (!base::IEquals(value.substr(0, 6), "basic ")) return {};
  std::string decoded = Base64Decode(value.substr(6));
  size_t colon = decoded.find(':');
  return colon == std::string::npos ? std::string() : decoded.substr(colon + 1);
}

std::string Trimmed(std::string_view s) { return std::string(base::Trim(s)); }

}  // namespace

base::Result<std::string> RunGit(const fs::path& cwd, const std::vector<std::string>& args) {
  exec::CommandSpec spec;
  spec.argv = {"git"};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.cwd = cwd;
  spec.env = GitEnv(cwd);
  base::Result<exec::ProcessOutcome> out = RunProcess(std::move(spec));
  if (!out) return base::Fail(out.error());
  if (out->exit_code != 0) {
    return base::Fail(ErrorKind::kIo, "git " + base::Join(args, " ") + " failed (exit " +
                                          std::to_string(out->exit_code) + "): " + Trimmed(out->stderr_data));
  }
  return std::move(out->stdout_data);
}

base::Result<std::unique_ptr<GitHttpServer>> GitHttpServer::Start(fs::path root, std::string token) {
  base::Result<std::string> exec_path = RunGit(fs::temp_directory_path(), {"--exec-path"});
  if (!exec_path) return base::Fail(ErrorKind::kConfig, "GitHttpServer needs the git CLI: " + exec_path.error().message);
  fs::path backend = fs::path(Trimmed(*exec_path)) / "git-http-backend";
  if (::access(backend.c_str(), X_OK) != 0) {
    return base::Fail(ErrorKind::kConfig, "GitHttpServer needs git-http-backend, not found at " + backend.string());
  }
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) return base::Fail(ErrorKind::kIo, "creating " + root.string() + ": " + ec.message());
  std::unique_ptr<GitHttpServer> server(new GitHttpServer(std::move(root), std::move(token), std::move(backend)));
  auto http = HttpTestServer::Start(
      [s = server.get()](const HttpTestRequest& request, HttpTestResponse& response) { s->Handle(request, response); });
  if (!http) return base::Fail(http.error());
  server->http_ = std::move(*http);
  return server;
}

GitHttpServer::GitHttpServer(fs::path root, std::string token, fs::path backend)
    : root_(std::move(root)), token_(std::move(token)), backend_(std::move(backend)) {}

GitHttpServer::~GitHttpServer() {
  if (http_) http_->Stop();
}

std::string GitHttpServer::url(std::string_view name) const { return http_->url("/" + std::string(name) + ".git"); }

std::string GitHttpServer::url_with_token(std::string_view name) const {
  return "http://x-access-token:" + token_ + "@127.0.0.1:" + std::to_string(port()) + "/" + std::string(name) + ".git";
}

fs::path GitHttpServer::repo_path(std::string_view name) const { return root_ / (std::string(name) + ".git"); }

void GitHttpServer::Handle(const HttpTestRequest& request, HttpTestResponse& response) {
  if (!token_.empty() && BasicPassword(request) != token_) {
    response.Send(401, {{"WWW-Authenticate", "Basic realm=\"git\""}, {"Content-Type", "text/plain"}},
                  "authentication required\n");
    return;
  }
  std::string target = request.target;
  size_t q = target.find('?');
  exec::CommandSpec spec;
  spec.argv = {backend_.string()};
  spec.cwd = root_;
  spec.env = GitEnv(root_);
  spec.env["GIT_PROJECT_ROOT"] = root_.string();
  spec.env["GIT_HTTP_EXPORT_ALL"] = "1";
  spec.env["GATEWAY_INTERFACE"] = "CGI/1.1";
  spec.env["SERVER_PROTOCOL"] = "HTTP/1.1";
  spec.env["REQUEST_METHOD"] = request.method;
  spec.env["PATH_INFO"] = target.substr(0, q);
  spec.env["QUERY_STRING"] = q == std::string::npos ? "" : target.substr(q + 1);
  spec.env["CONTENT_TYPE"] = request.header("content-type");
  spec.env["CONTENT_LENGTH"] = std::to_string(request.body.size());
  spec.env["REMOTE_ADDR"] = "127.0.0.1";
  spec.env["REMOTE_USER"] = "tester";  // http-backend enables receive-pack only for a known user
  if (request.has_header("content-encoding")) spec.env["HTTP_CONTENT_ENCODING"] = request.header("content-encoding");
  if (request.has_header("git-protocol")) spec.env["GIT_PROTOCOL"] = request.header("git-protocol");
  spec.stdin_data = request.body;
  base::Result<exec::ProcessOutcome> out = RunProcess(std::move(spec));
  if (!out) {
    response.Send(500, {{"Content-Type", "text/plain"}}, "git http-backend did not start: " + out.error().message);
    return;
  }
  // CGI answer: header lines, a blank line, the body.
  std::string_view text = out->stdout_data;
  size_t end = text.find("\r\n\r\n");
  size_t skip = 4;
  if (size_t lf = text.find("\n\n"); lf != std::string_view::npos && (end == std::string_view::npos || lf < end)) {
    end = lf;
    skip = 2;
  }
  if (end == std::string_view::npos) {
    response.Send(500, {{"Content-Type", "text/plain"}}, "git http-backend failed: " + out->stderr_data);
    return;
  }
  int status = 200;
  base::Headers headers;
  for (const std::string& line : base::Split(text.substr(0, end), '\n')) {
    std::string_view l = base::Trim(line);
    size_t colon = l.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name = Trimmed(l.substr(0, colon));
    std::string value = Trimmed(l.substr(colon + 1));
    if (base::IEquals(name, "status")) {
      status = base::ParseInt(value.substr(0, value.find(' '))).value_or(500);
    } else {
      headers.emplace_back(std::move(name), std::move(value));
    }
  }
  response.Send(status, headers, text.substr(end + skip));
}

base::Result<void> GitHttpServer::WriteHook(const fs::path& repo) const {
  fs::path hook = repo / "hooks" / "pre-receive";
  std::error_code ec;
  if (!reject_pushes_) {
    fs::remove(hook, ec);
    return {};
  }
  fs::create_directories(hook.parent_path(), ec);
  std::ofstream(hook) << "#!/bin/sh\necho '" << kRejectMessage << "' >&2\nexit 1\n";
  if (::chmod(hook.c_str(), 0755) != 0) return base::Fail(ErrorKind::kIo, "cannot install " + hook.string());
  return {};
}

base::Result<void> GitHttpServer::RejectPushes(bool on) {
  std::lock_guard lock(mutex_);
  reject_pushes_ = on;
  for (const auto& entry : fs::directory_iterator(root_)) {
    if (entry.is_directory() && entry.path().extension() == ".git") TRY_VOID(WriteHook(entry.path()));
  }
  return {};
}

base::Result<std::string> GitHttpServer::CreateRepo(std::string_view name, std::string_view branch,
                                                    const std::map<std::string, std::string>& files) {
  fs::path bare = repo_path(name);
  TRY(RunGit(root_, {"init", "-q", "--bare", "--initial-branch=" + std::string(branch), bare.string()}));
  return CommitFiles(name, branch, files, "Initial commit");
}

base::Result<std::string> GitHttpServer::CommitFiles(std::string_view name, std::string_view branch,
                                                     const std::map<std::string, std::string>& files,
                                                     std::string_view message) {
  std::lock_guard lock(mutex_);
  fs::path bare = repo_path(name);
  fs::path work = root_ / (".work-" + std::string(name));
  std::error_code ec;
  fs::remove_all(work, ec);
  std::string b(branch);
  TRY(RunGit(root_, {"init", "-q", "--initial-branch=" + b, work.string()}));
  // Start from the branch (or HEAD) when the repo has one.
  TRY(RunGit(work, {"fetch", "-q", bare.string(), "+refs/heads/*:refs/remotes/origin/*"}));
  if (RunGit(work, {"rev-parse", "--verify", "-q", "refs/remotes/origin/" + b})) {
    TRY(RunGit(work, {"reset", "-q", "--hard", "refs/remotes/origin/" + b}));
  } else if (base::Result<std::string> head = RunGit(bare, {"symbolic-ref", "HEAD"}); head) {
    std::string tracking = "refs/remotes/origin/" + Trimmed(*head).substr(std::string_view("refs/heads/").size());
    if (RunGit(work, {"rev-parse", "--verify", "-q", tracking})) TRY(RunGit(work, {"reset", "-q", "--hard", tracking}));
  }
  for (const auto& [path, content] : files) {
    fs::create_directories((work / path).parent_path(), ec);
    std::ofstream(work / path, std::ios::binary | std::ios::trunc) << content;
  }
  TRY(RunGit(work, {"add", "-A"}));
  TRY(RunGit(work, {"-c", "user.name=Test Server", "-c", "user.email=server@example.com", "commit", "-q",
                    "--allow-empty", "-m", std::string(message)}));
  std::string sha = Trimmed(TRY(RunGit(work, {"rev-parse", "HEAD"})));
  // Straight into the bare repo, past any pre-receive hook (this is the server's own change).
  TRY(RunGit(bare, {"fetch", "-q", work.string(), "+HEAD:refs/heads/" + b}));
  fs::remove_all(work, ec);
  TRY_VOID(WriteHook(bare));
  return sha;
}

std::vector<std::string> GitHttpServer::Requests() const {
  std::vector<std::string> out;
  for (const HttpTestRequest& r : http_->requests()) out.push_back(r.method + " " + r.target);
  return out;
}

base::Result<GitCommitInfo> GitHttpServer::Tip(std::string_view name, std::string_view branch) const {
  std::string text = TRY(RunGit(repo_path(name), {"log", "-1", "--format=%H%n%an%n%ae%n%cn%n%ce%n%B",
                                                  "refs/heads/" + std::string(branch), "--"}));
  std::vector<std::string> lines = base::Split(text, '\n');
  if (lines.size() < 6) return base::Fail(ErrorKind::kParse, "unexpected git log output: " + text);
  GitCommitInfo info{lines[0], {}, lines[1], lines[2], lines[3], lines[4]};
  for (size_t i = 5; i < lines.size(); ++i) info.message += lines[i] + "\n";
  while (info.message.ends_with('\n')) info.message.pop_back();
  return info;
}

base::Result<std::string> GitHttpServer::FileAt(std::string_view name, std::string_view branch,
                                                std::string_view path) const {
  return RunGit(repo_path(name), {"show", "refs/heads/" + std::string(branch) + ":" + std::string(path)});
}

base::Result<bool> GitHttpServer::BranchExists(std::string_view name, std::string_view branch) const {
  return static_cast<bool>(
      RunGit(repo_path(name), {"rev-parse", "--verify", "-q", "refs/heads/" + std::string(branch)}));
}

}  // namespace runner::testing
