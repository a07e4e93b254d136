#include "runner/base/frontmatter.h"

#include <yaml-cpp/yaml.h>

#include <cctype>

namespace runner::base {

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

std::string_view WithoutBom(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text;
}

/// Where the YAML of a leading block starts and ends (`end` is the newline before the closing
/// `---`); false when the text has no complete block.
bool FindBlock(std::string_view text, size_t& start, size_t& end) {
  if (!text.starts_with("---\n") && !text.starts_with("---\r\n")) return false;
  start = text.find('\n') + 1;
  end = text.find("\n---", start - 1);
  return end != std::string_view::npos;
}

bool IsKeyChar(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

bool ParsesAsSequence(const std::string& value) {
  try {
    YAML::Node node = YAML::Load("value: " + value);  // as in the document: trailing text fails
    return node.IsMap() && node["value"].IsSequence();
  } catch (const YAML::Exception&) {
    return false;
  }
}

/// Claude Code's second try for frontmatter that is not valid YAML: in top-level `key: value`
/// lines, a value with YAML syntax characters (`argument-hint: [pr] [priority]`,
/// `description: Use src/*.{ts,tsx}`) is put in double quotes, unless it is already quoted or
/// is a valid flow list.
std::string QuoteProblematicValues(std::string_view yaml) {
  std::string out;
  size_t start = 0;
  while (start < yaml.size()) {
    size_t nl = yaml.find('\n', start);
    std::string_view line = yaml.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    start = nl == std::string_view::npos ? yaml.size() : nl + 1;
    size_t key_end = 0;
    while (key_end < line.size() && IsKeyChar(line[key_end])) ++key_end;
    size_t value_at = key_end + 1;
    while (value_at < line.size() && (line[value_at] == ' ' || line[value_at] == '\t')) ++value_at;
    bool key_value = key_end > 0 && key_end < line.size() && line[key_end] == ':' &&
                     value_at > key_end + 1 && value_at < line.size();
    std::string value = key_value ? std::string(line.substr(value_at)) : std::string();
    bool quoted = value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front();
    bool list = value.starts_with("[") && value.ends_with("]") && ParsesAsSequence(value);
    bool special = value.find_first_of("{}[]*&#!|>%@`") != std::string::npos || value.find(": ") != std::string::npos;
    if (key_value && !quoted && !list && special) {
      std::string escaped;
      for (char c : value) {
        if (c == '\\' || c == '"') escaped += '\\';
        escaped += c;
      }
      out += std::string(line.substr(0, key_end)) + ": \"" + escaped + "\"";
    } else {
      out += line;
    }
    if (nl != std::string_view::npos) out += '\n';
  }
  return out;
}

/// The YAML mapping of a frontmatter block: as written, or else after QuoteProblematicValues.
base::Result<Json> ParseYamlFields(const std::string& yaml) {
  std::string error;
  for (const std::string& attempt : {yaml, QuoteProblematicValues(yaml)}) {
    try {
      YAML::Node node = YAML::Load(attempt);
      if (node.IsMap()) return ToJson(node);
      if (node.IsNull()) return Json::MakeObject();
      return base::Fail(base::ErrorKind::kParse, "frontmatter is not a mapping");
    } catch (const YAML::Exception& e) {
      if (error.empty()) error = std::string("invalid YAML frontmatter: ") + e.what();
    }
  }
  return base::Fail(base::ErrorKind::kParse, error);
}

std::string_view BodyAfter(std::string_view text, size_t end) {
  size_t body_start = text.find('\n', end + 4);
  return body_start == std::string_view::npos ? std::string_view() : text.substr(body_start + 1);
}

}  // namespace

base::Result<Frontmatter> ParseFrontmatter(std::string_view text) {
  Frontmatter fm;
  text = WithoutBom(text);
  size_t start = 0, end = 0;
  if (!text.starts_with("---\n") && !text.starts_with("---\r\n")) {
    fm.body = std::string(text);
    return fm;
  }
  if (!FindBlock(text, start, end)) {
    return base::Fail(base::ErrorKind::kParse, "frontmatter has no closing '---' line");
  }
  fm.body = std::string(BodyAfter(text, end));
  fm.fields = TRY(ParseYamlFields(std::string(text.substr(start, end + 1 - start))));
  return fm;
}

std::string_view StripFrontmatter(std::string_view text) {
  text = WithoutBom(text);
  size_t start = 0, end = 0;
  if (!FindBlock(text, start, end)) return text;
  return BodyAfter(text, end);
}

}  // namespace runner::base
