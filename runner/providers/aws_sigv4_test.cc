#include "runner/providers/aws_sigv4.h"

#include <gtest/gtest.h>

namespace runner::providers {
namespace {

// AWS's published SigV4 test suite (aws-sig-v4-test-suite): credentials, date, region and
// service shared by every case.
const AwsCredentials kSuiteCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
constexpr char kSuitePrefix[] =
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=";

SigV4Input Suite(std::string method, std::string query = "") {
  SigV4Input in;
  in.method = std::move(method);
  in.path = "/";
  in.query = std::move(query);
  in.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}};
  in.payload_hash = Sha256Hex("");
  in.region = "us-east-1";
  in.service = "service";
  in.amz_date = "20150830T123600Z";
  return in;
}

TEST(AwsSigV4, GetVanillaMatchesTheTestSuite) {
  EXPECT_EQ(SigV4Authorization(Suite("GET"), kSuiteCredentials),
            std::string(kSuitePrefix) +
                "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(AwsSigV4, PostVanillaMatchesTheTestSuite) {
  EXPECT_EQ(SigV4Authorization(Suite("POST"), kSuiteCredentials),
            std::string(kSuitePrefix) +
                "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
}

TEST(AwsSigV4, GetVanillaQueryOrderKeyCaseSortsTheQuery) {
  EXPECT_EQ(SigV4Authorization(Suite("GET", "Param2=value2&Param1=value1"), kSuiteCredentials),
            std::string(kSuitePrefix) +
                "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(AwsSigV4, HelpersFollowTheCanonicalForm) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(AmzDate(1440938160000), "20150830T123600Z");
  EXPECT_EQ(SigV4CanonicalUri(""), "/");
  EXPECT_EQ(SigV4CanonicalUri("/model/us.anthropic.claude-v1%3A0/invoke"),
            "/model/us.anthropic.claude-v1%253A0/invoke");
  EXPECT_EQ(SigV4CanonicalQuery("b=2&a=1&A=0"), "A=0&a=1&b=2");
}

TEST(AwsSigV4, SignRequestAddsTheAmzHeadersAndSignsThem) {
  base::HttpRequest r;
  r.method = "POST";
  r.url = "https://bedrock-runtime.us-east-1.amazonaws.com/model/m%3A0/invoke";
  r.headers = {{"content-type", "application/json"}, {"user-agent", "x"}};
  r.body = "{}";
  SignRequestSigV4(r, {"AKID", "SECRET", "TOKEN"}, "us-east-1", "bedrock", 1440938160000);
  EXPECT_EQ(base::FindHeader(r.headers, "host"), "bedrock-runtime.us-east-1.amazonaws.com");
  EXPECT_EQ(base::FindHeader(r.headers, "x-amz-date"), "20150830T123600Z");
  EXPECT_EQ(base::FindHeader(r.headers, "x-amz-content-sha256"), Sha256Hex("{}"));
  EXPECT_EQ(base::FindHeader(r.headers, "x-amz-security-token"), "TOKEN");
  std::string auth = base::FindHeader(r.headers, "authorization");
  EXPECT_TRUE(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/bedrock/"
                               "aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;"
                               "x-amz-date;x-amz-security-token, Signature="))
      << auth;
  EXPECT_EQ(auth.size() - auth.find("Signature=") - 10, 64u);
}

TEST(AwsSigV4, HostKeepsAnExplicitPort) {
  base::HttpRequest r;
  r.url = "http://127.0.0.1:8123/bedrock/model/x/invoke";
  SignRequestSigV4(r, {"A", "S", ""}, "us-east-1", "bedrock", 0);
  EXPECT_EQ(base::FindHeader(r.headers, "host"), "127.0.0.1:8123");
  EXPECT_EQ(base::FindHeader(r.headers, "x-amz-security-token"), "");
}

}  // namespace
}  // namespace runner::providers
