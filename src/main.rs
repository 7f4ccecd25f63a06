//! The `policybook` command. All the work happens in the library; this only
//! hands the process arguments to [`policybook::cli::run`] and exits with the
//! code it returns.

fn main() -> std::process::ExitCode {
    policybook::cli::run(std::env::args_os())
}
