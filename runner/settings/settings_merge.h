#pragma once
/// How settings layers combine, as Claude Code does it:
///   - arrays concatenate and de-duplicate (permissions.allow from every layer all apply);
///   - objects merge per key, recursively (env, hooks, sandbox);
///   - scalars: the higher layer wins;
///   - the key table's exceptions: fallbackModel is replaced whole, disableClaudeAiConnectors is
///     true when any layer says so.
/// Plus the managed locks: allowManagedPermissionRulesOnly, allowManagedHooksOnly,
/// allowManagedMcpServersOnly, sandbox.network.allowManagedDomainsOnly and
/// sandbox.filesystem.allowManagedReadPathsOnly keep the locked keys from managed layers only,
/// and disableAllHooks outside managed settings cannot switch off managed hooks.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/json.h"
#include "runner/settings/settings_source.h"

namespace runner::settings {

/// Merges `overlay` (higher precedence) into `base` (an object or null). `path` is the dotted
/// path of `base` in the document, "" for the root; it selects the table's merge rules.
void MergeSettings(base::Json& base, const base::Json& overlay, std::string_view path = "");

/// Applies the managed locks: when the managed layers turn a lock on, the locked keys are erased
/// from every other layer, with a warning per layer that had them, e.g.
/// "<file>: permissions.allow ignored: managed settings set allowManagedPermissionRulesOnly".
std::vector<std::string> ApplyManagedLocks(std::span<SettingsLayer> layers);

/// Merges `layers` (lowest precedence first) into one document and applies disableAllHooks:
/// set in managed settings it removes every hook; set elsewhere it keeps only managed hooks.
base::Json MergeLayers(std::span<const SettingsLayer> layers);

}  // namespace runner::settings
