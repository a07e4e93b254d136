#include "integrations/github/forge_tools.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "runner/base/strings.h"

namespace integrations::github {

using runner::base::ErrorKind;
using runner::base::Fail;
using runner::base::Json;
using runner::base::JsonObject;
using runner::base::Result;

namespace {

/// A tool of this file: its name, what the model reads about it, its input schema (JSON text).
runner::agent::ExternalTool MakeTool(const char* name, std::string description, std::string_view schema,
                                     std::function<runner::agent::ExternalToolResult(const Json&)> run) {
  runner::agent::ExternalTool t;
  t.name = name;
  t.description = std::move(description);
  t.input_schema = Json::Parse(schema).value();
  t.run = std::move(run);
  return t;
}

}  // namespace

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
  return MakeTool(
      kUpdateCommentTool,
      "Replace the body of your tracking comment on the issue or pull request (GitHub markdown). "
      "Use it to keep a short checklist of your progress current and to give your final answer.",
      R"json({"type":"object","properties":{"body":{"type":"string",
      "description":"The new comment body (markdown)"}},"required":["body"],"additionalProperties":false})json",
      [update = std::move(update)](const Json& input) -> runner::agent::ExternalToolResult {
        if (!input["body"].is_string()) return {"body must be a string", true};
        auto r = update(input["body"].AsString());
        if (!r) return {"Updating the comment failed: " + r.error().message, true};
        return {"Comment updated.", false};
      });
}

runner::agent::ExternalTool InlineCommentTool(ReviewDraft& draft) {
  return MakeTool(
      kInlineCommentTool,
      "Leave an inline review comment on a line of the pull request's diff. Comments are collected "
      "and posted together as one review when you finish. For a change you can apply, put the "
      "replacement lines in a ```suggestion fenced block. `line` is the line number in the new "
      "file (side RIGHT, the default) or in the old file (side LEFT); give startLine for a range.",
      R"json({"type":"object","properties":{
      "path":{"type":"string","description":"File path relative to the repository root"},
      "body":{"type":"string","description":"Comment text (markdown; may contain a suggestion block)"},
      "line":{"type":"number","description":"Line the comment is on (the last line of a range)"},
      "startLine":{"type":"number","description":"First line of a multi-line comment"},
      "side":{"type":"string","enum":["LEFT","RIGHT"],"description":"RIGHT for the new version (default), LEFT for the old"}},
      "required":["path","body","line"],"additionalProperties":false})json",
      [&draft](const Json& input) -> runner::agent::ExternalToolResult {
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
      });
}

namespace {

runner::agent::ExternalToolResult CiError(const runner::base::Error& e) {
  std::string text = "Error: " + e.message;
  if (e.http_status == 403 || e.http_status == 404) {
    text += " (reading workflow runs needs the `actions: read` permission in the workflow's "
            "`permissions:` block)";
  }
  return {text, true};
}

/// How a run or job counts in get_ci_status's summary.
void Count(const Json& run, Json& summary) {
  auto bump = [&](const char* key) { summary.Set(key, summary[key].AsInt() + 1); };
  if (run["status"].AsString() != "completed") return bump("pending");
  const std::string& conclusion = run["conclusion"].AsString();
  if (conclusion == "success") bump("passed");
  if (conclusion == "failure") bump("failed");
}

}  // namespace

std::vector<runner::agent::ExternalTool> CiTools(GithubApi& api, CiToolsTarget target) {
  std::vector<runner::agent::ExternalTool> tools;
  tools.push_back(MakeTool(
      kCiStatusTool,
      "Get the CI status of this pull request: the GitHub Actions workflow runs for its head "
      "commit, with a summary of how many passed, failed and are still pending.",
      R"json({"type":"object","properties":{"status":{"type":"string",
      "enum":["completed","action_required","cancelled","failure","neutral","skipped","stale","success",
      "timed_out","in_progress","queued","requested","waiting","pending"],
      "description":"Filter workflow runs by status"}},"additionalProperties":false})json",
      [&api, target](const Json& input) -> runner::agent::ExternalToolResult {
        auto pull = api.GetPull(target.repository, target.pr_number);
        if (!pull) return CiError(pull.error());
        auto runs = api.ListWorkflowRunsForSha(target.repository, (*pull)["head"]["sha"].AsString(),
                                               input["status"].AsString());
        if (!runs) return CiError(runs.error());
        Json summary = JsonObject({{"total_runs", 0}, {"failed", 0}, {"passed", 0}, {"pending", 0}});
        Json list = Json::MakeArray();
        for (const Json& run : (*runs)["workflow_runs"].items()) {
          Count(run, summary);
          list.Push(JsonObject({{"id", run["id"]},
                                {"name", run["name"]},
                                {"status", run["status"]},
                                {"conclusion", run["conclusion"]},
                                {"html_url", run["html_url"]},
                                {"created_at", run["created_at"]}}));
        }
        summary.Set("total_runs", static_cast<int64_t>(list.size()));
        return {JsonObject({{"summary", std::move(summary)}, {"runs", std::move(list)}}).Pretty(), false};
      }));
  tools.push_back(MakeTool(
      kCiRunDetailsTool, "Get the jobs of a workflow run, with the steps that failed in each.",
      R"json({"type":"object","properties":{"run_id":{"type":"number",
      "description":"The workflow run ID"}},"required":["run_id"],"additionalProperties":false})json",
      [&api, target](const Json& input) -> runner::agent::ExternalToolResult {
        int64_t run_id = input["run_id"].AsInt();
        if (run_id <= 0) return {"run_id must be a workflow run ID from get_ci_status", true};
        auto jobs = api.ListJobsForRun(target.repository, run_id);
        if (!jobs) return CiError(jobs.error());
        Json list = Json::MakeArray();
        for (const Json& job : (*jobs)["jobs"].items()) {
          Json failed = Json::MakeArray();
          for (const Json& step : job["steps"].items()) {
            if (step["conclusion"].AsString() == "failure") {
              failed.Push(JsonObject({{"name", step["name"]}, {"number", step["number"]}}));
            }
          }
          list.Push(JsonObject({{"id", job["id"]},
                                {"name", job["name"]},
                                {"conclusion", job["conclusion"]},
                                {"html_url", job["html_url"]},
                                {"failed_steps", std::move(failed)}}));
        }
        return {JsonObject({{"jobs", std::move(list)}}).Pretty(), false};
      }));
  tools.push_back(MakeTool(
      kCiJobLogTool,
      "Download a job's log to a file and return its path; read the file (its end shows the "
      "failure) with the Read or Grep tools.",
      R"json({"type":"object","properties":{"job_id":{"type":"number",
      "description":"The job ID"}},"required":["job_id"],"additionalProperties":false})json",
      [&api, target](const Json& input) -> runner::agent::ExternalToolResult {
        int64_t job_id = input["job_id"].AsInt();
        if (job_id <= 0) return {"job_id must be a job ID from get_workflow_run_details", true};
        std::error_code ec;
        std::filesystem::create_directories(target.logs_dir, ec);
        if (ec) return {"Error: cannot create " + target.logs_dir + ": " + ec.message(), true};
        std::string path = target.logs_dir + "/job-" + std::to_string(job_id) + ".log";
        auto size = api.DownloadJobLog(target.repository, job_id, path, target.max_log_bytes);
        if (!size) return CiError(size.error());
        return {JsonObject({{"path", path}, {"size_bytes", *size}}).Pretty(), false};
      }));
  return tools;
}

}  // namespace integrations::github
