#include "runner/tools/image_info.h"

#include <gtest/gtest.h>

#include <string>

namespace runner::tools {
namespace {

using namespace std::string_literals;

std::string Be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}
std::string Le16(uint32_t v) { return {static_cast<char>(v), static_cast<char>(v >> 8)}; }
std::string Le24(uint32_t v) { return Le16(v) + static_cast<char>(v >> 16); }

const std::string kPngSignature = "\x89PNG\r\n\x1a\n";

TEST(SniffImage, ReadsPngSizeFromIhdr) {
  std::string png = kPngSignature + "\0\0\0\x0dIHDR"s + Be32(640) + Be32(480) + "\x08\x06\0\0\0"s;
  EXPECT_EQ(SniffImage(png), (ImageInfo{"image/png", 640, 480}));
}

TEST(SniffImage, ReadsGifLogicalScreenSize) {
  EXPECT_EQ(SniffImage("GIF89a" + Le16(300) + Le16(2)), (ImageInfo{"image/gif", 300, 2}));
  EXPECT_EQ(SniffImage("GIF87a" + Le16(1) + Le16(1)), (ImageInfo{"image/gif", 1, 1}));
}

TEST(SniffImage, SkipsJpegSegmentsUpToTheFrameHeader) {
  std::string app0 = "\xFF\xE0\x00\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0"s;  // 16-byte segment
  std::string sof2 = "\xFF\xC2\x00\x11\x08"s + "\x02\x58"s + "\x03\x20"s + "\x03\x01\x22\0"s;
  std::string jpeg = "\xFF\xD8"s + app0 + "\xFF\xFF"s + sof2;  // with a fill byte
  EXPECT_EQ(SniffImage(jpeg), (ImageInfo{"image/jpeg", 800, 600}));
}

TEST(SniffImage, ReadsEachWebpFlavour) {
  auto riff = [](std::string chunk) { return "RIFF\0\0\0\0WEBP"s + chunk; };
  std::string lossy = riff("VP8 \0\0\0\0"s + "\0\0\0"s + "\x9d\x01\x2a"s + Le16(320) + Le16(200));
  EXPECT_EQ(SniffImage(lossy), (ImageInfo{"image/webp", 320, 200}));
  uint32_t bits = (100 - 1) | (50 - 1) << 14;
  std::string lossless = riff("VP8L\0\0\0\0\x2f"s + Le16(bits & 0xFFFF) + Le16(bits >> 16));
  EXPECT_EQ(SniffImage(lossless), (ImageInfo{"image/webp", 100, 50}));
  std::string extended = riff("VP8X\0\0\0\0"s + "\0\0\0\0"s + Le24(4095) + Le24(9999));
  EXPECT_EQ(SniffImage(extended), (ImageInfo{"image/webp", 4096, 10000}));
}

TEST(SniffImage, KnowsTheFormatEvenWhenTheHeaderIsCutShort) {
  EXPECT_EQ(SniffImage(kPngSignature), (ImageInfo{"image/png", 0, 0}));
  EXPECT_EQ(SniffImage("\xFF\xD8\xFF"), (ImageInfo{"image/jpeg", 0, 0}));
  EXPECT_EQ(SniffImage("GIF89a"), (ImageInfo{"image/gif", 0, 0}));
  EXPECT_EQ(SniffImage("RIFF\0\0\0\0WEBP"s), (ImageInfo{"image/webp", 0, 0}));
}

TEST(SniffImage, RejectsEverythingElse) {
  EXPECT_EQ(SniffImage(""), std::nullopt);
  EXPECT_EQ(SniffImage("hello, world"), std::nullopt);
  EXPECT_EQ(SniffImage("%PDF-1.7"), std::nullopt);
  EXPECT_EQ(SniffImage("RIFF\0\0\0\0WAVE"s), std::nullopt);
  EXPECT_EQ(SniffImage("\x89PNX\r\n\x1a\n"), std::nullopt);
}

}  // namespace
}  // namespace runner::tools
