#include "runner/tools/notebook_cells.h"

#include "runner/base/strings.h"

namespace runner::tools {
namespace {

using base::Json;

void DumpValue(const Json& value, int indent, int depth, std::string& out);

void NewLine(int indent, int depth, std::string& out) {
  out += '\n';
  out.append(static_cast<size_t>(indent * depth), ' ');
}

void DumpArray(const Json& value, int indent, int depth, std::string& out) {
  out += '[';
  for (size_t i = 0; i < value.size(); ++i) {
    if (i > 0) out += ',';
    NewLine(indent, depth + 1, out);
    DumpValue(value.at(i), indent, depth + 1, out);
  }
  if (!value.empty()) NewLine(indent, depth, out);
  out += ']';
}

void DumpObject(const Json& value, int indent, int depth, std::string& out) {
  out += '{';
  bool first = true;
  for (const auto& [key, member] : value.members()) {
    if (!first) out += ',';
    first = false;
    NewLine(indent, depth + 1, out);
    out += Json(key).Dump();
    out += ": ";
    DumpValue(member, indent, depth + 1, out);
  }
  if (!value.empty()) NewLine(indent, depth, out);
  out += '}';
}

void DumpValue(const Json& value, int indent, int depth, std::string& out) {
  if (value.is_array()) {
    DumpArray(value, indent, depth, out);
  } else if (value.is_object()) {
    DumpObject(value, indent, depth, out);
  } else {
    out += value.Dump();
  }
}

}  // namespace

base::Result<Json> ParseNotebook(std::string_view text) {
  auto parsed = Json::Parse(text);
  if (!parsed) {
    return base::Fail(base::ErrorKind::kParse,
                      "Notebook is not valid JSON (" + parsed.error().message + ").");
  }
  if (!(*parsed)["cells"].is_array()) {
    return base::Fail(base::ErrorKind::kParse,
                      "Notebook has no `cells` array; only nbformat 4 notebooks are supported.");
  }
  return std::move(*parsed);
}

std::string CellId(const Json& cell, size_t index) {
  if (cell["id"].is_string()) return cell["id"].AsString();
  return "cell-" + std::to_string(index);
}

std::optional<size_t> FindCell(const Json& cells, std::string_view id) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells.at(i)["id"].is_string() && cells.at(i)["id"].AsString() == id) return i;
  }
  if (!id.starts_with("cell-")) return std::nullopt;
  std::string_view digits = id.substr(5);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  std::optional<long long> index = base::ParseInt(digits);
  if (!index || static_cast<unsigned long long>(*index) >= cells.size()) return std::nullopt;
  return static_cast<size_t>(*index);
}

std::string MultilineText(const Json& field) {
  if (field.is_string()) return field.AsString();
  std::string text;
  for (const Json& part : field.items()) text += part.AsString();
  return text;
}

Json MultilineLike(const Json& like, std::string_view text) {
  if (!like.is_array()) return Json(text);
  Json lines = Json::MakeArray();
  while (!text.empty()) {
    size_t nl = text.find('\n');
    size_t len = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.Push(text.substr(0, len));
    text.remove_prefix(len);
  }
  return lines;
}

std::string NotebookLanguage(const Json& notebook) {
  const Json& metadata = notebook["metadata"];
  std::string name = metadata["language_info"]["name"].AsString();
  if (name.empty()) name = metadata["kernelspec"]["language"].AsString();
  return name.empty() ? "python" : name;
}

bool NotebookHasCellIds(const Json& notebook) {
  int64_t major = notebook["nbformat"].AsInt(0);
  return major > 4 || (major == 4 && notebook["nbformat_minor"].AsInt(0) >= 5);
}

std::string DumpNotebook(const Json& notebook, int indent) {
  std::string out;
  DumpValue(notebook, indent, 0, out);
  return out;
}

int DetectIndent(std::string_view text) {
  size_t nl = text.find('\n');
  if (nl == std::string_view::npos) return 1;
  size_t first = text.find_first_not_of(' ', nl + 1);
  if (first == std::string_view::npos || first == nl + 1) return 1;
  return static_cast<int>(first - nl - 1);
}

}  // namespace runner::tools
