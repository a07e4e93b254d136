#include "runner/tools/schema.h"

#include <cmath>
#include <vector>

namespace runner::tools {
namespace {

using base::Json;

std::string JsonTypeName(const Json& value) {
  switch (value.type()) {
    case Json::Type::kNull:
      return "null";
    case Json::Type::kBool:
      return "boolean";
    case Json::Type::kInt:
    case Json::Type::kDouble:
      return "number";
    case Json::Type::kString:
      return "string";
    case Json::Type::kArray:
      return "array";
    case Json::Type::kObject:
      return "object";
  }
  return "unknown";
}

bool HasType(const Json& value, std::string_view type) {
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_bool();
  if (type == "number") return value.is_number();
  if (type == "integer") {
    return value.is_int() ||
           (value.is_number() && std::trunc(value.AsDouble()) == value.AsDouble());
  }
  return true;  // a type this validator does not know is not checked
}

void CheckMembers(const Json& schema, const Json& input, std::vector<std::string>& issues) {
  const Json& properties = schema["properties"];
  for (const Json& name : schema["required"].items()) {
    if (!input.Contains(name.AsString())) {
      issues.push_back("The required parameter `" + name.AsString() + "` is missing");
    }
  }
  for (const auto& [key, value] : input.members()) {
    const Json* property = properties.Find(key);
    if (property == nullptr) {
      issues.push_back("An unexpected parameter `" + key + "` was provided");
      continue;
    }
    const std::string& type = (*property)["type"].AsString();
    if (!HasType(value, type)) {
      issues.push_back("The parameter `" + key + "` type is expected as `" + type +
                       "` but provided as `" + JsonTypeName(value) + "`");
    }
  }
}

}  // namespace

Json ObjectSchema(std::initializer_list<PropertySpec> properties,
                  std::initializer_list<std::string_view> required) {
  Json props = Json::MakeObject();
  for (const PropertySpec& p : properties) {
    props.Set(p.name, base::JsonObject({{"type", p.type}, {"description", p.description}}));
  }
  Json req = Json::MakeArray();
  for (std::string_view name : required) req.Push(name);
  return base::JsonObject({{"type", "object"},
                           {"properties", std::move(props)},
                           {"required", std::move(req)},
                           {"additionalProperties", false}});
}

std::optional<std::string> ValidateInput(std::string_view tool_name, const Json& schema,
                                         const Json& input) {
  std::vector<std::string> issues;
  if (!input.is_object()) {
    issues.push_back("The input must be an object, not `" + JsonTypeName(input) + "`");
  } else {
    CheckMembers(schema, input, issues);
  }
  if (issues.empty()) return std::nullopt;
  std::string message = "InputValidationError: " + std::string(tool_name) +
                        " failed due to the following " +
                        (issues.size() == 1 ? "issue:" : "issues:");
  for (const std::string& issue : issues) message += "\n" + issue;
  return message;
}

}  // namespace runner::tools
