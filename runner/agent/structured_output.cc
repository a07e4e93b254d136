#include "runner/agent/structured_output.h"

namespace runner::agent {

using base::Json;

namespace {
bool TypeMatches(const Json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_int() || (v.is_number() && v.AsDouble() == (double)v.AsInt());
  if (type == "number") return v.is_number();
  if (type == "boolean") return v.is_bool();
  if (type == "null") return v.is_null();
  return true;
}
}  // namespace

std::string ValidateAgainstSchema(const Json& value, const Json& schema, const std::string& path) {
  const Json& type = schema["type"];
  if (type.is_string() && !TypeMatches(value, type.AsString())) {
    return path + " must be of type " + type.AsString();
  }
  if (type.is_array()) {
    bool any = false;
    for (const Json& t : type.items()) any = any || TypeMatches(value, t.AsString());
    if (!any) return path + " has the wrong type";
  }
  if (schema["enum"].is_array()) {
    bool found = false;
    for (const Json& e : schema["enum"].items()) found = found || e == value;
    if (!found) return path + " must be one of the enum values";
  }
  if (value.is_object()) {
    for (const Json& req : schema["required"].items()) {
      if (!value.Contains(req.AsString())) return path + " is missing required property '" + req.AsString() + "'";
    }
    for (const auto& [k, sub] : schema["properties"].members()) {
      if (const Json* v = value.Find(k)) {
        std::string err = ValidateAgainstSchema(*v, sub, path + "." + k);
        if (!err.empty()) return err;
      }
    }
  }
  if (value.is_array() && schema["items"].is_object()) {
    for (size_t i = 0; i < value.items().size(); ++i) {
      std::string err =
          ValidateAgainstSchema(value.items()[i], schema["items"], path + "[" + std::to_string(i) + "]");
      if (!err.empty()) return err;
    }
  }
  return {};
}

std::string StructuredOutputTool::description() const {
  return "Return your final answer in the required structured format. Call this exactly once, "
         "at the end, with an input that matches the schema.";
}

tools::ToolResult StructuredOutputTool::Run(const Json& input, tools::ToolContext&) {
  std::string err = ValidateAgainstSchema(input, schema_);
  if (!err.empty()) {
    return tools::ToolResult::Error("Output does not match the required schema: " + err);
  }
  value_ = input;
  tools::ToolResult r;
  r.content = Json("Structured output provided successfully");
  r.structured = input;
  return r;
}

}  // namespace runner::agent
