#pragma once
/// A small JSON value with value semantics, insertion-ordered objects and exact int64 support.
/// Parsing and printing use RapidJSON (kept inside json.cc so other files compile fast).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "runner/base/result.h"

namespace runner::base {

class Json {
 public:
  enum class Type { kNull, kBool, kInt, kDouble, kString, kArray, kObject };
  using Array = std::vector<Json>;
  using Member = std::pair<std::string, Json>;
  using Object = std::vector<Member>;

  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool v) : v_(v) {}
  Json(int v) : v_(static_cast<int64_t>(v)) {}
  Json(long v) : v_(static_cast<int64_t>(v)) {}
  Json(long long v) : v_(static_cast<int64_t>(v)) {}
  Json(unsigned v) : v_(static_cast<int64_t>(v)) {}
  Json(unsigned long v) : v_(static_cast<int64_t>(v)) {}
  Json(unsigned long long v) : v_(static_cast<int64_t>(v)) {}
  Json(double v) : v_(v) {}
  Json(const char* v) : v_(std::string(v)) {}
  Json(std::string v) : v_(std::move(v)) {}
  Json(std::string_view v) : v_(std::string(v)) {}
  Json(Array v) : v_(std::move(v)) {}
  Json(Object v) : v_(std::move(v)) {}

  static Json MakeArray() { return Json(Array{}); }
  static Json MakeObject() { return Json(Object{}); }

  /// Parses one JSON document; trailing non-space text is an error.
  static Result<Json> Parse(std::string_view text);
  /// Compact single-line text (safe for JSONL: no raw newlines).
  std::string Dump() const;
  /// Indented text for humans.
  std::string Pretty() const;

  Type type() const { return static_cast<Type>(v_.index()); }
  bool is_null() const { return type() == Type::kNull; }
  bool is_bool() const { return type() == Type::kBool; }
  bool is_number() const { return type() == Type::kInt || type() == Type::kDouble; }
  bool is_int() const { return type() == Type::kInt; }
  bool is_string() const { return type() == Type::kString; }
  bool is_array() const { return type() == Type::kArray; }
  bool is_object() const { return type() == Type::kObject; }

  bool AsBool(bool fallback = false) const;
  int64_t AsInt(int64_t fallback = 0) const;
  double AsDouble(double fallback = 0) const;
  /// The string, or an empty string for any other type.
  const std::string& AsString() const;
  /// The string, or `fallback` for any other type.
  std::string StringOr(std::string_view fallback) const;

  /// Object member lookup; a missing key (or a non-object) yields a shared null value.
  const Json& operator[](std::string_view key) const;
  /// Mutable member access that inserts a null member when missing (a null becomes an object).
  /// Reads never insert: `operator[]` is const-only on purpose.
  Json& Slot(std::string_view key);
  /// Array element access; out of range yields a shared null value.
  const Json& at(size_t index) const;
  const Json* Find(std::string_view key) const;
  Json* Find(std::string_view key);
  bool Contains(std::string_view key) const { return Find(key) != nullptr; }
  /// Sets (replacing in place, or appending) an object member; returns *this for chaining.
  Json& Set(std::string_view key, Json value);
  void Erase(std::string_view key);
  /// Appends to an array (a null becomes an array).
  Json& Push(Json value);

  size_t size() const;
  bool empty() const { return size() == 0; }
  const Array& items() const;
  Array& items();
  const Object& members() const;
  Object& members();

  /// Deep equality; objects compare as unordered maps, 1 == 1.0.
  bool operator==(const Json& other) const;

 private:
  std::variant<std::nullptr_t, bool, int64_t, double, std::string, Array, Object> v_;
};

/// Builds an object from key/value pairs: `JsonObject({{"a", 1}, {"b", "x"}})`.
Json JsonObject(std::initializer_list<Json::Member> members);
/// Builds an array: `JsonArray({1, "x"})`.
Json JsonArray(std::initializer_list<Json> items);

}  // namespace runner::base
