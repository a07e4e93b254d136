#pragma once
/// The project's error type and `Result<T>`: every fallible function in runner/ returns one.
/// Only cli/ turns an Error into an exit code (see cli/exit_codes.h).

#include <expected>
#include <string>
#include <utility>

namespace runner::base {

/// What went wrong, coarse enough to pick an exit code and a retry policy.
enum class ErrorKind {
  kUsage,        ///< bad flags or input given by the user
  kConfig,       ///< bad configuration (settings, env values, files)
  kIo,           ///< local file or process failure
  kNetwork,      ///< connection failed, reset, or timed out
  kApi,          ///< the model API answered with an error
  kAuth,         ///< the model API refused the credentials (401/403)
  kParse,        ///< malformed data (JSON, SSE, scripts)
  kTimeout,      ///< a deadline passed
  kInterrupted,  ///< cancelled by a signal or by the caller
  kInternal,     ///< a bug
};

const char* ErrorKindName(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;
  int http_status = 0;       ///< HTTP status when the error came from an HTTP answer
  std::string api_type;      ///< Anthropic error type (`overloaded_error`, …) when known
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> Fail(ErrorKind kind, std::string message) {
  return std::unexpected<Error>(Error{kind, std::move(message)});
}
inline std::unexpected<Error> Fail(Error error) { return std::unexpected<Error>(std::move(error)); }

}  // namespace runner::base

/// Evaluates a Result expression; on error returns it from the enclosing function, otherwise
/// yields the value. Uses a GNU statement expression (g++ and clang both support it).
#define TRY(expr)                                                             \
  ({                                                                          \
    auto&& try_result_ = (expr);                                              \
    if (!try_result_) return ::std::unexpected(std::move(try_result_).error()); \
    std::move(*try_result_);                                                  \
  })

/// Like TRY for Result<void>.
#define TRY_VOID(expr)                                                        \
  do {                                                                        \
    auto&& try_result_ = (expr);                                              \
    if (!try_result_) return ::std::unexpected(std::move(try_result_).error()); \
  } while (0)
