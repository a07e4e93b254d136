#pragma once
/// Scope guard: runs a callable when the scope ends (`Defer d([&] { … });`).

#include <utility>

namespace runner::base {

template <class F>
class Defer {
 public:
  explicit Defer(F f) : f_(std::move(f)) {}
  ~Defer() {
    if (armed_) f_();
  }
  Defer(const Defer&) = delete;
  Defer& operator=(const Defer&) = delete;
  void Cancel() { armed_ = false; }

 private:
  F f_;
  bool armed_ = true;
};

}  // namespace runner::base
