#include "integrations/github/summary.h"

#include <cstdio>
#include <map>

#include "integrations/github/comment_format.h"
#include "integrations/github/redact.h"
#include "runner/base/strings.h"

namespace integrations::github {

namespace {

using runner::base::Json;
using runner::base::Trim;

struct ToolResult {
  std::string text;
  bool is_error = false;
};

/// The text of a tool_result's `content`: a string, or the text blocks of an array.
std::string ResultText(const Json& content) {
  if (content.is_string()) return content.AsString();
  std::string out;
  for (const Json& block : content.items()) {
    if (block["type"].AsString() == "text") {
      out += (out.empty() ? "" : "\n") + block["text"].AsString();
    } else if (!block["type"].AsString().empty()) {
      out += (out.empty() ? "" : "\n") + std::string("[") + block["type"].AsString() + "]";
    }
  }
  return out;
}

class Writer {
 public:
  explicit Writer(const SummaryFacts& facts) : facts_(facts) {}

  std::string Redact(std::string_view text) const {
    return RedactForPosting(text, facts_.known_secrets);
  }

  /// Redacted, then cut to `max` bytes with a note.
  std::string Excerpt(std::string_view text, size_t max) const {
    std::string clean = Redact(text);
    if (clean.size() <= max) return clean;
    return runner::base::Utf8Prefix(clean, max) + "\n… (" + std::to_string(clean.size() - max) +
           " more bytes)";
  }

  const SummaryFacts& facts() const { return facts_; }

 private:
  const SummaryFacts& facts_;
};

std::string Money(double usd) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "$%.4f", usd);
  return buf;
}

std::string Header(const std::vector<Json>& messages, const Writer& w) {
  const Json* init = nullptr;
  const Json* result = nullptr;
  for (const Json& m : messages) {
    if (m["type"].AsString() == "system" && m["subtype"].AsString() == "init" && !init) init = &m;
    if (m["type"].AsString() == "result") result = &m;
  }
  const SummaryFacts& f = w.facts();
  std::string outcome = f.conclusion;
  if (outcome.empty()) {
    outcome = !result                          ? "no result"
              : (*result)["is_error"].AsBool() ? "failure (" + (*result)["subtype"].AsString() + ")"
              : (*result)["subtype"].AsString() == "success" ? "success"
                                                             : (*result)["subtype"].AsString();
  }
  const bool ok = outcome == "success";
  std::vector<std::string> parts = {"**Outcome:** " + std::string(ok ? "✅ " : "❌ ") +
                                    w.Redact(outcome)};
  if (result) {
    parts.push_back("**Duration:** " + FormatDuration((*result)["duration_ms"].AsInt()));
    parts.push_back("**Cost:** " + Money((*result)["total_cost_usd"].AsDouble()));
    parts.push_back("**Turns:** " + std::to_string((*result)["num_turns"].AsInt()));
  }
  if (init && !(*init)["model"].AsString().empty()) {
    parts.push_back("**Model:** `" + w.Redact((*init)["model"].AsString()) + "`");
  }
  std::string out = "## " + f.title + "\n\n" + runner::base::Join(parts, " · ") + "\n";

  std::vector<std::string> links;
  if (!f.job_url.empty()) links.push_back("[View job](" + f.job_url + ")");
  if (!f.branch.empty()) {
    links.push_back("**Branch:** " + (f.branch_url.empty()
                                          ? "`" + f.branch + "`"
                                          : "[`" + f.branch + "`](" + f.branch_url + ")"));
  }
  if (!f.pr_url.empty()) {
    links.push_back("**Pull request:** [View PR ➔](" + f.pr_url + ")");
  } else if (!f.compare_url.empty()) {
    links.push_back("**Pull request:** [Create PR ➔](" + f.compare_url + ")");
  }
  if (!links.empty()) out += "\n" + runner::base::Join(links, " · ") + "\n";
  if (!Trim(f.error).empty())
    out += "\n**Error:**\n\n" + FencedBlock(w.Redact(Trim(f.error))) + "\n";

  if (init) {
    std::string line =
        "\n### 🚀 System initialization\n\n" + std::to_string((*init)["tools"].size()) + " tools";
    std::vector<std::string> servers;
    for (const Json& s : (*init)["mcp_servers"].items()) {
      servers.push_back(w.Redact(s["name"].AsString()) + " (" + w.Redact(s["status"].AsString()) +
                        ")");
    }
    if (!servers.empty()) line += "; MCP servers: " + runner::base::Join(servers, ", ");
    out += line + "\n";
  }
  return out;
}

std::string ToolCall(const Json& block, const std::map<std::string, ToolResult>& results,
                     const Writer& w) {
  std::string out = "\n### 🔧 `" + w.Redact(block["name"].StringOr("tool")) + "`\n\n";
  const Json& input = block["input"];
  if (input.is_object() && input.size() == 1 && input["command"].is_string()) {
    out +=
        FencedBlock(w.Excerpt(input["command"].AsString(), w.facts().input_excerpt_bytes), "bash") +
        "\n";
  } else if (!input.is_null() && !(input.is_object() && input.empty())) {
    out += FencedBlock(w.Excerpt(input.Dump(), w.facts().input_excerpt_bytes), "json") + "\n";
  }
  auto it = results.find(block["id"].AsString());
  if (it == results.end()) return out + "\n*(no result)*\n";
  out += it->second.is_error ? "\n❌ **Error:**\n\n" : "\n**Result:**\n\n";
  const std::string text = w.Excerpt(it->second.text, w.facts().result_excerpt_bytes);
  return out + (Trim(text).empty() ? "*(empty)*" : FencedBlock(text)) + "\n";
}

}  // namespace

std::string JobSummaryMarkdown(const std::vector<Json>& messages, const SummaryFacts& facts) {
  Writer w(facts);
  std::map<std::string, ToolResult> results;
  for (const Json& m : messages) {
    if (m["type"].AsString() != "user") continue;
    for (const Json& block : m["message"]["content"].items()) {
      if (block["type"].AsString() != "tool_result") continue;
      results[block["tool_use_id"].AsString()] = {ResultText(block["content"]),
                                                  block["is_error"].AsBool()};
    }
  }

  std::string out = Header(messages, w);
  for (const Json& m : messages) {
    const std::string& type = m["type"].AsString();
    if (type == "assistant") {
      for (const Json& block : m["message"]["content"].items()) {
        const std::string& kind = block["type"].AsString();
        if (kind == "text" && !Trim(block["text"].AsString()).empty()) {
          out += "\n" + w.Redact(Trim(block["text"].AsString())) + "\n";
        } else if (kind == "tool_use") {
          out += ToolCall(block, results, w);
        }
      }
    } else if (type == "result") {
      const bool failed = m["is_error"].AsBool() || m["subtype"].AsString() != "success";
      out += std::string("\n### ") + (failed ? "❌" : "✅") + " Final result\n\n";
      std::string text(Trim(m["result"].AsString()));
      out += (text.empty() ? "*(no result text)*" : w.Redact(text)) + "\n";
    }
  }
  return RedactForPosting(out, facts.known_secrets);
}

}  // namespace integrations::github
