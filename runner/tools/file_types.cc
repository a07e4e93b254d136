#include "runner/tools/file_types.h"

#include <algorithm>
#include <initializer_list>

namespace runner::tools {
namespace {

struct FileType {
  std::string_view name;
  std::initializer_list<std::string_view> globs;
};

// The common types of ripgrep's default_types.rs (ripgrep 14); `rb` is our alias for ruby.
const FileType kFileTypes[] = {
    {"asm", {"*.asm", "*.s", "*.S"}},
    {"c", {"*.[chH]", "*.[chH].in", "*.cats"}},
    {"clojure", {"*.clj", "*.cljc", "*.cljs", "*.cljx"}},
    {"cmake", {"*.cmake", "CMakeLists.txt"}},
    {"cpp",
     {"*.[ChH]", "*.cc", "*.[ch]pp", "*.[ch]xx", "*.hh", "*.inl", "*.[ChH].in", "*.cc.in",
      "*.[ch]pp.in", "*.[ch]xx.in", "*.hh.in"}},
    {"cs", {"*.cs"}},
    {"csharp", {"*.cs"}},
    {"css", {"*.css", "*.scss"}},
    {"dart", {"*.dart"}},
    {"docker", {"*Dockerfile*"}},
    {"elixir", {"*.ex", "*.eex", "*.exs", "*.heex", "*.leex", "*.livemd"}},
    {"erlang", {"*.erl", "*.hrl"}},
    {"go", {"*.go"}},
    {"gradle", {"*.gradle", "*.gradle.kts"}},
    {"groovy", {"*.groovy", "*.gradle"}},
    {"h", {"*.h", "*.hh", "*.hpp"}},
    {"haskell", {"*.hs", "*.lhs", "*.cpphs", "*.c2hs", "*.hsc"}},
    {"html", {"*.htm", "*.html", "*.ejs"}},
    {"java", {"*.java", "*.jsp", "*.jspx", "*.properties"}},
    {"js", {"*.js", "*.jsx", "*.vue", "*.cjs", "*.mjs"}},
    {"json", {"*.json", "composer.lock", "*.sarif"}},
    {"jsonl", {"*.jsonl"}},
    {"kotlin", {"*.kt", "*.kts"}},
    {"lua", {"*.lua"}},
    {"make",
     {"[Gg][Nn][Uu]makefile", "[Mm]akefile", "[Gg][Nn][Uu]makefile.am", "[Mm]akefile.am",
      "[Gg][Nn][Uu]makefile.in", "[Mm]akefile.in", "*.mk", "*.mak"}},
    {"markdown", {"*.markdown", "*.md", "*.mdown", "*.mdwn", "*.mkd", "*.mkdn", "*.mdx"}},
    {"md", {"*.markdown", "*.md", "*.mdown", "*.mdwn", "*.mkd", "*.mkdn", "*.mdx"}},
    {"objc", {"*.h", "*.m"}},
    {"ocaml", {"*.ml", "*.mli", "*.mll", "*.mly"}},
    {"perl", {"*.perl", "*.pl", "*.PL", "*.plh", "*.plx", "*.pm", "*.t"}},
    {"php", {"*.php", "*.php3", "*.php4", "*.php5", "*.php7", "*.php8", "*.pht", "*.phtml"}},
    {"proto", {"*.proto"}},
    {"py", {"*.py", "*.pyi"}},
    {"python", {"*.py", "*.pyi"}},
    {"r", {"*.R", "*.r", "*.Rmd", "*.Rnw"}},
    {"rb", {"config.ru", "Gemfile", ".irbrc", "Rakefile", "*.gemspec", "*.rb", "*.rbw"}},
    {"ruby", {"config.ru", "Gemfile", ".irbrc", "Rakefile", "*.gemspec", "*.rb", "*.rbw"}},
    {"rust", {"*.rs"}},
    {"scala", {"*.scala", "*.sbt"}},
    {"sh", {"*.bash",   "*.bashrc",  ".bashrc",  ".bash_login", ".bash_logout", ".bash_profile",
            "*.csh",    "*.cshrc",   ".cshrc",   "*.ksh",       "*.kshrc",      ".kshrc",
            "*.sh",     "*.tcsh",    "*.zsh",    ".zshrc",      ".zshenv",      ".zlogin",
            ".zlogout", ".zprofile", ".profile", ".login",      ".logout"}},
    {"sql", {"*.sql", "*.psql"}},
    {"svelte", {"*.svelte"}},
    {"swift", {"*.swift"}},
    {"tf", {"*.tf", "*.tfvars"}},
    {"toml", {"*.toml", "Cargo.lock"}},
    {"ts", {"*.ts", "*.tsx", "*.cts", "*.mts"}},
    {"txt", {"*.txt"}},
    {"vue", {"*.vue"}},
    {"xml",
     {"*.xml", "*.xml.dist", "*.dtd", "*.xsl", "*.xslt", "*.xsd", "*.xjb", "*.rng", "*.sch",
      "*.xhtml"}},
    {"yaml", {"*.yaml", "*.yml"}},
    {"zig", {"*.zig"}},
};

}  // namespace

std::optional<std::vector<std::string>> FileTypeGlobs(std::string_view type) {
  for (const FileType& t : kFileTypes) {
    if (t.name == type) return std::vector<std::string>(t.globs.begin(), t.globs.end());
  }
  return std::nullopt;
}

std::vector<std::string_view> FileTypeNames() {
  std::vector<std::string_view> names;
  for (const FileType& t : kFileTypes) names.push_back(t.name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace runner::tools
