#include "integrations/github/images.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>

#include "runner/base/strings.h"

namespace integrations::github {

namespace {

/// The URL starting at `pos` up to the first character that cannot be in one here.
std::string UrlAt(std::string_view text, size_t pos) {
  size_t end = text.find_first_of(" \t\r\n)\"'<>", pos);
  return std::string(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
}

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

/// The extension of a signed image URL's path (`…/123-abc.png?jwt=…` → `png`), `png` if unknown.
std::string Extension(std::string_view url) {
  std::string_view path = url.substr(0, url.find('?'));
  size_t dot = path.rfind('.');
  size_t slash = path.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "png";
  std::string ext = runner::base::ToLower(path.substr(dot + 1));
  for (const char* known : {"png", "jpg", "jpeg", "gif", "webp", "svg"}) {
    if (ext == known) return ext;
  }
  return "png";
}

}  // namespace

std::vector<std::string> AttachmentImageUrls(std::string_view text, std::string_view server_url) {
  std::string prefix = std::string(server_url);
  while (prefix.ends_with('/')) prefix.pop_back();
  prefix += "/user-attachments/assets/";
  std::vector<std::string> out;
  for (size_t at = text.find(prefix); at != std::string_view::npos; at = text.find(prefix, at + 1)) {
    // Only images: `![…](url` or `src="url` right before it.
    std::string_view before = text.substr(0, at);
    size_t line = before.rfind('\n');
    line = line == std::string_view::npos ? 0 : line + 1;
    bool markdown = before.ends_with("](") && before.find("![", line) != std::string_view::npos;
    bool html = before.ends_with("src=\"") || before.ends_with("src='");
    if (!markdown && !html) continue;
    std::string url = UrlAt(text, at);
    if (std::find(out.begin(), out.end(), url) == out.end()) out.push_back(std::move(url));
  }
  return out;
}

std::vector<std::string> ImgSources(std::string_view html) {
  std::vector<std::string> out;
  for (size_t at = html.find("<img"); at != std::string_view::npos; at = html.find("<img", at + 4)) {
    size_t close = html.find('>', at);
    std::string_view tag = html.substr(at, close == std::string_view::npos ? std::string_view::npos : close - at);
    size_t src = tag.find(" src=\"");
    if (src == std::string_view::npos) continue;
    src += 6;
    size_t end = tag.find('"', src);
    if (end == std::string_view::npos) continue;
    std::string url(tag.substr(src, end - src));
    ReplaceAll(url, "&amp;", "&");
    out.push_back(std::move(url));
  }
  return out;
}

std::vector<std::string> DownloadImages(GithubApi& api, runner::base::HttpClient& http,
                                        const std::vector<ImageText>& texts, std::string_view server_url,
                                        const std::string& dir, const ImageLimits& limits,
                                        const std::function<void(const std::string&)>& say) {
  std::vector<std::string> written;
  std::map<std::string, std::string> local_by_url;  // an image pasted twice is fetched once
  int count = 0;
  for (const ImageText& t : texts) {
    std::vector<std::string> urls = AttachmentImageUrls(*t.text, server_url);
    std::erase_if(urls, [&](const std::string& u) { return local_by_url.contains(u); });
    if (urls.empty() || count >= limits.max_images || t.rendered_path.empty()) continue;
    auto rendered = api.GetRenderedBody(t.rendered_path);
    if (!rendered) {
      say("cannot read the images of " + t.rendered_path + ": " + rendered.error().message);
      continue;
    }
    // GitHub renders each attachment as one <img>, in the text's order; other images (badges,
    // external pictures) may sit in between, so only signed attachment sources are paired.
    std::vector<std::string> sources = ImgSources(*rendered);
    std::erase_if(sources, [&](const std::string& s) {
      return s.find("user-images.githubusercontent.com/") == std::string::npos &&
             s.find("/_storage/images/") == std::string::npos;  // the test server's storage
    });
    for (size_t i = 0; i < urls.size() && i < sources.size() && count < limits.max_images; ++i) {
      const std::string& source = sources[i];
      if (!source.starts_with("https://") && !source.starts_with(api.api_url() + "/")) continue;
      runner::base::HttpRequest req;
      req.method = "GET";
      req.url = source;
      req.timeout_ms = 30000;
      req.connect_timeout_ms = 10000;
      req.headers = {{"User-Agent", "claude-runner"}};  // signed: no token
      std::string bytes;
      bool too_big = false;
      auto got = http.Send(req, [&](const runner::base::HttpResponseHead&, std::string_view chunk) {
        bytes.append(chunk);
        too_big = static_cast<int64_t>(bytes.size()) > limits.max_bytes;
        return !too_big;
      }, api.cancel());
      if (!got || got->head.status != 200 || too_big) {
        say("cannot download image " + urls[i] + ": " +
            (too_big ? "larger than " + std::to_string(limits.max_bytes) + " bytes"
                     : got ? "HTTP " + std::to_string(got->head.status) : got.error().message));
        continue;
      }
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      std::string path = dir + "/image-" + std::to_string(count) + "." + Extension(source);
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << bytes;
      if (!out.flush()) {
        say("cannot write " + path);
        continue;
      }
      ++count;
      local_by_url[urls[i]] = path;
      written.push_back(path);
    }
  }
  for (const ImageText& t : texts) {
    for (const auto& [url, path] : local_by_url) ReplaceAll(*t.text, url, path);
  }
  return written;
}

}  // namespace integrations::github
