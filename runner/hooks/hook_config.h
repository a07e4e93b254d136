#pragma once
/// The `hooks` settings object (spec-print-mode §6.1) parsed into an immutable HookConfig:
///   {"PreToolUse": [{"matcher": "Edit|Write", "hooks": [{"type": "command",
///                    "command": "…", "timeout": 30}]}], …}
/// The config is a snapshot (§6.7): the composition root parses it once at startup and hands a
/// copy to the HookRunner; later edits to settings files never reach a running session.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/json.h"
#include "runner/hooks/hook_event.h"
#include "runner/hooks/matcher.h"

namespace runner::hooks {

inline constexpr int64_t kDefaultHookTimeoutMs = 60'000;

/// One `{"type": "command", …}` entry.
struct HookCommand {
  std::string command;                         ///< run with `bash -c`
  int64_t timeout_ms = kDefaultHookTimeoutMs;  ///< settings give seconds
  /// Non-empty: not a command but the SDK host's callback with this id (hook_callbacks.h).
  std::string callback_id;
  bool operator==(const HookCommand&) const = default;
};

/// One `{"matcher": …, "hooks": […]}` entry.
struct HookMatcherGroup {
  Matcher matcher;
  std::vector<HookCommand> hooks;
};

class HookConfig {
 public:
  using Groups = std::array<std::vector<HookMatcherGroup>, kHookEventCount>;

  /// No hooks at all.
  HookConfig() = default;
  explicit HookConfig(Groups groups) : groups_(std::move(groups)) {}

  const std::vector<HookMatcherGroup>& GroupsFor(HookEvent event) const {
    return groups_[static_cast<size_t>(event)];
  }
  bool empty() const;

  /// This config followed by `later`: every settings layer's hooks run (user, project, local,
  /// managed), in the order the layers are merged.
  HookConfig Merged(const HookConfig& later) const;

  /// The commands one occurrence runs: the hooks of every matching group in config order, each
  /// command string once (the first occurrence keeps its timeout). Events without a matcher
  /// (UserPromptSubmit, Stop) run every group whatever `match_value` is.
  std::vector<HookCommand> CommandsFor(HookEvent event, std::string_view match_value) const;

 private:
  Groups groups_;
};

struct HookConfigParse {
  HookConfig config;
  /// One line per dropped entry, naming where it is: `hooks.PreToolUse[0].matcher: expected a
  /// string …`. Like Claude Code, an invalid entry is dropped and the rest still load; the
  /// caller reports these (stderr) or refuses to start.
  std::vector<std::string> errors;
  /// Events Claude Code knows but claude-runner never fires (their hooks are kept out).
  std::vector<std::string> unsupported_events;
};

/// Parses the value of the `hooks` settings key. Null (no key) is an empty config.
HookConfigParse ParseHookConfig(const base::Json& hooks);

/// Parses the `hooks` of the SDK host's `initialize` request:
///   {"PreToolUse": [{"matcher": "Bash", "hookCallbackIds": ["hook_0"], "timeout": 30}], …}
/// into callback hooks (HookCommand::callback_id). Same error reporting as ParseHookConfig.
HookConfigParse ParseCallbackHooks(const base::Json& hooks);

}  // namespace runner::hooks
