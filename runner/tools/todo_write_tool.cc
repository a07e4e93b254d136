#include "runner/tools/todo_write_tool.h"

#include <algorithm>
#include <array>
#include <mutex>
#include <string>
#include <vector>

#include "runner/base/strings.h"

namespace runner::tools {
namespace {

constexpr std::array<std::string_view, 3> kStatuses = {"pending", "in_progress", "completed"};
constexpr std::array<std::string_view, 3> kItemKeys = {"content", "status", "activeForm"};

/// Problems with one todo item, each naming its place (`todos[2].status`).
void CheckItem(const Json& item, size_t index, std::vector<std::string>& issues) {
  std::string where = "todos[" + std::to_string(index) + "]";
  if (!item.is_object()) {
    issues.push_back("`" + where + "` must be an object with content, status and activeForm");
    return;
  }
  for (const auto& [key, value] : item.members()) {
    if (std::find(kItemKeys.begin(), kItemKeys.end(), key) == kItemKeys.end()) {
      issues.push_back("An unexpected parameter `" + where + "." + key + "` was provided");
    }
  }
  for (std::string_view key : kItemKeys) {
    const Json& value = item[key];
    std::string name = where + "." + std::string(key);
    if (!item.Contains(key)) {
      issues.push_back("The required parameter `" + name + "` is missing");
    } else if (!value.is_string()) {
      issues.push_back("The parameter `" + name + "` must be a string");
    } else if (base::Trim(value.AsString()).empty()) {
      issues.push_back("The parameter `" + name + "` must not be empty");
    }
  }
  const Json& status = item["status"];
  if (status.is_string() && !status.AsString().empty() &&
      std::find(kStatuses.begin(), kStatuses.end(), status.AsString()) == kStatuses.end()) {
    issues.push_back("The parameter `" + where +
                     ".status` must be one of pending, in_progress, completed (got `" +
                     status.AsString() + "`)");
  }
}

/// The validation message for the model, or empty when `input` is a valid TodoWriteInput.
std::string Validate(const Json& input) {
  std::vector<std::string> issues;
  if (!input.is_object()) {
    issues.push_back("The input must be an object");
  } else {
    for (const auto& [key, value] : input.members()) {
      if (key != "todos") issues.push_back("An unexpected parameter `" + key + "` was provided");
    }
    const Json& todos = input["todos"];
    if (!input.Contains("todos")) {
      issues.push_back("The required parameter `todos` is missing");
    } else if (!todos.is_array()) {
      issues.push_back("The parameter `todos` must be an array");
    } else {
      for (size_t i = 0; i < todos.size(); ++i) CheckItem(todos.at(i), i, issues);
    }
  }
  if (issues.empty()) return "";
  std::string message = "InputValidationError: TodoWrite failed due to the following " +
                        std::string(issues.size() == 1 ? "issue:" : "issues:");
  for (const std::string& issue : issues) message += "\n" + issue;
  return message;
}

bool AllCompleted(const Json& todos) {
  for (const Json& todo : todos.items()) {
    if (todo["status"].AsString() != "completed") return false;
  }
  return !todos.empty();
}

}  // namespace

std::string TodoWriteTool::description() const {
  return "Create or update the task list for this session. Each call sends the complete list "
         "and replaces the previous one.\n"
         "- Use it for work with several steps (three or more), when asked for a todo list, or "
         "when new requirements come up; skip it for a single trivial step.\n"
         "- Each item has `content` (imperative: \"Run the tests\"), `activeForm` (present "
         "continuous: \"Running the tests\") and `status`: pending, in_progress or completed.\n"
         "- Keep exactly one item in_progress while you work; mark it completed as soon as it "
         "is done, not in batches, and only when it is really done (tests pass, nothing left "
         "half-finished). Add follow-up items for blockers you find.";
}

Json TodoWriteTool::input_schema() const {
  static const Json kSchema = *Json::Parse(R"({
    "type": "object",
    "properties": {
      "todos": {
        "type": "array",
        "description": "The updated todo list",
        "items": {
          "type": "object",
          "properties": {
            "content": {"type": "string", "minLength": 1,
                        "description": "What to do, in the imperative"},
            "status": {"type": "string", "enum": ["pending", "in_progress", "completed"],
                       "description": "Where the item stands"},
            "activeForm": {"type": "string", "minLength": 1,
                           "description": "The same task in present continuous form"}
          },
          "required": ["content", "status", "activeForm"],
          "additionalProperties": false
        }
      }
    },
    "required": ["todos"],
    "additionalProperties": false
  })");
  return kSchema;
}

ToolResult TodoWriteTool::Run(const Json& input, ToolContext& ctx) {
  if (std::string error = Validate(input); !error.empty()) return ToolResult::Error(error);
  if (ctx.session == nullptr) return ToolResult::Error("TodoWrite has no session to write to");
  const Json& todos = input["todos"];
  Json old_todos;
  {
    std::lock_guard lock(ctx.session->mu);
    old_todos = ctx.session->todos;
    ctx.session->todos = AllCompleted(todos) ? Json::MakeArray() : todos;
  }
  ToolResult result;
  result.content =
      "The todo list is updated. Keep it current as you work: one item in_progress at a time, "
      "and mark items completed as soon as they are done.";
  result.structured = base::JsonObject({{"oldTodos", std::move(old_todos)}, {"newTodos", todos}});
  return result;
}

}  // namespace runner::tools
