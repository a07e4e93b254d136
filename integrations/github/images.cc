#include "integrations/github/images.h"

#include <algorithm>
#include <cctype>
#include <set>
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

/// The image type from a file's first bytes: png, jpg, gif or webp; empty for anything else
/// (SVG included: the model takes only raster images).
std::string SniffImageType(std::string_view head) {
  if (head.starts_with("\x89PNG\r\n\x1a\n")) return "png";
  if (head.starts_with("\xff\xd8\xff")) return "jpg";
  if (head.starts_with("GIF87a") || head.starts_with("GIF89a")) return "gif";
  if (head.size() >= 12 && head.starts_with("RIFF") && head.substr(8, 4) == "WEBP") return "webp";
  return "";
}

bool IsGuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

/// The asset id of a signed image source: GitHub names the file `<n>-<guid>.<ext>`
/// (`https://private-user-images.githubusercontent.com/<user>/<n>-<guid>.png?jwt=…`).
std::string SourceGuid(std::string_view source) {
  std::string_view path = source.substr(0, source.find('?'));
  std::string_view name = path.substr(path.rfind('/') + 1);
  name = name.substr(0, name.rfind('.'));
  if (name.size() < 36) return "";
  std::string_view guid = name.substr(name.size() - 36);
  return IsGuid(guid) ? runner::base::ToLower(guid) : "";
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
    out.push_back(runner::base::ReplaceAll(std::move(url), "&amp;", "&"));
  }
  return out;
}

std::vector<std::string> DownloadImages(GithubApi& api, runner::base::HttpClient& http,
                                        const std::vector<ImageText>& texts, std::string_view server_url,
                                        const std::string& dir, const ImageLimits& limits,
                                        const std::function<void(const std::string&)>& say) {
  std::vector<std::string> written;
  std::map<std::string, std::string> local_by_guid;  // an image pasted twice is fetched once
  std::set<std::string> tried;
  int attempts = 0, renderings = 0;
  int64_t total_bytes = 0;
  const std::string test_storage = api.api_url() + "/_storage/images/";
  for (const ImageText& t : texts) {
    if (t.rendered_path.empty()) continue;
    std::vector<std::string> guids;
    for (const std::string& url : AttachmentImageUrls(*t.text, server_url)) {
      std::string guid = runner::base::ToLower(url.substr(url.rfind('/') + 1));
      if (IsGuid(guid) && !tried.contains(guid)) guids.push_back(guid);
    }
    if (guids.empty()) continue;
    if (renderings >= limits.max_images || attempts >= limits.max_images) break;
    ++renderings;
    auto rendered = api.GetRenderedBody(t.rendered_path);
    if (!rendered) {
      say("cannot read the images of " + t.rendered_path + ": " + rendered.error().message);
      continue;
    }
    // Each attachment is paired with the signed source that names its asset id, never by
    // position: a quoted or code-span link renders as no <img>, and an image of one text must not
    // stand in for another's. Only GitHub's image host is fetched (and, in tests, the API's own).
    std::map<std::string, std::string> source_by_guid;
    for (const std::string& source : ImgSources(*rendered)) {
      if (!source.starts_with("https://private-user-images.githubusercontent.com/") &&
          !source.starts_with(test_storage)) {
        continue;
      }
      if (std::string guid = SourceGuid(source); !guid.empty()) source_by_guid.emplace(guid, source);
    }
    for (const std::string& guid : guids) {  // in the text's order
      auto found = source_by_guid.find(guid);
      if (found == source_by_guid.end() || tried.contains(guid)) continue;
      const std::string& source = found->second;
      tried.insert(guid);
      if (attempts++ >= limits.max_images || total_bytes >= limits.max_total_bytes) break;
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      std::string part = dir + "/image-" + std::to_string(written.size()) + ".part";
      std::ofstream out(part, std::ios::binary | std::ios::trunc);
      std::string head;
      int64_t size = 0;
      bool too_big = false;
      runner::base::HttpRequest req;
      req.method = "GET";
      req.url = source;
      req.timeout_ms = 30000;
      req.connect_timeout_ms = 10000;
      req.headers = {{"User-Agent", "claude-runner"}};  // signed: no token
      auto got = http.Send(req, [&](const runner::base::HttpResponseHead&, std::string_view chunk) {
        if (head.size() < 16) head.append(chunk.substr(0, 16 - head.size()));
        size += static_cast<int64_t>(chunk.size());
        too_big = size > limits.max_bytes || total_bytes + size > limits.max_total_bytes;
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        return !too_big;
      }, api.cancel());
      out.close();
      std::string type = SniffImageType(head);
      std::string why = too_big ? "larger than the limit"
                        : !got ? got.error().message
                        : got->head.status != 200 ? "HTTP " + std::to_string(got->head.status)
                        : !out ? "cannot write " + part
                        : type.empty() ? "not a PNG, JPEG, GIF or WebP image" : "";
      if (!why.empty()) {
        std::filesystem::remove(part, ec);
        say("cannot use image " + guid + ": " + why);
        continue;
      }
      std::string path = dir + "/image-" + std::to_string(written.size()) + "." + type;
      std::filesystem::rename(part, path, ec);
      if (ec) {
        say("cannot write " + path + ": " + ec.message());
        continue;
      }
      total_bytes += size;
      local_by_guid[guid] = path;
      written.push_back(path);
    }
  }
  for (const ImageText& t : texts) {
    for (const std::string& url : AttachmentImageUrls(*t.text, server_url)) {
      auto file = local_by_guid.find(runner::base::ToLower(url.substr(url.rfind('/') + 1)));
      if (file != local_by_guid.end()) *t.text = runner::base::ReplaceAll(std::move(*t.text), url, file->second);
    }
  }
  return written;
}

}  // namespace integrations::github
