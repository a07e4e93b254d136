#include "runner/commands/expand.h"

#include "runner/base/strings.h"
#include "runner/commands/file_mentions.h"
#include "runner/commands/invocation.h"
#include "runner/commands/shell_snippets.h"
#include "runner/protocol/messages.h"

namespace runner::commands {

using base::Json;

std::string CommandTags(const std::string& name, std::string_view args) {
  std::string tags = "<command-message>" + name + "</command-message>\n<command-name>/" + name +
                     "</command-name>";
  if (!args.empty()) tags += "\n<command-args>" + std::string(args) + "</command-args>";
  return tags;
}

namespace {

std::string Quoted(std::string_view pattern) { return "\"" + std::string(pattern) + "\""; }

/// The output of one snippet, or the error that stops the command.
base::Result<std::string> RunSnippet(const ShellSnippet& s, std::string_view text,
                                     const ExpandInputs& in) {
  exec::CommandSpec spec;
  spec.argv = {"bash", "-c", s.command};
  spec.cwd = in.cwd;
  spec.env = in.env;
  spec.timeout_ms = in.shell_timeout_ms;
  std::string failed = "Shell command failed for pattern " + Quoted(s.Pattern(text)) + ": ";
  auto outcome = in.processes->Run(spec, in.cancel);
  if (!outcome) return base::Fail(base::ErrorKind::kIo, failed + outcome.error().message);
  if (outcome->interrupted) return base::Fail(base::ErrorKind::kInterrupted, failed + "[Command interrupted]");
  if (outcome->timed_out) {
    return base::Fail(base::ErrorKind::kIo, failed + "[Command timed out after " +
                                                std::to_string(in.shell_timeout_ms) + " ms]");
  }
  std::string output = FormatSnippetOutput(outcome->stdout_data, outcome->stderr_data);
  bool ok = outcome->exit_code == 0 || (outcome->exit_code == 1 && ExitOneIsNotAFailure(s.command));
  if (!ok) {
    if (output.empty()) output = "exit code " + std::to_string(outcome->exit_code);
    return base::Fail(base::ErrorKind::kIo, failed + output);
  }
  return output;
}

base::Result<std::string> RunSnippets(std::string text, const CommandDef& command,
                                      const ExpandInputs& in) {
  std::vector<ShellSnippet> snippets = FindShellSnippets(text);
  if (snippets.empty()) return text;
  bool disabled = in.shell_disabled && command.scope != CommandScope::kManaged;
  if (!disabled) {
    permissions::Gate gate(WithCommandRules(in.policy, command.allowed_tools, in.cwd));
    for (const ShellSnippet& s : snippets) {
      permissions::Decision d = gate.Check("Bash", permissions::ToolKind::kOther,
                                           base::JsonObject({{"command", s.command}}), in.cwd.string());
      if (!d.allowed) {
        return base::Fail(base::ErrorKind::kIo, "Shell command permission check failed for pattern " +
                                                    Quoted(s.Pattern(text)) + ": " + d.message);
      }
    }
  }
  std::vector<std::string> outputs;
  for (const ShellSnippet& s : snippets) {
    outputs.push_back(disabled ? std::string(kShellDisabledText) : TRY(RunSnippet(s, text, in)));
  }
  for (size_t i = snippets.size(); i-- > 0;) {
    text.replace(snippets[i].begin, snippets[i].end - snippets[i].begin, outputs[i]);
  }
  return text;
}

}  // namespace

permissions::GatePolicy WithCommandRules(permissions::GatePolicy policy,
                                         const std::vector<std::string>& rules,
                                         const std::filesystem::path& cwd) {
  for (const std::string& r : rules) policy.allow.push_back({r, cwd.string(), "command"});
  return policy;
}

base::Result<Expansion> Expand(const CommandDef& command, std::string_view args,
                               const ExpandInputs& in, const Json& preceding) {
  if (!command.error.empty()) {
    return base::Fail(base::ErrorKind::kConfig, "cannot run /" + command.name + ": " + command.error);
  }
  std::string prompt = base::ReplaceAll(command.body, "${CLAUDE_SESSION_ID}", in.session_id);
  prompt = SubstituteArguments(prompt, args, command.argument_names);
  prompt = TRY(RunSnippets(std::move(prompt), command, in));

  Expansion out;
  out.content.Push(protocol::TextBlock(CommandTags(command.name, args)));
  if (preceding.is_array()) {
    for (const Json& b : preceding.items()) out.content.Push(b);
  }
  out.content.Push(protocol::TextBlock(prompt));
  for (const FileMention& m : FindFileMentions(prompt)) {
    std::filesystem::path attached;
    for (std::string& block : AttachFile(m, in.cwd, in.home, &attached)) {
      out.content.Push(protocol::TextBlock(std::move(block)));
    }
    if (!attached.empty()) out.attached_files.push_back(attached);
  }
  return out;
}

}  // namespace runner::commands
