#pragma once
/// The composition root: builds every concrete part from flags and environment, runs the
/// session, and returns the process exit code. The only place concrete classes are constructed.

namespace runner::cli {

int Run(int argc, const char* const* argv);

}  // namespace runner::cli
