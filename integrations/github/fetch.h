#pragma once
/// Fetches the issue or pull request a tag-mode run is about: metadata, conversation comments,
/// and for pull requests the reviews, inline comments and changed files (with patches), all
/// pages. Title and body come from the event payload (as they were when the event fired).
/// Comments, reviews and inline comments created or edited at or after the trigger time are
/// dropped, so nobody can slip instructions in while the job starts.

#include <string>
#include <string_view>
#include <vector>

#include "integrations/github/api.h"
#include "integrations/github/context.h"
#include "integrations/github/event.h"

namespace integrations::github {

/// When the triggering action happened: the comment's or review's time, the or PR's
/// creation for `opened`, its last update otherwise. Empty when the payload has none.
std::string TriggerTime(const GithubEvent& event);

runner::base::Result<EntityContext> FetchEntity(GithubApi& api, std::string_view repo,
                                                const GithubEvent& event);

/// Keeps only what was written (and last edited) strictly before `trigger_time`; an empty
/// trigger time keeps everything.
void DropLateItems(EntityContext& entity, std::string_view trigger_time);

/// Whether `login` is named by a comment-author list: case-insensitively, or by `*[bot]` for
/// any bot (`name[bot]`).
bool ActorListed(const std::vector<std::string>& list, std::string_view login);

/// include_comments_by_actor / exclude_comments_by_actor: keeps the comments, reviews and inline
/// comments whose author the include list names (all when it is empty) and the exclude list
/// does not (exclude wins).
void FilterCommentsByActor(EntityContext& entity, const std::vector<std::string>& include,
                           const std::vector<std::string>& exclude);

}  // namespace integrations::github
