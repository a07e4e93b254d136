#include "runner/tools/grep_regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <fmt/format.h>
#include <pcre2.h>

#include <string>
#include <utility>

namespace runner::tools {
namespace {

constexpr size_t kJitStackStart = 32 * 1024;
constexpr size_t kJitStackMax = 4 * 1024 * 1024;

std::string ErrorText(int code) {
  PCRE2_UCHAR buffer[256];
  int n = pcre2_get_error_message(code, buffer, sizeof(buffer));
  return n < 0 ? fmt::format("error {}", code) : std::string(reinterpret_cast<char*>(buffer), n);
}

}  // namespace

base::Result<Regex> Regex::Compile(std::string_view pattern, CaseMode case_mode,
                                   LineMode line_mode) {
  // Byte mode runs faster, and for patterns of ASCII items it finds the same matches.
  uint32_t options = PCRE2_MULTILINE;
  if (!HasAsciiOnlySemantics(pattern, case_mode)) {
    options |= PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
  }
  if (case_mode == CaseMode::kInsensitive) options |= PCRE2_CASELESS;
  if (line_mode == LineMode::kMultiline) options |= PCRE2_DOTALL;
  int error = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   options, &error, &offset, nullptr);
  if (code == nullptr) {
    return base::Fail(base::ErrorKind::kParse,
                      fmt::format("Invalid regular expression /{}/: {} at offset {}", pattern,
                                  ErrorText(error), offset));
  }
  Regex regex;
  regex.code_ = code;
  regex.jit_ = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
  return regex;
}

Regex::Regex(Regex&& other) noexcept
    : code_(std::exchange(other.code_, nullptr)), jit_(other.jit_) {}

Regex& Regex::operator=(Regex&& other) noexcept {
  std::swap(code_, other.code_);
  std::swap(jit_, other.jit_);
  return *this;
}

Regex::~Regex() { pcre2_code_free(code_); }

RegexMatcher::RegexMatcher(const Regex& regex) : regex_(regex) {
  data_ = pcre2_match_data_create(1, nullptr);
  context_ = pcre2_match_context_create(nullptr);
  if (regex_.jit_) {
    stack_ = pcre2_jit_stack_create(kJitStackStart, kJitStackMax, nullptr);
    pcre2_jit_stack_assign(context_, nullptr, stack_);
  }
}

RegexMatcher::~RegexMatcher() {
  pcre2_jit_stack_free(stack_);
  pcre2_match_context_free(context_);
  pcre2_match_data_free(data_);
}

std::optional<MatchRange> RegexMatcher::Find(std::string_view subject, size_t start) const {
  if (start > subject.size()) return std::nullopt;
  static constexpr char kEmpty[] = "";
  auto text = reinterpret_cast<PCRE2_SPTR>(subject.empty() ? kEmpty : subject.data());
  int rc = regex_.jit_
               ? pcre2_jit_match(regex_.code_, text, subject.size(), start, 0, data_, context_)
               : pcre2_match(regex_.code_, text, subject.size(), start, 0, data_, context_);
  if (rc < 0) return std::nullopt;
  PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data_);
  MatchRange range{ovector[0], ovector[1]};
  if (range.end < range.start) range.end = range.start;  // `\K` in a lookahead
  return range;
}

}  // namespace runner::tools
