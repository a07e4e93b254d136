#pragma once
/// GitHub REST object shapes for FakeGithub: pure builders of the objects with every member the
/// OpenAPI description (@octokit/openapi, api.github.com) marks required, and small helpers
/// (timestamps, shas, unified-diff hunks).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runner/base/json.h"

namespace github_e2e::shapes {

using runner::base::Json;

/// Where the objects live: `api` = the fake's base url, `web` = https://github.com.
struct Site {
  std::string api, web, owner, repo;
  std::string repo_api() const { return api + "/repos/" + owner + "/" + repo; }
  std::string repo_web() const { return web + "/" + owner + "/" + repo; }
};

/// A simple-user (`login`, `id`, `type`, `node_id`, the url members, `site_admin`...).
Json SimpleUser(const Site& site, std::string_view login, int64_t id, std::string_view type);
/// A public-user (GET /users/{login}): a simple-user plus name, bio, counts, dates.
Json PublicUser(const Site& site, std::string_view login, int64_t id, std::string_view type,
                std::string_view name);
/// A full-repository for site.owner/site.repo.
Json Repository(const Site& site, const Json& owner, std::string_view default_branch,
                bool is_private);
/// A label object from a name.
Json Label(const Site& site, std::string_view name, int64_t id);

/// Adds to `target` every member of `defaults` it lacks, recursing into members that are
/// objects on both sides. A null target becomes a copy of `defaults`.
void FillMissing(Json& target, const Json& defaults);

/// `2026-11-21T13:12:07Z` (GitHub's format: seconds, Z) for wall ms, or now when -1.
std::string IsoSeconds(int64_t wall_ms = -1);
/// A stable 40-hex-digit fake sha for `seed`.
std::string FakeSha(std::string_view seed);

/// The diff_hunk GitHub reports for a comment on `line` of `side` (RIGHT = new, LEFT = old) of
/// a unified-diff `patch`: the hunk header and its lines up to the commented one. nullopt when
/// the line is not in any hunk (GitHub's "Line could not be resolved").
std::optional<std::string> DiffHunkAt(std::string_view patch, int64_t line, std::string_view side);

}  // namespace github_e2e::shapes
