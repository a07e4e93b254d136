#pragma once
/// The one table of settings.json keys: every key claude-runner knows, its JSON type, how it
/// merges across layers, where it may be set, and whether the headless runner honors it.
/// Checking (settings_check.h) and merging (settings_merge.h) read this table; nothing else
/// lists keys. docs/settings.md documents the same rows.

#include <span>
#include <string>
#include <string_view>

#include "runner/base/json.h"

namespace runner::settings {

/// The JSON shape a key must have. Only `Relevance::kHeadless` keys are checked.
enum class ValueType {
  kAny,          ///< not checked
  kBool,         ///< true or false
  kString,       ///< a string; with `choices`, one of them
  kPositiveInt,  ///< an integer >= 1
  kNumber,       ///< any number
  kStringArray,  ///< an array of strings
  kArray,        ///< an array of anything
  kStringMap,    ///< an object whose values are strings (numbers and booleans are accepted)
  kObject,       ///< an object whose members are rows of this table (unknown ones warn)
  kOpenObject,   ///< an object with free-form members (checked by its consumer, e.g. hooks)
};

/// How a key combines across layers (lowest precedence first, each higher layer on top).
enum class MergeRule {
  kByType,   ///< arrays concatenate and de-duplicate, objects merge per key, scalars: higher wins
  kReplace,  ///< the highest layer that sets the key supplies the whole value
  kAnyTrue,  ///< true in any layer wins (security switches that only tighten)
};

/// Which layers may set a key.
enum class KeyScope {
  kAny,          ///< any settings file or --settings
  kManagedOnly,  ///< honored only in managed settings; elsewhere dropped with a warning
};

/// Whether a key matters to a headless run. kIgnored keys belong to the TUI, the desktop app,
/// plugins or claude.ai features: they are accepted silently and never type-checked, so a file
/// written for Claude Code keeps loading.
enum class Relevance { kHeadless, kIgnored };

struct KeySpec {
  std::string_view path;  ///< dotted path, e.g. "permissions.allow"
  ValueType type;
  MergeRule merge;
  KeyScope scope;
  Relevance relevance;
  std::string_view choices;  ///< for kString: allowed values separated by '|'; empty = any
};

/// Every row, in table order.
std::span<const KeySpec> AllSettingKeys();

/// The row for a dotted path, or nullptr for an unknown key.
const KeySpec* FindSettingKey(std::string_view path);

/// The merge rule for `path`: the table's rule, or kByType for unknown keys.
MergeRule MergeRuleFor(std::string_view path);

/// "a boolean", "an array of strings", "one of: a, b" …: the phrase used in type errors.
std::string DescribeType(const KeySpec& spec);

/// True when `value` has the shape `spec` requires (kAny, kObject children not included).
bool MatchesType(const KeySpec& spec, const base::Json& value);

/// Joins a parent path and a member name ("" + "env" → "env", "env" + "FOO" → "env.FOO").
std::string ChildPath(std::string_view parent, std::string_view member);

}  // namespace runner::settings
