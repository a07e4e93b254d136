// TranscriptWriter: one line per user/assistant event, appended with a single write(2).
#include "runner/base/files.h"
#include "runner/base/log.h"
#include "runner/session/transcript.h"
#include "runner/session/transcript_lines.h"

namespace runner::session {

struct TranscriptWriter::Impl {
  base::LineAppender appender;
  TranscriptContext context;
  std::string last_uuid;  // parentUuid of the next main-chain line
  bool warned = false;

  void Write(const base::Json& line, bool main_chain) {
    if (auto r = appender.Append(line.Dump()); !r && !warned) {
      warned = true;
      base::log::Warn("transcript {}: {}", appender.path().string(), r.error().message);
    }
    if (main_chain) last_uuid = line["uuid"].AsString();
  }
};

TranscriptWriter::TranscriptWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TranscriptWriter::~TranscriptWriter() = default;

base::Result<std::unique_ptr<TranscriptWriter>> TranscriptWriter::Open(
    const std::filesystem::path& path, TranscriptContext context) {
  base::LineAppender appender = TRY(base::LineAppender::Open(path));
  std::string parent = context.parent_uuid;
  auto impl = std::make_unique<Impl>(
      Impl{std::move(appender), std::move(context), std::move(parent), false});
  return std::unique_ptr<TranscriptWriter>(new TranscriptWriter(std::move(impl)));
}

const std::filesystem::path& TranscriptWriter::path() const { return impl_->appender.path(); }

void TranscriptWriter::Emit(const protocol::Event& event) {
  // Subagent (sidechain) lines hang off the main chain but never become its parent.
  if (const auto* user = std::get_if<protocol::UserEvent>(&event)) {
    impl_->Write(UserLine(*user, impl_->context, impl_->last_uuid),
                 user->parent_tool_use_id.empty());
  } else if (const auto* assistant = std::get_if<protocol::AssistantEvent>(&event)) {
    impl_->Write(AssistantLine(*assistant, impl_->context, impl_->last_uuid),
                 assistant->parent_tool_use_id.empty());
  }
}

}  // namespace runner::session
