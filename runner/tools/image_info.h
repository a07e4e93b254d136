#pragma once
/// Recognising the image formats the Messages API accepts (PNG, JPEG, GIF, WebP) from their
/// bytes, and reading their pixel size from the header, without an image library. The media
/// type sent to the API must match the bytes, so it comes from here, not from the file name.

#include <optional>
#include <string_view>

namespace runner::tools {

struct ImageInfo {
  std::string_view media_type;  ///< `image/png`, `image/jpeg`, `image/gif` or `image/webp`
  int width = 0;                ///< pixels; 0 when the header does not say (or is cut short)
  int height = 0;
  bool operator==(const ImageInfo&) const = default;
};

/// The format and size of the image in `data`, or nullopt when it is none of the four formats.
std::optional<ImageInfo> SniffImage(std::string_view data);

}  // namespace runner::tools
