#pragma once
/// `--json-schema`: a StructuredOutput tool whose input schema is the user's schema. The model
/// calls it once with its final answer; the input becomes `structured_output` in the result.

#include <optional>

#include "runner/tools/tool.h"

namespace runner::agent {

class StructuredOutputTool : public tools::Tool {
 public:
  explicit StructuredOutputTool(base::Json schema) : schema_(std::move(schema)) {}
  std::string_view name() const override { return "StructuredOutput"; }
  std::string description() const override;
  base::Json input_schema() const override { return schema_; }
  /// No side effects outside the run, so it needs no permission.
  bool IsReadOnly(const base::Json&) const override { return true; }
  tools::ToolResult Run(const base::Json& input, tools::ToolContext& ctx) override;
  const std::optional<base::Json>& value() const { return value_; }
  void Reset() { value_.reset(); }

 private:
  base::Json schema_;
  std::optional<base::Json> value_;
};

/// Checks `value` against the parts of JSON Schema we enforce (type, required, properties,
/// items, enum). Returns an empty string when valid, else what is wrong.
std::string ValidateAgainstSchema(const base::Json& value, const base::Json& schema,
                                  const std::string& path = "$");

}  // namespace runner::agent
