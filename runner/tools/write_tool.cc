#include "runner/tools/write_tool.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "runner/base/files.h"
#include "runner/base/strings.h"
#include "runner/tools/file_tracking.h"
#include "runner/tools/schema.h"
#include "runner/tools/structured_patch.h"

namespace runner::tools {
namespace {

/// The current content of an existing file, nullopt for a new one, or an error message.
base::Result<std::optional<std::string>> LoadExisting(const std::string& path, ToolContext& ctx) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::nullopt;
    return base::Fail(base::ErrorKind::kIo, "Cannot write " + path + ": " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode))
    return base::Fail(base::ErrorKind::kIo, IsDirectoryMessage("write", path));
  if (ctx.session == nullptr) return base::Fail(base::ErrorKind::kInternal, "no tool session");
  if (auto error = CheckReadBeforeWrite(*ctx.session, path)) {
    return base::Fail(base::ErrorKind::kUsage, *error);
  }
  return TRY(base::ReadFile(path));
}

}  // namespace

std::string WriteTool::description() const {
  return "Write a file to the local filesystem, replacing it if it exists.\n"
         "- `file_path` must be absolute; missing parent directories are created.\n"
         "- To overwrite an existing file you must Read it first in this session; the write is "
         "refused if the file changed on disk since.\n"
         "- Prefer Edit for changes to existing files: it sends only the changed part.\n"
         "- Do not create documentation or README files unless asked to.";
}

Json WriteTool::input_schema() const {
  return ObjectSchema({{"file_path", "string", "Absolute path of the file to write"},
                       {"content", "string", "The whole new content of the file"}},
                      {"file_path", "content"});
}

ToolResult WriteTool::Run(const Json& input, ToolContext& ctx) {
  if (auto error = ValidateInput(name(), input_schema(), input)) return ToolResult::Error(*error);
  const std::string& path = input["file_path"].AsString();
  const std::string& content = input["content"].AsString();
  if (auto error = CheckAbsolute(path)) return ToolResult::Error(*error);
  auto existing = LoadExisting(path, ctx);
  if (!existing) return ToolResult::Error(existing.error().message);
  if (auto written = WriteAndRecord(ctx.session, path, content); !written) {
    return ToolResult::Error(written.error().message);
  }

  bool update = existing->has_value();
  ToolResult result;
  result.content = update ? "The file " + path + " has been updated successfully."
                          : "File created successfully at: " + path;
  result.structured = base::JsonObject(
      {{"type", update ? "update" : "create"},
       {"filePath", path},
       {"content", content},
       {"structuredPatch", update ? StructuredPatch(**existing, content) : Json::MakeArray()},
       {"originalFile", update ? Json(base::SanitizeUtf8(**existing)) : Json()}});
  return result;
}

}  // namespace runner::tools
