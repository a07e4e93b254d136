#pragma once
/// Input schemas for the built-in tools: a builder for the flat JSON Schema (draft-07 style)
/// objects the tools declare, and the validator that checks a model's tool input against one.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "runner/base/json.h"

namespace runner::tools {

/// One top-level property: `type` is a JSON Schema type name ("string", "number", "integer",
/// "boolean").
struct PropertySpec {
  std::string_view name;
  std::string_view type;
  std::string_view description;
};

/// `{"type":"object","properties":{…},"required":[…],"additionalProperties":false}`.
base::Json ObjectSchema(std::initializer_list<PropertySpec> properties,
                        std::initializer_list<std::string_view> required);

/// Checks `input` against a schema built by ObjectSchema: an object whose required members are
/// present, whose members have the declared types, and with no undeclared members. Returns the
/// message for the model (`InputValidationError: <tool> failed due to …`), or nullopt when valid.
std::optional<std::string> ValidateInput(std::string_view tool_name, const base::Json& schema,
                                         const base::Json& input);

}  // namespace runner::tools
