#include "runner/tools/read_media.h"
#include "runner/base/strings.h"

#include <gtest/gtest.h>

#include <string>

namespace runner::tools {
namespace {

using base::Json;
using base::JsonObject;
using namespace std::string_literals;

// A 2x1 GIF header: enough for SniffImage (the bytes are sent as they are).
const std::string kGif = "GIF89a\x02\0\x01\0"s;

TEST(ReadKindFor, ChoosesByExtensionIgnoringCase) {
  EXPECT_EQ(ReadKindFor("/a/b.png"), ReadKind::kImage);
  EXPECT_EQ(ReadKindFor("/a/b.JPG"), ReadKind::kImage);
  EXPECT_EQ(ReadKindFor("/a/b.jpeg"), ReadKind::kImage);
  EXPECT_EQ(ReadKindFor("/a/b.gif"), ReadKind::kImage);
  EXPECT_EQ(ReadKindFor("/a/b.webp"), ReadKind::kImage);
  EXPECT_EQ(ReadKindFor("/a/b.Pdf"), ReadKind::kPdf);
  EXPECT_EQ(ReadKindFor("/a/b.ipynb"), ReadKind::kNotebook);
  EXPECT_EQ(ReadKindFor("/a/b.txt"), ReadKind::kText);
  EXPECT_EQ(ReadKindFor("/a/png"), ReadKind::kText);
  EXPECT_EQ(ReadKindFor("/a/b.svg"), ReadKind::kText);
}

TEST(Base64Encode, MatchesRfc4648Vectors) {
  EXPECT_EQ(base::Base64(""), "");
  EXPECT_EQ(base::Base64("f"), "Zg==");
  EXPECT_EQ(base::Base64("fo"), "Zm8=");
  EXPECT_EQ(base::Base64("foo"), "Zm9v");
  EXPECT_EQ(base::Base64("foob"), "Zm9vYg==");
  EXPECT_EQ(base::Base64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base::Base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base::Base64("\xFF\xFE\x00"s), "//4A");
}

TEST(ParsePageRange, AcceptsOnePageOrARange) {
  EXPECT_EQ(ParsePageRange("3"), (PageRange{3, 3}));
  EXPECT_EQ(ParsePageRange("1-5"), (PageRange{1, 5}));
  EXPECT_EQ(ParsePageRange("10-29"), (PageRange{10, 29}));
}

TEST(ParsePageRange, RejectsMalformedRanges) {
  for (const char* bad : {"", "0", "-3", "3-", "a", "1-b", "1-2-3", "1.5", " 3", "1 - 2"}) {
    auto parsed = ParsePageRange(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().kind, base::ErrorKind::kUsage);
    EXPECT_EQ(parsed.error().message,
              "Invalid pages parameter: \"" + std::string(bad) +
                  "\". Use a page number or a range of page numbers, e.g. \"3\" or \"1-5\" "
                  "(pages start at 1).");
  }
}

TEST(ParsePageRange, RejectsBackwardsAndTooLongRanges) {
  EXPECT_EQ(ParsePageRange("5-2").error().message,
            "Invalid pages parameter: \"5-2\". The range must not end before it starts.");
  EXPECT_EQ(ParsePageRange("1-21").error().message,
            "Invalid pages parameter: \"1-21\". At most 20 pages may be requested at once.");
}

TEST(ImageReadResult, SendsOneBase64ImageBlockWithTheSniffedType) {
  ToolResult r = ImageReadResult("/p/pic.png", kGif);  // a GIF named .png: the bytes win
  EXPECT_FALSE(r.is_error);
  std::string data = base::Base64(kGif);
  EXPECT_EQ(r.content, *Json::Parse(R"([{"type":"image","source":{"type":"base64",
      "media_type":"image/gif","data":")" +
                                    data + R"("}}])"));
  EXPECT_EQ(r.structured, *Json::Parse(R"({"type":"image","file":{"base64":")" + data +
                                       R"(","type":"image/gif","originalSize":10,
      "dimensions":{"originalWidth":2,"originalHeight":1,"displayWidth":2,"displayHeight":1}}})"));
}

TEST(ImageReadResult, LeavesOutUnknownDimensions) {
  ToolResult r = ImageReadResult("/p/pic.png", "\x89PNG\r\n\x1a\n");
  EXPECT_FALSE(r.is_error);
  EXPECT_FALSE(r.structured["file"].Contains("dimensions"));
}

TEST(ImageReadResult, RefusesBytesThatAreNoImage) {
  ToolResult r = ImageReadResult("/p/pic.png", "not an image");
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.content, Json("<tool_use_error>Cannot read /p/pic.png: the file is not a PNG, JPEG, "
                            "GIF or WebP image (or is damaged).</tool_use_error>"));
}

TEST(ImageReadResult, RefusesTooManyPixels) {
  ToolResult r = ImageReadResult("/p/big.gif", "GIF89a\x41\x1F\x01\0"s);  // 8001 x 1
  EXPECT_TRUE(r.is_error);
  EXPECT_NE(r.content.AsString().find("(8001x1 pixels; at most 8000 on each side)"),
            std::string::npos);
}

TEST(PdfReadResult, SendsTheWholePdfAsADocumentBlock) {
  std::string pdf = "%PDF-1.4\n%%EOF\n";
  ToolResult r = PdfReadResult("/p/doc.pdf", pdf, std::nullopt);
  EXPECT_FALSE(r.is_error);
  std::string data = base::Base64(pdf);
  EXPECT_EQ(r.content, *Json::Parse(R"([{"type":"document","source":{"type":"base64",
      "media_type":"application/pdf","data":")" +
                                    data + R"("}}])"));
  EXPECT_EQ(r.structured, JsonObject({{"type", "pdf"},
                                      {"file", JsonObject({{"filePath", "/p/doc.pdf"},
                                                           {"base64", data},
                                                           {"originalSize", pdf.size()}})}}));
}

TEST(PdfReadResult, SaysWhenPagesCouldNotBeSelected) {
  ToolResult r = PdfReadResult("/p/doc.pdf", "%PDF-1.4\n", PageRange{2, 4});
  ASSERT_EQ(r.content.size(), 2u);
  EXPECT_EQ(r.content.at(1), JsonObject({{"type", "text"},
                                         {"text",
                                          "The whole PDF is attached: selecting pages "
                                          "2-4 is not supported here, so look at those "
                                          "pages in it."}}));
}

TEST(PdfReadResult, RefusesFilesThatAreNoPdf) {
  ToolResult r = PdfReadResult("/p/doc.pdf", "hello", std::nullopt);
  EXPECT_EQ(r.content, Json("<tool_use_error>Cannot read /p/doc.pdf: the file is not a PDF (or is "
                            "damaged).</tool_use_error>"));
}

TEST(MediaTooLargeMessage, NamesSizeLimitAndWayOut) {
  EXPECT_EQ(MediaTooLargeMessage(ReadKind::kImage, 8 * 1024 * 1024),
            "Image file is too large to read (8 MB; the limit is 3.75 MB). Make a smaller copy "
            "first (e.g. with Bash: convert in.png -resize 50% out.png) and Read that.");
  EXPECT_EQ(MaxReadBytes(ReadKind::kPdf), kReadMaxPdfBytes);
  EXPECT_EQ(MaxReadBytes(ReadKind::kNotebook), kReadMaxNotebookBytes);
  EXPECT_EQ(MaxReadBytes(ReadKind::kText), 0u);
}

}  // namespace
}  // namespace runner::tools
