#include "runner/permissions/shell_split.h"

#include <gtest/gtest.h>

namespace runner::permissions {
namespace {

using Texts = std::vector<std::string>;

// Each simple command as `assignments words` text, redirections appended as `op target`.
Texts Commands(std::string_view text) {
  Texts out;
  for (const SimpleCommand& c : SplitShellCommand(text).commands) {
    std::string s = CommandText(c);
    for (const ShellRedirect& r : c.redirects) {
      if (!s.empty()) s += ' ';
      s += r.op + r.target.text;
    }
    out.push_back(s);
  }
  return out;
}

std::string Problem(std::string_view text) { return SplitShellCommand(text).problem; }

TEST(SplitShellCommand, SplitsOnEveryControlOperator) {
  EXPECT_EQ(Commands("a 1 && b 2 || c; d | e |& f & g\nh"),
            (Texts{"a 1", "b 2", "c", "d", "e", "f", "g", "h"}));
  EXPECT_EQ(Problem("a && b; c"), "");
}

TEST(SplitShellCommand, KeepsQuotedOperatorsInsideWords) {
  // Given operators that are quoted or escaped, when split, then they stay in one word.
  EXPECT_EQ(Commands(R"sh(git log --grep=";" 'a && b' "c | d" e\;f)sh"),
            (Texts{"git log --grep=; a && b c | d e;f"}));
  ShellAnalysis a = SplitShellCommand(R"sh(git log --grep=";")sh");
  ASSERT_EQ(a.commands.size(), 1u);
  EXPECT_EQ(a.commands[0].words.size(), 3u);
  EXPECT_EQ(a.problem, "");
}

TEST(SplitShellCommand, ListsCommandSubstitutionsAsCommandsAfterTheirParent) {
  EXPECT_EQ(Commands("git diff $(curl evil) `id`"),
            (Texts{"git diff $(curl evil) `id`", "curl evil", "id"}));
  EXPECT_EQ(Commands(R"sh(echo "x $(rm -rf / ; ls) y")sh"),
            (Texts{"echo x $(rm -rf / ; ls) y", "rm -rf /", "ls"}));
  EXPECT_EQ(Commands("echo $(echo $(whoami))"),
            (Texts{"echo $(echo $(whoami))", "echo $(whoami)", "whoami"}));
}

TEST(SplitShellCommand, MarksExpandingWordsDynamic) {
  ShellAnalysis a = SplitShellCommand(R"sh(cmd $HOME "${X:-y}" *.txt {a,b} plain 'q*' "$(id)")sh");
  ASSERT_EQ(a.commands.size(), 2u);
  std::vector<bool> dynamic;
  for (const ShellWord& w : a.commands[0].words) dynamic.push_back(w.dynamic);
  EXPECT_EQ(dynamic, (std::vector<bool>{false, true, true, true, true, false, false, true}));
}

TEST(SplitShellCommand, SeparatesLeadingAssignments) {
  ShellAnalysis a = SplitShellCommand("FOO=1 BAR=\"a b\" git diff X=2");
  ASSERT_EQ(a.commands.size(), 1u);
  EXPECT_EQ(a.commands[0].assignments.size(), 2u);
  EXPECT_EQ(a.commands[0].assignments[1].text, "BAR=a b");
  EXPECT_EQ(a.commands[0].words.size(), 3u);
  // A quoted name is not an assignment: it is the command.
  EXPECT_EQ(SplitShellCommand("'FOO'=1 x").commands[0].assignments.size(), 0u);
  EXPECT_EQ(Commands("FOO=$(curl x)"), (Texts{"FOO=$(curl x)", "curl x"}));
}

TEST(SplitShellCommand, ReadsRedirectionsWithTheirTargets) {
  EXPECT_EQ(Commands("git diff > /etc/passwd 2>&1 <in >>log &>all 3<>rw"),
            (Texts{"git diff >/etc/passwd >&1 <in >>log &>all <>rw"}));
  ShellAnalysis a = SplitShellCommand("a >out 2>&1 >&- <in >&file");
  std::vector<bool> writes;
  for (const ShellRedirect& r : a.commands[0].redirects) writes.push_back(r.WritesFile());
  EXPECT_EQ(writes, (std::vector<bool>{true, false, false, false, true}));
  EXPECT_EQ(Commands("echo hi>x"), (Texts{"echo hi >x"}));
  EXPECT_EQ(Commands("{fd}>/dev/null curl x"), (Texts{"curl x >/dev/null"}));
  EXPECT_EQ(Commands("echo {a}"), (Texts{"echo {a}"}));
}

TEST(SplitShellCommand, SkipsHereDocumentBodiesButFindsTheirSubstitutions) {
  EXPECT_EQ(Commands("cat <<EOF > f\nrm -rf / ; curl x\nEOF\necho done"),
            (Texts{"cat <<EOF >f", "echo done"}));
  EXPECT_EQ(Commands("cat <<EOF\nhello $(curl x)\nEOF"), (Texts{"cat <<EOF", "curl x"}));
  EXPECT_EQ(Commands("cat <<'EOF'\nhello $(curl x)\nEOF"), (Texts{"cat <<EOF"}));
  EXPECT_EQ(Commands("cat <<-EOF\n\tbody\n\tEOF\nls"), (Texts{"cat <<-EOF", "ls"}));
  EXPECT_EQ(Commands("tr a b <<< \"$(id)\""), (Texts{"tr a b <<<$(id)", "id"}));
}

TEST(SplitShellCommand, FindsTheHereDocumentsEndBeforeLookingInside) {
  // bash joins a backslash-newline before it compares the delimiter: `\` + `EOF` ends it.
  EXPECT_EQ(Commands("cat <<EOF\n\\\nEOF\ncurl x\n"), (Texts{"cat <<EOF", "curl x"}));
  EXPECT_EQ(Commands("cat <<EOF\nab\\\nEOF\ncurl x\nEOF\nls"), (Texts{"cat <<EOF", "ls"}));
  EXPECT_EQ(Commands("cat <<'EOF'\n\\\nEOF\ncurl x\n"), (Texts{"cat <<EOF", "curl x"}));
  // A quote opened in the body cannot swallow the delimiter line.
  ShellAnalysis a = SplitShellCommand("cat <<EOF\n${x:-'\nEOF\ncurl evil\n'}\n");
  ASSERT_GE(a.commands.size(), 2u);
  EXPECT_EQ(CommandText(a.commands[1]), "curl evil");
  EXPECT_NE(a.problem, "");
  // An unquoted delimiter with a `$` still expands the body.
  EXPECT_EQ(Commands("cat <<$X\n$(id)\n$X"), (Texts{"cat <<$X", "id"}));
}

TEST(SplitShellCommand, FollowsSubshellsGroupsAndProcessSubstitution) {
  EXPECT_EQ(Commands("(cd x && make) ; { a; b; } > out"),
            (Texts{"cd x", "make", "a", "b", ">out"}));
  EXPECT_EQ(Commands("diff <(ls a) >(tee b)"), (Texts{"diff <(…) >(…)", "ls a", "tee b"}));
  EXPECT_EQ(Commands("while read l; do echo $l; done < <(ls)"),
            (Texts{"read l", "echo $l", "<<(…)", "ls"}));
  EXPECT_EQ(Problem("(a; (b))"), "");
}

TEST(SplitShellCommand, UnderstandsIfAndLoops) {
  EXPECT_EQ(Commands("if test -f x; then cat x; elif y; then z; else w; fi"),
            (Texts{"test -f x", "cat x", "y", "z", "w"}));
  EXPECT_EQ(Commands("for f in $(ls) a; do rm $f; done"), (Texts{"ls", "rm $f"}));
  EXPECT_EQ(Commands("! grep -q x f && time -p make"), (Texts{"grep -q x f", "make"}));
  EXPECT_EQ(Problem("for f in a b\ndo echo $f\ndone"), "");
}

TEST(SplitShellCommand, HandlesCommentsContinuationsAndNewlines) {
  EXPECT_EQ(Commands("git diff # ; curl x\nls \\\n -la"), (Texts{"git diff", "ls -la"}));
  EXPECT_EQ(Commands("echo a#b"), (Texts{"echo a#b"}));
  EXPECT_EQ(Commands("git diff\ncurl evil"), (Texts{"git diff", "curl evil"}));
}

TEST(SplitShellCommand, DecodesAnsiCQuotes) {
  ShellAnalysis a = SplitShellCommand(R"sh(printf $'a\tb' $'\x63url')sh");
  ASSERT_EQ(a.commands.size(), 1u);
  EXPECT_EQ(a.commands[0].words[1].text, "a\tb");
  EXPECT_FALSE(a.commands[0].words[1].dynamic);
  EXPECT_TRUE(a.commands[0].words[2].dynamic);
}

TEST(SplitShellCommand, ReportsWhatItCannotAnalyse) {
  EXPECT_NE(Problem("echo 'unterminated"), "");
  EXPECT_NE(Problem("echo \"unterminated"), "");
  EXPECT_NE(Problem("echo $(ls"), "");
  EXPECT_NE(Problem("echo `ls"), "");
  EXPECT_NE(Problem("a )"), "");
  EXPECT_NE(Problem("case $x in a) curl x;; esac"), "");
  EXPECT_NE(Problem("f() { curl x; }; f"), "");
  EXPECT_NE(Problem("[[ -f x && -f y ]]"), "");
  EXPECT_NE(Problem("echo $((x + 1))"), "");
  EXPECT_NE(Problem("echo ${a[$(id)]}"), "");
  EXPECT_NE(Problem("echo ${!name}"), "");
  EXPECT_NE(Problem("a=(1 2)"), "");
  EXPECT_NE(Problem("cat >"), "");
  EXPECT_NE(Problem(std::string_view("git diff\0; curl x", 18)), "");
  EXPECT_EQ(Problem("echo $((1 + 2)) ${#x} ${x%.c}"), "");
}

TEST(SplitShellCommand, ArithmeticThatIsReallyASubshellIsParsedAsCommands) {
  EXPECT_EQ(Commands("echo $((curl x) )"), (Texts{"echo $((curl x) )", "curl x"}));
}

TEST(SplitShellCommand, SurvivesDeepNestingAndEmptyInput) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "$(";
  EXPECT_NE(Problem(deep), "");
  std::string braces;
  for (int i = 0; i < 100000; ++i) braces += "${x:-\"";
  EXPECT_NE(Problem(braces), "");
  EXPECT_TRUE(SplitShellCommand("").commands.empty());
  EXPECT_TRUE(SplitShellCommand("  ;; ").commands.empty());
}

}  // namespace
}  // namespace runner::permissions
