#include "runner/commands/command.h"

#include "runner/base/frontmatter.h"
#include "runner/base/strings.h"
#include "runner/permissions/rule.h"

namespace runner::commands {

namespace {

using base::Json;

std::string Scalar(const Json& v) {
  if (v.is_string()) return v.AsString();
  return v.is_null() ? std::string() : v.Dump();
}

/// A list, or one string holding several entries split by `split`.
template <class Split>
std::vector<std::string> ListOf(const Json& v, Split split) {
  std::vector<std::string> out;
  if (v.is_array()) {
    for (const Json& item : v.items()) {
      for (std::string& s : split(Scalar(item))) out.push_back(std::move(s));
    }
  } else if (!v.is_null()) {
    out = split(Scalar(v));
  }
  return out;
}

}  // namespace

CommandDef ParseCommandFile(std::string_view text, std::string name, std::filesystem::path path,
                            CommandScope scope) {
  CommandDef def;
  def.name = std::move(name);
  def.path = std::move(path);
  def.scope = scope;
  auto fm = base::ParseFrontmatter(text);
  if (!fm) {
    def.error = def.path.string() + ": " + fm.error().message;
    def.body = std::string(base::StripFrontmatter(text));
    return def;
  }
  def.body = std::move(fm->body);
  const Json& f = fm->fields;
  def.description = Scalar(f["description"]);
  def.argument_hint = Scalar(f["argument-hint"]);
  if (f["argument-hint"].is_array()) {  // `argument-hint: [message]` is a YAML list
    def.argument_hint.clear();
    for (const Json& item : f["argument-hint"].items()) {
      def.argument_hint += (def.argument_hint.empty() ? "[" : " [") + Scalar(item) + "]";
    }
  }
  def.allowed_tools = ListOf(f["allowed-tools"], [](const std::string& s) {
    return permissions::SplitToolList({s});
  });
  std::string model(base::Trim(Scalar(f["model"])));
  if (!model.empty() && model != "inherit") def.model = model;
  for (std::string& n : ListOf(f["arguments"], [](const std::string& s) { return base::Split(s, ' '); })) {
    std::string_view t = base::Trim(n);
    if (!t.empty() && !base::ParseInt(t)) def.argument_names.emplace_back(t);  // `$0` is positional
  }
  std::string dmi = base::ToLower(base::Trim(Scalar(f["disable-model-invocation"])));
  def.disable_model_invocation = dmi == "true" || dmi == "yes";
  return def;
}

}  // namespace runner::commands
