#pragma once
/// Test-only fixture for the tools tests: a fresh temp project dir, a real PosixProcessRunner
/// and a ToolContext wired to them. Never included by library code.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "runner/base/cancel.h"
#include "runner/base/env.h"
#include "runner/exec/process.h"
#include "runner/tools/tool.h"

namespace runner::tools {

class ToolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tools_test.XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = std::filesystem::canonical(tmpl);
    env_ = base::Env({{"PATH", "/usr/bin:/bin"}, {"HOME", dir_.string()}});
    ctx_.project_dir = dir_;
    ctx_.env = &env_;
    ctx_.cancel = &cancel_;
    ctx_.processes = &runner_;
    ctx_.session = &session_;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  /// Absolute path of `name` inside the temp dir.
  std::string PathOf(const std::string& name) const { return (dir_ / name).string(); }
  void WriteText(const std::string& name, const std::string& text) {
    std::filesystem::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::string ReadText(const std::string& name) const {
    std::ifstream in(dir_ / name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  /// Parses a JSON literal used as tool input.
  static Json In(std::string_view json) {
    auto parsed = Json::Parse(json);
    EXPECT_TRUE(parsed.has_value()) << json;
    return parsed.value_or(Json());
  }
  /// The content text of a ToolResult::Error built from `message`.
  static Json ErrorContent(const std::string& message) {
    return Json("<tool_use_error>" + message + "</tool_use_error>");
  }

  std::filesystem::path dir_;
  base::Env env_;
  base::CancelToken cancel_;
  exec::PosixProcessRunner runner_;
  ToolSession session_;
  ToolContext ctx_;
};

}  // namespace runner::tools
