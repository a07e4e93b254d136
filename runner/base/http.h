#pragma once
/// HTTP client seam. CurlHttpClient is the real one (libcurl); tests may pass fakes.
/// Proxies and a custom CA bundle come from HttpOptions (cli/ fills them from HTTPS_PROXY,
/// HTTP_PROXY, NO_PROXY, SSL_CERT_FILE, NODE_EXTRA_CA_CERTS, …); libcurl's own environment
/// lookup is switched off so the documented variables are the only ones that count.

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/result.h"

namespace runner::base {

using Headers = std::vector<std::pair<std::string, std::string>>;

/// Case-insensitive header lookup; empty when absent.
std::string FindHeader(const Headers& headers, std::string_view name);

struct HttpRequest {
  std::string method = "POST";  ///< GET, POST, or any other verb (a body is sent when set)
  std::string url;
  Headers headers;
  std::string body;
  long timeout_ms = 600000;         ///< whole-request limit (API_TIMEOUT_MS); 0 = none
  long connect_timeout_ms = 30000;
};

struct HttpResponseHead {
  int status = 0;
  Headers headers;
};

/// Receives the body as it arrives. Return false to abort the transfer.
using HttpChunkFn = std::function<bool(const HttpResponseHead& head, std::string_view chunk)>;

struct HttpResult {
  HttpResponseHead head;
  std::string body;  ///< only filled when no chunk callback was given
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  /// Performs the request. Transport failures return kNetwork (or kTimeout/kInterrupted);
  /// any HTTP status, including 4xx/5xx, is a successful result for the caller to judge.
  /// Thread-safe. A cancelled `cancel` ends the transfer within a few tens of milliseconds,
  /// even while the connection is idle (kInterrupted, or kTimeout for a deadline).
  virtual Result<HttpResult> Send(const HttpRequest& request, const HttpChunkFn& on_chunk,
                                  CancelToken* cancel) = 0;
};

struct HttpOptions {
  std::string ca_bundle;    ///< CA file replacing libcurl's default; empty = the default
  std::string extra_ca_file;  ///< CA file added to the bundle (NODE_EXTRA_CA_CERTS semantics)
  std::string http_proxy;   ///< proxy for http:// URLs (HTTP_PROXY / http_proxy)
  std::string https_proxy;  ///< proxy for https:// URLs (HTTPS_PROXY / https_proxy)
  std::string no_proxy;     ///< hosts that bypass the proxy (NO_PROXY / no_proxy)
  bool verbose = false;
};

class CurlHttpClient : public HttpClient {
 public:
  explicit CurlHttpClient(HttpOptions options);
  ~CurlHttpClient() override;
  Result<HttpResult> Send(const HttpRequest& request, const HttpChunkFn& on_chunk,
                          CancelToken* cancel) override;

 private:
  HttpOptions options_;
  std::string ca_blob_;  ///< bundle + extra CAs, when extra_ca_file is set
};

}  // namespace runner::base
