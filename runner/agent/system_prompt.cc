#include "runner/agent/system_prompt.h"

#include "runner/protocol/messages.h"

namespace runner::agent {
namespace {

constexpr const char kIdentity[] =
    "You are a coding agent running non-interactively inside a CI job or script through "
    "claude-runner. Nobody is watching the session live: there is no one to answer questions, "
    "so make reasonable decisions yourself and finish the task.";

constexpr const char kGuidance[] =
    R"(How to work:
- Use the tools to inspect the project before changing it; read a file before you edit it.
- Prefer small, precise edits (Edit) over rewriting whole files (Write).
- Run commands with Bash when you need to build, test or inspect state; keep them non-interactive.
- Stay inside the working directories listed below unless the task clearly needs otherwise.
- When a tool reports an error, read it, adjust, and try a different approach instead of repeating the same call.
- Keep your final answer short and concrete: what you did, what you found, and anything left undone. It is printed as the job's output.)";

std::string EnvironmentBlock(const EnvironmentFacts& f) {
  std::string s = "<env>\n";
  s += "Working directory: " + f.cwd.string() + "\n";
  for (const auto& d : f.additional_dirs) s += "Additional working directory: " + d.string() + "\n";
  s += std::string("Is directory a git repo: ") + (f.is_git_repo ? "Yes" : "No") + "\n";
  s += "Platform: " + f.platform + "\n";
  if (!f.os_version.empty()) s += "OS Version: " + f.os_version + "\n";
  s += "Today's date: " + f.date + "\n";
  s += "</env>";
  if (f.is_git_repo) {
    s += "\n\nGit status at the start of the session (a snapshot; it will not update):\n";
    s += "Current branch: " + f.git_branch + "\n";
    s += "Status:\n" + (f.git_status.empty() ? std::string("(clean)") : f.git_status);
    if (!f.git_recent_commits.empty()) s += "\nRecent commits:\n" + f.git_recent_commits;
  }
  return s;
}

}  // namespace

base::Json BuildSystemPrompt(const AgentOptions& options, const EnvironmentFacts& facts,
                             const std::vector<std::string>& tool_names) {
  std::string text;
  if (options.system_prompt) {
    text = *options.system_prompt;
  } else {
    text = std::string(kIdentity) + "\n\n" + kGuidance + "\n\n" + EnvironmentBlock(facts);
    text += "\n\nYou are powered by the model " + options.model + ".";
  }
  if (options.json_schema) {
    text +=
        "\n\nWhen you have finished, call the StructuredOutput tool exactly once with your "
        "final answer in the required format.";
  }
  if (!options.append_system_prompt.empty()) {
    text += text.empty() ? options.append_system_prompt : "\n\n" + options.append_system_prompt;
  }
  // An empty system prompt (the Agent SDK's default) sends none: the API refuses empty blocks.
  if (text.empty()) return base::Json::MakeArray();
  return base::JsonArray({protocol::TextBlock(text)});
}

}  // namespace runner::agent
