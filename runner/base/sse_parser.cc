#include "runner/base/sse_parser.h"

#include <algorithm>

namespace runner::base {

std::vector<SseFrame> SseParser::Feed(std::string_view chunk) {
  std::vector<SseFrame> out;
  for (char c : chunk) {
    if (skip_lf_) {
      skip_lf_ = false;
      if (c == '\n') continue;
    }
    if (c == '\r' || c == '\n') {
      skip_lf_ = (c == '\r');
      ProcessLine(line_, out);
      line_.clear();
      continue;
    }
    line_.push_back(c);
  }
  return out;
}

bool SseParser::Finish() {
  bool partial = has_data_ || !line_.empty() || !pending_.event.empty();
  line_.clear();
  pending_ = SseFrame{};
  has_data_ = false;
  skip_lf_ = false;
  return partial;
}

void SseParser::ProcessLine(std::string_view line, std::vector<SseFrame>& out) {
  if (first_line_) {
    first_line_ = false;
    if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
  }
  if (line.empty()) {
    if (has_data_) {
      pending_.id = last_event_id_;
      out.push_back(std::move(pending_));
    }
    pending_ = SseFrame{};
    has_data_ = false;
    return;
  }
  if (line.front() == ':') return;  // comment
  size_t colon = line.find(':');
  std::string_view field = line.substr(0, colon);
  std::string_view value;
  if (colon != std::string_view::npos) {
    value = line.substr(colon + 1);
    if (value.starts_with(' ')) value.remove_prefix(1);
  }
  ProcessField(field, value);
}

void SseParser::ProcessField(std::string_view field, std::string_view value) {
  if (field == "event") {
    pending_.event.assign(value);
  } else if (field == "data") {
    if (has_data_) pending_.data.push_back('\n');
    pending_.data.append(value);
    has_data_ = true;
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) last_event_id_.assign(value);
  } else if (field == "retry") {
    bool digits =
        !value.empty() && value.size() < 12 &&
        std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) retry_ms_ = std::stoll(std::string(value));
  }
}

}  // namespace runner::base
