#pragma once
/// A snapshot of environment variables. Code reads configuration through an Env passed in,
/// never through getenv, so tests can build one from a map.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace runner::base {

class Env {
 public:
  Env() = default;
  explicit Env(const std::map<std::string, std::string>& vars) : vars_(vars.begin(), vars.end()) {}
  /// Copies the process environment (call once, in cli/).
  static Env FromProcess();

  /// The value, or nullopt when unset. An empty value counts as set.
  std::optional<std::string> Get(std::string_view name) const;
  std::string GetOr(std::string_view name, std::string_view fallback) const;
  /// True for "1", "true", "yes", "on" (any case).
  bool Truthy(std::string_view name) const;
  /// Integer value; nullopt when unset or not a number.
  std::optional<long long> GetInt(std::string_view name) const;
  void Set(std::string name, std::string value) { vars_[std::move(name)] = std::move(value); }
  void Unset(const std::string& name) { vars_.erase(name); }
  const std::map<std::string, std::string, std::less<>>& vars() const { return vars_; }

 private:
  std::map<std::string, std::string, std::less<>> vars_;
};

}  // namespace runner::base
