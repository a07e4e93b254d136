#include "runner/providers/aws_event_stream.h"

#include <array>

namespace runner::providers {

using base::ErrorKind;

namespace {

constexpr size_t kPreludeBytes = 12;
constexpr size_t kMaxMessageBytes = 16 * 1024 * 1024;

constexpr std::array<uint32_t, 256> MakeCrcTable() {
  std::array<uint32_t, 256> table{};
  for (uint32_t n = 0; n < 256; ++n) {
    uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}
constexpr std::array<uint32_t, 256> kCrcTable = MakeCrcTable();

uint32_t ReadU32(std::string_view s, size_t at) {
  return (static_cast<uint32_t>(static_cast<unsigned char>(s[at])) << 24) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8) |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

uint16_t ReadU16(std::string_view s, size_t at) {
  return static_cast<uint16_t>((static_cast<unsigned char>(s[at]) << 8) |
                               static_cast<unsigned char>(s[at + 1]));
}

void PutU32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
}

/// Parses the headers section; kParse on a truncated or unknown-typed header.
base::Result<std::vector<std::pair<std::string, std::string>>> ParseHeaders(std::string_view s) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t i = 0;
  auto need = [&](size_t n) { return i + n <= s.size(); };
  while (i < s.size()) {
    size_t name_len = static_cast<unsigned char>(s[i++]);
    if (!need(name_len + 1)) return base::Fail(ErrorKind::kParse, "event stream header truncated");
    std::string name(s.substr(i, name_len));
    i += name_len;
    int type = static_cast<unsigned char>(s[i++]);
    size_t fixed = 0;
    switch (type) {
      case 0: case 1: fixed = 0; break;  // bool true / false
      case 2: fixed = 1; break;
      case 3: fixed = 2; break;
      case 4: fixed = 4; break;
      case 5: case 8: fixed = 8; break;  // int64, timestamp
      case 9: fixed = 16; break;         // uuid
      case 6: case 7: {                  // bytes, string
        if (!need(2)) return base::Fail(ErrorKind::kParse, "event stream header truncated");
        size_t len = ReadU16(s, i);
        i += 2;
        if (!need(len)) return base::Fail(ErrorKind::kParse, "event stream header truncated");
        out.emplace_back(std::move(name), std::string(s.substr(i, len)));
        i += len;
        continue;
      }
      default:
        return base::Fail(ErrorKind::kParse,
                          "event stream header of unknown type " + std::to_string(type));
    }
    if (!need(fixed)) return base::Fail(ErrorKind::kParse, "event stream header truncated");
    i += fixed;
  }
  return out;
}

}  // namespace

std::string EventStreamMessage::Header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return "";
}

uint32_t Crc32(std::string_view data, uint32_t crc) {
  crc = ~crc;
  for (unsigned char c : data) crc = kCrcTable[(crc ^ c) & 0xff] ^ (crc >> 8);
  return ~crc;
}

std::string EncodeEventStreamMessage(
    const std::vector<std::pair<std::string, std::string>>& headers, std::string_view payload) {
  std::string encoded_headers;
  for (const auto& [name, value] : headers) {
    encoded_headers.push_back(static_cast<char>(name.size()));
    encoded_headers += name;
    encoded_headers.push_back(7);
    encoded_headers.push_back(static_cast<char>((value.size() >> 8) & 0xff));
    encoded_headers.push_back(static_cast<char>(value.size() & 0xff));
    encoded_headers += value;
  }
  std::string out;
  PutU32(out, static_cast<uint32_t>(kPreludeBytes + encoded_headers.size() + payload.size() + 4));
  PutU32(out, static_cast<uint32_t>(encoded_headers.size()));
  PutU32(out, Crc32(out));
  out += encoded_headers;
  out += payload;
  PutU32(out, Crc32(out));
  return out;
}

base::Result<std::vector<EventStreamMessage>> EventStreamDecoder::Feed(std::string_view chunk) {
  buffer_.append(chunk);
  std::vector<EventStreamMessage> out;
  size_t at = 0;
  while (buffer_.size() - at >= kPreludeBytes) {
    std::string_view rest = std::string_view(buffer_).substr(at);
    uint32_t total = ReadU32(rest, 0);
    uint32_t headers_len = ReadU32(rest, 4);
    if (Crc32(rest.substr(0, 8)) != ReadU32(rest, 8)) {
      return base::Fail(ErrorKind::kParse, "event stream prelude CRC mismatch");
    }
    if (total < kPreludeBytes + 4 || total > kMaxMessageBytes ||
        headers_len > total - kPreludeBytes - 4) {
      return base::Fail(ErrorKind::kParse, "event stream message length out of range");
    }
    if (rest.size() < total) break;
    if (Crc32(rest.substr(0, total - 4)) != ReadU32(rest, total - 4)) {
      return base::Fail(ErrorKind::kParse, "event stream message CRC mismatch");
    }
    EventStreamMessage message;
    message.headers = TRY(ParseHeaders(rest.substr(kPreludeBytes, headers_len)));
    message.payload = std::string(
        rest.substr(kPreludeBytes + headers_len, total - kPreludeBytes - headers_len - 4));
    out.push_back(std::move(message));
    at += total;
  }
  buffer_.erase(0, at);
  return out;
}

}  // namespace runner::providers
