#pragma once
/// Checks JSON bodies against GitHub's official OpenAPI description (@octokit/openapi,
/// `generated/api.github.com.json`): the response schema of an operation, with $ref, allOf,
/// oneOf/anyOf, nullable, type, enum, required and properties/items. Enough to prove that
/// FakeGithub answers with GitHub's shapes; formats and additionalProperties are not checked.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/json.h"
#include "runner/base/result.h"

namespace github_e2e {

class OpenApiSpec {
 public:
  /// Reads and parses the description (13 MB: about a second). kIo when missing.
  static runner::base::Result<OpenApiSpec> Load(const std::filesystem::path& file);

  /// Every violation of `body` against the JSON response schema of `method` on the template
  /// matching `path` (a concrete path such as /repos/o/r/issues/1; the query is ignored) for
  /// `status`, one line each (`$.user.id: expected integer, got string`); empty = conforms.
  /// kParse when no operation or no such response exists.
  runner::base::Result<std::vector<std::string>> CheckResponse(std::string_view method,
                                                               std::string_view path, int status,
                                                               const runner::base::Json& body) const;

  /// The template (`/repos/{owner}/{repo}/issues/{issue_number}`) matching a concrete path;
  /// empty when none does. Templates with more literal segments win.
  std::string MatchPath(std::string_view path) const;

 private:
  explicit OpenApiSpec(runner::base::Json spec) : spec_(std::move(spec)) {}
  const runner::base::Json& Resolve(const runner::base::Json& schema) const;
  void Validate(const runner::base::Json& schema, const runner::base::Json& value,
                const std::string& where, std::vector<std::string>& errors) const;

  runner::base::Json spec_;
};

}  // namespace github_e2e
