#include "runner/tools/edit_tool.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "runner/base/files.h"
#include "runner/base/strings.h"
#include "runner/tools/file_tracking.h"
#include "runner/tools/schema.h"
#include "runner/tools/structured_patch.h"

namespace runner::tools {
namespace {

struct EditRequest {
  std::string path;
  std::string old_string;
  std::string new_string;
  bool replace_all = false;
};

/// The edited content, or the message for the model when the edit cannot be applied.
base::Result<std::string> ApplyEdit(const std::string& original, const EditRequest& req) {
  auto refuse = [](std::string message) { return base::Fail(base::ErrorKind::kUsage, message); };
  bool crlf = original.find("\r\n") != std::string::npos;
  std::string old_s = crlf ? ToCrlf(req.old_string) : req.old_string;
  std::string new_s = crlf ? ToCrlf(req.new_string) : req.new_string;
  if (old_s.empty()) {
    if (!base::Trim(original).empty())
      return refuse("Cannot create new file - file already exists.");
    return new_s;
  }
  size_t count = CountOccurrences(original, old_s);
  if (count == 0) return refuse("String to replace not found in file.\nString: " + req.old_string);
  if (count > 1 && !req.replace_all) {
    return refuse(fmt::format(
        "Found {} matches of the string to replace, but replace_all is false. To replace all "
        "occurrences, set replace_all to true. To replace only one occurrence, please provide "
        "more context to uniquely identify the instance.\nString: {}",
        count, req.old_string));
  }
  std::string out;
  size_t from = 0;
  for (size_t at; (at = original.find(old_s, from)) != std::string::npos;) {
    out.append(original, from, at - from).append(new_s);
    from = at + old_s.size();
    if (!req.replace_all) break;
  }
  return out.append(original, from, std::string::npos);
}

/// The file's current content ("" and nullopt-original for a file Edit may create).
base::Result<std::optional<std::string>> LoadForEdit(const EditRequest& req, ToolContext& ctx) {
  struct stat st {};
  if (::stat(req.path.c_str(), &st) != 0) {
    if (errno == ENOENT && req.old_string.empty()) return std::nullopt;
    if (errno == ENOENT) return base::Fail(base::ErrorKind::kIo, FileNotFoundMessage(ctx));
    return base::Fail(base::ErrorKind::kIo,
                      "Cannot edit " + req.path + ": " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode))
    return base::Fail(base::ErrorKind::kIo, IsDirectoryMessage("edit", req.path));
  if (ctx.session == nullptr) return base::Fail(base::ErrorKind::kInternal, "no tool session");
  if (auto error = CheckReadBeforeWrite(*ctx.session, req.path)) {
    return base::Fail(base::ErrorKind::kUsage, *error);
  }
  return TRY(base::ReadFile(req.path));
}

ToolResult Success(const EditRequest& req, const std::optional<std::string>& original,
                   const std::string& updated) {
  ToolResult result;
  result.content = "The file " + req.path + " has been updated successfully.";
  std::string before = original ? base::SanitizeUtf8(*original) : std::string();
  result.structured =
      base::JsonObject({{"filePath", req.path},
                        {"oldString", req.old_string},
                        {"newString", req.new_string},
                        {"originalFile", original ? Json(before) : Json()},
                        {"structuredPatch", StructuredPatch(before, base::SanitizeUtf8(updated))},
                        {"userModified", false},
                        {"replaceAll", req.replace_all}});
  return result;
}

}  // namespace

std::string ToCrlf(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

size_t CountOccurrences(std::string_view haystack, std::string_view needle) {
  size_t count = 0;
  for (size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

std::string EditTool::description() const {
  return "Replace an exact string in a file.\n"
         "- Read the file first in this session; edits of unread or since-changed files are "
         "refused.\n"
         "- `old_string` must match the file exactly, including indentation (copy it from the "
         "Read output without the line-number prefix), and must be unique in the file: add "
         "surrounding lines to make it unique, or set `replace_all` to change every occurrence "
         "(handy for renames).\n"
         "- `new_string` must differ from `old_string`.\n"
         "- An empty `old_string` creates a new file with `new_string` as its content.\n"
         "- `file_path` must be absolute.";
}

Json EditTool::input_schema() const {
  return ObjectSchema({{"file_path", "string", "Absolute path of the file to change"},
                       {"old_string", "string", "The exact text to replace"},
                       {"new_string", "string", "The text to put in its place"},
                       {"replace_all", "boolean", "Replace every occurrence (default false)"}},
                      {"file_path", "old_string", "new_string"});
}

ToolResult EditTool::Run(const Json& input, ToolContext& ctx) {
  if (auto error = ValidateInput(name(), input_schema(), input)) return ToolResult::Error(*error);
  EditRequest req{input["file_path"].AsString(), input["old_string"].AsString(),
                  input["new_string"].AsString(), input["replace_all"].AsBool()};
  if (auto error = CheckAbsolute(req.path)) return ToolResult::Error(*error);
  if (req.old_string == req.new_string) {
    return ToolResult::Error("No changes to make: old_string and new_string are exactly the same.");
  }
  auto original = LoadForEdit(req, ctx);
  if (!original) return ToolResult::Error(original.error().message);
  auto updated = ApplyEdit(original->value_or(""), req);
  if (!updated) return ToolResult::Error(updated.error().message);
  if (auto written = WriteAndRecord(ctx.session, req.path, *updated); !written) {
    return ToolResult::Error(written.error().message);
  }
  return Success(req, *original, *updated);
}

}  // namespace runner::tools
