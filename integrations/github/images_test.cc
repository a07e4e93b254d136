#include "integrations/github/images.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "runner/base/files.h"
#include "runner/testing/http_test_server.h"

namespace integrations::github {
namespace {

using runner::testing::HttpTestRequest;
using runner::testing::HttpTestResponse;
using runner::testing::HttpTestServer;

constexpr const char* kServer = "https://github.com";
constexpr const char* kOne = "5ac382c7-e004-429b-8e35-7feb3e8f9c6f";
constexpr const char* kTwo = "0b1c2d3e-aaaa-bbbb-cccc-000000000002";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "rest-of-png";
const std::string kJpeg = std::string("\xff\xd8\xff\xe0", 4) + "rest-of-jpeg";

TEST(AttachmentImageUrls, FindsMarkdownAndHtmlImagesOnTheAttachmentHostOnce) {
  std::string text =
      "Broken:\n![shot](https://github.com/user-attachments/assets/aaa-111)\n"
      "<img width=\"300\" src=\"https://github.com/user-attachments/assets/bbb-222\" />\n"
      "a link, not an image: [log](https://github.com/user-attachments/assets/ccc-333)\n"
      "elsewhere: ![x](https://example.com/user-attachments/assets/ddd)\n"
      "again ![shot](https://github.com/user-attachments/assets/aaa-111)";
  EXPECT_EQ(AttachmentImageUrls(text, kServer),
            (std::vector<std::string>{"https://github.com/user-attachments/assets/aaa-111",
                                      "https://github.com/user-attachments/assets/bbb-222"}));
  EXPECT_TRUE(AttachmentImageUrls("no images", kServer).empty());
  EXPECT_EQ(AttachmentImageUrls("![a](https://ghe.example/user-attachments/assets/1)", "https://ghe.example/").size(), 1u);
}

TEST(ImgSources, ListsSourcesInOrderDecoded) {
  EXPECT_EQ(ImgSources(R"(<p><img src="https://a/x.png?jwt=1&amp;b=2" alt="x"> and <img alt="y" src="https://b/y.gif"></p>)"),
            (std::vector<std::string>{"https://a/x.png?jwt=1&b=2", "https://b/y.gif"}));
}

TEST(DownloadImages, FetchesTheSignedSourcesWithoutTheTokenAndRewritesTheTexts) {
  HttpTestServer* self = nullptr;
  auto server = HttpTestServer::Start([&](const HttpTestRequest& r, HttpTestResponse& w) {
    if (r.path() == "/repos/o/r/issues/comments/7") {
      EXPECT_NE(r.header("accept").find("application/vnd.github.full+json"), std::string::npos);
      // GitHub's order need not be the text's: pairing is by asset id. A badge is not an attachment.
      std::string html = "<p><img src=\"https://img.shields.io/badge.svg\"> <img src=\"" +
                         self->url("/_storage/images/9/22-" + std::string(kTwo) + ".jpg?jwt=b") + "\"> <img src=\"" +
                         self->url("/_storage/images/9/11-" + std::string(kOne) + ".png?jwt=a&amp;x=1") + "\"></p>";
      return w.Send(200, {{"content-type", "application/json"}},
                    runner::base::JsonObject({{"id", 7}, {"body_html", html}}).Dump());
    }
    if (r.path() == "/_storage/images/9/11-" + std::string(kOne) + ".png") {
      EXPECT_FALSE(r.has_header("authorization"));
      EXPECT_NE(r.target.find("jwt=a&x=1"), std::string::npos) << r.target;
      return w.Send(200, {{"content-type", "image/png"}}, kPng);
    }
    if (r.path() == "/_storage/images/9/22-" + std::string(kTwo) + ".jpg") return w.Send(200, {}, kJpeg);
    w.Send(404, {}, "{}");
  });
  ASSERT_TRUE(server);
  self = server->get();
  runner::base::CurlHttpClient http({});
  ApiOptions options;
  options.api_url = (*server)->url();
  options.token = "ghs_x";
  GithubApi api(http, options, nullptr);
  std::string dir = ::testing::TempDir() + "images-test";
  std::string one = std::string("https://github.com/user-attachments/assets/") + kOne;
  std::string two = std::string("https://github.com/user-attachments/assets/") + kTwo;
  std::string comment = "see ![one](" + one + ") and ![two](" + two + ")";
  std::string quote = "as in ![one](" + one + ")";
  std::vector<std::string> said;
  auto paths = DownloadImages(api, http, {{"/repos/o/r/issues/comments/7", &comment}, {"", &quote}}, kServer, dir,
                              ImageLimits{}, [&](const std::string& s) { said.push_back(s); });
  ASSERT_EQ(paths, (std::vector<std::string>{dir + "/image-0.png", dir + "/image-1.jpg"})) << (said.empty() ? "" : said[0]);
  EXPECT_EQ(runner::base::ReadFile(paths[0]).value(), kPng);
  EXPECT_EQ(runner::base::ReadFile(paths[1]).value(), kJpeg);  // the type comes from the bytes
  EXPECT_EQ(comment, "see ![one](" + paths[0] + ") and ![two](" + paths[1] + ")");
  EXPECT_EQ(quote, "as in ![one](" + paths[0] + ")");  // a text without its own rendering reuses the file
  EXPECT_EQ((*server)->requests().size(), 3u);  // one rendering, two images

  ImageLimits just_one;
  just_one.max_images = 1;
  std::string again = "![two](" + two + ") ![one](" + one + ")";
  auto limited = DownloadImages(api, http, {{"/repos/o/r/issues/comments/7", &again}}, kServer, dir, just_one,
                                [](const std::string&) {});
  EXPECT_EQ(limited.size(), 1u);
}

TEST(DownloadImages, AnAttachmentWithoutItsOwnRenderedSourceIsNotDownloaded) {
  // A link in a code span renders as text: the rendered <img> belongs to another asset, which
  // must not be saved under the quoted link.
  auto server = HttpTestServer::Start([&](const HttpTestRequest& r, HttpTestResponse& w) {
    if (r.path() == "/repos/o/r/issues/comments/8") {
      std::string html = "<p><code>![](https://github.com/user-attachments/assets/" + std::string(kOne) +
                         ")</code> <img src=\"https://private-user-images.githubusercontent.com/9/33-" +
                         std::string(kTwo) + ".png?jwt=c\"></p>";
      return w.Send(200, {}, runner::base::JsonObject({{"body_html", html}}).Dump());
    }
    w.Send(404, {}, "{}");
  });
  ASSERT_TRUE(server);
  runner::base::CurlHttpClient http({});
  ApiOptions options;
  options.api_url = (*server)->url();
  GithubApi api(http, options, nullptr);
  std::string text = "`![](https://github.com/user-attachments/assets/" + std::string(kOne) + ")`";
  auto paths = DownloadImages(api, http, {{"/repos/o/r/issues/comments/8", &text}}, kServer,
                              ::testing::TempDir() + "images-test-2", ImageLimits{}, [](const std::string&) {});
  EXPECT_TRUE(paths.empty());
  EXPECT_EQ((*server)->requests().size(), 1u);  // nothing fetched from the image host
}

}  // namespace
}  // namespace integrations::github
