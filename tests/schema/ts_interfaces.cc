#include "ts_interfaces.h"

#include <regex>
#include <sstream>

namespace runner::schema_test {
namespace {

std::string Trim(std::string s) {
  size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n;");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

TsProperty Classify(std::string name, bool optional, std::string type) {
  TsProperty p{std::move(name), optional, "any", {}};
  type = Trim(type);
  if (type.ends_with("[]")) {
    p.json_type = "array";
  } else if (type.starts_with("{")) {
    p.json_type = "object";
  } else if (type.starts_with("\"")) {
    p.json_type = "string";
    static const std::regex kLit("\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(type.begin(), type.end(), kLit); it != std::sregex_iterator(); ++it)
      p.literals.insert((*it)[1]);
  } else if (type == "string" || type == "number" || type == "boolean") {
    p.json_type = type;
  }
  return p;
}

}  // namespace

std::map<std::string, std::vector<TsProperty>> ParseInterfaces(const std::string& text) {
  std::map<std::string, std::vector<TsProperty>> out;
  static const std::regex kStart(R"(^export interface (\w+) \{\s*(\})?)");
  static const std::regex kProp(R"(^  ("?[\w-]+"?)(\?)?: (.*)$)");
  std::istringstream in(text);
  std::string line, current, pending_name, pending_type;
  bool pending_optional = false;
  int depth = 0;  // brace depth inside the current interface's property type
  while (std::getline(in, line)) {
    std::smatch m;
    if (current.empty()) {
      if (std::regex_search(line, m, kStart)) {
        current = m[1];
        out[current];
        if (m[2].matched) current.clear();  // `{}`
      }
      continue;
    }
    if (depth == 0 && line == "}") {
      current.clear();
      continue;
    }
    if (depth == 0 && std::regex_match(line, m, kProp)) {
      std::string name = m[1];
      if (name.front() == '"') name = name.substr(1, name.size() - 2);
      pending_name = name;
      pending_optional = m[2].matched;
      pending_type = m[3];
    } else if (depth > 0) {
      pending_type += " " + Trim(line);
    } else {
      continue;  // comments and index signatures
    }
    for (char c : line) depth += c == '{' ? 1 : c == '}' ? -1 : 0;
    if (depth == 0 && !pending_name.empty()) {
      out[current].push_back(Classify(pending_name, pending_optional, pending_type));
      pending_name.clear();
    }
  }
  return out;
}

}  // namespace runner::schema_test
