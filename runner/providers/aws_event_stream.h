#pragma once
/// The AWS event stream binary framing (application/vnd.amazon.eventstream) that Bedrock's
/// InvokeModelWithResponseStream answers with: per message a 12-byte prelude (total length,
/// headers length, prelude CRC32, big-endian), typed headers, the payload and a message CRC32.
/// Pure: an incremental decoder, an encoder (for tests and the fake API server), base64.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runner/base/result.h"

namespace runner::providers {

struct EventStreamMessage {
  /// String and byte-array headers by name (`:event-type`, `:message-type`, …); headers of
  /// other types are skipped.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string payload;

  /// The value of header `name`, or "" when absent.
  std::string Header(std::string_view name) const;
};

/// CRC-32 (IEEE 802.3, as zlib's crc32), continuing from `crc`.
uint32_t Crc32(std::string_view data, uint32_t crc = 0);

/// One encoded message with string-typed headers (type 7).
std::string EncodeEventStreamMessage(
    const std::vector<std::pair<std::string, std::string>>& headers, std::string_view payload);

class EventStreamDecoder {
 public:
  /// Consumes `chunk` (any size) and returns the messages it completed, in order.
  /// Errors: kParse for a bad prelude or message CRC, impossible lengths or malformed headers;
  /// the decoder is then unusable.
  base::Result<std::vector<EventStreamMessage>> Feed(std::string_view chunk);
  /// True while a partial message is buffered (the stream ended mid-message).
  bool pending() const { return !buffer_.empty(); }

 private:
  std::string buffer_;
};


/// Standard alphabet; padding optional; whitespace not allowed. Errors: kParse.


}  // namespace runner::providers
