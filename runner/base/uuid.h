#pragma once
/// Random (version 4) UUIDs for session ids and message uuids.

#include <string>
#include <string_view>

namespace runner::base {

std::string NewUuid();
/// True for the canonical 8-4-4-4-12 hex form.
bool IsUuid(std::string_view s);

}  // namespace runner::base
