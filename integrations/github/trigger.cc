#include "integrations/github/trigger.h"

#include <cctype>

#include "runner/base/strings.h"

namespace integrations::github {

using runner::base::ToLower;
using runner::base::Trim;

const char* ModeName(Mode mode) {
  switch (mode) {
    case Mode::kTag: return "tag";
    case Mode::kAutomation: return "automation";
    case Mode::kNone: return "none";
  }
  return "none";
}

bool ContainsTriggerPhrase(std::string_view text, std::string_view phrase) {
  return FindTriggerPhrase(text, phrase) != std::string_view::npos;
}

size_t FindTriggerPhrase(std::string_view text, std::string_view phrase) {
  if (phrase.empty() || text.size() < phrase.size()) return std::string_view::npos;
  const std::string hay = ToLower(text);
  const std::string needle = ToLower(phrase);
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) {
    bool start_ok = at == 0 || is_space(hay[at - 1]);
    size_t end = at + needle.size();
    bool end_ok = end == hay.size() || is_space(hay[end]) ||
                  std::string_view(".,!?;:").find(hay[end]) != std::string_view::npos;
    if (start_ok && end_ok) return at;
  }
  return std::string_view::npos;
}

namespace {

TriggerDecision Tag(std::string reason) { return {Mode::kTag, std::move(reason)}; }
TriggerDecision Automation(const GithubEvent& e) {
  std::string what = e.name + (e.action.empty() ? "" : "." + e.action);
  return {Mode::kAutomation, "a prompt is configured for the " + what + " event"};
}
TriggerDecision None(std::string reason) { return {Mode::kNone, std::move(reason)}; }

std::string Quote(std::string_view s) { return "`" + std::string(s) + "`"; }

}  // namespace

TriggerDecision DecideTrigger(const GithubEvent& e, const TriggerInputs& in) {
  const bool has_prompt = !Trim(in.prompt).empty();
  const std::string& phrase = in.trigger_phrase;
  const std::string what = e.name + (e.action.empty() ? "" : "." + e.action);
  const std::string no_phrase = what + ": the trigger phrase " + Quote(phrase) + " is not in ";

  switch (e.kind) {
    case EventKind::kOther:
      return None("the " + Quote(e.name) + " event is not one the runner acts on");

    case EventKind::kIssueComment:
    case EventKind::kPullRequestReviewComment:
      if (e.action != "created") return None(what + ": only new comments can trigger a run");
      if (has_prompt) return Automation(e);
      if (ContainsTriggerPhrase(e.comment_body, phrase)) {
        return Tag("the trigger phrase " + Quote(phrase) + " is in the " +
                   (e.kind == EventKind::kIssueComment ? "comment" : "review comment"));
      }
      return None(no_phrase + "the comment");

    case EventKind::kPullRequestReview:
      if (e.action != "submitted" && e.action != "edited") {
        return None(what + ": only submitted or edited reviews can trigger a run");
      }
      if (has_prompt) return Automation(e);
      if (ContainsTriggerPhrase(e.review_body, phrase)) {
        return Tag("the trigger phrase " + Quote(phrase) + " is in the review body");
      }
      return None(no_phrase + "the review body");

    case EventKind::kIssues:
      if (has_prompt) return Automation(e);
      if (e.action == "assigned") {
        std::string wanted(Trim(in.assignee_trigger));
        if (wanted.starts_with('@')) wanted.erase(0, 1);
        if (wanted.empty()) return None(what + ": no assignee_trigger is configured");
        if (ToLower(e.assignee) == ToLower(wanted)) {
          return Tag("the issue was assigned to " + Quote(e.assignee));
        }
        return None(what + ": assigned to " + Quote(e.assignee) + ", not to " + Quote(wanted));
      }
      if (e.action == "labeled") {
        std::string wanted(Trim(in.label_trigger));
        if (wanted.empty()) return None(what + ": no label_trigger is configured");
        if (ToLower(e.label) == ToLower(wanted)) {
          return Tag("the issue was labeled " + Quote(e.label));
        }
        return None(what + ": the label " + Quote(e.label) + " is not " + Quote(wanted));
      }
      [[fallthrough]];
    case EventKind::kPullRequest:
      if (e.kind == EventKind::kPullRequest && has_prompt) return Automation(e);
      if (e.action != "opened" && e.action != "edited") {
        return None(what + ": only opened or edited " +
                    (e.is_pr ? "pull requests" : "issues") + " are checked for the trigger phrase");
      }
      if (ContainsTriggerPhrase(e.title, phrase)) {
        return Tag("the trigger phrase " + Quote(phrase) + " is in the title");
      }
      if (ContainsTriggerPhrase(e.body, phrase)) {
        return Tag("the trigger phrase " + Quote(phrase) + " is in the body");
      }
      return None(no_phrase + "the title or body");

    case EventKind::kWorkflowDispatch:
    case EventKind::kRepositoryDispatch:
    case EventKind::kSchedule:
    case EventKind::kWorkflowRun:
      if (has_prompt) return Automation(e);
      return None(what + ": no prompt is configured, and this event runs only in automation mode");
  }
  return None("unknown event");
}

}  // namespace integrations::github
