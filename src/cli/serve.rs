//! `policybook serve`, and `policybook` with no arguments (a double-click):
//! the preview.

use super::*;

#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  policybook serve handbook --open")]
pub struct ServeArgs {
    /// The handbook folder (the one that holds handbook.yaml).
    #[arg(default_value = ".")]
    pub handbook: PathBuf,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
    /// The address to listen on. Anything but 127.0.0.1 lets other computers see the preview.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Judge review dates as of this day (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE", value_parser = parse_today)]
    pub today: Option<Date>,
    /// The sub-path to serve under (overrides handbook.yaml).
    #[arg(long, value_name = "PATH")]
    pub base_url: Option<String>,
    /// Leave drafts out, as `build` does by default (the preview shows them).
    #[arg(long)]
    pub no_drafts: bool,
}

pub(super) fn run(args: ServeArgs, ui: &Output) -> Result<ExitCode> {
    run_serve_for(args, false, ui.verbosity)
}

fn run_serve_for(args: ServeArgs, for_editor: bool, verbosity: Verbosity) -> Result<ExitCode> {
    if let Some(b) = &args.base_url {
        crate::handbook::config::check_base_url(b).map_err(Error::Usage)?;
    }
    crate::serve::serve(crate::serve::ServeOptions {
        handbook: args.handbook,
        bind: args.bind,
        port: args.port,
        open: args.open,
        today: args.today,
        build: BuildOptions {
            render: crate::site::render::Options {
                drafts: !args.no_drafts,
                base_url: args.base_url,
            },
        },
        for_editor,
        verbosity,
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `policybook` with no arguments, as a double-click starts it: the
/// preview of the handbook here (the folder it is run in, or the one
/// beside the program), in the browser; anywhere else a short help.
pub(super) fn run_default() -> Result<ExitCode> {
    let here = std::env::current_dir().ok();
    let beside_program = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(std::path::Path::to_path_buf));
    let found = [here, beside_program]
        .into_iter()
        .flatten()
        .find_map(|dir| crate::handbook::find_handbook(&dir));
    match found {
        Some(handbook) => run_serve_for(
            ServeArgs {
                handbook,
                port: 4000,
                bind: std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
                open: true,
                today: None,
                base_url: None,
                no_drafts: false,
            },
            true,
            Verbosity::Normal,
        ),
        None => {
            print_stderr(SHORT_HELP);
            Ok(ExitCode::from(2))
        }
    }
}

/// What `policybook` with no arguments prints where there is no handbook.
const SHORT_HELP: &str = "\
policybook makes an intranet website from a folder of policies.

There is no handbook here. A handbook is a folder holding handbook.yaml and
the policies, written as .md files. To see one as a website while you edit
it, put policybook in that folder (or in the folder above it) and
double-click it, or run:

  policybook serve HANDBOOK-FOLDER --open    preview it, reloading as you save
  policybook check HANDBOOK-FOLDER           list its problems
  policybook build HANDBOOK-FOLDER -o SITE   make the website in SITE
  policybook init NEW-FOLDER                 make a new handbook to start from

policybook --help says more.
";
