#include "tests/github_e2e/openapi_check.h"

#include "runner/base/files.h"
#include "runner/base/strings.h"

namespace github_e2e {

using runner::base::ErrorKind;
using runner::base::Fail;
using runner::base::Json;

namespace {

const char* TypeName(const Json& v) {
  switch (v.type()) {
    case Json::Type::kNull: return "null";
    case Json::Type::kBool: return "boolean";
    case Json::Type::kInt: return "integer";
    case Json::Type::kDouble: return "number";
    case Json::Type::kString: return "string";
    case Json::Type::kArray: return "array";
    case Json::Type::kObject: return "object";
  }
  return "?";
}

bool HasType(const Json& v, std::string_view type) {
  if (type == "integer") return v.is_int();
  if (type == "number") return v.is_number();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_bool();
  if (type == "array") return v.is_array();
  if (type == "object") return v.is_object();
  return true;
}

}  // namespace

runner::base::Result<OpenApiSpec> OpenApiSpec::Load(const std::filesystem::path& file) {
  auto text = runner::base::ReadFile(file);
  if (!text) {
    return Fail(ErrorKind::kIo, "cannot read GitHub's OpenAPI description " + file.string() +
                                    ": run `./build.sh test`, or `npm ci` in tests/github");
  }
  Json spec = TRY(Json::Parse(*text));
  return OpenApiSpec(std::move(spec));
}

std::string OpenApiSpec::MatchPath(std::string_view path) const {
  path = path.substr(0, path.find('?'));
  std::vector<std::string> parts = runner::base::Split(path, '/');
  std::string best;
  int best_literals = -1;
  for (const auto& [tmpl, item] : spec_["paths"].members()) {
    std::vector<std::string> t = runner::base::Split(tmpl, '/');
    if (t.size() != parts.size()) continue;
    int literals = 0;
    bool ok = true;
    for (size_t i = 0; i < t.size() && ok; ++i) {
      if (t[i].starts_with('{') && t[i].ends_with('}')) ok = !parts[i].empty();
      else if (t[i] == parts[i]) ++literals;
      else ok = false;
    }
    if (ok && literals > best_literals) {
      best = tmpl;
      best_literals = literals;
    }
  }
  return best;
}

const Json& OpenApiSpec::Resolve(const Json& schema) const {
  const Json* s = &schema;
  while (s->Contains("$ref")) {
    const std::string& ref = (*s)["$ref"].AsString();  // #/components/schemas/x
    const Json* target = &spec_;
    for (const std::string& part : runner::base::Split(ref.substr(2), '/')) {
      target = &(*target)[part];
    }
    s = target;
  }
  return *s;
}

void OpenApiSpec::Validate(const Json& raw, const Json& value, const std::string& where,
                           std::vector<std::string>& errors) const {
  const Json& schema = Resolve(raw);
  if (value.is_null() && schema["nullable"].AsBool()) return;
  for (const Json& part : schema["allOf"].items()) Validate(part, value, where, errors);
  for (const char* key : {"oneOf", "anyOf"}) {
    if (!schema.Contains(key)) continue;
    bool any = false;
    for (const Json& branch : schema[key].items()) {
      std::vector<std::string> branch_errors;
      Validate(branch, value, where, branch_errors);
      any = any || branch_errors.empty();
    }
    if (!any) errors.push_back(where + ": matches no branch of " + key);
  }
  const std::string& type = schema["type"].AsString();
  if (!type.empty() && !HasType(value, type)) {
    errors.push_back(where + ": expected " + type + ", got " + TypeName(value));
    return;
  }
  if (schema.Contains("enum") && value.is_string()) {
    bool found = false;
    for (const Json& e : schema["enum"].items()) found = found || e == value;
    if (!found) errors.push_back(where + ": '" + value.AsString() + "' is not in the enum");
  }
  if (value.is_object()) {
    for (const Json& key : schema["required"].items()) {
      if (!value.Contains(key.AsString())) {
        errors.push_back(where + ": missing required property '" + key.AsString() + "'");
      }
    }
    for (const auto& [key, sub] : schema["properties"].members()) {
      if (const Json* member = value.Find(key)) Validate(sub, *member, where + "." + key, errors);
    }
  }
  if (value.is_array() && schema.Contains("items")) {
    for (size_t i = 0; i < value.size(); ++i) {
      Validate(schema["items"], value.at(i), where + "[" + std::to_string(i) + "]", errors);
    }
  }
}

runner::base::Result<std::vector<std::string>> OpenApiSpec::CheckResponse(
    std::string_view method, std::string_view path, int status, const Json& body) const {
  std::string tmpl = MatchPath(path);
  const Json& op = spec_["paths"][tmpl][runner::base::ToLower(method)];
  if (tmpl.empty() || op.is_null()) {
    return Fail(ErrorKind::kParse, "no operation " + std::string(method) + " " +
                                       std::string(path) + " in the description");
  }
  const Json& response = Resolve(op["responses"][std::to_string(status)]);
  const Json& schema = response["content"]["application/json"]["schema"];
  if (schema.is_null()) {
    return Fail(ErrorKind::kParse, "no JSON response " + std::to_string(status) + " for " +
                                       std::string(method) + " " + tmpl);
  }
  std::vector<std::string> errors;
  Validate(schema, body, "$", errors);
  return errors;
}

}  // namespace github_e2e
