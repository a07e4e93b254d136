#include "integrations/github/forge_tools.h"

#include <algorithm>
#include <cstdlib>

#include "runner/base/strings.h"

namespace integrations::github {

using runner::base::ErrorKind;
using runner::base::Fail;
using runner::base::Json;
using runner::base::JsonObject;
using runner::base::Result;

bool DiffLines::Has(std::string_view side, int64_t line) const {
  const std::vector<int64_t>& v = side == "LEFT" ? left : right;
  return std::find(v.begin(), v.end(), line) != v.end();
}

DiffLines LinesOfPatch(std::string_view patch) {
  DiffLines out;
  int64_t old_line = 0, new_line = 0;
  bool in_hunk = false;
  for (const std::string& line : runner::base::Split(patch, '\n')) {
    if (line.starts_with("@@")) {
      // @@ -a[,b] +c[,d] @@
      size_t minus = line.find('-'), plus = line.find('+');
      if (minus == std::string::npos || plus == std::string::npos) { in_hunk = false; continue; }
      old_line = std::strtoll(line.c_str() + minus + 1, nullptr, 10);
      new_line = std::strtoll(line.c_str() + plus + 1, nullptr, 10);
      in_hunk = true;
      continue;
    }
    // A context line is never empty (it starts with a space); an empty one is the text's end.
    if (!in_hunk || line.empty() || line.starts_with("\\")) continue;
    char c = line[0];
    if (c == '+') {
      out.right.push_back(new_line++);
    } else if (c == '-') {
      out.left.push_back(old_line++);
    } else {
      out.right.push_back(new_line++);
      out.left.push_back(old_line++);
    }
  }
  return out;
}

Result<void> ReviewDraft::Add(DraftReviewComment c) {
  if (c.side.empty()) c.side = "RIGHT";
  if (c.side != "RIGHT" && c.side != "LEFT") return Fail(ErrorKind::kUsage, "side must be RIGHT or LEFT");
  if (runner::base::Trim(c.body).empty()) return Fail(ErrorKind::kUsage, "body must not be empty");
  auto file = std::find_if(files_.begin(), files_.end(), [&](const ChangedFile& f) { return f.path == c.path; });
  if (file == files_.end()) {
    return Fail(ErrorKind::kUsage, c.path + " is not changed by this pull request; comment on a changed file");
  }
  DiffLines lines = LinesOfPatch(file->patch);
  if (!lines.Has(c.side, c.line)) {
    return Fail(ErrorKind::kUsage, "line " + std::to_string(c.line) + " of " + c.path + " is not in the diff on the " +
                                       c.side + " side; comment on an added, removed or context line of a hunk");
  }
  if (c.start_line > 0) {
    if (c.start_line >= c.line) return Fail(ErrorKind::kUsage, "startLine must be below line");
    if (!lines.Has(c.side, c.start_line)) {
      return Fail(ErrorKind::kUsage, "startLine " + std::to_string(c.start_line) + " is not in the diff on the " + c.side + " side");
    }
  }
  std::lock_guard lock(mu_);
  comments_.push_back(std::move(c));
  return {};
}

std::vector<DraftReviewComment> ReviewDraft::comments() const {
  std::lock_guard lock(mu_);
  return comments_;
}

runner::agent::ExternalTool UpdateCommentTool(std::function<Result<void>(const std::string&)> update) {
  runner::agent::ExternalTool t;
  t.name = kUpdateCommentTool;
  t.description =
      "Replace the body of your tracking comment on the issue or pull request (GitHub markdown). "
      "Use it to keep a short checklist of your progress current and to give your final answer.";
  t.input_schema = Json::Parse(R"json({"type":"object","properties":{"body":{"type":"string",
      "description":"The new comment body (markdown)"}},"required":["body"],"additionalProperties":false})json").value();
  t.run = [update = std::move(update)](const Json& input) -> runner::agent::ExternalToolResult {
    if (!input["body"].is_string()) return {"body must be a string", true};
    auto r = update(input["body"].AsString());
    if (!r) return {"Updating the comment failed: " + r.error().message, true};
    return {"Comment updated.", false};
  };
  return t;
}

runner::agent::ExternalTool InlineCommentTool(ReviewDraft& draft) {
  runner::agent::ExternalTool t;
  t.name = kInlineCommentTool;
  t.description =
      "Leave an inline review comment on a line of the pull request's diff. Comments are collected "
      "and posted together as one review when you finish. For a change you can apply, put the "
      "replacement lines in a ```suggestion fenced block. `line` is the line number in the new "
      "file (side RIGHT, the default) or in the old file (side LEFT); give startLine for a range.";
  t.input_schema = Json::Parse(R"json({"type":"object","properties":{
      "path":{"type":"string","description":"File path relative to the repository root"},
      "body":{"type":"string","description":"Comment text (markdown; may contain a suggestion block)"},
      "line":{"type":"number","description":"Line the comment is on (the last line of a range)"},
      "startLine":{"type":"number","description":"First line of a multi-line comment"},
      "side":{"type":"string","enum":["LEFT","RIGHT"],"description":"RIGHT for the new version (default), LEFT for the old"}},
      "required":["path","body","line"],"additionalProperties":false})json").value();
  t.run = [&draft](const Json& input) -> runner::agent::ExternalToolResult {
    DraftReviewComment c;
    c.path = input["path"].AsString();
    c.body = input["body"].AsString();
    c.line = input["line"].AsInt();
    c.start_line = input["startLine"].AsInt();
    c.side = input["side"].StringOr("RIGHT");
    if (c.path.empty() || c.line <= 0) return {"path and a positive line are required", true};
    auto r = draft.Add(c);
    if (!r) return {r.error().message, true};
    return {"Queued the comment on " + c.path + ":" + std::to_string(c.line) +
                "; it is posted with the review when you finish.",
            false};
  };
  return t;
}

}  // namespace integrations::github
