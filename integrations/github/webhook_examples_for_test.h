#pragma once
/// Test helper: the real webhook payloads of @octokit/webhooks-examples (tests/github).

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "runner/base/files.h"
#include "runner/base/json.h"

namespace integrations::github::testing {

/// The whole index.json: an array of {name, description, actions, examples}.
inline const runner::base::Json& WebhookExamples() {
  static const runner::base::Json examples = [] {
    auto text = runner::base::ReadFile(WEBHOOK_EXAMPLES_JSON);
    if (!text) {
      ADD_FAILURE() << "cannot read the webhook examples (run ./build.sh test, or npm ci in "
                       "tests/github): "
                    << text.error().message;
      return runner::base::Json::MakeArray();
    }
    auto json = runner::base::Json::Parse(*text);
    if (!json) {
      ADD_FAILURE() << "the webhook examples are not JSON: " << json.error().message;
      return runner::base::Json::MakeArray();
    }
    return *json;
  }();
  return examples;
}

/// The `nth` example of event `name` whose action is `action` (empty: any); a null Json and a
/// test failure when there is none.
inline runner::base::Json Example(std::string_view name, std::string_view action = "", size_t nth = 0) {
  for (const auto& event : WebhookExamples().items()) {
    if (event["name"].AsString() != name) continue;
    for (const auto& example : event["examples"].items()) {
      if (!action.empty() && example["action"].AsString() != action) continue;
      if (nth-- == 0) return example;
    }
  }
  ADD_FAILURE() << "no webhook example for " << name << (action.empty() ? "" : ".") << action;
  return runner::base::Json();
}

}  // namespace integrations::github::testing
