#pragma once
/// The Messages API `message` objects that assistant events carry (stream-json `message` field,
/// transcript `message` field).

#include <string>

#include "runner/protocol/events.h"

namespace runner::protocol {

/// `{"id","type":"message","role":"assistant","model","content","stop_reason","stop_sequence",
/// "usage","context_management":null}` for a reply; an empty stop_reason prints as null.
Json AssistantMessageJson(const AssistantReply& reply);

/// The synthetic assistant message Claude Code records when an API call fails for good:
/// model "<synthetic>", a fresh uuid as id, one text block (`text`), stop_reason
/// "stop_sequence", zero usage. Pair it with AssistantEvent::api_error_status / error.
Json ApiErrorMessageJson(const std::string& text);

/// True for messages built by ApiErrorMessageJson (model "<synthetic>"); they are shown and
/// recorded but never sent back to the API.
bool IsSyntheticMessage(const Json& message);

/// True for an assistant event that reports a failed API call rather than a model reply: it has
/// an api_error_status or carries a synthetic message. (A real reply with `error` set, e.g.
/// "max_output_tokens", is not one.)
bool IsApiErrorEvent(const AssistantEvent& event);

}  // namespace runner::protocol
