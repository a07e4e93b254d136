#include "runner/cli/run.h"

int main(int argc, char** argv) { return runner::cli::Run(argc, argv); }
