#include "runner/base/http.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "runner/base/files.h"
#include "runner/base/log.h"
#include "runner/base/strings.h"

namespace runner::base {

std::string FindHeader(const Headers& headers, std::string_view name) {
  for (const auto& [k, v] : headers) {
    if (IEquals(k, name)) return v;
  }
  return {};
}

namespace {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct MultiDeleter {
  void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};

/// How often a transfer with a cancel token checks it while the connection is idle.
constexpr int kCancelPollMs = 25;

struct Transfer {
  HttpResult result;
  const HttpChunkFn* on_chunk = nullptr;
  CancelToken* cancel = nullptr;
  bool aborted_by_callback = false;
  bool head_done = false;
  CURL* curl = nullptr;
};

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * n);
  line = Trim(line);
  if (line.starts_with("HTTP/")) {
    // A new response (redirect or 100-continue): start over.
    t->result.head.headers.clear();
    return size * n;
  }
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    t->result.head.headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                                        std::string(Trim(line.substr(colon + 1))));
  }
  return size * n;
}

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  if (!t->head_done) {
    long status = 0;
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
    t->result.head.status = static_cast<int>(status);
    t->head_done = true;
  }
  std::string_view chunk(data, size * n);
  if (t->on_chunk && *t->on_chunk) {
    if (!(*t->on_chunk)(t->result.head, chunk)) {
      t->aborted_by_callback = true;
      return 0;
    }
  } else {
    t->result.body.append(chunk);
  }
  return size * n;
}

int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  return (t->cancel && t->cancel->cancelled()) ? 1 : 0;
}

/// Runs the transfer. With a cancel token it runs on a multi handle polled every
/// kCancelPollMs, so a cancellation is noticed promptly even on an idle stream (libcurl calls
/// the progress callback only about once a second while nothing arrives).
CURLcode Perform(CURL* c, CancelToken* cancel) {
  if (!cancel) return curl_easy_perform(c);
  std::unique_ptr<CURLM, MultiDeleter> multi(curl_multi_init());
  if (!multi || curl_multi_add_handle(multi.get(), c) != CURLM_OK) return curl_easy_perform(c);
  CURLcode rc = CURLE_OK;
  while (true) {
    int running = 0;
    if (curl_multi_perform(multi.get(), &running) != CURLM_OK) {
      rc = CURLE_RECV_ERROR;
      break;
    }
    if (running == 0) {
      int queued = 0;
      while (CURLMsg* m = curl_multi_info_read(multi.get(), &queued)) {
        if (m->msg == CURLMSG_DONE) rc = m->data.result;
      }
      break;
    }
    if (cancel->cancelled()) {
      rc = CURLE_ABORTED_BY_CALLBACK;
      break;
    }
    curl_multi_poll(multi.get(), nullptr, 0, kCancelPollMs, nullptr);
  }
  curl_multi_remove_handle(multi.get(), c);
  return rc;
}

}  // namespace

CurlHttpClient::CurlHttpClient(HttpOptions options) : options_(std::move(options)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (options_.extra_ca_file.empty()) return;
  // Extra CAs add to the bundle rather than replace it: concatenate both into one blob.
  std::string bundle_path = options_.ca_bundle;
  if (bundle_path.empty()) {
    std::unique_ptr<CURL, CurlDeleter> probe(curl_easy_init());
    char* default_path = nullptr;
    if (probe && curl_easy_getinfo(probe.get(), CURLINFO_CAINFO, &default_path) == CURLE_OK &&
        default_path) {
      bundle_path = default_path;
    }
  }
  auto extra = ReadFile(options_.extra_ca_file);
  if (!extra) {
    log::Warn("ignoring extra CA certificates: {}", extra.error().message);
    return;
  }
  auto bundle = bundle_path.empty() ? Result<std::string>(std::string()) : ReadFile(bundle_path);
  ca_blob_ = (bundle ? *bundle : std::string()) + "\n" + *extra;
}

CurlHttpClient::~CurlHttpClient() = default;

Result<HttpResult> CurlHttpClient::Send(const HttpRequest& request, const HttpChunkFn& on_chunk,
                                        CancelToken* cancel) {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Fail(ErrorKind::kInternal, "curl_easy_init failed");
  Transfer t;
  t.on_chunk = &on_chunk;
  t.cancel = cancel;
  t.curl = curl.get();

  std::unique_ptr<curl_slist, SlistDeleter> headers;
  curl_slist* raw = nullptr;
  for (const auto& [k, v] : request.headers) raw = curl_slist_append(raw, (k + ": " + v).c_str());
  raw = curl_slist_append(raw, "Expect:");
  headers.reset(raw);

  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  if (request.method == "POST") {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else if (request.method != "GET") {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (!request.body.empty()) {
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
    }
  }
  long timeout = request.timeout_ms;
  bool deadline_bound = false;  // curl's timeout is the run's deadline
  if (cancel) {
    int64_t left = cancel->RemainingMs();
    if (left >= 0 && (timeout <= 0 || left < timeout)) {
      timeout = left > 0 ? static_cast<long>(left) : 1;
      deadline_bound = true;
    }
  }
  if (timeout > 0) curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, request.connect_timeout_ms);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
  if (!ca_blob_.empty()) {
    curl_blob blob{ca_blob_.data(), ca_blob_.size(), CURL_BLOB_NOCOPY};
    curl_easy_setopt(c, CURLOPT_CAINFO_BLOB, &blob);
  } else if (!options_.ca_bundle.empty()) {
    curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_bundle.c_str());
  }
  const std::string& proxy =
      request.url.starts_with("https://") ? options_.https_proxy : options_.http_proxy;
  curl_easy_setopt(c, CURLOPT_PROXY, proxy.c_str());  // "" = no proxy, not libcurl's env lookup
  if (!options_.no_proxy.empty()) curl_easy_setopt(c, CURLOPT_NOPROXY, options_.no_proxy.c_str());
  if (options_.verbose) curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);

  CURLcode rc = Perform(c, cancel);
  if (!t.head_done) {
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    t.result.head.status = static_cast<int>(status);
  }
  if (rc == CURLE_OK) return std::move(t.result);
  if (t.aborted_by_callback) return Fail(ErrorKind::kInterrupted, "transfer aborted by receiver");
  if (rc == CURLE_ABORTED_BY_CALLBACK) {
    bool deadline = cancel && cancel->reason() == CancelReason::kDeadline;
    return Fail(deadline ? ErrorKind::kTimeout : ErrorKind::kInterrupted,
                deadline ? "deadline reached during request" : "request interrupted");
  }
  if (rc == CURLE_OPERATION_TIMEDOUT) {
    // curl's clock may fire a millisecond before ours: a timeout set from the deadline is the
    // deadline, so the run sees its --timeout rather than a network failure.
    if (deadline_bound) cancel->Cancel(CancelReason::kDeadline);
    if (cancel && cancel->cancelled()) return Fail(ErrorKind::kTimeout, "deadline reached during request");
    return Fail(ErrorKind::kNetwork, std::string("request timed out: ") + curl_easy_strerror(rc));
  }
  return Fail(ErrorKind::kNetwork, std::string(curl_easy_strerror(rc)));
}

}  // namespace runner::base
