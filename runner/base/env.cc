#include "runner/base/env.h"

#include "runner/base/strings.h"

extern char** environ;

namespace runner::base {

Env Env::FromProcess() {
  std::map<std::string, std::string> vars;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    size_t eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    vars.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return Env(vars);
}

std::optional<std::string> Env::Get(std::string_view name) const {
  auto it = vars_.find(name);
  if (it == vars_.end()) return std::nullopt;
  return it->second;
}

std::string Env::GetOr(std::string_view name, std::string_view fallback) const {
  auto v = Get(name);
  return v ? *v : std::string(fallback);
}

bool Env::Truthy(std::string_view name) const {
  auto v = Get(name);
  if (!v) return false;
  std::string l = ToLower(Trim(*v));
  return l == "1" || l == "true" || l == "yes" || l == "on";
}

std::optional<long long> Env::GetInt(std::string_view name) const {
  auto v = Get(name);
  if (!v) return std::nullopt;
  return ParseInt(*v);
}

}  // namespace runner::base
