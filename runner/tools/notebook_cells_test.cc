#include "runner/tools/notebook_cells.h"

#include <gtest/gtest.h>

namespace runner::tools {
namespace {

using base::Json;

Json J(std::string_view text) { return *Json::Parse(text); }

TEST(ParseNotebook, NeedsAnObjectWithCells) {
  EXPECT_TRUE(ParseNotebook(R"({"cells":[],"nbformat":4})").has_value());
  auto broken = ParseNotebook("{");
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().kind, base::ErrorKind::kParse);
  EXPECT_TRUE(broken.error().message.starts_with("Notebook is not valid JSON (invalid JSON at"));
  EXPECT_EQ(ParseNotebook(R"({"worksheets":[]})").error().message,
            "Notebook has no `cells` array; only nbformat 4 notebooks are supported.");
}

TEST(CellId, UsesIdMemberElseIndex) {
  EXPECT_EQ(CellId(J(R"({"id":"abc"})"), 3), "abc");
  EXPECT_EQ(CellId(J(R"({"cell_type":"code"})"), 3), "cell-3");
}

TEST(FindCell, MatchesIdsThenIndexNames) {
  Json cells = J(R"([{"id":"a"},{"id":"cell-0"},{}])");
  EXPECT_EQ(FindCell(cells, "a"), 0u);
  EXPECT_EQ(FindCell(cells, "cell-0"), 1u);  // a real id wins over the index form
  EXPECT_EQ(FindCell(cells, "cell-2"), 2u);
  EXPECT_EQ(FindCell(cells, "cell-3"), std::nullopt);
  EXPECT_EQ(FindCell(cells, "cell--1"), std::nullopt);
  EXPECT_EQ(FindCell(cells, "cell-"), std::nullopt);
  EXPECT_EQ(FindCell(cells, "cell-99999999999999999999999"), std::nullopt);
  EXPECT_EQ(FindCell(cells, "b"), std::nullopt);
}

TEST(MultilineText, JoinsArraysAndPassesStrings) {
  EXPECT_EQ(MultilineText(J(R"(["a\n","b"])")), "a\nb");
  EXPECT_EQ(MultilineText(Json("x\ny")), "x\ny");
  EXPECT_EQ(MultilineText(Json()), "");
}

TEST(MultilineLike, SplitsIntoLinesOnlyWhenTheOriginalWasAnArray) {
  EXPECT_EQ(MultilineLike(Json::MakeArray(), "a\nb\n\nc"), J(R"(["a\n","b\n","\n","c"])"));
  EXPECT_EQ(MultilineLike(Json::MakeArray(), "a\n"), J(R"(["a\n"])"));
  EXPECT_EQ(MultilineLike(Json::MakeArray(), ""), Json::MakeArray());
  EXPECT_EQ(MultilineLike(Json("old"), "a\nb"), Json("a\nb"));
}

TEST(NotebookLanguage, PrefersLanguageInfoThenKernelspec) {
  EXPECT_EQ(NotebookLanguage(J(R"({"metadata":{"language_info":{"name":"julia"},
      "kernelspec":{"language":"r"}}})")),
            "julia");
  EXPECT_EQ(NotebookLanguage(J(R"({"metadata":{"kernelspec":{"language":"R"}}})")), "R");
  EXPECT_EQ(NotebookLanguage(J(R"({"cells":[]})")), "python");
}

TEST(NotebookHasCellIds, FromNbformat45) {
  EXPECT_TRUE(NotebookHasCellIds(J(R"({"nbformat":4,"nbformat_minor":5})")));
  EXPECT_FALSE(NotebookHasCellIds(J(R"({"nbformat":4,"nbformat_minor":4})")));
  EXPECT_FALSE(NotebookHasCellIds(J(R"({"cells":[]})")));
}

TEST(DumpNotebook, WritesJupyterLayoutKeepingMemberOrder) {
  Json nb = J(R"({"cells":[{"source":["x = 1\n","y"],"outputs":[],"metadata":{}}],
      "nbformat":4,"b":"é/\"q\"","a":1.5})");
  EXPECT_EQ(DumpNotebook(nb, 1),
            "{\n"
            " \"cells\": [\n"
            "  {\n"
            "   \"source\": [\n"
            "    \"x = 1\\n\",\n"
            "    \"y\"\n"
            "   ],\n"
            "   \"outputs\": [],\n"
            "   \"metadata\": {}\n"
            "  }\n"
            " ],\n"
            " \"nbformat\": 4,\n"
            " \"b\": \"é/\\\"q\\\"\",\n"
            " \"a\": 1.5\n"
            "}");
  EXPECT_EQ(DumpNotebook(J(R"({"a":[1]})"), 2), "{\n  \"a\": [\n    1\n  ]\n}");
}

TEST(DetectIndent, CountsSpacesOfTheFirstIndentedLine) {
  EXPECT_EQ(DetectIndent("{\n \"cells\": []\n}"), 1);
  EXPECT_EQ(DetectIndent("{\n    \"cells\": []\n}"), 4);
  EXPECT_EQ(DetectIndent("{\"cells\": []}"), 1);
  EXPECT_EQ(DetectIndent("{\n\"cells\": []}"), 1);
}

}  // namespace
}  // namespace runner::tools
