//! The `policybook` command. All the work happens in the library; this only
//! hands the process arguments to [`policybook::cli::run`] and exits with the
//! code it returns.

/// mimalloc rather than the system allocator: rendering and indexing make
/// many small strings on several threads at once, which glibc's malloc
/// serves more slowly (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    policybook::cli::run(std::env::args_os())
}
