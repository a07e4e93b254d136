#pragma once
/// The small slice of HTTP/1.1 the fake Messages API speaks: parsing one request head and
/// formatting response heads. Pure.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "runner/base/http.h"
#include "runner/base/result.h"

namespace fake_api {

struct RequestHead {
  std::string method;
  std::string target;
  std::string absolute_target;  ///< set when a proxy client sent the absolute form             ///< path with query, e.g. /v1/messages?beta=true
  runner::base::Headers headers;  ///< names lower-cased
  size_t content_length = 0;
  bool chunked = false;

  /// The target without its query string.
  std::string_view path() const;
};

/// Parses a request head (request line and headers, without the blank line).
/// Errors: kParse for a malformed line or Content-Length.
runner::base::Result<RequestHead> ParseRequestHead(std::string_view text);

/// `HTTP/1.1 <status> <reason>\r\n<headers>\r\n` with `connection: close`, plus
/// `content-length` when given.
std::string ResponseHead(int status, const runner::base::Headers& headers,
                         std::optional<size_t> content_length);

/// The reason phrase for a status (`Too Many Requests`, `Overloaded` for 529, …).
std::string_view ReasonPhrase(int status);

}  // namespace fake_api
