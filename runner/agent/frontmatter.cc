#include "runner/agent/frontmatter.h"

#include <yaml-cpp/yaml.h>

namespace runner::agent {

using base::Json;

namespace {
Json ToJson(const YAML::Node& node) {
  if (node.IsSequence()) {
    Json arr = Json::MakeArray();
    for (const auto& item : node) arr.Push(ToJson(item));
    return arr;
  }
  if (node.IsMap()) {
    Json obj = Json::MakeObject();
    for (const auto& kv : node) obj.Set(kv.first.as<std::string>(), ToJson(kv.second));
    return obj;
  }
  if (node.IsScalar()) return Json(node.as<std::string>());
  return Json();
}
}  // namespace

base::Result<Frontmatter> ParseFrontmatter(std::string_view text) {
  Frontmatter fm;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (!text.starts_with("---\n") && !text.starts_with("---\r\n")) {
    fm.body = std::string(text);
    return fm;
  }
  size_t start = text.find('\n') + 1;
  size_t end = text.find("\n---", start - 1);
  if (end == std::string_view::npos) {
    return base::Fail(base::ErrorKind::kParse, "frontmatter has no closing '---' line");
  }
  std::string yaml(text.substr(start, end + 1 - start));
  size_t body_start = text.find('\n', end + 4);
  fm.body = body_start == std::string_view::npos ? "" : std::string(text.substr(body_start + 1));
  try {
    YAML::Node node = YAML::Load(yaml);
    if (node.IsMap()) fm.fields = ToJson(node);
    else if (!node.IsNull()) return base::Fail(base::ErrorKind::kParse, "frontmatter is not a mapping");
  } catch (const YAML::Exception& e) {
    return base::Fail(base::ErrorKind::kParse, std::string("invalid YAML frontmatter: ") + e.what());
  }
  return fm;
}

}  // namespace runner::agent
