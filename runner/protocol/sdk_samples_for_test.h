#pragma once
/// Test data: one line per stream-json message kind, copied byte for byte from
/// reference/claude-code-stream-json-samples.md (Claude Code 2.1.330 against the mock API).

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/json.h"

namespace runner::protocol::samples {

// result:success
inline constexpr std::string_view kResultSuccess =
    R"json({"duration_api_ms":26,"stop_reason":"end_turn","session_id":"7b707c43-caa6-431d-bddd-75e3aed0ee30","total_cost_usd":0.049924,"usage":{"input_tokens":12451,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":6,"output_tokens_details":{"thinking_tokens":0},"server_tool_use":{"web_search_requests":0,"web_fetch_requests":0},"service_tier":"standard","cache_creation":{"ephemeral_1h_input_tokens":0,"ephemeral_5m_input_tokens":0},"inference_geo":"","iterations":[],"speed":"standard","fallback_credit":null},"modelUsage":{"claude-opus-5-5":{"inputTokens":12451,"outputTokens":6,"cacheReadInputTokens":0,"cacheCreationInputTokens":0,"webSearchRequests":0,"costUSD":0.049924,"contextWindow":1000000,"maxOutputTokens":128000,"thinkingTokens":0,"cacheCreationEphemeral5mInputTokens":0,"cacheCreationEphemeral1hInputTokens":0,"canonicalModel":"claude-opus-5-5","provider":"firstParty","costBasis":"list"}},"permission_denials":[],"terminal_reason":"completed","fast_mode_state":"off","fast_mode_disabled_reason":"sdk_opt_in_required","subagent_stats":{"spawned":0,"requested":{"background":0,"foreground":0,"unset":0},"started_in_background":0,"max_depth":0,"spawned_by_subagents":0,"completed":0,"failed":0,"killed":{"parent":0,"user":0,"system":0},"refused":{"depth_limit":0,"concurrency_limit":0,"budget":0},"by_type":{}},"safety_stops":0,"is_error":false,"num_turns":1,"subtype":"success","api_error_status":null,"result":"Hello from the mock.","ttft_ms":134,"type":"result","duration_ms":145,"uuid":"5f805920-fca6-4b9d-856d-7e7a032efd3b","ttft_stream_ms":133,"time_to_request_ms":119,"first_content_frame_ms":133,"queued_turn_count":0,"result_index":0})json";

// system:init
inline constexpr std::string_view kSystemInit =
    R"json({"type":"system","subtype":"init","cwd":"research/scratch","session_id":"f01c0111-c019-481f-9561-8ed1c10537e5","tools":["Task","Bash","CronCreate","CronDelete","CronList","Edit","EnterWorktree","ExitWorktree","ListAgents","Monitor","NotebookEdit","Read","ReportFindings","ScheduleWakeup","SendMessage","Skill","TaskStop","ToolSearch","WebFetch","WebSearch","Workflow","Write"],"mcp_servers":[],"model":"claude-opus-5-5","permissionMode":"default","slash_commands":["deep-research","dataviz","update-config","verify","debug","code-review","simplify","batch","fewer-permission-prompts","doctor","loop","claude-api","workflow-authoring","run","run-skill-generator","plugin-authoring","agents","auto-mode-setup","autocompact","clear","color","compact","config","output-style","context","effort","fast","focus","heapdump","init","mcp","model","__remote-workflow","workflow-launch-exec","reload-plugins","reload-skills","rename","security-review","usage","insights","recap","goal","list-agents","team-onboarding"],"terminal_slash_commands":["doctor","color","focus","reload-plugins"],"apiKeySource":"ANTHROPIC_API_KEY","claude_code_version":"2.1.330","output_style":"default","agents":["claude","Explore","general-purpose","Plan","statusline-setup"],"skills":["deep-research","dataviz","update-config","verify","debug","code-review","simplify","batch","fewer-permission-prompts","doctor","loop","claude-api","workflow-authoring","run","run-skill-generator","plugin-authoring"],"plugins":[{"name":"cc-plugin-agents-md","path":"builtin","source":"cc-plugin-agents-md@builtin"},{"name":"cc-plugin-privacy","path":"builtin","source":"cc-plugin-privacy@builtin"},{"name":"cc-plugin-plugin-authoring","path":"builtin","source":"cc-plugin-plugin-authoring@builtin"}],"capabilities":["interrupt_receipt_v1","interrupt_cancel_queued_v1","interrupt_send_now_v1","interrupt_requeue_taken_v1","msg_lifecycle_v1","request_marker_lists_v1","ask_user_question_unanswered_v1","lifecycle_wakeup_source_v1","sdk_mcp_tools_list_changed","sdk_mcp_manifests","mcp_read_resource_v1","mcp_tool_ui_meta_v1","ui_surface_v1","mcp_call_result_not_for_model_v1","mcp_call_check_permissions_v1","voice_call_talk_line_v1","withdrawn_files_note_v2","withdrawn_tools_v1","ui_pane_widget_v1","reload_plugins_refuse_if_busy_v1","get_usage_detached_v1","silent_resend_files_v1"],"analytics_disabled":true,"product_feedback_disabled":true,"served_by_anthropic":false,"uuid":"56bcfdf3-fdf2-478e-9eb6-b5251483ead8","memory_paths":{"auto":"research/homes/03_stream_json/.claude/projects/-tmp-research-scratch/memory/"},"original_cwd":"research/scratch","additional_directories":[],"messaging_socket_path":"TMP/cc-socks/3428.sock","fast_mode_state":"off","fast_mode_disabled_reason":"sdk_opt_in_required","per_turn_effort_active":true,"ultrathink_available":false,"ultrathink_typed_raises":false,"view_mode":"default"})json";

// assistant:text
inline constexpr std::string_view kAssistantText =
    R"json({"type":"assistant","message":{"id":"msg_mock_000001","type":"message","role":"assistant","model":"claude-opus-5-5","content":[{"type":"text","text":"Hello from the mock."}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12453,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1,"service_tier":"standard"},"context_management":null},"parent_tool_use_id":null,"session_id":"f01c0111-c019-481f-9561-8ed1c10537e5","uuid":"14c2c8b6-a6af-4bc4-a123-9b959798da1e","timestamp":"2026-11-21T13:12:07.862Z","request_id":"req_mock_000001"})json";

// system:status
inline constexpr std::string_view kSystemStatus =
    R"json({"type":"system","subtype":"status","status":"requesting","session_id":"30f01097-63fb-4ba3-8bc9-8a42ecd9e97a","uuid":"3b355249-8a72-4a7d-87c5-7a1b510be6eb"})json";

// stream_event:message_start
inline constexpr std::string_view kStreamMessageStart =
    R"json({"type":"stream_event","event":{"type":"message_start","message":{"id":"msg_mock_000001","type":"message","role":"assistant","model":"claude-opus-5-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12455,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1,"service_tier":"standard"}}},"session_id":"30f01097-63fb-4ba3-8bc9-8a42ecd9e97a","parent_tool_use_id":null,"uuid":"964829c4-fc52-4695-a371-f5928d594eaa","ttft_ms":23,"thinking_display":"updates","api_message_id":"msg_mock_000001"})json";

// stream_event:content_block_delta:text_delta
inline constexpr std::string_view kStreamTextDelta =
    R"json({"type":"stream_event","event":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello from the mock."}},"session_id":"30f01097-63fb-4ba3-8bc9-8a42ecd9e97a","parent_tool_use_id":null,"uuid":"4535787f-be8c-4a01-bc48-0d2189b17161","api_message_id":"msg_mock_000001"})json";

// assistant:tool_use
inline constexpr std::string_view kAssistantToolUse =
    R"json({"type":"assistant","message":{"id":"msg_mock_000001","type":"message","role":"assistant","model":"claude-opus-5-5","content":[{"type":"tool_use","id":"toolu_mock_0001_a5d52967","name":"Bash","input":{"command":"echo hi","description":"Print hi"}}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12458,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1,"service_tier":"standard"},"context_management":null},"parent_tool_use_id":null,"session_id":"34c9396a-88e2-4289-a021-b3f16f28d7bf","uuid":"6b519494-07c4-461c-b797-44fca7ad10ce","timestamp":"2026-11-21T13:13:12.887Z","request_id":"req_mock_000001"})json";

// user:tool_result
inline constexpr std::string_view kUserToolResult =
    R"json({"type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_mock_0001_a5d52967","type":"tool_result","content":"hi","is_error":false}]},"parent_tool_use_id":null,"session_id":"34c9396a-88e2-4289-a021-b3f16f28d7bf","uuid":"7caf9d24-db1d-4913-bd1c-70d8cbd5edb6","timestamp":"2026-11-21T13:13:13.023Z","tool_use_result":{"stdout":"hi","stderr":"","interrupted":false,"isImage":false,"noOutputExpected":false},"tool_result_meta":[{"id":"toolu_mock_0001_a5d52967","permission_decision":{"decision":"accept","source":"config","reason_type":"rule"}}]})json";

// result:error_max_turns
inline constexpr std::string_view kResultErrorMaxTurns =
    R"json({"duration_api_ms":111,"stop_reason":"tool_use","session_id":"34c9396a-88e2-4289-a021-b3f16f28d7bf","total_cost_usd":0.050232,"usage":{"input_tokens":12458,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":20,"output_tokens_details":{"thinking_tokens":0},"server_tool_use":{"web_search_requests":0,"web_fetch_requests":0},"service_tier":"standard","cache_creation":{"ephemeral_1h_input_tokens":0,"ephemeral_5m_input_tokens":0},"inference_geo":"","iterations":[],"speed":"standard","fallback_credit":null},"modelUsage":{"claude-opus-5-5":{"inputTokens":12458,"outputTokens":20,"cacheReadInputTokens":0,"cacheCreationInputTokens":0,"webSearchRequests":0,"costUSD":0.050232,"contextWindow":1000000,"maxOutputTokens":128000,"thinkingTokens":0,"cacheCreationEphemeral5mInputTokens":0,"cacheCreationEphemeral1hInputTokens":0,"canonicalModel":"claude-opus-5-5","provider":"firstParty","costBasis":"list"}},"permission_denials":[],"terminal_reason":"max_turns","fast_mode_state":"off","fast_mode_disabled_reason":"sdk_opt_in_required","subagent_stats":{"spawned":0,"requested":{"background":0,"foreground":0,"unset":0},"started_in_background":0,"max_depth":0,"spawned_by_subagents":0,"completed":0,"failed":0,"killed":{"parent":0,"user":0,"system":0},"refused":{"depth_limit":0,"concurrency_limit":0,"budget":0},"by_type":{}},"safety_stops":0,"is_error":true,"num_turns":2,"subtype":"error_max_turns","errors":["Reached maximum number of turns (1)"],"type":"result","duration_ms":420,"uuid":"e56ae24b-aab6-4eed-8c08-8611e32bdccb","begun_message_ids":["msg_mock_000001"],"queued_turn_count":0,"result_index":0,"model_usage_since_last_result":{"claude-opus-5-5":{"inputTokens":12458,"outputTokens":20,"cacheReadInputTokens":0,"cacheCreationInputTokens":0,"webSearchRequests":0,"costUSD":0.050232,"contextWindow":1000000,"maxOutputTokens":128000,"thinkingTokens":0,"cacheCreationEphemeral5mInputTokens":0,"cacheCreationEphemeral1hInputTokens":0,"canonicalModel":"claude-opus-5-5","provider":"firstParty","costBasis":"list"}}})json";

// system:permission_denied
inline constexpr std::string_view kSystemPermissionDenied =
    R"json({"type":"system","subtype":"permission_denied","tool_name":"Write","tool_use_id":"toolu_mock_0002_ec8a8ec5","message":"Claude requested permissions to write to research/scratch/notes.txt, but you haven't granted it yet.","uuid":"ff2ab67a-7c29-4d79-a71f-b02cbdf37e49","session_id":"1957b3e7-3600-46a7-bbe1-6e2486fed8a2"})json";

// user:tool_result:error:tool
inline constexpr std::string_view kUserToolResultError =
    R"json({"type":"user","message":{"role":"user","content":[{"type":"tool_result","content":"<tool_use_error>File does not exist. Note: your current working directory is research/scratch.</tool_use_error>","is_error":true,"tool_use_id":"toolu_mock_0004_844dfdee"}]},"parent_tool_use_id":null,"session_id":"1957b3e7-3600-46a7-bbe1-6e2486fed8a2","uuid":"e8f24f29-ed66-40c5-949f-1b0db167d4de","timestamp":"2026-11-21T13:12:12.310Z","tool_use_result":"Error: File does not exist. Note: your current working directory is research/scratch."})json";

// system:api_retry
inline constexpr std::string_view kSystemApiRetry =
    R"json({"type":"system","subtype":"api_retry","attempt":1,"max_retries":2,"retry_delay_ms":515,"error_status":500,"error":"server_error","session_id":"1d73a56d-c590-45b6-bcaa-3934fd695f30","uuid":"776e0bbe-ac2f-4fe5-a46f-81c347e56c93"})json";

// assistant:text:api_error
inline constexpr std::string_view kAssistantApiError =
    R"json({"type":"assistant","message":{"diagnostics":null,"id":"af48f706-2e8e-43f7-822f-92a8773d5d34","container":null,"model":"<synthetic>","role":"assistant","stop_details":null,"stop_reason":"stop_sequence","stop_sequence":"","type":"message","usage":{"output_tokens_details":null,"input_tokens":0,"output_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"server_tool_use":{"web_search_requests":0,"web_fetch_requests":0},"service_tier":null,"cache_creation":{"ephemeral_1h_input_tokens":0,"ephemeral_5m_input_tokens":0},"inference_geo":null,"iterations":null,"speed":null,"fallback_credit":null},"content":[{"type":"text","text":"API Error: 500 mock error 500. This is a server-side issue, usually temporary — try again in a moment. If it persists, check your inference gateway (127.0.0.1:35241)."}],"context_management":null},"parent_tool_use_id":null,"session_id":"1d73a56d-c590-45b6-bcaa-3934fd695f30","uuid":"5cec14c9-f9d9-4080-9cd9-1fa304ef611c","timestamp":"2026-11-21T13:12:21.542Z","error":"server_error","request_id":"req_mock_000003","is_api_error_message":true,"api_error_status":500,"api_error_type":"api_error"})json";

// result:error_max_budget_usd
inline constexpr std::string_view kResultErrorMaxBudget =
    R"json({"duration_api_ms":68,"stop_reason":"tool_use","session_id":"e405d9fd-d593-44d7-b9a1-f7b68ea1677d","total_cost_usd":0.10095599999999999,"usage":{"input_tokens":12464,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":20,"output_tokens_details":{"thinking_tokens":0},"server_tool_use":{"web_search_requests":0,"web_fetch_requests":0},"service_tier":"standard","cache_creation":{"ephemeral_1h_input_tokens":0,"ephemeral_5m_input_tokens":0},"inference_geo":"","iterations":[],"speed":"standard","fallback_credit":null},"modelUsage":{"claude-opus-5-5":{"inputTokens":25044,"outputTokens":39,"cacheReadInputTokens":0,"cacheCreationInputTokens":0,"webSearchRequests":0,"costUSD":0.10095599999999999,"contextWindow":1000000,"maxOutputTokens":128000,"thinkingTokens":0,"cacheCreationEphemeral5mInputTokens":0,"cacheCreationEphemeral1hInputTokens":0,"canonicalModel":"claude-opus-5-5","provider":"firstParty","costBasis":"list"}},"permission_denials":[],"terminal_reason":"budget_exhausted","fast_mode_state":"off","fast_mode_disabled_reason":"sdk_opt_in_required","subagent_stats":{"spawned":0,"requested":{"background":0,"foreground":0,"unset":0},"started_in_background":0,"max_depth":0,"spawned_by_subagents":0,"completed":0,"failed":0,"killed":{"parent":0,"user":0,"system":0},"refused":{"depth_limit":0,"concurrency_limit":0,"budget":0},"by_type":{}},"safety_stops":0,"is_error":true,"num_turns":2,"subtype":"error_max_budget_usd","errors":["Reached maximum budget ($0.1)"],"type":"result","duration_ms":264,"uuid":"a270cf91-28ab-4cc5-91d5-284d7f5f6350","queued_turn_count":0,"result_index":0})json";

// user:string:replay
inline constexpr std::string_view kUserStringReplay =
    R"json({"type":"user","message":{"role":"user","content":"first question"},"session_id":"549f9311-ff8b-4aeb-a6a6-9b342b1909f3","parent_tool_use_id":null,"uuid":"38734f84-ecb4-4366-b5ed-20f87aaffdd3","timestamp":"2026-11-21T13:12:41.889Z","isReplay":true})json";

// user:text:synthetic
inline constexpr std::string_view kUserTextSynthetic =
    R"json({"type":"user","message":{"role":"user","content":[{"type":"text","text":"Your response above was cut off mid-stream. Resume directly from where it stops — no apology, no recap. If none of it survived, answer the request from the start."}]},"parent_tool_use_id":null,"session_id":"a68bbbab-5607-498b-9427-1131adb5e60a","uuid":"3398a073-06b7-42dc-9dfe-8a65c5b180e8","timestamp":"2026-11-21T13:12:43.113Z","isSynthetic":true})json";

// STDIN control_request:initialize
inline constexpr std::string_view kStdinInitialize =
    R"json({"request_id":"5p7jxllmsc4","type":"control_request","request":{"subtype":"initialize","hooks":{"PreToolUse":[{"matcher":"Bash","hookCallbackIds":["hook_0"]}]},"systemPrompt":[""]}})json";

// STDIN user:text
inline constexpr std::string_view kStdinUserText =
    R"json({"type":"user","session_id":"","message":{"role":"user","content":[{"type":"text","text":"do the file task"}]},"parent_tool_use_id":null})json";

// STDIN control_response:success
inline constexpr std::string_view kStdinControlResponse =
    R"json({"type":"control_response","response":{"subtype":"success","request_id":"6de34125-43f3-4cf9-ae88-a02fff7cccda","response":{"continue":true}}})json";

/// Parses a sample line (test data is valid by construction).
inline base::Json Parse(std::string_view line) { return *base::Json::Parse(line); }

/// The object without the given top-level keys (volatile values, fields we do not emit).
inline base::Json Without(base::Json j, std::initializer_list<std::string_view> keys) {
  for (std::string_view k : keys) j.Erase(k);
  return j;
}

/// The object's keys in order.
inline std::vector<std::string> Keys(const base::Json& j) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.members()) keys.push_back(k);
  return keys;
}

}  // namespace runner::protocol::samples
