#include "runner/base/result.h"

namespace runner::base {

const char* ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage: return "usage";
    case ErrorKind::kConfig: return "config";
    case ErrorKind::kIo: return "io";
    case ErrorKind::kNetwork: return "network";
    case ErrorKind::kApi: return "api";
    case ErrorKind::kAuth: return "auth";
    case ErrorKind::kParse: return "parse";
    case ErrorKind::kTimeout: return "timeout";
    case ErrorKind::kInterrupted: return "interrupted";
    case ErrorKind::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace runner::base
