#pragma once
/// What the runner knows about the issue or pull request a run is about, as fetched from the
/// REST API (api.h) and filtered (comments written after the trigger are dropped). Plain data:
/// the prompt builder and the tracking comment read it; nothing here talks to the network.
///
/// Text fields hold the forge's text as fetched (not yet sanitized); the prompt builder
/// sanitizes everything it puts in the prompt.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace integrations::github {

/// A comment on the issue or on the pull request's conversation tab.
struct IssueComment {
  int64_t id = 0;
  std::string author;       ///< login; `ghost` for deleted users
  std::string author_type;  ///< `User`, `Bot`, …
  std::string body;
  std::string created_at;   ///< ISO 8601 as GitHub sends it, e.g. `2026-11-21T10:00:00Z`
  std::string updated_at;
  std::string html_url;
};

/// A submitted pull request review (its summary body; inline comments are separate).
struct Review {
  int64_t id = 0;
  std::string author;
  std::string state;  ///< APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
  std::string body;
  std::string submitted_at;
};

/// An inline review comment on the diff.
struct InlineComment {
  int64_t id = 0;
  int64_t review_id = 0;  ///< `pull_request_review_id`
  std::string author;
  std::string body;
  std::string path;
  std::optional<int64_t> line;  ///< null on outdated diffs
  std::string side;             ///< LEFT or RIGHT
  std::string diff_hunk;
  std::optional<int64_t> in_reply_to;
  std::string created_at;
  std::string updated_at;
};

/// One file of the pull request's diff (`GET /pulls/{n}/files`).
struct ChangedFile {
  std::string path;
  std::string previous_path;  ///< for renames
  std::string status;         ///< added, removed, modified, renamed, copied, changed, unchanged
  int64_t additions = 0;
  int64_t deletions = 0;
  std::string patch;          ///< the unified diff of the file; empty for binary or huge files
};

struct EntityContext {
  int64_t number = 0;
  bool is_pr = false;
  std::string title;   ///< from the event payload (as it was when the event fired)
  std::string body;    ///< from the event payload
  std::string author;
  std::string state;   ///< open, closed
  std::vector<std::string> labels;
  std::string html_url;
  std::vector<IssueComment> comments;

  // Pull requests only.
  bool merged = false;
  bool draft = false;
  std::string head_ref;
  std::string head_sha;
  std::string head_repo;  ///< `owner/name`; empty when the fork is gone
  std::string base_ref;
  std::string base_sha;
  bool from_fork = false;
  int64_t additions = 0;
  int64_t deletions = 0;
  int64_t commit_count = 0;
  std::vector<ChangedFile> files;
  std::vector<Review> reviews;
  std::vector<InlineComment> inline_comments;
};

}  // namespace integrations::github
