#include "runner/tools/grep_tool.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <cmath>
#include <memory>
#include <optional>

#include "runner/base/strings.h"
#include "runner/tools/file_types.h"
#include "runner/tools/file_walker.h"
#include "runner/tools/grep_format.h"
#include "runner/tools/grep_reader.h"
#include "runner/tools/schema.h"
#include "runner/tools/search_paths.h"

namespace runner::tools {
namespace {

constexpr std::string_view kModes[] = {"content", "files_with_matches", "count"};
constexpr std::string_view kCountParams[] = {"-A", "-B", "-C", "context", "head_limit", "offset"};

/// Everything a search needs, taken from the validated input.
struct GrepRequest {
  std::string pattern;
  std::filesystem::path root;
  CaseMode case_mode = CaseMode::kSensitive;
  SearchSpec spec;
  GrepPresentation presentation;
  std::vector<std::string> globs;  ///< overrides: VCS exclusions, then the `glob` parameter
  std::vector<std::string> type_globs;
};

std::string JsNumber(const Json& value) {
  return value.is_int() ? std::to_string(value.AsInt()) : fmt::format("{}", value.AsDouble());
}

/// The checks the schema cannot express: the output_mode enum and whole, non-negative counts.
std::optional<std::string> CheckValues(const Json& input) {
  if (const Json* mode = input.Find("output_mode")) {
    bool known = false;
    for (std::string_view m : kModes) known = known || mode->AsString() == m;
    if (!known) {
      return "InputValidationError: Grep failed due to the following issue:\nThe parameter "
             "`output_mode` must be one of \"content\", \"files_with_matches\", \"count\" but "
             "provided as `" +
             mode->Dump() + "`";
    }
  }
  for (std::string_view name : kCountParams) {
    const Json* value = input.Find(name);
    if (value == nullptr) continue;
    double d = value->AsDouble();
    if (d < 0 || std::trunc(d) != d) {
      return fmt::format("{} must be a whole number of 0 or more, got {}.{}", name,
                         JsNumber(*value), name == "head_limit" ? " Pass 0 for unlimited." : "");
    }
  }
  return std::nullopt;
}

/// Claude Code's reading of `glob`: whitespace-separated patterns, each split at commas unless
/// it holds a `{…}` group.
std::vector<std::string> SplitGlobParameter(std::string_view glob) {
  std::vector<std::string> out;
  for (const std::string& word : base::Split(glob, ' ')) {
    std::string_view w = base::Trim(word);
    if (w.empty()) continue;
    if (w.find('{') != std::string_view::npos && w.find('}') != std::string_view::npos) {
      out.emplace_back(w);
      continue;
    }
    for (const std::string& part : base::Split(w, ',')) {
      if (!part.empty()) out.push_back(part);
    }
  }
  return out;
}

void SetContext(const Json& input, GrepRequest& r) {
  const Json* context = input.Find("context");
  if (context == nullptr) context = input.Find("-C");
  if (context != nullptr) {
    r.spec.before = r.spec.after = static_cast<size_t>(context->AsInt());
  } else {
    r.spec.before = static_cast<size_t>(input["-B"].AsInt(0));
    r.spec.after = static_cast<size_t>(input["-A"].AsInt(0));
  }
  for (std::string_view name : {"context", "-C", "-B", "-A"}) {
    r.presentation.context_breaks = r.presentation.context_breaks || input[name].AsInt(0) > 0;
  }
}

GrepMode ModeOf(const Json& input) {
  const std::string mode = input["output_mode"].StringOr("files_with_matches");
  if (mode == "content") return GrepMode::kContent;
  if (mode == "count") return GrepMode::kCount;
  return GrepMode::kFilesWithMatches;
}

std::expected<GrepRequest, std::string> BuildRequest(const Json& input, const ToolContext& ctx) {
  GrepRequest r;
  r.pattern = input["pattern"].AsString();
  r.root = ResolveSearchPath(input["path"], ctx);
  r.case_mode = input["-i"].AsBool() ? CaseMode::kInsensitive : CaseMode::kSensitive;
  r.spec.mode = ModeOf(input);
  // Like ripgrep, search line by line when no match can span lines anyway.
  bool multiline = input["multiline"].AsBool() && MayMatchNewline(r.pattern);
  r.spec.line_mode = multiline ? LineMode::kMultiline : LineMode::kSingleLine;
  r.presentation.mode = r.spec.mode;
  if (r.spec.mode == GrepMode::kContent) {
    SetContext(input, r);
    r.spec.only_matching = input["-o"].AsBool();
    r.presentation.line_numbers = input["-n"].AsBool(true);
  }
  if (const Json* limit = input.Find("head_limit")) r.presentation.head_limit = limit->AsInt();
  r.presentation.offset = input["offset"].AsInt(0);
  r.globs = VcsExcludeGlobs();
  for (std::string& g : SplitGlobParameter(input["glob"].AsString())) r.globs.push_back(g);
  if (const std::string& type = input["type"].AsString(); !type.empty()) {
    auto globs = FileTypeGlobs(type);
    if (!globs) return std::unexpected("unrecognized file type: " + type);
    r.type_globs = std::move(*globs);
  }
  return r;
}

/// The per-thread state of a tree search.
struct Worker {
  Worker(const Regex& regex, const LiteralFinder* prefilter, bool exact, const SearchSpec& spec)
      : searcher(regex, prefilter, exact, spec) {}
  BufferSearcher searcher;
  FileReader reader;
  std::vector<GrepFileResult> results;
};

/// Searches the file `name` in `dir_fd`; nullopt when it has no hits, is binary or unreadable.
std::optional<GrepFileResult> SearchOne(Worker& w, int dir_fd, const char* name,
                                        std::string_view path,
                                        FollowLinks follow = FollowLinks::kNo) {
  if (!w.reader.Load(dir_fd, name, follow)) return std::nullopt;
  if (w.reader.LooksBinary()) return std::nullopt;
  FileHits hits = w.searcher.Search(w.reader.text());
  if (hits.count == 0 || w.reader.HasNul()) return std::nullopt;
  return GrepFileResult{std::string(path), w.reader.mtime_ns(), std::move(hits)};
}

struct SearchOutcome {
  std::vector<GrepFileResult> files;
  bool cancelled = false;
};

SearchOutcome SearchTree(const GrepRequest& r, const Regex& regex, const LiteralFinder* prefilter,
                         bool exact, const GlobOverrides& overrides, const GlobOverrides* types,
                         base::CancelToken* cancel) {
  WalkOptions options{.hidden = HiddenFiles::kInclude, .overrides = &overrides, .types = types};
  std::vector<std::unique_ptr<Worker>> workers;
  for (size_t i = 0; i < WalkThreads(options); ++i) {
    workers.push_back(std::make_unique<Worker>(regex, prefilter, exact, r.spec));
  }
  WalkEnd end = WalkFiles(r.root, options, cancel, [&](const WalkedFile& f, size_t worker) {
    Worker& w = *workers[worker];
    if (auto hit = SearchOne(w, f.dir_fd, f.name.data(), f.path)) {
      w.results.push_back(std::move(*hit));
    }
  });
  SearchOutcome outcome;
  outcome.cancelled = end == WalkEnd::kCancelled;
  for (auto& w : workers) {
    for (GrepFileResult& file : w->results) outcome.files.push_back(std::move(file));
  }
  return outcome;
}

ToolResult Search(GrepRequest r, base::CancelToken* cancel, bool is_dir) {
  auto regex = Regex::Compile(r.pattern, r.case_mode, r.spec.line_mode);
  if (!regex) return ToolResult::Error(regex.error().message);
  RequiredLiteral literal = ExtractRequiredLiteral(r.pattern, r.case_mode);
  std::optional<LiteralFinder> prefilter;
  if (!literal.text.empty()) prefilter.emplace(literal.text, r.case_mode);
  const LiteralFinder* finder = prefilter ? &*prefilter : nullptr;
  if (!is_dir) {
    Worker w(*regex, finder, literal.whole, r.spec);
    std::vector<GrepFileResult> files;
    if (auto hit = SearchOne(w, AT_FDCWD, r.root.c_str(), r.root.string(), FollowLinks::kYes)) {
      files.push_back(std::move(*hit));
    }
    r.presentation.single_file = true;
    return FormatGrepResult(std::move(files), r.presentation);
  }
  auto overrides = GlobOverrides::Parse(r.globs);
  if (!overrides) return ToolResult::Error(overrides.error().message);
  auto types = GlobOverrides::Parse(r.type_globs);
  if (!types) return ToolResult::Error(types.error().message);
  SearchOutcome outcome = SearchTree(r, *regex, finder, literal.whole, *overrides,
                                     types->empty() ? nullptr : &*types, cancel);
  if (outcome.cancelled) return ToolResult::Error("Grep was cancelled");
  return FormatGrepResult(std::move(outcome.files), r.presentation);
}

Json WithOutputModeEnum(Json schema) {
  Json modes = Json::MakeArray();
  for (std::string_view m : kModes) modes.Push(m);
  schema.Slot("properties").Slot("output_mode").Set("enum", std::move(modes));
  return schema;
}

}  // namespace

std::string GrepTool::description() const {
  return "Search file contents with a regular expression (PCRE2 syntax, ripgrep-style "
         "behaviour). Use it instead of running grep or rg through Bash.\n"
         "- Literal braces and other metacharacters need escaping: `interface\\{\\}` finds "
         "`interface{}`.\n"
         "- Narrow the files with `glob` (\"*.js\", \"src/**/*.{ts,tsx}\") or `type` (\"py\", "
         "\"rust\", \"go\", …).\n"
         "- `output_mode`: \"files_with_matches\" (default) lists matching files, most recently "
         "modified first; \"content\" shows matching lines as path:line:text (with -A/-B/-C "
         "context, -n line numbers on by default, -o for the matched parts only); \"count\" "
         "shows matching lines per file.\n"
         "- A match stays within one line unless `multiline` is true (then `.` also matches "
         "line breaks).\n"
         "- At most 250 lines or entries are returned unless `head_limit` says otherwise (0 = "
         "all); `offset` skips entries to page through large results.\n"
         "- Hidden files are searched; files ignored by .gitignore, .ignore or .rgignore, "
         "binary files and VCS directories are not.";
}

Json GrepTool::input_schema() const {
  return WithOutputModeEnum(ObjectSchema(
      {{"pattern", "string", "Regular expression to search file contents for"},
       {"path", "string", "File or directory to search (default: current working directory)"},
       {"glob", "string", "Only search files matching this glob, e.g. \"*.js\" or \"*.{ts,tsx}\""},
       {"output_mode", "string",
        "\"content\" (matching lines), \"files_with_matches\" (paths; default) or \"count\""},
       {"-B", "number", "Lines of context before each match (content mode only)"},
       {"-A", "number", "Lines of context after each match (content mode only)"},
       {"-C", "number", "Same as context"},
       {"context", "number", "Lines of context before and after each match (content mode only)"},
       {"-n", "boolean", "Show line numbers (content mode only; default true)"},
       {"-i", "boolean", "Ignore case"},
       {"-o", "boolean", "Show only the matched parts, one per line (content mode only)"},
       {"type", "string", "File type to search, as in rg --type: js, py, rust, go, java, …"},
       {"head_limit", "number",
        "Return at most this many lines or entries (default 250; 0 for no limit)"},
       {"offset", "number", "Skip this many lines or entries first (default 0)"},
       {"multiline", "boolean", "Let matches span lines; `.` then matches line breaks too"}},
      {"pattern"}));
}

ToolResult GrepTool::Run(const Json& input, ToolContext& ctx) {
  if (auto error = ValidateInput(name(), input_schema(), input)) return ToolResult::Error(*error);
  if (auto error = CheckValues(input)) return ToolResult::Error(*error);
  auto request = BuildRequest(input, ctx);
  if (!request) return ToolResult::Error(request.error());
  struct stat st {};
  if (::stat(request->root.c_str(), &st) != 0) {
    return ToolResult::Error(MissingPathMessage("Path", input["path"].AsString(), ctx));
  }
  return Search(std::move(*request), ctx.cancel, S_ISDIR(st.st_mode));
}

}  // namespace runner::tools
