#pragma once
/// Images pasted into issues, pull requests and comments (GitHub stores them as
/// `<server>/user-attachments/assets/<id>`), downloaded so the agent can look at them with the
/// Read tool, as claude-code-action does. The attachment URLs need the viewer's session, so the
/// runner asks the API for the text's rendered HTML, whose `<img>` sources are short-lived signed
/// URLs, and fetches those without the token. In the text the agent reads, each attachment URL
/// is replaced by the local file's path.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "integrations/github/api.h"
#include "integrations/github/context.h"
#include "runner/base/http.h"

namespace integrations::github {

/// The attachment image URLs of markdown `text`, in order, each once: `![alt](url)` and
/// `<img src="url">` whose url starts with `<server_url>/user-attachments/assets/`.
std::vector<std::string> AttachmentImageUrls(std::string_view text, std::string_view server_url);

/// The `src` of every `<img>` in rendered HTML, in order, with `&amp;` decoded.
std::vector<std::string> ImgSources(std::string_view html);

/// Where a text with images came from: the API path that renders it.
struct ImageText {
  std::string rendered_path;  ///< e.g. `/repos/o/r/issues/comments/7`; empty: links only rewritten
  std::string* text;          ///< rewritten in place
};

struct ImageLimits {
  int max_images = 20;                   ///< downloads tried, and texts rendered
  int64_t max_bytes = 10 << 20;          ///< per image
  int64_t max_total_bytes = 40 << 20;    ///< all images together
};

/// Downloads the images of `texts` into `dir` (image-<n>.<ext>, the type read from the file's
/// first bytes; PNG, JPEG, GIF and WebP only) and rewrites the texts to point at them. An
/// attachment is paired with the rendered source that names its asset id (GitHub's signed
/// `https://private-user-images.githubusercontent.com/<user>/<n>-<guid>.<ext>?jwt=…`). Returns
/// the paths written; failures are logged by `say` and leave the link as it is.
std::vector<std::string> DownloadImages(GithubApi& api, runner::base::HttpClient& http,
                                        const std::vector<ImageText>& texts, std::string_view server_url,
                                        const std::string& dir, const ImageLimits& limits,
                                        const std::function<void(const std::string&)>& say);

}  // namespace integrations::github
