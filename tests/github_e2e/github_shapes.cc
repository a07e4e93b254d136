#include "tests/github_e2e/github_shapes.h"

#include <ctime>
#include <functional>

#include "runner/base/clock.h"
#include "runner/base/strings.h"

namespace github_e2e::shapes {

namespace {

std::string UrlEscapeLogin(std::string_view login) {
  std::string out;
  for (char c : login) {
    if (c == '[') out += "%5B";
    else if (c == ']') out += "%5D";
    else out += c;
  }
  return out;
}

}  // namespace

Json SimpleUser(const Site& site, std::string_view login, int64_t id, std::string_view type) {
  std::string api = site.api + "/users/" + UrlEscapeLogin(login);
  bool bot = type == "Bot";
  std::string html = bot ? site.web + "/apps/" + std::string(login.substr(0, login.find('[')))
                         : site.web + "/" + std::string(login);
  return runner::base::JsonObject({
      {"login", login},
      {"id", id},
      {"node_id", (bot ? "BOT_kgDO" : "U_kgDO") + std::to_string(id)},
      {"avatar_url", "https://avatars.githubusercontent.com/u/" + std::to_string(id) + "?v=4"},
      {"gravatar_id", ""},
      {"url", api},
      {"html_url", html},
      {"followers_url", api + "/followers"},
      {"following_url", api + "/following{/other_user}"},
      {"gists_url", api + "/gists{/gist_id}"},
      {"starred_url", api + "/starred{/owner}{/repo}"},
      {"subscriptions_url", api + "/subscriptions"},
      {"organizations_url", api + "/orgs"},
      {"repos_url", api + "/repos"},
      {"events_url", api + "/events{/privacy}"},
      {"received_events_url", api + "/received_events"},
      {"type", type},
      {"user_view_type", "public"},
      {"site_admin", false},
  });
}

Json PublicUser(const Site& site, std::string_view login, int64_t id, std::string_view type,
                std::string_view name) {
  Json user = SimpleUser(site, login, id, type);
  user.Set("name", name.empty() ? Json() : Json(name));
  for (const char* key : {"company", "blog", "location", "email", "hireable", "bio",
                          "twitter_username"}) {
    user.Set(key, key == std::string_view("blog") ? Json("") : Json());
  }
  user.Set("public_repos", 1).Set("public_gists", 0).Set("followers", 0).Set("following", 0);
  user.Set("created_at", "2020-01-01T00:00:00Z").Set("updated_at", "2026-01-01T00:00:00Z");
  return user;
}

Json Repository(const Site& site, const Json& owner, std::string_view default_branch,
                bool is_private) {
  std::string api = site.repo_api();
  std::string web = site.repo_web();
  std::string host = site.web.substr(site.web.find("://") + 3);
  Json repo = runner::base::JsonObject({
      {"id", 700000001},
      {"node_id", "R_kgDOKnf1AQ"},
      {"name", site.repo},
      {"full_name", site.owner + "/" + site.repo},
      {"owner", owner},
      {"private", is_private},
      {"visibility", is_private ? "private" : "public"},
      {"html_url", web},
      {"description", Json()},
      {"fork", false},
      {"url", api},
      {"git_url", "git://" + host + "/" + site.owner + "/" + site.repo + ".git"},
      {"ssh_url", "git@" + host + ":" + site.owner + "/" + site.repo + ".git"},
      {"clone_url", web + ".git"},
      {"svn_url", web},
      {"mirror_url", Json()},
      {"homepage", Json()},
      {"language", Json()},
      {"license", Json()},
      {"default_branch", default_branch},
  });
  static const char* const kUrls[][2] = {
      {"archive_url", "/{archive_format}{/ref}"}, {"assignees_url", "/assignees{/user}"},
      {"blobs_url", "/git/blobs{/sha}"}, {"branches_url", "/branches{/branch}"},
      {"collaborators_url", "/collaborators{/collaborator}"},
      {"comments_url", "/comments{/number}"}, {"commits_url", "/commits{/sha}"},
      {"compare_url", "/compare/{base}...{head}"}, {"contents_url", "/contents/{+path}"},
      {"contributors_url", "/contributors"}, {"deployments_url", "/deployments"},
      {"downloads_url", "/downloads"}, {"events_url", "/events"}, {"forks_url", "/forks"},
      {"git_commits_url", "/git/commits{/sha}"}, {"git_refs_url", "/git/refs{/sha}"},
      {"git_tags_url", "/git/tags{/sha}"}, {"hooks_url", "/hooks"},
      {"issue_comment_url", "/issues/comments{/number}"},
      {"issue_events_url", "/issues/events{/number}"}, {"issues_url", "/issues{/number}"},
      {"keys_url", "/keys{/key_id}"}, {"labels_url", "/labels{/name}"},
      {"languages_url", "/languages"}, {"merges_url", "/merges"},
      {"milestones_url", "/milestones{/number}"},
      {"notifications_url", "/notifications{?since,all,participating}"},
      {"pulls_url", "/pulls{/number}"}, {"releases_url", "/releases{/id}"},
      {"stargazers_url", "/stargazers"}, {"statuses_url", "/statuses/{sha}"},
      {"subscribers_url", "/subscribers"}, {"subscription_url", "/subscription"},
      {"tags_url", "/tags"}, {"teams_url", "/teams"}, {"trees_url", "/git/trees{/sha}"},
  };
  for (const auto& [key, suffix] : kUrls) repo.Set(key, api + suffix);
  for (const char* key : {"forks", "forks_count", "open_issues", "open_issues_count",
                          "stargazers_count", "watchers", "watchers_count", "size",
                          "network_count", "subscribers_count"}) {
    repo.Set(key, 0);
  }
  for (const char* key : {"has_issues", "has_projects", "has_wiki", "has_downloads"}) {
    repo.Set(key, true);
  }
  for (const char* key : {"has_pages", "has_discussions", "archived", "disabled",
                          "allow_forking", "is_template"}) {
    repo.Set(key, false);
  }
  repo.Set("topics", Json::MakeArray());
  repo.Set("pushed_at", "2026-01-01T00:00:00Z")
      .Set("created_at", "2020-01-01T00:00:00Z")
      .Set("updated_at", "2026-01-01T00:00:00Z");
  return repo;
}

Json Label(const Site& site, std::string_view name, int64_t id) {
  return runner::base::JsonObject({
      {"id", id},
      {"node_id", "LA_kwDO" + std::to_string(id)},
      {"url", site.repo_api() + "/labels/" + std::string(name)},
      {"name", name},
      {"description", Json()},
      {"color", "ededed"},
      {"default", false},
  });
}

void FillMissing(Json& target, const Json& defaults) {
  if (target.is_null()) {
    target = defaults;
    return;
  }
  if (!target.is_object() || !defaults.is_object()) return;
  for (const auto& [key, value] : defaults.members()) {
    Json* have = target.Find(key);
    if (!have) {
      target.Set(key, value);
    } else if (have->is_object() && value.is_object()) {
      FillMissing(*have, value);
    }
  }
}

std::string IsoSeconds(int64_t wall_ms) {
  if (wall_ms < 0) wall_ms = runner::base::WallMs();
  std::time_t seconds = static_cast<std::time_t>(wall_ms / 1000);
  std::tm tm{};
  ::gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string FakeSha(std::string_view seed) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  uint64_t h = std::hash<std::string_view>{}(seed);
  while (out.size() < 40) {
    h = h * 6364136223846793005ULL + 1442695040888963407ULL;
    for (int i = 0; i < 16 && out.size() < 40; ++i) out += kHex[(h >> (i * 4)) & 15];
  }
  return out;
}

std::optional<std::string> DiffHunkAt(std::string_view patch, int64_t line,
                                      std::string_view side) {
  bool right = side != "LEFT";
  std::string hunk;
  int64_t old_line = 0, new_line = 0;
  bool in_hunk = false;
  for (const std::string& text : runner::base::Split(patch, '\n')) {
    if (text.starts_with("@@")) {
      // @@ -a[,b] +c[,d] @@
      size_t minus = text.find('-'), plus = text.find('+');
      if (minus == std::string::npos || plus == std::string::npos) return std::nullopt;
      old_line = std::atoll(text.c_str() + minus + 1);
      new_line = std::atoll(text.c_str() + plus + 1);
      hunk = text;
      in_hunk = true;
      continue;
    }
    if (!in_hunk) continue;
    hunk += "\n" + text;
    char kind = text.empty() ? ' ' : text[0];
    if (kind == '\\') continue;  // "\ No newline at end of file"
    bool on_old = kind != '+', on_new = kind != '-';
    if ((right && on_new && new_line == line) || (!right && on_old && old_line == line)) {
      return hunk;
    }
    if (on_old) ++old_line;
    if (on_new) ++new_line;
  }
  return std::nullopt;
}

}  // namespace github_e2e::shapes
