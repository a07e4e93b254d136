#include "runner/providers/aws_event_stream.h"

#include <gtest/gtest.h>

#include "runner/base/strings.h"

namespace runner::providers {
namespace {

TEST(AwsEventStream, Crc32HasTheStandardCheckValue) {
  EXPECT_EQ(Crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(Crc32("6789", Crc32("12345")), 0xCBF43926u);
}

TEST(AwsEventStream, EmptyMessageHasTheKnownEncoding) {
  // A message without headers or payload: 16 bytes, headers length 0, prelude CRC of the
  // first eight bytes (00 00 00 10 00 00 00 00) and the message CRC of the first twelve.
  std::string m = EncodeEventStreamMessage({}, "");
  ASSERT_EQ(m.size(), 16u);
  EXPECT_EQ(m.substr(0, 8), std::string("\0\0\0\x10\0\0\0\0", 8));
  EXPECT_EQ(m.substr(8, 4), std::string("\x05\xc2\x48\xeb", 4));
  EXPECT_EQ(m.substr(12, 4), std::string("\x7d\x98\xc8\xff", 4));
}

TEST(AwsEventStream, DecodesMessagesSplitAcrossChunksOfAnySize) {
  std::string stream =
      EncodeEventStreamMessage({{":event-type", "chunk"}, {":message-type", "event"}},
                               R"({"bytes":"eyJ0eXBlIjoicGluZyJ9"})") +
      EncodeEventStreamMessage({{":message-type", "exception"}, {":exception-type", "throttlingException"}},
                               R"({"message":"slow down"})");
  for (size_t size : {1u, 3u, 7u, 1000u}) {
    EventStreamDecoder decoder;
    std::vector<EventStreamMessage> all;
    for (size_t i = 0; i < stream.size(); i += size) {
      auto got = decoder.Feed(std::string_view(stream).substr(i, size));
      ASSERT_TRUE(got.has_value()) << got.error().message;
      all.insert(all.end(), got->begin(), got->end());
    }
    ASSERT_EQ(all.size(), 2u) << size;
    EXPECT_FALSE(decoder.pending());
    EXPECT_EQ(all[0].Header(":event-type"), "chunk");
    EXPECT_EQ(all[0].payload, R"({"bytes":"eyJ0eXBlIjoicGluZyJ9"})");
    EXPECT_EQ(all[1].Header(":exception-type"), "throttlingException");
    EXPECT_EQ(all[1].Header(":missing"), "");
  }
}

TEST(AwsEventStream, SkipsNonStringHeadersAndKeepsPartialMessagesPending) {
  // A bool-true header (type 0) and an int32 header (type 4) before a string header.
  std::string headers = std::string("\x01" "b" "\x00", 3) + std::string("\x01" "i" "\x04" "\0\0\0\x05", 7) +
                        std::string("\x02" "s1" "\x07" "\x00\x02" "ok", 8);
  std::string m;
  auto put = [&m](uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) m.push_back(static_cast<char>((v >> s) & 0xff));
  };
  put(static_cast<uint32_t>(12 + headers.size() + 2 + 4));
  put(static_cast<uint32_t>(headers.size()));
  put(Crc32(m));
  m += headers + "pp";
  put(Crc32(m));
  EventStreamDecoder decoder;
  auto first = decoder.Feed(std::string_view(m).substr(0, 20));
  ASSERT_TRUE(first.has_value());
  EXPECT_TRUE(first->empty());
  EXPECT_TRUE(decoder.pending());
  auto rest = decoder.Feed(std::string_view(m).substr(20));
  ASSERT_TRUE(rest.has_value()) << rest.error().message;
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].headers.size(), 1u);
  EXPECT_EQ((*rest)[0].Header("s1"), "ok");
  EXPECT_EQ((*rest)[0].payload, "pp");
}

TEST(AwsEventStream, CorruptCrcIsAParseError) {
  std::string m = EncodeEventStreamMessage({{":event-type", "chunk"}}, "{}");
  std::string bad_prelude = m;
  bad_prelude[9] ^= 1;
  EXPECT_FALSE(EventStreamDecoder().Feed(bad_prelude).has_value());
  std::string bad_payload = m;
  bad_payload[m.size() - 6] ^= 1;
  EXPECT_FALSE(EventStreamDecoder().Feed(bad_payload).has_value());
}

TEST(AwsEventStream, Base64RoundTrips) {
  for (std::string s : {"", "a", "ab", "abc", "abcd", "{\"type\":\"ping\"}"}) {
    auto back = base::Base64Decode(base::Base64(s));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, s);
  }
  EXPECT_EQ(base::Base64("{\"type\":\"ping\"}"), "eyJ0eXBlIjoicGluZyJ9");
  EXPECT_FALSE(base::Base64Decode("a*b=").has_value());
}

}  // namespace
}  // namespace runner::providers
