#include "runner/cli/prompt_context.h"

#include "runner/base/files.h"
#include "runner/base/log.h"
#include "runner/commands/catalog.h"
#include "runner/commands/invocation.h"
#include "runner/memory/memory_text.h"
#include "runner/protocol/messages.h"
#include "runner/settings/models.h"
#include "runner/settings/settings_layers.h"

namespace runner::cli {

namespace fs = std::filesystem;
using base::Json;

namespace {

std::filesystem::path Home(const base::Env& env) { return env.GetOr("HOME", ""); }

/// Claude Code asks once before a project's CLAUDE.md may import files outside it and records
/// the answer in ~/.claude.json ($CLAUDE_CONFIG_DIR/.claude.json) under projects.<dir>.
bool ExternalImportsApproved(const base::Env& env, const fs::path& cwd) {
  fs::path file;
  if (auto dir = env.Get("CLAUDE_CONFIG_DIR"); dir && !dir->empty()) file = fs::path(*dir) / ".claude.json";
  else if (auto home = env.Get("HOME"); home && !home->empty()) file = fs::path(*home) / ".claude.json";
  else return false;
  auto text = base::ReadFile(file);
  if (!text) return false;
  auto config = Json::Parse(*text);
  if (!config) return false;
  const Json& projects = (*config)["projects"];
  for (fs::path d = cwd.lexically_normal(); !d.empty(); d = d.parent_path()) {
    if (projects[d.string()]["hasClaudeMdExternalIncludesApproved"].AsBool()) return true;
    if (d == d.parent_path()) break;
  }
  return false;
}

/// The text of a turn and the blocks before it (stream-json input may send several blocks).
struct TurnText {
  std::string text;
  Json preceding;
};
std::optional<TurnText> TextOf(const Json& content) {
  if (content.is_string()) return TurnText{content.AsString(), Json::MakeArray()};
  if (!content.is_array() || content.empty()) return std::nullopt;
  const Json& last = content.items().back();
  if (last["type"].AsString() != "text") return std::nullopt;
  Json preceding = Json::MakeArray();
  for (size_t i = 0; i + 1 < content.size(); ++i) preceding.Push(content.at(i));
  return TurnText{last["text"].AsString(), std::move(preceding)};
}

}  // namespace

SourceSwitches SourceSwitches::From(const std::optional<std::vector<settings::SettingsSource>>& sources) {
  SourceSwitches s;
  if (!sources) return s;
  auto has = [&](settings::SettingsSource x) {
    return std::find(sources->begin(), sources->end(), x) != sources->end();
  };
  s.user = has(settings::SettingsSource::kUser);
  s.project = has(settings::SettingsSource::kProject);
  s.local = has(settings::SettingsSource::kLocal);
  return s;
}

fs::path ManagedDir(const base::Env& env) {
  if (auto dir = env.Get("CLAUDE_RUNNER_MANAGED_SETTINGS_DIR"); dir && !dir->empty()) return *dir;
  return fs::path(settings::kDefaultManagedDir);
}

Memory LoadMemory(const base::Env& env, const fs::path& cwd, SourceSwitches sources,
                  const Json& merged_settings, const std::vector<fs::path>& add_dirs) {
  Memory m;
  if (env.Truthy("CLAUDE_CODE_DISABLE_CLAUDE_MDS")) return m;
  memory::MemoryInputs in;
  in.cwd = cwd;
  in.managed_dir = ManagedDir(env);
  in.user_dir = settings::UserConfigDir(env);
  in.home = Home(env);
  in.user = sources.user;
  in.project = sources.project;
  in.local = sources.local;
  in.external_imports = ExternalImportsApproved(env, cwd);
  for (const Json& p : merged_settings["claudeMdExcludes"].items()) in.excludes.push_back(p.AsString());
  if (env.Truthy("CLAUDE_CODE_ADDITIONAL_DIRECTORIES_CLAUDE_MD")) in.additional_dirs = add_dirs;
  m.files = memory::LoadStartupMemory(in);
  m.reminder = memory::StartupReminder(m.files);
  m.nested = std::make_unique<memory::NestedMemory>(in, m.files);
  for (const memory::MemoryFile& f : m.files) base::log::Debug("memory: {}", f.path.string());
  return m;
}

std::vector<commands::CommandDef> LoadCommandCatalog(const base::Env& env, const fs::path& cwd,
                                                      SourceSwitches sources) {
  commands::CatalogInputs in;
  in.cwd = cwd;
  in.managed_dir = ManagedDir(env);
  in.user_dir = settings::UserConfigDir(env);
  in.home = Home(env);
  in.user = sources.user;
  in.project = sources.project;
  return commands::LoadCommands(in);
}

SlashCommands::SlashCommands(std::vector<commands::CommandDef> commands, commands::ExpandInputs expand,
                             base::Env env, memory::NestedMemory* nested)
    : commands_(std::move(commands)), expand_(std::move(expand)), env_(std::move(env)), nested_(nested) {}

void SlashCommands::SetMcpPrompts(std::vector<McpPromptCommand> prompts, int64_t timeout_ms,
                                  base::CancelToken* cancel) {
  mcp_prompts_ = std::move(prompts);
  mcp_timeout_ms_ = timeout_ms;
  mcp_cancel_ = cancel;
}

std::vector<std::string> SlashCommands::Names() const {
  std::vector<std::string> names;
  for (const commands::CommandDef& c : commands_) {
    if (std::find(names.begin(), names.end(), c.name) == names.end()) names.push_back(c.name);
  }
  for (const McpPromptCommand& p : mcp_prompts_) {
    if (std::find(names.begin(), names.end(), p.name) == names.end()) names.push_back(p.name);
  }
  return names;
}

PreparedTurn SlashCommands::Prepare(const Json& content) {
  PreparedTurn turn{content, {}, std::nullopt};
  std::optional<TurnText> text = TextOf(content);
  std::optional<commands::Invocation> call = text ? commands::ParseInvocation(text->text) : std::nullopt;
  if (!call) return turn;
  const commands::CommandDef* command = commands::FindCommand(commands_, call->name);
  if (!command) {
    auto prompt = std::find_if(mcp_prompts_.begin(), mcp_prompts_.end(),
                               [&](const McpPromptCommand& p) { return p.name == call->name; });
    if (prompt != mcp_prompts_.end()) {
      auto blocks = RunMcpPrompt(*prompt, call->args, text->preceding, mcp_timeout_ms_, mcp_cancel_);
      if (blocks) turn.content = std::move(*blocks);
      else turn.error = blocks.error().message;
      return turn;
    }
    std::error_code ec;
    if (commands::LooksLikeCommandName(call->name) && !fs::exists("/" + call->name, ec)) {
      turn.error = "Unknown skill: " + call->name;
    }
    return turn;  // otherwise the text goes to the model as written
  }
  auto expanded = commands::Expand(*command, call->args, expand_, text->preceding);
  if (!expanded) {
    turn.error = expanded.error().message;
    return turn;
  }
  turn.content = std::move(expanded->content);
  if (nested_) {
    for (const fs::path& f : expanded->attached_files) {
      for (const memory::MemoryFile& m : nested_->ForRead(f)) {
        turn.content.Push(protocol::TextBlock(memory::NestedReminder(m)));
      }
    }
  }
  if (command->model) turn.overrides.model = settings::ResolveModel(*command->model, env_);
  if (!command->allowed_tools.empty()) {
    gates_.push_back(std::make_unique<permissions::Gate>(
        commands::WithCommandRules(expand_.policy, command->allowed_tools, expand_.cwd)));
    turn.overrides.gate = gates_.back().get();
  }
  return turn;
}

}  // namespace runner::cli
