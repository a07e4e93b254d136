#include "tests/fake_api/http_wire.h"

#include "runner/base/strings.h"

namespace fake_api {

using runner::base::ErrorKind;
using runner::base::Fail;

std::string_view RequestHead::path() const {
  std::string_view t = target;
  return t.substr(0, t.find('?'));
}

runner::base::Result<RequestHead> ParseRequestHead(std::string_view text) {
  RequestHead head;
  std::vector<std::string> lines = runner::base::Split(text, '\n');
  std::vector<std::string> request_line =
      runner::base::Split(runner::base::Trim(lines.empty() ? "" : lines[0]), ' ');
  if (request_line.size() != 3 || !request_line[2].starts_with("HTTP/1.")) {
    return Fail(ErrorKind::kParse, "malformed request line");
  }
  head.method = request_line[0];
  head.target = request_line[1];
  if (head.target.starts_with("http://") || head.target.starts_with("https://")) {
    // Absolute form, as sent to a proxy: answer as the origin would.
    head.absolute_target = head.target;
    size_t slash = head.target.find('/', head.target.find("//") + 2);
    head.target = slash == std::string::npos ? "/" : head.target.substr(slash);
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = runner::base::Trim(lines[i]);
    if (line.empty()) continue;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return Fail(ErrorKind::kParse, "malformed header line");
    std::string name = runner::base::ToLower(runner::base::Trim(line.substr(0, colon)));
    std::string value(runner::base::Trim(line.substr(colon + 1)));
    if (name == "content-length") {
      auto n = runner::base::ParseInt(value);
      if (!n || *n < 0) return Fail(ErrorKind::kParse, "bad content-length");
      head.content_length = static_cast<size_t>(*n);
    }
    if (name == "transfer-encoding" &&
        runner::base::ToLower(value).find("chunked") != std::string::npos) {
      head.chunked = true;
    }
    head.headers.emplace_back(std::move(name), std::move(value));
  }
  return head;
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Payload Too Large";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 529:
      return "Overloaded";
    default:
      return "Status";
  }
}

std::string ResponseHead(int status, const runner::base::Headers& headers,
                         std::optional<size_t> content_length) {
  std::string out =
      "HTTP/1.1 " + std::to_string(status) + " " + std::string(ReasonPhrase(status)) + "\r\n";
  for (const auto& [name, value] : headers) out += name + ": " + value + "\r\n";
  if (content_length) out += "content-length: " + std::to_string(*content_length) + "\r\n";
  out += "connection: close\r\n\r\n";
  return out;
}

}  // namespace fake_api
