#include "integrations/github/outputs.h"

#include <fcntl.h>

#include <cerrno>
#include <cstring>

#include "runner/base/files.h"
#include "runner/base/uuid.h"

namespace integrations::github {

using runner::base::ErrorKind;
using runner::base::Fail;
using runner::base::Result;

namespace {

Result<void> Append(const std::filesystem::path& file, std::string_view data) {
  if (file.empty())
    return Fail(ErrorKind::kConfig, "no file to append to (the variable is not set)");
  runner::base::Fd fd(::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644));
  if (!fd.valid())
    return Fail(ErrorKind::kIo, "cannot open " + file.string() + ": " + std::strerror(errno));
  return runner::base::WriteAll(fd.get(), data);
}

}  // namespace

Result<void> AppendGithubOutput(const std::filesystem::path& file,
                                const std::vector<std::pair<std::string, std::string>>& values) {
  std::string text;
  for (const auto& [name, value] : values) {
    if (name.empty() || name.find_first_of("\r\n") != std::string::npos ||
        name.find("<<") != std::string::npos) {
      return Fail(ErrorKind::kUsage, "invalid output name `" + name + "`");
    }
    std::string delimiter;
    do {
      delimiter = "ghadelimiter_" + runner::base::NewUuid();
    } while (value.find(delimiter) != std::string::npos);
    text += name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n";
  }
  return Append(file, text);
}

Result<void> AppendStepSummary(const std::filesystem::path& file, std::string_view markdown) {
  std::string text(markdown);
  if (!text.ends_with('\n')) text += '\n';
  return Append(file, text);
}

}  // namespace integrations::github
