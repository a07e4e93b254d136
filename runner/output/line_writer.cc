#include "runner/output/line_writer.h"

#include "runner/base/files.h"
#include "runner/base/log.h"

namespace runner::output {

void LineWriter::WriteLine(std::string line) {
  line.push_back('\n');
  Write(line);
}

void LineWriter::Write(std::string_view text) {
  if (failed_ || text.empty()) return;
  if (auto written = base::WriteAll(fd_, text); !written) {
    failed_ = true;
    base::log::Warn("output: {}; dropping further output", written.error().message);
  }
}

}  // namespace runner::output
