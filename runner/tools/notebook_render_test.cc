#include "runner/tools/notebook_render.h"

#include <gtest/gtest.h>

namespace runner::tools {
namespace {

using base::Json;
using base::JsonObject;

Json J(std::string_view text) { return *Json::Parse(text); }

Json Text(std::string text) { return JsonObject({{"type", "text"}, {"text", std::move(text)}}); }

constexpr std::string_view kNotebook = R"nb({
 "cells": [
  {"cell_type": "markdown", "id": "intro", "metadata": {}, "source": ["# Title\n", "Some text"]},
  {"cell_type": "code", "execution_count": 1, "id": "calc", "metadata": {},
   "outputs": [
    {"name": "stdout", "output_type": "stream", "text": ["hello\n"]},
    {"data": {"text/plain": ["42"]}, "execution_count": 1, "metadata": {},
     "output_type": "execute_result"}
   ],
   "source": ["print('hello')\n", "6 * 7"]},
  {"cell_type": "code", "execution_count": 2, "id": "plot", "metadata": {},
   "outputs": [
    {"data": {"image/png": "iVBORw0K\nGgo=\n", "text/plain": ["<Figure>"]}, "metadata": {},
     "output_type": "display_data"}
   ],
   "source": "plot()"},
  {"cell_type": "code", "execution_count": 3, "id": "boom", "metadata": {},
   "outputs": [
    {"ename": "ZeroDivisionError", "evalue": "division by zero", "output_type": "error",
     "traceback": ["\u001b[0;31mTraceback\u001b[0m", "1/0"]}
   ],
   "source": "1/0"}
 ],
 "metadata": {"language_info": {"name": "python"}},
 "nbformat": 4,
 "nbformat_minor": 5
})nb";

TEST(NotebookReadResult, RendersCellsWithOutputsAndImages) {
  ToolResult r = NotebookReadResult("/p/nb.ipynb", kNotebook);
  ASSERT_FALSE(r.is_error) << r.content.Dump();
  Json image = JsonObject(
      {{"type", "image"},
       {"source",
        JsonObject({{"type", "base64"}, {"media_type", "image/png"}, {"data", "iVBORw0KGgo="}})}});
  EXPECT_EQ(r.content,
            base::JsonArray(
                {Text("<cell id=\"intro\"><cell_type>markdown</cell_type># Title\nSome "
                      "text</cell id=\"intro\">\n"
                      "<cell id=\"calc\">print('hello')\n6 * 7</cell id=\"calc\">\nhello\n\n42\n"
                      "<cell id=\"plot\">plot()</cell id=\"plot\">\n<Figure>"),
                 image,
                 Text("<cell id=\"boom\">1/0</cell id=\"boom\">\n"
                      "ZeroDivisionError: division by zero\nTraceback\n1/0")}));
}

TEST(NotebookReadResult, StructuredResultIsTheNotebookVariant) {
  ToolResult r = NotebookReadResult("/p/nb.ipynb", kNotebook);
  EXPECT_EQ(r.structured["type"], Json("notebook"));
  EXPECT_EQ(r.structured["file"]["filePath"], Json("/p/nb.ipynb"));
  const Json& cells = r.structured["file"]["cells"];
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells.at(0), J(R"({"cellType":"markdown","source":"# Title\nSome text",
      "cell_id":"intro"})"));
  EXPECT_EQ(cells.at(1), J(R"({"cellType":"code","source":"print('hello')\n6 * 7",
      "execution_count":1,"cell_id":"calc","language":"python","outputs":[
      {"output_type":"stream","text":"hello\n"},
      {"output_type":"execute_result","text":"42"}]})"));
  EXPECT_EQ(cells.at(2)["outputs"].at(0), J(R"({"output_type":"display_data","text":"<Figure>",
                "image":{"image_data":"iVBORw0KGgo=","media_type":"image/png"}})"));
}

TEST(NotebookReadResult, TagsCodeInOtherLanguagesAndNamesCellsWithoutIds) {
  ToolResult r = NotebookReadResult(
      "/p/r.ipynb", R"({"cells":[{"cell_type":"code","source":"x <- 1","outputs":[]},
        {"cell_type":"raw","source":"raw"}],
        "metadata":{"kernelspec":{"language":"R"}},"nbformat":4,"nbformat_minor":2})");
  EXPECT_EQ(r.content,
            base::JsonArray({Text("<cell id=\"cell-0\"><language>R</language>x <- 1</cell "
                                  "id=\"cell-0\">\n<cell id=\"cell-1\"><cell_type>raw</cell_type>"
                                  "raw</cell id=\"cell-1\">")}));
}

TEST(NotebookReadResult, CutsLongOutputsWithAHint) {
  std::string long_text(kNotebookMaxOutputBytes + 500, 'x');
  Json nb = J(R"({"cells":[{"cell_type":"code","source":"","outputs":[
      {"output_type":"stream","name":"stdout","text":""}]}]})");
  nb.Slot("cells").items()[0].Slot("outputs").items()[0].Set("text", long_text);
  ToolResult r = NotebookReadResult("/p/nb.ipynb", nb.Dump());
  const std::string& text = r.structured["file"]["cells"].at(0)["outputs"].at(0)["text"].AsString();
  EXPECT_EQ(text,
            std::string(kNotebookMaxOutputBytes, 'x') +
                "\n[output cut; see all of it with Bash: jq '.cells[0].outputs' /p/nb.ipynb]");
}

TEST(NotebookReadResult, ReplacesOversizedImagesWithANote) {
  Json nb = J(R"({"cells":[{"cell_type":"code","source":"","outputs":[
      {"output_type":"display_data","data":{}}]}]})");
  nb.Slot("cells").items()[0].Slot("outputs").items()[0].Slot("data").Set(
      "image/jpeg", std::string(kNotebookMaxImageBase64Bytes + 1, 'A'));
  ToolResult r = NotebookReadResult("/p/nb.ipynb", nb.Dump());
  EXPECT_EQ(
      r.structured["file"]["cells"].at(0)["outputs"].at(0),
      J(R"({"output_type":"display_data","text":"[image/jpeg output image too large to show]"})"));
  EXPECT_EQ(r.content.size(), 1u);  // no image block
}

TEST(NotebookReadResult, WarnsAboutANotebookWithoutCells) {
  ToolResult r = NotebookReadResult("/p/nb.ipynb", R"({"cells":[],"nbformat":4})");
  EXPECT_EQ(r.content, base::JsonArray({Text("<system-reminder>Warning: the notebook exists but "
                                             "has no cells.</system-reminder>")}));
  EXPECT_EQ(r.structured["file"]["cells"], Json::MakeArray());
}

TEST(NotebookReadResult, RefusesInvalidNotebooks) {
  ToolResult r = NotebookReadResult("/p/nb.ipynb", R"({"nbformat":3})");
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.content, Json("<tool_use_error>Notebook has no `cells` array; only nbformat 4 "
                            "notebooks are supported.</tool_use_error>"));
}

TEST(NotebookReadResult, RefusesNotebooksTooLargeToRender) {
  Json nb = J(R"({"cells":[]})");
  for (int i = 0; i < 40; ++i) {
    nb.Slot("cells").Push(
        JsonObject({{"cell_type", "markdown"}, {"source", std::string(8000, 'm')}}));
  }
  ToolResult r = NotebookReadResult("/p/nb.ipynb", nb.Dump());
  EXPECT_TRUE(r.is_error);
  EXPECT_TRUE(r.content.AsString().starts_with(
      "<tool_use_error>Notebook content (315 KB) exceeds maximum allowed size (256 KB)."))
      << r.content.AsString();
}

}  // namespace
}  // namespace runner::tools
