#include "integrations/github/execution_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>

namespace integrations::github {

using runner::base::Json;

namespace {

bool WriteAt(int fd, const std::string& data, off_t offset) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = pwrite(fd, data.data() + done, data.size() - done, offset + static_cast<off_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

runner::base::Result<std::unique_ptr<ExecutionLog>> ExecutionLog::Create(const std::filesystem::path& path) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return runner::base::Fail(runner::base::ErrorKind::kIo,
                              "cannot write the execution file " + path.string() + ": " + std::strerror(errno));
  }
  WriteAt(fd, "[]\n", 0);
  return std::unique_ptr<ExecutionLog>(new ExecutionLog(path, fd));
}

ExecutionLog::~ExecutionLog() {
  if (fd_ >= 0) close(fd_);
}

void ExecutionLog::Append(const Json& message) {
  std::lock_guard lock(mu_);
  std::string text = (messages_.empty() ? "\n" : ",\n") + message.Dump();
  // The message, then the closing bracket again: the file is a whole array after each write.
  if (WriteAt(fd_, text + "\n]\n", end_)) end_ += static_cast<off_t>(text.size());
  messages_.push_back(message);
}

std::vector<Json> ExecutionLog::messages() const {
  std::lock_guard lock(mu_);
  return messages_;
}

Json ExecutionLog::last_result() const {
  std::lock_guard lock(mu_);
  for (auto it = messages_.rbegin(); it != messages_.rend(); ++it) {
    if ((*it)["type"].AsString() == "result") return *it;
  }
  return Json();
}

}  // namespace integrations::github
