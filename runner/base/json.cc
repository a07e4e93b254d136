#include "runner/base/json.h"

#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>

namespace runner::base {
namespace {

const Json& NullJson() {
  static const Json kNull;
  return kNull;
}
const std::string& EmptyString() {
  static const std::string kEmpty;
  return kEmpty;
}

// SAX handler that builds a Json tree with an explicit stack.
class Builder {
 public:
  bool Null() { return Add(Json()); }
  bool Bool(bool b) { return Add(Json(b)); }
  bool Int(int i) { return Add(Json(i)); }
  bool Uint(unsigned u) { return Add(Json(u)); }
  bool Int64(int64_t i) { return Add(Json(static_cast<long long>(i))); }
  bool Uint64(uint64_t u) {
    if (u > static_cast<uint64_t>(INT64_MAX)) return Add(Json(static_cast<double>(u)));
    return Add(Json(static_cast<unsigned long long>(u)));
  }
  bool Double(double d) { return Add(Json(d)); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return false; }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    return Add(Json(std::string(s, n)));
  }
  bool StartObject() {
    stack_.push_back(Json::MakeObject());
    return true;
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    keys_.emplace_back(s, n);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool StartArray() {
    stack_.push_back(Json::MakeArray());
    return true;
  }
  bool EndArray(rapidjson::SizeType) { return Close(); }

  Json TakeRoot() { return std::move(root_); }

 private:
  bool Add(Json v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return true;
    }
    Json& top = stack_.back();
    if (top.is_array()) {
      top.items().push_back(std::move(v));
    } else {
      top.members().emplace_back(std::move(keys_.back()), std::move(v));
      keys_.pop_back();
    }
    return true;
  }
  bool Close() {
    Json done = std::move(stack_.back());
    stack_.pop_back();
    return Add(std::move(done));
  }

  std::vector<Json> stack_;
  std::vector<std::string> keys_;
  Json root_;
};

template <class Writer>
void Write(const Json& j, Writer& w) {
  switch (j.type()) {
    case Json::Type::kNull: w.Null(); return;
    case Json::Type::kBool: w.Bool(j.AsBool()); return;
    case Json::Type::kInt: w.Int64(j.AsInt()); return;
    case Json::Type::kDouble: {
      double d = j.AsDouble();
      if (std::isfinite(d)) {
        w.Double(d);
      } else {
        w.Null();
      }
      return;
    }
    case Json::Type::kString: {
      const std::string& s = j.AsString();
      w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
      return;
    }
    case Json::Type::kArray:
      w.StartArray();
      for (const Json& item : j.items()) Write(item, w);
      w.EndArray();
      return;
    case Json::Type::kObject:
      w.StartObject();
      for (const auto& [k, v] : j.members()) {
        w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
        Write(v, w);
      }
      w.EndObject();
      return;
  }
}

}  // namespace

Result<Json> Json::Parse(std::string_view text) {
  Builder builder;
  rapidjson::Reader reader;
  rapidjson::MemoryStream ms(text.data(), text.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> is(ms);
  rapidjson::ParseResult ok =
      reader.Parse<rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseFullPrecisionFlag>(
          is, builder);
  if (!ok) {
    return Fail(ErrorKind::kParse, std::string("invalid JSON at offset ") +
                                       std::to_string(ok.Offset()) + ": " +
                                       rapidjson::GetParseError_En(ok.Code()));
  }
  for (size_t i = is.Tell(); i < text.size(); ++i) {
    char c = text[i];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      return Fail(ErrorKind::kParse,
                  "invalid JSON at offset " + std::to_string(i) + ": unexpected trailing text");
    }
  }
  return builder.TakeRoot();
}

std::string Json::Dump() const {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  Write(*this, w);
  return std::string(buf.GetString(), buf.GetSize());
}

std::string Json::Pretty() const {
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
  w.SetIndent(' ', 2);
  Write(*this, w);
  return std::string(buf.GetString(), buf.GetSize());
}

bool Json::AsBool(bool fallback) const {
  if (auto* b = std::get_if<bool>(&v_)) return *b;
  return fallback;
}
int64_t Json::AsInt(int64_t fallback) const {
  if (auto* i = std::get_if<int64_t>(&v_)) return *i;
  if (auto* d = std::get_if<double>(&v_)) return static_cast<int64_t>(*d);
  return fallback;
}
double Json::AsDouble(double fallback) const {
  if (auto* d = std::get_if<double>(&v_)) return *d;
  if (auto* i = std::get_if<int64_t>(&v_)) return static_cast<double>(*i);
  return fallback;
}
const std::string& Json::AsString() const {
  if (auto* s = std::get_if<std::string>(&v_)) return *s;
  return EmptyString();
}
std::string Json::StringOr(std::string_view fallback) const {
  if (auto* s = std::get_if<std::string>(&v_)) return *s;
  return std::string(fallback);
}

const Json* Json::Find(std::string_view key) const {
  if (auto* o = std::get_if<Object>(&v_)) {
    for (const auto& m : *o) {
      if (m.first == key) return &m.second;
    }
  }
  return nullptr;
}
Json* Json::Find(std::string_view key) {
  return const_cast<Json*>(static_cast<const Json*>(this)->Find(key));
}

const Json& Json::operator[](std::string_view key) const {
  const Json* j = Find(key);
  return j ? *j : NullJson();
}

Json& Json::Slot(std::string_view key) {
  if (is_null()) v_ = Object{};
  if (Json* j = Find(key)) return *j;
  auto& o = std::get<Object>(v_);
  o.emplace_back(std::string(key), Json());
  return o.back().second;
}

const Json& Json::at(size_t index) const {
  if (auto* a = std::get_if<Array>(&v_)) {
    if (index < a->size()) return (*a)[index];
  }
  return NullJson();
}

Json& Json::Set(std::string_view key, Json value) {
  Slot(key) = std::move(value);
  return *this;
}

void Json::Erase(std::string_view key) {
  if (auto* o = std::get_if<Object>(&v_)) {
    std::erase_if(*o, [&](const Member& m) { return m.first == key; });
  }
}

Json& Json::Push(Json value) {
  if (is_null()) v_ = Array{};
  std::get<Array>(v_).push_back(std::move(value));
  return *this;
}

size_t Json::size() const {
  if (auto* a = std::get_if<Array>(&v_)) return a->size();
  if (auto* o = std::get_if<Object>(&v_)) return o->size();
  if (auto* s = std::get_if<std::string>(&v_)) return s->size();
  return 0;
}

const Json::Array& Json::items() const {
  static const Array kEmpty;
  if (auto* a = std::get_if<Array>(&v_)) return *a;
  return kEmpty;
}
Json::Array& Json::items() {
  if (is_null()) v_ = Array{};
  return std::get<Array>(v_);
}
const Json::Object& Json::members() const {
  static const Object kEmpty;
  if (auto* o = std::get_if<Object>(&v_)) return *o;
  return kEmpty;
}
Json::Object& Json::members() {
  if (is_null()) v_ = Object{};
  return std::get<Object>(v_);
}

bool Json::operator==(const Json& other) const {
  if (is_number() && other.is_number()) {
    if (is_int() && other.is_int()) return AsInt() == other.AsInt();
    return AsDouble() == other.AsDouble();
  }
  if (type() != other.type()) return false;
  switch (type()) {
    case Type::kNull: return true;
    case Type::kBool: return AsBool() == other.AsBool();
    case Type::kString: return AsString() == other.AsString();
    case Type::kArray: return items() == other.items();
    case Type::kObject: {
      if (members().size() != other.members().size()) return false;
      for (const auto& [k, v] : members()) {
        const Json* o = other.Find(k);
        if (!o || !(*o == v)) return false;
      }
      return true;
    }
    case Type::kInt:
    case Type::kDouble: return false;  // handled above
  }
  return false;
}

Json JsonObject(std::initializer_list<Json::Member> members) {
  return Json(Json::Object(members));
}
Json JsonArray(std::initializer_list<Json> items) { return Json(Json::Array(items)); }

}  // namespace runner::base
