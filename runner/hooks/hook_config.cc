#include "runner/hooks/hook_config.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace runner::hooks {
namespace {

using base::Json;

/// Collects errors with the path of the entry being parsed.
class Problems {
 public:
  explicit Problems(std::vector<std::string>& out) : out_(out) {}
  void Add(const std::string& path, std::string_view what) {
    out_.push_back(path + ": " + std::string(what));
  }

 private:
  std::vector<std::string>& out_;
};

std::string Index(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

/// A timeout in seconds into milliseconds; nullopt (reported) when it is not a positive number.
std::optional<int64_t> ParseTimeout(const Json& timeout, const std::string& path,
                                    Problems& problems) {
  if (timeout.is_null()) return kDefaultHookTimeoutMs;
  if (!timeout.is_number() || !(timeout.AsDouble() > 0) || !std::isfinite(timeout.AsDouble())) {
    problems.Add(path, "expected a positive number of seconds");
    return std::nullopt;
  }
  return std::max<int64_t>(1, std::llround(timeout.AsDouble() * 1000));
}

/// A group's matcher (absent = all), or nullopt (reported).
std::optional<Matcher> ParseMatcher(const Json& matcher, HookEvent event, const std::string& path,
                                    Problems& problems) {
  if (!matcher.is_null() && !matcher.is_string()) {
    problems.Add(path, "expected a string (write \"Edit|Write\" for several tools)");
    return std::nullopt;
  }
  auto compiled = Matcher::Compile(matcher.AsString(), InfoOf(event).separators);
  if (!compiled) {
    problems.Add(path, compiled.error().message);
    return std::nullopt;
  }
  return std::move(*compiled);
}

/// One hook entry, or nullopt (reported) when it is invalid or of an unsupported type.
std::optional<HookCommand> ParseCommand(const Json& entry, const std::string& path,
                                        Problems& problems) {
  if (!entry.is_object()) {
    problems.Add(path, "expected an object {\"type\": \"command\", \"command\": …}");
    return std::nullopt;
  }
  const Json& type = entry["type"];
  if (!type.is_string() || type.AsString() != "command") {
    problems.Add(path + ".type", type.is_string() ? "hook type \"" + type.AsString() +
                                                        "\" is not supported (only \"command\")"
                                                  : "expected \"command\"");
    return std::nullopt;
  }
  const Json& command = entry["command"];
  if (!command.is_string() || command.AsString().empty()) {
    problems.Add(path + ".command", "expected a non-empty string");
    return std::nullopt;
  }
  HookCommand out{command.AsString()};
  auto timeout = ParseTimeout(entry["timeout"], path + ".timeout", problems);
  if (!timeout) return std::nullopt;
  out.timeout_ms = *timeout;
  return out;
}

/// One matcher group, or nullopt (reported) when its matcher or hooks list is unusable.
std::optional<HookMatcherGroup> ParseGroup(const Json& group, HookEvent event,
                                           const std::string& path, Problems& problems) {
  if (!group.is_object()) {
    problems.Add(path, "expected an object {\"matcher\": …, \"hooks\": […]}");
    return std::nullopt;
  }
  HookMatcherGroup out;
  auto matcher = ParseMatcher(group["matcher"], event, path + ".matcher", problems);
  if (!matcher) return std::nullopt;
  out.matcher = std::move(*matcher);
  const Json& hooks = group["hooks"];
  if (!hooks.is_array()) {
    problems.Add(path + ".hooks", "expected an array of hooks");
    return std::nullopt;
  }
  for (size_t i = 0; i < hooks.size(); ++i) {
    auto command = ParseCommand(hooks.at(i), Index(path + ".hooks", i), problems);
    if (command) out.hooks.push_back(std::move(*command));
  }
  return out;
}

}  // namespace

bool HookConfig::empty() const {
  for (const auto& groups : groups_) {
    if (!groups.empty()) return false;
  }
  return true;
}

HookConfig HookConfig::Merged(const HookConfig& later) const {
  Groups groups = groups_;
  for (size_t i = 0; i < groups.size(); ++i) {
    groups[i].insert(groups[i].end(), later.groups_[i].begin(), later.groups_[i].end());
  }
  return HookConfig(std::move(groups));
}

std::vector<HookCommand> HookConfig::CommandsFor(HookEvent event,
                                                 std::string_view match_value) const {
  bool has_matcher = InfoOf(event).match_field != MatchField::kNone;
  std::vector<HookCommand> out;
  std::set<std::string, std::less<>> seen;
  for (const HookMatcherGroup& group : GroupsFor(event)) {
    if (has_matcher && !group.matcher.Matches(match_value)) continue;
    for (const HookCommand& hook : group.hooks) {
      // Callbacks are distinct functions even when two share nothing else.
      std::string key = hook.callback_id.empty() ? hook.command : "\x01" + hook.callback_id;
      if (seen.insert(std::move(key)).second) out.push_back(hook);
    }
  }
  return out;
}

namespace {

/// A callback group: {"matcher": …, "hookCallbackIds": ["hook_0", …], "timeout": seconds}.
std::optional<HookMatcherGroup> ParseCallbackGroup(const Json& group, HookEvent event,
                                                   const std::string& path, Problems& problems) {
  if (!group.is_object()) {
    problems.Add(path, "expected an object {\"matcher\": …, \"hookCallbackIds\": […]}");
    return std::nullopt;
  }
  HookMatcherGroup out;
  auto matcher = ParseMatcher(group["matcher"], event, path + ".matcher", problems);
  if (!matcher) return std::nullopt;
  out.matcher = std::move(*matcher);
  auto timeout = ParseTimeout(group["timeout"], path + ".timeout", problems);
  if (!timeout) return std::nullopt;
  const Json& ids = group["hookCallbackIds"];
  if (!ids.is_array()) {
    problems.Add(path + ".hookCallbackIds", "expected an array of callback ids");
    return std::nullopt;
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!ids.at(i).is_string() || ids.at(i).AsString().empty()) {
      problems.Add(Index(path + ".hookCallbackIds", i), "expected a non-empty string");
      continue;
    }
    HookCommand hook;
    hook.callback_id = ids.at(i).AsString();
    hook.timeout_ms = *timeout;
    out.hooks.push_back(std::move(hook));
  }
  return out;
}

using GroupParser = std::optional<HookMatcherGroup> (*)(const Json&, HookEvent,
                                                         const std::string&, Problems&);

HookConfigParse ParseEvents(const Json& hooks, GroupParser parse_group) {
  HookConfigParse out;
  if (hooks.is_null()) return out;
  Problems problems(out.errors);
  if (!hooks.is_object()) {
    problems.Add("hooks", "expected an object mapping event names to matcher groups");
    return out;
  }
  HookConfig::Groups groups;
  for (const auto& [name, entries] : hooks.members()) {
    std::string path = "hooks." + name;
    std::optional<HookEvent> event = ParseHookEventName(name);
    if (!event) {
      if (IsKnownClaudeCodeEvent(name)) {
        out.unsupported_events.push_back(name);
      } else {
        problems.Add(path, "unknown hook event");
      }
      continue;
    }
    if (!entries.is_array()) {
      problems.Add(path, "expected an array of matcher groups");
      continue;
    }
    for (size_t i = 0; i < entries.size(); ++i) {
      auto group = parse_group(entries.at(i), *event, Index(path, i), problems);
      if (group) groups[static_cast<size_t>(*event)].push_back(std::move(*group));
    }
  }
  out.config = HookConfig(std::move(groups));
  return out;
}

}  // namespace

HookConfigParse ParseHookConfig(const Json& hooks) { return ParseEvents(hooks, ParseGroup); }

HookConfigParse ParseCallbackHooks(const Json& hooks) {
  return ParseEvents(hooks, ParseCallbackGroup);
}

}  // namespace runner::hooks
