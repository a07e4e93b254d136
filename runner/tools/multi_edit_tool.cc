#include "runner/tools/multi_edit_tool.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "runner/base/files.h"
#include "runner/base/strings.h"
#include "runner/tools/edit_tool.h"
#include "runner/tools/file_tracking.h"
#include "runner/tools/schema.h"
#include "runner/tools/structured_patch.h"

namespace runner::tools {
namespace {

using base::JsonObject;

base::Result<std::string> Refuse(size_t index, std::string_view message) {
  return base::Fail(base::ErrorKind::kUsage, fmt::format("edits[{}]: {}", index, message));
}

/// One edit of `text`, as Edit would do it (the strings already in the file's line endings).
base::Result<std::string> ApplyOne(const std::string& text, size_t index, const StringEdit& edit,
                                   std::string_view old_s, std::string_view new_s) {
  if (old_s.empty()) {
    if (!base::Trim(text).empty()) {
      return Refuse(index, "Cannot create new file - file already exists.");
    }
    return std::string(new_s);
  }
  size_t count = CountOccurrences(text, old_s);
  if (count == 0) {
    return Refuse(index, "String to replace not found in file.\nString: " + edit.old_string);
  }
  if (count > 1 && !edit.replace_all) {
    return Refuse(
        index,
        fmt::format(
            "Found {} matches of the string to replace, but replace_all is false. To replace all "
            "occurrences, set replace_all to true. To replace only one occurrence, please provide "
            "more context to uniquely identify the instance.\nString: {}",
            count, edit.old_string));
  }
  std::string out;
  size_t from = 0;
  for (size_t at; (at = text.find(old_s, from)) != std::string::npos;) {
    out.append(text, from, at - from).append(new_s);
    from = at + old_s.size();
    if (!edit.replace_all) break;
  }
  return out.append(text, from, std::string::npos);
}

/// The edits from the input, or the message when `edits` is not a non-empty list of edits.
base::Result<std::vector<StringEdit>> ParseEdits(const Json& edits) {
  auto refuse = [](std::string issue) {
    return base::Fail(
        base::ErrorKind::kUsage,
        "InputValidationError: MultiEdit failed due to the following issue:\n" + issue);
  };
  if (!edits.is_array()) return refuse("The parameter `edits` type is expected as `array`");
  if (edits.empty()) return refuse("The parameter `edits` must hold at least one edit");
  Json item_schema = ObjectSchema(
      {{"old_string", "string", ""}, {"new_string", "string", ""}, {"replace_all", "boolean", ""}},
      {"old_string", "new_string"});
  std::vector<StringEdit> out;
  for (size_t i = 0; i < edits.size(); ++i) {
    if (auto error = ValidateInput("MultiEdit", item_schema, edits.at(i))) {
      return base::Fail(base::ErrorKind::kUsage, fmt::format("{} (in edits[{}])", *error, i));
    }
    const Json& e = edits.at(i);
    out.push_back(
        {e["old_string"].AsString(), e["new_string"].AsString(), e["replace_all"].AsBool()});
  }
  return out;
}

/// The file's content; nullopt for a missing file the first edit may create.
base::Result<std::optional<std::string>> LoadForEdits(const std::string& path, bool may_create,
                                                      ToolContext& ctx) {
  auto fail = [](std::string message) { return base::Fail(base::ErrorKind::kIo, message); };
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT && may_create) return std::nullopt;
    if (errno == ENOENT || errno == ENOTDIR) return fail(FileNotFoundMessage(ctx));
    return fail("Cannot edit " + path + ": " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) return fail(IsDirectoryMessage("edit", path));
  if (ctx.session == nullptr) return fail("no tool session");
  if (auto error = CheckReadBeforeWrite(*ctx.session, path)) return fail(*error);
  return TRY(base::ReadFile(path));
}

}  // namespace

base::Result<std::string> ApplyStringEdits(std::string_view original,
                                           const std::vector<StringEdit>& edits) {
  bool crlf = original.find("\r\n") != std::string_view::npos;
  std::string text(original);
  std::vector<std::string> earlier_new;
  for (size_t i = 0; i < edits.size(); ++i) {
    if (edits[i].old_string == edits[i].new_string) {
      return Refuse(i, "No changes to make: old_string and new_string are exactly the same.");
    }
    std::string old_s = crlf ? ToCrlf(edits[i].old_string) : edits[i].old_string;
    std::string new_s = crlf ? ToCrlf(edits[i].new_string) : edits[i].new_string;
    for (const std::string& previous : earlier_new) {
      if (!old_s.empty() && previous.find(old_s) != std::string::npos) {
        return Refuse(i,
                      "old_string is part of the new_string of an earlier edit: an edit may "
                      "not change text an earlier edit wrote. Fold the two into one edit.");
      }
    }
    text = TRY(ApplyOne(text, i, edits[i], old_s, new_s));
    earlier_new.push_back(std::move(new_s));
  }
  return text;
}

std::string MultiEditTool::description() const {
  return "Make several exact-string replacements in one file in a single step.\n"
         "- Prefer it to repeated Edit calls on the same file. The rules of each edit are "
         "Edit's: Read the file first; `old_string` must match exactly (indentation included) "
         "and be unique unless `replace_all`; `new_string` must differ.\n"
         "- Edits apply in order, each to the result of the previous one, so plan them so that "
         "an earlier edit does not break the match of a later one.\n"
         "- All or nothing: if any edit fails, the file is not changed and the error names it.\n"
         "- To create a file, give a first edit with an empty `old_string`.\n"
         "- `file_path` must be absolute.";
}

Json MultiEditTool::input_schema() const {
  Json item = ObjectSchema({{"old_string", "string", "The exact text to replace"},
                            {"new_string", "string", "The text to put in its place"},
                            {"replace_all", "boolean", "Replace every occurrence (default false)"}},
                           {"old_string", "new_string"});
  item.Slot("properties").Slot("replace_all").Set("default", false);
  Json schema = ObjectSchema({{"file_path", "string", "Absolute path of the file to change"},
                              {"edits", "array", "The edits, applied in order"}},
                             {"file_path", "edits"});
  Json& edits = schema.Slot("properties").Slot("edits");
  edits.Set("items", std::move(item));
  edits.Set("minItems", 1);
  return schema;
}

ToolResult MultiEditTool::Run(const Json& input, ToolContext& ctx) {
  if (auto error = ValidateInput(name(), input_schema(), input)) return ToolResult::Error(*error);
  const std::string& path = input["file_path"].AsString();
  auto edits = ParseEdits(input["edits"]);
  if (!edits) return ToolResult::Error(edits.error().message);
  if (auto error = CheckAbsolute(path)) return ToolResult::Error(*error);
  auto original = LoadForEdits(path, edits->front().old_string.empty(), ctx);
  if (!original) return ToolResult::Error(original.error().message);
  auto updated = ApplyStringEdits(original->value_or(""), *edits);
  if (!updated) return ToolResult::Error(updated.error().message);
  if (auto written = WriteAndRecord(ctx.session, path, *updated); !written) {
    return ToolResult::Error(written.error().message);
  }
  std::string before = base::SanitizeUtf8(original->value_or(""));
  ToolResult result;
  result.content =
      fmt::format("Applied {} edit{} to {}.", edits->size(), edits->size() == 1 ? "" : "s", path);
  result.structured =
      JsonObject({{"filePath", path},
                  {"edits", input["edits"]},
                  {"originalFileContents", *original ? Json(before) : Json()},
                  {"structuredPatch", StructuredPatch(before, base::SanitizeUtf8(*updated))},
                  {"userModified", false}});
  return result;
}

}  // namespace runner::tools
