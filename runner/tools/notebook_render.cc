#include "runner/tools/notebook_render.h"

#include <fmt/format.h>

#include "runner/base/strings.h"
#include "runner/tools/notebook_cells.h"

namespace runner::tools {
namespace {

using base::JsonObject;

/// Removes ANSI escape sequences (`ESC [ … final`), which tracebacks use for colour.
std::string StripAnsi(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\x1b' || i + 1 >= text.size() || text[i + 1] != '[') {
      out += text[i];
      continue;
    }
    i += 2;
    while (i < text.size() && !(text[i] >= 0x40 && text[i] <= 0x7E)) ++i;
  }
  return out;
}

std::string OutputText(const Json& output) {
  const std::string& type = output["output_type"].AsString();
  if (type == "stream") return MultilineText(output["text"]);
  if (type == "execute_result" || type == "display_data") {
    return MultilineText(output["data"]["text/plain"]);
  }
  if (type != "error") return "";
  std::string text = output["ename"].AsString() + ": " + output["evalue"].AsString();
  for (const Json& line : output["traceback"].items()) text += "\n" + line.AsString();
  return StripAnsi(text);
}

/// {image_data, media_type} for a PNG or JPEG in the output's data, else null. An image over
/// the size limit becomes a note in `text`.
Json OutputImage(const Json& output, std::string& text) {
  for (std::string_view type : {"image/png", "image/jpeg"}) {
    const Json& field = output["data"][type];
    if (field.is_null()) continue;
    std::string data;
    for (char c : MultilineText(field)) {
      if (c != '\n' && c != '\r' && c != ' ') data += c;
    }
    if (data.size() > kNotebookMaxImageBase64Bytes) {
      text += (text.empty() ? "" : "\n") + fmt::format("[{} output image too large to show]", type);
      return Json();
    }
    return JsonObject({{"image_data", std::move(data)}, {"media_type", type}});
  }
  return Json();
}

Json ProcessOutput(const Json& output, size_t cell_index, std::string_view path) {
  std::string text = base::SanitizeUtf8(OutputText(output));
  if (text.size() > kNotebookMaxOutputBytes) {
    text = base::Utf8Prefix(text, kNotebookMaxOutputBytes) +
           fmt::format("\n[output cut; see all of it with Bash: jq '.cells[{}].outputs' {}]",
                       cell_index, path);
  }
  Json image = OutputImage(output, text);
  Json processed = JsonObject({{"output_type", output["output_type"].AsString()}});
  if (!text.empty()) processed.Set("text", std::move(text));
  if (!image.is_null()) processed.Set("image", std::move(image));
  return processed;
}

std::string CellText(const Json& cell) {
  const std::string& id = cell["cell_id"].AsString();
  const std::string& type = cell["cellType"].AsString();
  std::string meta;
  if (type != "code") meta = "<cell_type>" + type + "</cell_type>";
  if (type == "code" && cell["language"].AsString() != "python") {
    meta = "<language>" + cell["language"].AsString() + "</language>";
  }
  return fmt::format("<cell id=\"{}\">{}{}</cell id=\"{}\">", id, meta, cell["source"].AsString(),
                     id);
}

/// Text blocks (adjacent texts joined by newlines) and image blocks, in order.
class BlockList {
 public:
  void AddText(const std::string& text) {
    if (!pending_.empty()) pending_ += '\n';
    pending_ += text;
  }
  void AddImage(const Json& image) {
    Flush();
    Json source = JsonObject(
        {{"type", "base64"}, {"media_type", image["media_type"]}, {"data", image["image_data"]}});
    blocks_.Push(JsonObject({{"type", "image"}, {"source", std::move(source)}}));
  }
  Json Take() {
    Flush();
    return std::move(blocks_);
  }
  size_t text_bytes() const { return text_bytes_ + pending_.size(); }

 private:
  void Flush() {
    if (pending_.empty()) return;
    text_bytes_ += pending_.size();
    blocks_.Push(JsonObject({{"type", "text"}, {"text", std::move(pending_)}}));
    pending_.clear();
  }
  Json blocks_ = Json::MakeArray();
  std::string pending_;
  size_t text_bytes_ = 0;
};

}  // namespace

Json ProcessNotebookCell(const Json& cell, size_t index, std::string_view language,
                         std::string_view path) {
  std::string type = cell["cell_type"].StringOr("code");
  Json processed = JsonObject(
      {{"cellType", type}, {"source", base::SanitizeUtf8(MultilineText(cell["source"]))}});
  if (type == "code") processed.Set("execution_count", cell["execution_count"]);
  processed.Set("cell_id", CellId(cell, index));
  if (type == "code") processed.Set("language", language);
  Json outputs = Json::MakeArray();
  for (const Json& output : cell["outputs"].items())
    outputs.Push(ProcessOutput(output, index, path));
  if (!outputs.empty()) processed.Set("outputs", std::move(outputs));
  return processed;
}

ToolResult NotebookReadResult(const std::string& path, std::string_view text) {
  auto notebook = ParseNotebook(text);
  if (!notebook) return ToolResult::Error(notebook.error().message);
  std::string language = NotebookLanguage(*notebook);
  Json cells = Json::MakeArray();
  BlockList blocks;
  const Json& raw_cells = (*notebook)["cells"];
  for (size_t i = 0; i < raw_cells.size(); ++i) {
    Json cell = ProcessNotebookCell(raw_cells.at(i), i, language, path);
    blocks.AddText(CellText(cell));
    for (const Json& output : cell["outputs"].items()) {
      if (output.Contains("text")) blocks.AddText(output["text"].AsString());
      if (output.Contains("image")) blocks.AddImage(output["image"]);
    }
    cells.Push(std::move(cell));
  }
  if (cells.empty()) {
    blocks.AddText(
        "<system-reminder>Warning: the notebook exists but has no cells.</system-reminder>");
  }
  if (blocks.text_bytes() > kNotebookMaxRenderedBytes) {
    return ToolResult::Error(fmt::format(
        "Notebook content ({} KB) exceeds maximum allowed size ({} KB). Read parts of it with "
        "Bash and jq instead, e.g. jq '.cells[:20]' {}",
        blocks.text_bytes() / 1024, kNotebookMaxRenderedBytes / 1024, path));
  }
  ToolResult result;
  result.content = blocks.Take();
  result.structured =
      JsonObject({{"type", "notebook"},
                  {"file", JsonObject({{"filePath", path}, {"cells", std::move(cells)}})}});
  return result;
}

}  // namespace runner::tools
