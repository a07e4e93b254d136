// Repo's network operations: fetch, ls-remote, push and remote branch deletion, with the token
// given to libgit2 only through a credential callback.

#include <string>

#include "runner/git/libgit2.h"
#include "runner/git/repo.h"
#include "runner/git/git_cli.h"

namespace runner::git {

using base::ErrorKind;
using detail::GitFail;

namespace {

/// What the callbacks of one network operation share.
struct CallbackState {
  const RemoteAuth* auth = nullptr;
  int credential_calls = 0;
  bool refused = false;         ///< the server rejected the credentials (or none were given)
  bool cancelled = false;       ///< auth->cancel stopped the transfer
  std::string remote_text;      ///< "remote:" sideband text (hook messages)
  std::string rejection;        ///< "refs/heads/x: reason" for refused ref updates
};

int Credentials(git_credential** out, const char* url, const char*, unsigned int allowed, void* payload) {
  auto* state = static_cast<CallbackState*>(payload);
  state->refused = true;
  if (state->auth->token.empty()) {
    git_error_set_str(GIT_ERROR_NET, (std::string("the remote ") + url +
                                      " asks for credentials and no token was given").c_str());
    return GIT_EAUTH;
  }
  if (++state->credential_calls > 1) {
    // libgit2 asks again after a 401: the token was refused. Asking again would only replay it.
    git_error_set_str(GIT_ERROR_NET, (std::string("the remote ") + url + " refused the token for user '" +
                                      state->auth->username + "'").c_str());
    return GIT_EAUTH;
  }
  if (!(allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT)) {
    git_error_set_str(GIT_ERROR_NET, "the remote does not accept username/password authentication");
    return GIT_EAUTH;
  }
  state->refused = false;
  return git_credential_userpass_plaintext_new(out, state->auth->username.c_str(), state->auth->token.c_str());
}

bool Cancelled(CallbackState* state) {
  if (state->auth->cancel == nullptr || !state->auth->cancel->cancelled()) return false;
  state->cancelled = true;
  git_error_set_str(GIT_ERROR_NET, "cancelled");
  return true;
}

int Sideband(const char* text, int len, void* payload) {
  auto* state = static_cast<CallbackState*>(payload);
  if (Cancelled(state)) return GIT_EUSER;
  if (state->remote_text.size() < 4096) state->remote_text.append(text, static_cast<size_t>(len));
  return 0;
}

int TransferProgress(const git_indexer_progress*, void* payload) {
  return Cancelled(static_cast<CallbackState*>(payload)) ? GIT_EUSER : 0;
}

int PushProgress(unsigned int, unsigned int, size_t, void* payload) {
  return Cancelled(static_cast<CallbackState*>(payload)) ? GIT_EUSER : 0;
}

int PushUpdate(const char* refname, const char* status, void* payload) {
  auto* state = static_cast<CallbackState*>(payload);
  if (status) {
    if (!state->rejection.empty()) state->rejection += "; ";
    state->rejection += std::string(refname) + ": " + status;
  }
  return 0;
}

git_remote_callbacks Callbacks(CallbackState& state) {
  git_remote_callbacks callbacks = GIT_REMOTE_CALLBACKS_INIT;
  callbacks.credentials = Credentials;
  callbacks.sideband_progress = Sideband;
  callbacks.transfer_progress = TransferProgress;
  callbacks.push_transfer_progress = PushProgress;
  callbacks.push_update_reference = PushUpdate;
  callbacks.payload = &state;
  return callbacks;
}

git_proxy_options Proxy() {
  git_proxy_options proxy = GIT_PROXY_OPTIONS_INIT;
  proxy.type = GIT_PROXY_AUTO;  // http.proxy, then the http(s)_proxy environment
  return proxy;
}

/// ssh://…, git+ssh://… or scp-like user@host:path (what git itself reads as SSH).
bool IsSshUrl(std::string_view url) {
  if (url.starts_with("ssh://") || url.starts_with("git+ssh://") || url.starts_with("ssh+git://")) return true;
  if (url.find("://") != std::string_view::npos) return false;
  size_t colon = url.find(':');
  return colon != std::string_view::npos && colon < url.find('/');
}

/// The named remote, or an anonymous one when `remote` is a URL. SSH remotes are refused: the
/// runner authenticates with a token over HTTP(S) only (and libgit2's SSH transport cannot run
/// on stream.cc's socket stream).
Result<detail::Remote> LookupRemote(git_repository* repo, std::string_view remote) {
  std::string name(remote);
  git_remote* r = nullptr;
  if (name.find("://") != std::string::npos) {
    // A URL is used as given: url.*.insteadOf / pushInsteadOf rules in the config (which
    // whoever could write .git/config or ~/.gitconfig controls) do not redirect it.
    git_remote_create_options opts = GIT_REMOTE_CREATE_OPTIONS_INIT;
    opts.repository = repo;
    opts.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
    if (git_remote_create_with_opts(&r, name.c_str(), &opts) != 0) return GitFail(ErrorKind::kUsage, "bad remote URL");
  } else if (git_remote_lookup(&r, repo, name.c_str()) != 0) {
    return GitFail(ErrorKind::kUsage, "no remote '" + name + "'");
  }
  detail::Remote owned(r);
  for (const char* url : {git_remote_url(r), git_remote_pushurl(r)}) {
    if (url && IsSshUrl(url)) {
      return base::Fail(ErrorKind::kUsage, "git: remote '" + name + "' uses SSH (" + url +
                                               "); only http(s) remotes are supported");
    }
  }
  return owned;
}

/// The error of a failed network call: kAuth when the credentials were refused.
base::Error NetworkError(const CallbackState& state, std::string_view what) {
  if (state.cancelled) return base::Error{ErrorKind::kInterrupted, "git: " + std::string(what) + ": cancelled"};
  return detail::LastError(state.refused ? ErrorKind::kAuth : ErrorKind::kNetwork, what);
}

/// The server's "remote:" text on one line ("" when none).
std::string RemoteText(const CallbackState& state) {
  std::string text;
  bool space = false;
  for (char c : state.remote_text) {
    if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
      space = !text.empty();
      continue;
    }
    if (space) text += ' ';
    space = false;
    text += c;
  }
  return text;
}

std::string RefName(std::string_view branch) {
  return branch.starts_with("refs/") ? std::string(branch) : "refs/heads/" + std::string(branch);
}

/// Pushes one refspec; a ref update the server refuses is a kApi error naming its reason.
Result<void> PushRefspec(git_repository* repo, std::string_view remote, const std::string& refspec,
                         const RemoteAuth& auth, std::string_view what) {
  detail::Remote r = TRY(LookupRemote(repo, remote));
  CallbackState state{&auth};
  git_push_options opts = GIT_PUSH_OPTIONS_INIT;
  opts.callbacks = Callbacks(state);
  opts.proxy_opts = Proxy();
  char* spec = const_cast<char*>(refspec.c_str());
  git_strarray specs{&spec, 1};
  if (int rc = git_remote_push(r.get(), &specs, &opts); rc != 0) {
    base::Error error = NetworkError(state, what);
    if (rc == GIT_ENONFASTFORWARD) error.kind = ErrorKind::kApi;  // the remote has commits we lack
    if (std::string text = RemoteText(state); !text.empty()) error.message += " (remote: " + text + ")";
    return base::Fail(std::move(error));
  }
  if (!state.rejection.empty()) {
    std::string message = "git: " + std::string(what) + " was rejected: " + state.rejection;
    if (std::string text = RemoteText(state); !text.empty()) message += " (remote: " + text + ")";
    return base::Fail(ErrorKind::kApi, std::move(message));
  }
  return {};
}

}  // namespace

Result<void> Repo::Fetch(std::string_view remote, const std::vector<std::string>& refspecs,
                         const RemoteAuth& auth) {
  detail::Remote r = TRY(LookupRemote(repo_.get(), remote));
  CallbackState state{&auth};
  git_fetch_options opts = GIT_FETCH_OPTIONS_INIT;
  opts.callbacks = Callbacks(state);
  opts.proxy_opts = Proxy();
  opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
  std::vector<char*> specs;
  for (const std::string& s : refspecs) specs.push_back(const_cast<char*>(s.c_str()));
  git_strarray array{specs.data(), specs.size()};
  if (git_remote_fetch(r.get(), specs.empty() ? nullptr : &array, &opts, nullptr) != 0) {
    return base::Fail(NetworkError(state, "fetching from " + std::string(remote)));
  }
  return {};
}

Result<bool> Repo::RemoteBranchExists(std::string_view remote, std::string_view branch,
                                      const RemoteAuth& auth) {
  detail::Remote r = TRY(LookupRemote(repo_.get(), remote));
  CallbackState state{&auth};
  git_remote_callbacks callbacks = Callbacks(state);
  git_proxy_options proxy = Proxy();
  if (git_remote_connect(r.get(), GIT_DIRECTION_FETCH, &callbacks, &proxy, nullptr) != 0) {
    return base::Fail(NetworkError(state, "listing " + std::string(remote)));
  }
  const git_remote_head** heads = nullptr;
  size_t count = 0;
  if (git_remote_ls(&heads, &count, r.get()) != 0) {
    return base::Fail(NetworkError(state, "listing " + std::string(remote)));
  }
  std::string want = RefName(branch);
  bool found = false;
  for (size_t i = 0; i < count && !found; ++i) found = want == heads[i]->name;
  git_remote_disconnect(r.get());
  return found;
}

Result<void> Repo::Push(std::string_view remote, std::string_view branch, std::string_view remote_branch,
                        const RemoteAuth& auth) {
  std::string refspec = RefName(branch) + ":" + RefName(remote_branch);
  if (git_repository_is_shallow(repo_.get()) == 1) {
    std::string url = remote.find("://") != std::string_view::npos ? std::string(remote) : TRY(RemoteUrl(remote));
    return detail::PushWithGitCli(workdir(), url, refspec, auth,
                                  "push of " + std::string(branch) + " to " + std::string(remote) + " " +
                                      std::string(remote_branch));
  }
  return PushRefspec(repo_.get(), remote, refspec, auth,
                     "push of " + std::string(branch) + " to " + std::string(remote) + " " +
                         std::string(remote_branch));
}

Result<void> Repo::DeleteRemoteBranch(std::string_view remote, std::string_view branch,
                                      const RemoteAuth& auth) {
  return PushRefspec(repo_.get(), remote, ":" + RefName(branch), auth,
                     "deleting " + std::string(branch) + " on " + std::string(remote));
}

}  // namespace runner::git
