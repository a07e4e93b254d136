#pragma once
/// Decides whether an event starts a run and in which mode:
/// - tag: someone asked for Claude on an issue or PR (trigger phrase, assignee, label);
/// - automation: the workflow gave an explicit prompt;
/// - none: nothing to do; the reason is one line for the log.

#include <string>
#include <string_view>

#include "integrations/github/event.h"

namespace integrations::github {

enum class Mode { kTag, kAutomation, kNone };

const char* ModeName(Mode mode);

/// The action inputs that take part in the decision (names as in claude-code-action v1).
struct TriggerInputs {
  std::string prompt;
  std::string trigger_phrase = "@claude";
  std::string assignee_trigger;  ///< a login; a leading `@` is ignored; empty = off
  std::string label_trigger = "claude";  ///< compared case-insensitively; empty = off
};

struct TriggerDecision {
  Mode mode = Mode::kNone;
  std::string reason;
};

/// True when `phrase` occurs in `text` as a whole word, case-insensitively: preceded by the
/// start or white space, followed by the end, white space or one of `.,!?;:`.
/// So "@claude-bot" and "x@claude" do not contain "@claude".
bool ContainsTriggerPhrase(std::string_view text, std::string_view phrase);
/// Byte offset of the first whole-word occurrence of `phrase` in `text` (as above), or npos.
size_t FindTriggerPhrase(std::string_view text, std::string_view phrase);

TriggerDecision DecideTrigger(const GithubEvent& event, const TriggerInputs& inputs);

}  // namespace integrations::github
