#pragma once
/// Absolute URLs for the web tools: parsing, printing, resolving a reference (a link in a page,
/// a `Location` header) against a base URL, and the host checks WebFetch makes before it
/// fetches or follows a redirect. Pure text functions; nothing here touches the network.

#include <optional>
#include <string>
#include <string_view>

namespace runner::tools {

/// An absolute hierarchical URL (`scheme://[userinfo@]host[:port]/path[?query][#fragment]`).
struct WebUrl {
  std::string scheme;    ///< lower case
  std::string userinfo;  ///< `user[:password]`, usually empty
  std::string host;      ///< lower case; IPv6 literals keep their brackets
  std::string port;      ///< digits; empty when absent or the scheme's default (80, 443)
  std::string path;      ///< starts with "/"
  std::optional<std::string> query;     ///< without the "?"
  std::optional<std::string> fragment;  ///< without the "#"

  /// The URL as text, with the fragment when there is one.
  std::string ToString() const;
  /// The port in use: `port`, or the scheme's default ("80" / "443", else "").
  std::string EffectivePort() const;
  bool operator==(const WebUrl&) const = default;
};

/// Parses an absolute URL with an authority. Lower-cases scheme and host, drops a default port
/// and gives an empty path "/". Nullopt for relative references, missing hosts, bad ports and
/// text with spaces or control characters.
std::optional<WebUrl> ParseWebUrl(std::string_view text);

/// Resolves `reference` against `base` as RFC 3986 §5.2 does (absolute, `//host…`, `/path`,
/// `?query`, `#fragment` and relative paths with `.`/`..` segments). Nullopt when the result is
/// not a valid URL.
std::optional<WebUrl> ResolveWebUrl(const WebUrl& base, std::string_view reference);

/// True for `localhost` (and `*.localhost`), 127.0.0.0/8 and `[::1]`.
bool IsLoopbackHost(std::string_view host);

/// Whether WebFetch follows a redirect from `from` to `to` by itself: same scheme and port, no
/// credentials, and the same host once a leading `www.` is ignored on both sides.
bool IsSameSiteRedirect(const WebUrl& from, const WebUrl& to);

}  // namespace runner::tools
