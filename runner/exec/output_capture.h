#pragma once
/// Bounded capture of one output stream: the first half of the limit is kept as the head, the
/// last half in a ring buffer as the tail, and whatever falls in between is only counted. Memory
/// never exceeds the limit, however much the child writes, and both ends of the output survive.
/// Header-only: the exec module's source list is fixed in its CMakeLists.txt.

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace runner::exec {

/// Where a capture dropped the middle of a stream: `bytes` bytes (holding `lines` newlines)
/// were left out at `offset` of the kept data. `bytes == 0` means nothing was dropped.
struct OutputGap {
  size_t offset = 0;
  size_t bytes = 0;
  size_t lines = 0;
  bool operator==(const OutputGap&) const = default;
};

/// The kept data of a stream (head then tail, joined) and the gap between them.
struct CapturedStream {
  std::string data;
  OutputGap gap;
};

class HeadTailBuffer {
 public:
  /// Keeps at most `limit` bytes: `limit / 2` from the start, the rest from the end.
  explicit HeadTailBuffer(size_t limit) : head_limit_(limit / 2), tail_limit_(limit - limit / 2) {}

  void Append(std::string_view data) {
    size_t to_head = std::min(data.size(), head_limit_ - head_.size());
    head_.append(data.substr(0, to_head));
    data.remove_prefix(to_head);
    if (data.size() >= tail_limit_) {  // the new data alone fills the ring: restart it
      Drop(ring_);
      Drop(data.substr(0, data.size() - tail_limit_));
      ring_.assign(data.substr(data.size() - tail_limit_));
      start_ = 0;
      return;
    }
    size_t to_fill = std::min(data.size(), tail_limit_ - ring_.size());
    ring_.append(data.substr(0, to_fill));
    data.remove_prefix(to_fill);
    while (!data.empty()) Overwrite(data);
  }

  /// Bytes held right now (head plus ring); never more than the limit.
  size_t retained_bytes() const { return head_.size() + ring_.size(); }
  size_t dropped_bytes() const { return dropped_bytes_; }

  /// The kept bytes in stream order and the gap; leaves the buffer empty.
  CapturedStream Take() {
    CapturedStream out;
    out.gap = OutputGap{head_.size(), dropped_bytes_, dropped_lines_};
    out.data = std::move(head_);
    out.data.append(ring_, start_, std::string::npos).append(ring_, 0, start_);
    *this = HeadTailBuffer(head_limit_ + tail_limit_);
    return out;
  }

 private:
  void Drop(std::string_view bytes) {
    dropped_bytes_ += bytes.size();
    dropped_lines_ += static_cast<size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  }

  /// Replaces the oldest bytes of the (full) ring with the front of `data`, up to its end.
  void Overwrite(std::string_view& data) {
    size_t n = std::min(data.size(), ring_.size() - start_);
    Drop(std::string_view(ring_).substr(start_, n));
    ring_.replace(start_, n, data.substr(0, n));
    data.remove_prefix(n);
    start_ = (start_ + n) % ring_.size();
  }

  size_t head_limit_;
  size_t tail_limit_;
  std::string head_;
  std::string ring_;  ///< the tail; once full, `start_` is its oldest byte
  size_t start_ = 0;
  size_t dropped_bytes_ = 0;
  size_t dropped_lines_ = 0;
};

}  // namespace runner::exec
