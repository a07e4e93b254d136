#pragma once
/// Reading `/name args` from a prompt, and the arguments of a command: `$ARGUMENTS`,
/// `$ARGUMENTS[N]`, `$N` and named arguments, as Claude Code substitutes them today.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runner::commands {

struct Invocation {
  std::string name;  ///< without the slash: "review-pr", "frontend:component"
  std::string args;  ///< everything after the first space, as typed ("" when none)

  bool operator==(const Invocation&) const = default;
};

/// `/name args` (leading and trailing blanks ignored): the name runs to the first space, the
/// arguments are the rest. nullopt when the text does not start with `/` or the name is empty.
std::optional<Invocation> ParseInvocation(std::string_view text);

/// True when `name` could be a command name (letters, digits, `:`, `-`, `_`). Prompts such as
/// `/tmp/x.log explain` are not commands.
bool LooksLikeCommandName(std::string_view name);

/// Splits arguments like a shell: blanks separate, '…' and "…" group (quotes removed), a
/// backslash escapes the next character, and the unquoted operators ; & | < > ( ) separate
/// words and are dropped. Unbalanced quotes fall back to splitting at blanks.
std::vector<std::string> SplitArguments(std::string_view args);

/// Substitutes, in this order: each named argument `$name` (the i-th name takes the i-th
/// argument; not when followed by a word character or `[`), `$ARGUMENTS[N]` and `$N` (0-based:
/// `$0` is the first argument; missing ones become ""), then `$ARGUMENTS` (the whole argument
/// text). When nothing was substituted and `args` is not empty, "\n\nARGUMENTS: <args>" is
/// appended so the arguments are never lost.
std::string SubstituteArguments(std::string_view body, std::string_view args,
                                const std::vector<std::string>& names);

}  // namespace runner::commands
