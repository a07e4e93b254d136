#include "integrations/github/comment_format.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

#include "runner/base/strings.h"

namespace integrations::github {

namespace {

using runner::base::Trim;

constexpr std::string_view kWorkingText = "Claude Code is working…";
constexpr std::string_view kFillerLine =
    "I'll read the request and the context, then report back here.";

/// Header openings of FinalCommentBody; a body that starts with one was finalised before.
constexpr std::array<std::string_view, 4> kHeaderStarts = {
    "**Claude finished ", "**Claude encountered an error ", "**Claude was cancelled ",
    "**Claude timed out "};

std::string SpinnerHtml() {
  return "<img src=\"" + std::string(kSpinnerUrl) +
         "\" width=\"14px\" height=\"14px\" style=\"vertical-align: middle; margin-left: 4px;\" />";
}

std::string RemoveAll(std::string text, std::string_view what) {
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at)) {
    text.erase(at, what.size());
  }
  return text;
}

/// Removes every `<img …>` tag that shows the spinner, with one space before it.
std::string RemoveSpinners(std::string text) {
  for (size_t url = text.find(kSpinnerUrl); url != std::string::npos;
       url = text.find(kSpinnerUrl)) {
    size_t open = text.rfind("<img", url);
    size_t close = text.find('>', url);
    if (open == std::string::npos || close == std::string::npos) {
      text.erase(url, kSpinnerUrl.size());
      continue;
    }
    if (open > 0 && text[open - 1] == ' ') --open;
    text.erase(open, close + 1 - open);
  }
  return text;
}

bool IsJobLinkLine(std::string_view line) {
  line = Trim(line);
  return (line.starts_with("[View job run](") || line.starts_with("[View job](")) &&
         line.ends_with(")") && line.find(' ', 10) == std::string_view::npos;
}

bool StartsWithHeader(std::string_view text) {
  return std::any_of(kHeaderStarts.begin(), kHeaderStarts.end(),
                     [&](std::string_view h) { return text.starts_with(h); });
}

/// The agent's content of a tracking comment body: everything the runner put there removed.
std::string AgentContent(std::string_view body) {
  std::string text = RemoveAll(std::string(body), kTrackingMarker);
  std::string_view rest = Trim(text);
  if (StartsWithHeader(rest)) {
    // An earlier final body: its header block ends at the first `---` line.
    size_t rule = rest.find("\n---\n");
    if (rule != std::string_view::npos) {
      rest = rest.substr(rule + 5);
    } else if (rest.ends_with("\n---")) {
      rest = {};
    } else {
      size_t nl = rest.find('\n');
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    }
  }
  std::vector<std::string> kept;
  for (const std::string& line : runner::base::Split(RemoveSpinners(std::string(rest)), '\n')) {
    std::string_view t = Trim(line);
    if (t.find(kWorkingText) != std::string_view::npos) continue;
    if (t == kFillerLine || IsJobLinkLine(t) ||
        (t.starts_with("<sub>Cost $") && t.ends_with("</sub>"))) {
      continue;
    }
    kept.push_back(line);
  }
  return std::string(Trim(runner::base::Join(kept, "\n")));
}

std::string Link(std::string_view text, std::string_view url) {
  return "[" + std::string(text) + "](" + std::string(url) + ")";
}

std::string Header(const FinalReport& r) {
  const std::string took = FormatDuration(r.duration_ms);
  std::string header;
  switch (r.outcome) {
    case FinalReport::Outcome::kSuccess:
      header = r.trigger_user.empty()
                   ? "**Claude finished the task in " + took + "**"
                   : "**Claude finished @" + r.trigger_user + "'s task in " + took + "**";
      break;
    case FinalReport::Outcome::kFailure:
      header = "**Claude encountered an error after " + took + "**";
      break;
    case FinalReport::Outcome::kCancelled:
      header = "**Claude was cancelled after " + took + "**";
      break;
    case FinalReport::Outcome::kTimedOut:
      header = "**Claude timed out after " + took + "**";
      break;
  }
  std::vector<std::string> links;
  if (!r.job_url.empty()) links.push_back(Link("View job", r.job_url));
  if (!r.branch.empty() && !r.branch_url.empty())
    links.push_back(Link("`" + r.branch + "`", r.branch_url));
  if (!r.pr_url.empty()) {
    links.push_back(Link("View PR ➔", r.pr_url));
  } else if (!r.compare_url.empty()) {
    links.push_back(Link("Create PR ➔", r.compare_url));
  }
  if (!links.empty()) header += " —— " + runner::base::Join(links, " • ");
  return header;
}

std::string CostLine(const FinalReport& r) {
  if (r.turns == 0 && r.cost_usd == 0) return "";
  char cost[32];
  std::snprintf(cost, sizeof cost, "%.4f", r.cost_usd);
  return "<sub>Cost $" + std::string(cost) + " · " + std::to_string(r.turns) +
         (r.turns == 1 ? " turn" : " turns") + "</sub>";
}

}  // namespace

std::string InitialCommentBody(std::string_view job_url) {
  std::string body =
      std::string(kWorkingText) + " " + SpinnerHtml() + "\n\n" + std::string(kFillerLine) + "\n";
  if (!job_url.empty()) body += "\n" + Link("View job run", job_url) + "\n";
  return body + std::string(kTrackingMarker);
}

bool IsTrackingComment(std::string_view body) {
  return body.find(kTrackingMarker) != std::string_view::npos;
}

std::string AddTrackingMarker(std::string_view body) {
  if (IsTrackingComment(body)) return std::string(body);
  std::string out(body);
  if (!out.empty() && !out.ends_with('\n')) out += '\n';
  return out + std::string(kTrackingMarker);
}

std::string FinalCommentBody(std::string_view current_body, const FinalReport& report) {
  std::string out = Header(report);
  if (!report.error.empty() && report.outcome != FinalReport::Outcome::kSuccess) {
    out += "\n\n" + FencedBlock(report.error);
  }
  if (std::string cost = CostLine(report); !cost.empty()) out += "\n\n" + cost;
  if (std::string content = AgentContent(current_body); !content.empty())
    out += "\n\n---\n\n" + content;
  return out + "\n\n" + std::string(kTrackingMarker);
}

std::string FormatDuration(int64_t ms) {
  const int64_t s = std::max<int64_t>(ms, 0) / 1000;
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600) return std::to_string(s / 60) + "m " + std::to_string(s % 60) + "s";
  return std::to_string(s / 3600) + "h " + std::to_string(s % 3600 / 60) + "m";
}

std::string CompareUrl(std::string_view server_url, std::string_view repo, std::string_view base,
                       std::string_view branch, std::string_view title, std::string_view body) {
  while (server_url.ends_with('/')) server_url.remove_suffix(1);
  return std::string(server_url) + "/" + std::string(repo) + "/compare/" +
         runner::base::PercentEncode(base, true) + "..." + runner::base::PercentEncode(branch, true) +
         "?quick_pull=1&title=" + runner::base::PercentEncode(title) + "&body=" + runner::base::PercentEncode(body);
}

std::string FencedBlock(std::string_view text, std::string_view language) {
  size_t longest = 0;
  for (size_t i = 0; i < text.size();) {
    size_t n = 0;
    while (i + n < text.size() && text[i + n] == '`') ++n;
    longest = std::max(longest, n);
    i += n == 0 ? 1 : n;
  }
  const std::string fence(std::max<size_t>(3, longest + 1), '`');
  std::string out = fence + std::string(language) + "\n" + std::string(text);
  if (!out.ends_with('\n')) out += '\n';
  return out + fence;
}

}  // namespace integrations::github
