#include "runner/agent/agent_definitions.h"

#include <algorithm>

#include "runner/base/frontmatter.h"
#include "runner/base/files.h"
#include "runner/base/log.h"
#include "runner/base/strings.h"

namespace runner::agent {
namespace {

std::optional<std::vector<std::string>> ToolList(const base::Json& field) {
  if (field.is_null()) return std::nullopt;
  std::vector<std::string> out;
  auto add = [&out](std::string_view s) {
    for (const std::string& part : base::Split(s, ',')) {
      std::string_view t = base::Trim(part);
      if (!t.empty()) out.emplace_back(t);
    }
  };
  if (field.is_array()) {
    for (const base::Json& item : field.items()) add(item.AsString());
  } else {
    add(field.AsString());
  }
  return out;
}

std::optional<AgentDefinition> LoadOne(const std::filesystem::path& file) {
  auto text = base::ReadFile(file);
  if (!text) {
    base::log::Warn("skipping agent definition {}: {}", file.string(), text.error().message);
    return std::nullopt;
  }
  auto fm = base::ParseFrontmatter(*text);
  if (!fm) {
    base::log::Warn("skipping agent definition {}: {}", file.string(), fm.error().message);
    return std::nullopt;
  }
  AgentDefinition def;
  def.name = fm->fields["name"].AsString();
  def.description = fm->fields["description"].AsString();
  if (def.name.empty() || def.description.empty()) {
    base::log::Warn("skipping agent definition {}: 'name' and 'description' are required",
                    file.string());
    return std::nullopt;
  }
  def.system_prompt = std::string(base::Trim(fm->body));
  def.model = fm->fields["model"].AsString();
  def.tools = ToolList(fm->fields["tools"]);
  def.source = file;
  return def;
}

}  // namespace

std::vector<AgentDefinition> LoadAgentDefinitions(const std::vector<std::filesystem::path>& dirs) {
  std::vector<AgentDefinition> defs = {
      {"general-purpose",
       "General-purpose agent for researching questions, searching code and carrying out "
       "multi-step tasks on its own.",
       "", "", std::nullopt, {}}};
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      if (e.path().extension() == ".md") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      auto def = LoadOne(f);
      if (!def) continue;
      bool taken = std::any_of(defs.begin(), defs.end(),
                               [&](const AgentDefinition& d) { return d.name == def->name; });
      if (!taken) defs.push_back(std::move(*def));
    }
  }
  return defs;
}

base::Result<std::vector<AgentDefinition>> ParseAgentDefinitionsJson(const base::Json& agents) {
  std::vector<AgentDefinition> out;
  if (agents.is_null()) return out;
  if (!agents.is_object()) {
    return base::Fail(base::ErrorKind::kUsage, "agents: expected an object of agent definitions");
  }
  for (const auto& [name, value] : agents.members()) {
    const base::Json& description = value["description"];
    const base::Json& prompt = value["prompt"];
    if (!value.is_object() || !description.is_string() || description.AsString().empty() ||
        !prompt.is_string()) {
      return base::Fail(base::ErrorKind::kUsage,
                        "agents." + name + ": expected {\"description\": …, \"prompt\": …}");
    }
    AgentDefinition def;
    def.name = name;
    def.description = description.AsString();
    def.system_prompt = prompt.AsString();
    def.model = value["model"].AsString();
    if (value["tools"].is_array()) {
      std::vector<std::string> tools;
      for (const base::Json& t : value["tools"].items()) {
        if (t.is_string()) tools.push_back(t.AsString());
      }
      def.tools = std::move(tools);
    }
    out.push_back(std::move(def));
  }
  return out;
}

std::vector<AgentDefinition> WithAgentOverrides(std::vector<AgentDefinition> base,
                                                const std::vector<AgentDefinition>& overrides) {
  for (const AgentDefinition& o : overrides) {
    auto same = std::find_if(base.begin(), base.end(),
                             [&](const AgentDefinition& d) { return d.name == o.name; });
    if (same != base.end()) {
      *same = o;
    } else {
      base.push_back(o);
    }
  }
  return base;
}

}  // namespace runner::agent
