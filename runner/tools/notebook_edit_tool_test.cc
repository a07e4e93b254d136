#include "runner/tools/notebook_edit_tool.h"

#include <gtest/gtest.h>

#include "runner/tools/file_tracking.h"
#include "runner/tools/notebook_cells.h"
#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

using base::Json;

// Jupyter's own layout: indent 1, sorted keys, sources as arrays of lines, final newline.
constexpr std::string_view kNotebook = R"nb({
 "cells": [
  {
   "cell_type": "markdown",
   "id": "intro",
   "metadata": {},
   "source": [
    "# Title"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 3,
   "id": "calc",
   "metadata": {
    "tags": [
     "keep"
    ]
   },
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "4\n"
     ]
    }
   ],
   "source": [
    "print(2 + 2)"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Python 3",
   "language": "python",
   "name": "python3"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
)nb";

class NotebookEditToolTest : public ToolTest {
 protected:
  void SetUp() override {
    ToolTest::SetUp();
    WriteText("nb.ipynb", std::string(kNotebook));
    RecordRead(session_, PathOf("nb.ipynb"));
  }
  ToolResult Edit(Json input) {
    if (!input.Contains("notebook_path")) input.Set("notebook_path", PathOf("nb.ipynb"));
    return NotebookEditTool().Run(input, ctx_);
  }
  Json Notebook() { return *Json::Parse(ReadText("nb.ipynb")); }
};

TEST_F(NotebookEditToolTest, ReplacesSourceAndClearsOutputsKeepingEverythingElse) {
  ToolResult r = Edit(In(R"({"cell_id":"calc","new_source":"print(3 * 3)\nx = 1"})"));
  ASSERT_FALSE(r.is_error) << r.content.Dump();
  EXPECT_EQ(r.content, Json("Updated cell calc with print(3 * 3)\nx = 1"));
  std::string expected(kNotebook);
  auto replace = [&](std::string_view from, std::string_view to) {
    size_t at = expected.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    expected.replace(at, from.size(), to);
  };
  replace("\"execution_count\": 3", "\"execution_count\": null");
  size_t outputs = expected.find("\"outputs\": [");
  replace(expected.substr(outputs, expected.find("   \"source\"", outputs) - outputs),
          "\"outputs\": [],\n");
  replace("\"print(2 + 2)\"", "\"print(3 * 3)\\n\",\n    \"x = 1\"");
  EXPECT_EQ(ReadText("nb.ipynb"), expected);
}

TEST_F(NotebookEditToolTest, StructuredResultIsNotebookEditOutput) {
  ToolResult r = Edit(In(R"({"cell_id":"calc","new_source":"1"})"));
  Json expected = base::JsonObject({{"new_source", "1"},
                                    {"old_source", "print(2 + 2)"},
                                    {"cell_id", "calc"},
                                    {"cell_type", "code"},
                                    {"language", "python"},
                                    {"edit_mode", "replace"},
                                    {"notebook_path", PathOf("nb.ipynb")},
                                    {"original_file", std::string(kNotebook)},
                                    {"updated_file", ReadText("nb.ipynb")}});
  EXPECT_EQ(r.structured, expected);
}

TEST_F(NotebookEditToolTest, ChangingTypeToMarkdownDropsCodeOnlyFields) {
  Edit(In(R"({"cell_id":"calc","new_source":"*note*","cell_type":"markdown"})"));
  EXPECT_EQ(Notebook()["cells"].at(1), *Json::Parse(R"({"cell_type":"markdown","id":"calc",
      "metadata":{"tags":["keep"]},"source":["*note*"]})"));
}

TEST_F(NotebookEditToolTest, InsertsAfterTheGivenCellWithAFreshId) {
  ToolResult r = Edit(In(R"({"cell_id":"intro","new_source":"a = 1\nb = 2","cell_type":"code",
      "edit_mode":"insert"})"));
  ASSERT_FALSE(r.is_error) << r.content.Dump();
  Json cell = Notebook()["cells"].at(1);
  std::string id = cell["id"].AsString();
  EXPECT_EQ(id.size(), 8u);
  EXPECT_EQ(r.content, Json("Inserted cell " + id + " with a = 1\nb = 2"));
  EXPECT_EQ(cell, base::JsonObject({{"cell_type", "code"},
                                    {"execution_count", Json()},
                                    {"id", id},
                                    {"metadata", Json::MakeObject()},
                                    {"outputs", Json::MakeArray()},
                                    {"source", base::JsonArray({"a = 1\n", "b = 2"})}}));
  EXPECT_FALSE(r.structured.Contains("old_source"));
  EXPECT_EQ(Notebook()["cells"].size(), 3u);
}

TEST_F(NotebookEditToolTest, InsertsFirstWithoutCellId) {
  Edit(In(R"({"new_source":"# Top","cell_type":"markdown","edit_mode":"insert"})"));
  Json cells = Notebook()["cells"];
  EXPECT_EQ(cells.at(0)["source"], base::JsonArray({"# Top"}));
  EXPECT_FALSE(cells.at(0).Contains("outputs"));
  EXPECT_EQ(cells.at(1)["id"], Json("intro"));
}

TEST_F(NotebookEditToolTest, DeletesACell) {
  ToolResult r = Edit(In(R"({"cell_id":"intro","new_source":"","edit_mode":"delete"})"));
  EXPECT_EQ(r.content, Json("Deleted cell intro"));
  EXPECT_EQ(r.structured["old_source"], Json("# Title"));
  EXPECT_EQ(r.structured["cell_type"], Json("markdown"));
  EXPECT_EQ(Notebook()["cells"].size(), 1u);
  EXPECT_EQ(Notebook()["cells"].at(0)["id"], Json("calc"));
}

TEST_F(NotebookEditToolTest, NamesCellsByIndexInNotebooksWithoutIds) {
  WriteText("old.ipynb", R"({"cells": [{"cell_type": "code", "source": "x", "outputs": []}],
    "nbformat": 4, "nbformat_minor": 2})");
  RecordRead(session_, PathOf("old.ipynb"));
  ToolResult r = Edit(In(R"({"notebook_path":")" + PathOf("old.ipynb") +
                         R"(","new_source":"y","cell_type":"code","edit_mode":"insert",
                         "cell_id":"cell-0"})"));
  EXPECT_EQ(r.content, Json("Inserted cell cell-1 with y"));
  Json nb = *Json::Parse(ReadText("old.ipynb"));
  EXPECT_FALSE(nb["cells"].at(1).Contains("id"));
  EXPECT_EQ(nb["cells"].at(1)["source"], Json("y"));  // the notebook's own form: a string
  EXPECT_FALSE(ReadText("old.ipynb").ends_with("\n"));
}

TEST_F(NotebookEditToolTest, AllowsASecondEditWithoutReadingAgain) {
  Edit(In(R"({"cell_id":"calc","new_source":"1"})"));
  EXPECT_FALSE(Edit(In(R"({"cell_id":"calc","new_source":"2"})")).is_error);
}

TEST_F(NotebookEditToolTest, RefusesNotebookNotReadFirst) {
  session_.read_mtimes.clear();
  ToolResult r = Edit(In(R"({"cell_id":"calc","new_source":"1"})"));
  EXPECT_EQ(r.content,
            ErrorContent("File has not been read yet. Read it first before writing to it."));
  EXPECT_EQ(ReadText("nb.ipynb"), kNotebook);
}

TEST_F(NotebookEditToolTest, RefusesUnknownCell) {
  EXPECT_EQ(Edit(In(R"({"cell_id":"nope","new_source":"1"})")).content,
            ErrorContent("Cell with ID \"nope\" not found in notebook."));
}

TEST_F(NotebookEditToolTest, RefusesBadRequests) {
  auto error = [&](std::string_view input) { return Edit(In(input)).content; };
  EXPECT_EQ(error(R"({"new_source":"1"})"),
            ErrorContent("cell_id is required unless edit_mode is insert."));
  EXPECT_EQ(error(R"({"new_source":"1","edit_mode":"insert"})"),
            ErrorContent("cell_type is required when edit_mode is insert."));
  EXPECT_EQ(error(R"({"cell_id":"calc","new_source":"1","edit_mode":"append"})"),
            ErrorContent("edit_mode must be replace, insert or delete, got 'append'."));
  EXPECT_EQ(error(R"({"cell_id":"calc","new_source":"1","cell_type":"raw"})"),
            ErrorContent("cell_type must be code or markdown, got 'raw'."));
  EXPECT_EQ(error(R"({"notebook_path":"nb.ipynb","cell_id":"calc","new_source":"1"})"),
            ErrorContent("notebook_path must be an absolute path, got 'nb.ipynb'."));
  EXPECT_EQ(error(R"({"notebook_path":"/x/a.py","cell_id":"calc","new_source":"1"})"),
            ErrorContent("File must be a Jupyter notebook (.ipynb file). Use Edit for other "
                         "files."));
  EXPECT_EQ(ReadText("nb.ipynb"), kNotebook);
}

TEST_F(NotebookEditToolTest, RefusesMissingFileAndInvalidJson) {
  ToolResult missing = Edit(
      In(R"({"notebook_path":")" + PathOf("none.ipynb") + R"(","cell_id":"a","new_source":"1"})"));
  EXPECT_EQ(missing.content, ErrorContent("File does not exist. Note: your current working "
                                          "directory is " +
                                          dir_.string() + "."));
  WriteText("nb.ipynb", "{not json");
  RecordRead(session_, PathOf("nb.ipynb"));
  ToolResult broken = Edit(In(R"({"cell_id":"calc","new_source":"1"})"));
  EXPECT_TRUE(broken.content.AsString().starts_with("<tool_use_error>Notebook is not valid JSON"));
}

TEST_F(NotebookEditToolTest, RejectsWrongInputTypes) {
  ToolResult r = Edit(In(R"({"cell_id":"calc"})"));
  EXPECT_EQ(r.content, ErrorContent("InputValidationError: NotebookEdit failed due to the "
                                    "following issue:\nThe required parameter `new_source` is "
                                    "missing"));
}

TEST(NotebookEditTool, SchemaMatchesNotebookEditInput) {
  Json schema = NotebookEditTool().input_schema();
  EXPECT_EQ(schema["required"], base::JsonArray({"notebook_path", "new_source"}));
  EXPECT_EQ(schema["properties"].size(), 5u);
  EXPECT_EQ(schema["properties"]["cell_type"]["enum"], base::JsonArray({"code", "markdown"}));
  EXPECT_EQ(schema["properties"]["edit_mode"]["enum"],
            base::JsonArray({"replace", "insert", "delete"}));
  EXPECT_EQ(schema["additionalProperties"], Json(false));
}

}  // namespace
}  // namespace runner::tools
