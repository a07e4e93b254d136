#pragma once
/// The tag-mode prompt: what the agent is told about the issue or pull request it was called
/// on, and what it was asked. Built as one user message with two text blocks (as
/// claude-code-action sends it): the context, then the request.
///
/// Trust: the request (the trigger comment, review or body, after the trigger phrase) is the
/// only forge text the agent is told to follow; everything else is presented as data. Every
/// forge-provided string (titles, bodies, comments, reviews, diff hunks, patches, labels,
/// logins, branch names from the payload) passes through SanitizeForgeText, and text that
/// would close or open one of the prompt's own sections (`</comments>`, `<instructions>`, …)
/// has its `<` escaped as `&lt;`. Runner-provided values (repository, our branch names, the
/// custom prompt from the workflow file) are taken as they are.

#include <cstdint>
#include <string>
#include <vector>
#include <string_view>

#include "integrations/github/context.h"
#include "integrations/github/event.h"

namespace integrations::github {

/// The text after the first whole-word occurrence of `trigger_phrase` in `text`
/// (FindTriggerPhrase), without the punctuation right after the phrase (`@claude, fix it` →
/// `fix it`), trimmed. The whole text, trimmed, when the phrase does not occur (or is empty).
std::string ExtractUserRequest(std::string_view text, std::string_view trigger_phrase);

/// The `<event_type>` of the prompt: REVIEW_COMMENT, PR_REVIEW, GENERAL_COMMENT,
/// ISSUE_CREATED, ISSUE_LABELED, ISSUE_ASSIGNED, PULL_REQUEST; other events give their name in
/// upper case.
std::string PromptEventType(const GithubEvent& event);

struct PromptInputs {
  const GithubEvent* event = nullptr;     ///< required
  const EntityContext* entity = nullptr;  ///< null in automation mode (no issue or PR)
  std::string repository;                 ///< owner/name
  std::string trigger_phrase;
  std::string trigger_user;               ///< login
  std::string trigger_display_name;       ///< profile name; may be empty
  std::string trigger_text;               ///< the comment, review or body that triggered (raw)
  int64_t tracking_comment_id = 0;        ///< 0 = no tracking comment
  std::string branch;                     ///< the branch the agent works on
  std::string base_branch;                ///< what to diff against (origin/<base_branch>)
  bool pushes_to_pr_branch = false;       ///< branch is the open PR's head branch
  bool can_post_inline_comments = false;  ///< the inline review comment tool is offered
  bool create_pr = false;                 ///< the runner opens a PR from branch at the end
  std::string custom_prompt;              ///< the `prompt` input: extra instructions (trusted)
  std::string
      co_author_line;  ///< `Co-authored-by: Name <id+login@users.noreply.github.com>` or empty
  size_t diff_limit_bytes = 60 * 1024;  ///< the embedded diff is cut at about this size
  std::vector<std::string> image_paths;  ///< images downloaded from the conversation
};

struct BuiltPrompt {
  std::string context;  ///< first text block: metadata, conversation, diff, instructions
  /// Second text block: `<user_request>\n…\n</user_request>` with the sanitized request.
  /// When the request starts with `/` (a slash command such as `/review-pr 12`) it is the bare
  /// request text instead, so the runner can expand the command as it would at a terminal.
  std::string request;
};

BuiltPrompt BuildTagPrompt(const PromptInputs& in);

}  // namespace integrations::github
