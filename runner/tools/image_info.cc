#include "runner/tools/image_info.h"

#include <cstdint>

namespace runner::tools {
namespace {

uint32_t Byte(std::string_view d, size_t i) { return static_cast<unsigned char>(d[i]); }
uint32_t Be16(std::string_view d, size_t i) { return Byte(d, i) << 8 | Byte(d, i + 1); }
uint32_t Le16(std::string_view d, size_t i) { return Byte(d, i) | Byte(d, i + 1) << 8; }
uint32_t Be32(std::string_view d, size_t i) { return Be16(d, i) << 16 | Be16(d, i + 2); }
uint32_t Le24(std::string_view d, size_t i) { return Le16(d, i) | Byte(d, i + 2) << 16; }
uint32_t Le32(std::string_view d, size_t i) { return Le16(d, i) | Le16(d, i + 2) << 16; }

ImageInfo Sized(std::string_view type, uint32_t width, uint32_t height) {
  return ImageInfo{type, static_cast<int>(width), static_cast<int>(height)};
}

ImageInfo Png(std::string_view d) {
  if (d.size() < 24 || d.substr(12, 4) != "IHDR") return {"image/png"};
  return Sized("image/png", Be32(d, 16), Be32(d, 20));
}

ImageInfo Gif(std::string_view d) {
  if (d.size() < 10) return {"image/gif"};
  return Sized("image/gif", Le16(d, 6), Le16(d, 8));
}

/// Walks the JPEG markers to the first start-of-frame, which holds the size.
ImageInfo Jpeg(std::string_view d) {
  size_t i = 2;
  while (i + 4 <= d.size()) {
    if (Byte(d, i) != 0xFF) break;
    uint32_t marker = Byte(d, i + 1);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD9)) {  // markers without a length
      i += 2;
      continue;
    }
    bool frame =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (frame && i + 9 <= d.size()) return Sized("image/jpeg", Be16(d, i + 7), Be16(d, i + 5));
    i += 2 + Be16(d, i + 2);
  }
  return {"image/jpeg"};
}

ImageInfo Webp(std::string_view d) {
  std::string_view chunk = d.size() >= 16 ? d.substr(12, 4) : std::string_view();
  if (chunk == "VP8 " && d.size() >= 30) {
    return Sized("image/webp", Le16(d, 26) & 0x3FFF, Le16(d, 28) & 0x3FFF);
  }
  if (chunk == "VP8L" && d.size() >= 25) {
    uint32_t bits = Le32(d, 21);
    return Sized("image/webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
  }
  if (chunk == "VP8X" && d.size() >= 30) {
    return Sized("image/webp", Le24(d, 24) + 1, Le24(d, 27) + 1);
  }
  return {"image/webp"};
}

}  // namespace

std::optional<ImageInfo> SniffImage(std::string_view data) {
  if (data.starts_with("\x89PNG\r\n\x1a\n")) return Png(data);
  if (data.starts_with("\xFF\xD8\xFF")) return Jpeg(data);
  if (data.starts_with("GIF87a") || data.starts_with("GIF89a")) return Gif(data);
  if (data.size() >= 12 && data.starts_with("RIFF") && data.substr(8, 4) == "WEBP") {
    return Webp(data);
  }
  return std::nullopt;
}

}  // namespace runner::tools
