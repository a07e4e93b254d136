#include "integrations/github/redact.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

namespace integrations::github {
namespace {

std::string Rep(char c, size_t n) { return std::string(n, c); }

struct Case {
  const char* name;
  std::string in;
  std::string want;
};

TEST(RedactSecrets, RedactsEachTokenShape) {
  const std::string alnum36 = "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";  // 36
  const std::vector<Case> cases = {
      {"github classic pat", "t=ghp_" + alnum36, "t=[REDACTED]"},
      {"github oauth", "gho_" + alnum36 + "xyz", "[REDACTED]"},
      {"github user-to-server", "(ghu_" + alnum36 + ")", "([REDACTED])"},
      {"github server-to-server", "x-access-token:ghs_" + alnum36 + "@github.com",
       "x-access-token:[REDACTED]@github.com"},
      {"github refresh", "ghr_" + alnum36, "[REDACTED]"},
      {"github fine-grained pat", "github_pat_11ABCDEFG0_" + Rep('z', 30) + " end",
       "[REDACTED] end"},
      {"anthropic key", "ANTHROPIC_API_KEY=sk-ant-api03-" + Rep('Q', 40) + "-_x\n",
       "ANTHROPIC_API_KEY=[REDACTED]\n"},
      {"aws access key id", "id AKIAIOSFODNN7EXAMPLE.", "id [REDACTED]."},
      {"aws session key id", "ASIAY34FZKBOKMUTVV7A", "[REDACTED]"},
      {"aws secret env", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
       "AWS_SECRET_ACCESS_KEY=[REDACTED]"},
      {"aws secret ini", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
       "aws_secret_access_key = [REDACTED]\n"},
      {"aws secret json", "{\"secretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}",
       "{\"secretAccessKey\": \"[REDACTED]\"}"},
      {"gcp oauth token", "Bearer ya29.a0AfH6SMB" + Rep('k', 40) + " rest",
       "Bearer [REDACTED] rest"},
      {"gcp api key", "key=AIzaSyA-" + Rep('b', 34), "key=[REDACTED]"},
      {"service account json",
       "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE "
       "KEY-----\\nMIIEvQIBADAN\\n-----END "
       "PRIVATE KEY-----\\n\", \"client_email\": \"x@y.iam.gserviceaccount.com\"}",
       "{\"type\": \"service_account\", \"private_key\": \"[REDACTED]\", \"client_email\": "
       "\"x@y.iam.gserviceaccount.com\"}"},
      {"pem rsa block",
       "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAK\n-----END RSA PRIVATE KEY-----\nafter",
       "key:\n[REDACTED]\nafter"},
      {"pem openssh block",
       "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----",
       "[REDACTED]"},
      {"pem unterminated", "x\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQ\n...", "x\n[REDACTED]"},
      {"jwt",
       "Authorization: Bearer "
       "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_"
       "XgL0n3I9PlFUP0THsR8U x",
       "Authorization: Bearer [REDACTED] x"},
      {"slack bot token", "xoxb-123456789012-1234567890123-AbCdEfGhIjKl", "[REDACTED]"},
      {"slack app token", "xapp-1-A0123-456-abcdef0123", "[REDACTED]"},
      {"two in a row", "ghp_" + alnum36 + " and AKIAIOSFODNN7EXAMPLE", "[REDACTED] and [REDACTED]"},
  };
  for (const Case& c : cases) EXPECT_EQ(RedactSecrets(c.in), c.want) << c.name;
}

TEST(RedactSecrets, LeavesOrdinaryTextAlone) {
  const std::vector<std::string> texts = {
      "commit 3f786850e387550fdab836ed7e6dc881de23001b fixed it",
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "ghp_short and gho_ too short",
      "my_ghp_" + Rep('a', 40),  // not at a word boundary
      "sk-ant-short",            // too short
      "AKIAIOSFODNN7EXAMPL",     // 15 characters after AKIA
      "AKIAIOSFODNN7EXAMPLEX",   // 17
      "AKIAiosfodnn7example",    // lower case
      "the aws_secret_access_key setting is documented below",
      "aws_secret_access_key = ${{ secrets.AWS }}",
      "ya29.short",
      "eyJhbGciOiJIUzI1NiJ9 is a base64 JSON header without a payload",
      "-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----",
      "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
      "xoxb- not a token",
      "int main() { return github_pat_count; }",
      "UUID 123e4567-e89b-12d3-a456-426614174000",
      "",
  };
  for (const std::string& t : texts) EXPECT_EQ(RedactSecrets(t), t) << t;
}

TEST(RedactSecrets, RedactsKnownSecretValuesOfEightBytesOrMore) {
  const std::vector<std::string> known = {"hunter2-long-secret", "s3cr3t",
                                          "hunter2-long-secret-and-more", ""};
  EXPECT_EQ(RedactSecrets("a hunter2-long-secret b hunter2-long-secret-and-more c s3cr3t", known),
            "a [REDACTED] b [REDACTED] c s3cr3t");
  // Known values are matched anywhere, even inside words.
  EXPECT_EQ(RedactSecrets("xxhunter2-long-secretyy", known), "xx[REDACTED]yy");
}

TEST(RedactSecrets, KnownMultiLineSecret) {
  const std::string key = "line one of key\nline two of key";
  EXPECT_EQ(RedactSecrets("before\nline one of key\nline two of key\nafter", {key}),
            "before\n[REDACTED]\nafter");
}

TEST(KnownSecretsFromEnv, ReadsTheListedVariables) {
  const std::map<std::string, std::string, std::less<>> env = {
      {"GITHUB_TOKEN", "ghs_token_value_1234"},
      {"INPUT_GITHUB_TOKEN", "ghs_token_value_1234"},  // duplicate value
      {"ANTHROPIC_API_KEY", "  sk-ant-value-123456\n"},
      {"AWS_SECRET_ACCESS_KEY", "aws-secret-value"},
      {"ACTIONS_ID_TOKEN_REQUEST_TOKEN", "oidc-request-token"},
      {"CLAUDE_CODE_OAUTH_TOKEN", "short"},  // under 8 bytes
      {"HOME", "/home/runner/not-a-secret"},
  };
  auto getenv = [&](std::string_view name) -> std::string {
    auto it = env.find(name);
    return it == env.end() ? "" : it->second;
  };
  EXPECT_EQ(KnownSecretsFromEnv(getenv),
            (std::vector<std::string>{"ghs_token_value_1234", "sk-ant-value-123456",
                                      "aws-secret-value", "oidc-request-token"}));
}

TEST(KnownSecretsFromEnv, ListCoversTheCredentialsTheRunnerSees) {
  auto names = SecretEnvNames();
  for (std::string_view want :
       {"GITHUB_TOKEN", "GH_TOKEN", "INPUT_GITHUB_TOKEN", "ANTHROPIC_API_KEY",
        "INPUT_ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN",
        "INPUT_CLAUDE_CODE_OAUTH_TOKEN", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_BEARER_TOKEN_BEDROCK", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_RUNTIME_TOKEN",
        "GOOGLE_OAUTH_ACCESS_TOKEN"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
  }
}

TEST(RedactForPosting, FindsSecretsThatMarkupHidesFromTheRawText) {
  const std::string token = "ghs_" + std::string("Zq8RmT3vXw9YpL2kJn5HbG7cFd4sAe6uVi1o");
  const std::string key = "known-secret-value-123";
  for (const std::string& hidden : std::vector<std::string>{"g<b></b>hs_" + token.substr(4), "g<!-- x -->hs_" + token.substr(4),
                                    "&#103;hs_" + token.substr(4), "g\u200Bhs_" + token.substr(4),
                                    "known-<i></i>secret-value-123"}) {
    std::string posted = RedactForPosting("value: " + hidden + " end", {key});
    EXPECT_EQ(posted.find(token), std::string::npos) << posted;
    EXPECT_EQ(posted.find(key), std::string::npos) << posted;
    EXPECT_NE(posted.find("[REDACTED]"), std::string::npos) << hidden << " -> " << posted;
  }
  // Ordinary markup without secrets is posted as written.
  const std::string plain = "<sub>Cost $0.01</sub> and <!-- marker --> **bold**";
  EXPECT_EQ(RedactForPosting(plain, {key}), plain);
}

}  // namespace
}  // namespace integrations::github
