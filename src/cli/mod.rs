//! The command line: arguments in, exit code out. Every command returns
//! 0 (done), 1 (the handbook has errors) or 2 (could not run); nothing here
//! or below calls `process::exit`. One module per command (its arguments
//! and its run), and [`output`] for what every command prints.

mod build;
mod check;
mod import;
mod init;
pub mod output;
mod schedule;
mod serve;

pub use build::BuildArgs;
pub use check::{CheckArgs, FormatArg};
pub use import::{ImportArgs, ImportFormat};
pub use init::{InitArgs, NewArgs};
pub use schedule::{ReportArgs, ScheduleFormat};
pub use serve::ServeArgs;

use crate::report::Verbosity;
use output::{Output, print_stderr, print_stdout};

use crate::error::{Error, Result};
use crate::handbook::Handbook;
use crate::handbook::parse::Purpose;
use crate::report::{self, Format};
use crate::site::build::BuildOptions;
use clap::{Parser, Subcommand};
use jiff::civil::Date;
use std::ffi::OsString;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Build and check a policy handbook: Markdown policies with review dates,
/// owners and cross-references, published as an intranet site.
#[derive(Debug, Parser)]
#[command(
    name = "policybook",
    version = env!("POLICYBOOK_VERSION"),
    about,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Colour the report: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    pub color: ColorWhen,
    /// Print errors only (a report's data, such as --format json, is printed whole).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print how long each stage took, and the files not read and why (to stderr).
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

impl Cli {
    /// What the global options ask of every command's output.
    pub fn output(&self) -> Output {
        Output {
            verbosity: if self.quiet {
                Verbosity::Quiet
            } else if self.verbose {
                Verbosity::Verbose
            } else {
                Verbosity::Normal
            },
            color: self.color,
        }
    }
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the handbook as a website (add --check to exit 1 when it has errors).
    Build(BuildArgs),
    /// Validate the handbook and render nothing: the CI gate.
    Check(CheckArgs),
    /// Preview the handbook: rebuilds on save, reloads the browser, shows problems in the page.
    Serve(ServeArgs),
    /// Make a new handbook in an empty folder: settings, two example policies, a template.
    Init(InitArgs),
    /// Write a new policy into the handbook, its front-matter complete, in its category's folder.
    New(NewArgs),
    /// Print the shell completion script for bash, zsh, fish, powershell or elvish.
    #[command(
        after_help = "Examples, one for each shell:\n  policybook completions bash > ~/.local/share/bash-completion/completions/policybook\n  policybook completions zsh > ~/.zfunc/_policybook   (with fpath+=~/.zfunc before compinit in ~/.zshrc)\n  policybook completions fish > ~/.config/fish/completions/policybook.fish\n  policybook completions powershell | Out-String | Invoke-Expression   (in $PROFILE)\n  policybook completions elvish > ~/.config/elvish/lib/policybook.elv   (then: use policybook in rc.elv)"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for man: policybook(1), or a command's own.
    #[command(
        after_help = "Examples:\n  policybook man > policybook.1   (then: man -l policybook.1)\n  policybook man check > policybook-check.1"
    )]
    Man {
        /// The command whose page to print (policybook-check(1)) [default: policybook(1)].
        command: Option<String>,
    },
    /// Bring old policy documents (.txt, .md, .docx) into the handbook, with owner, dates and related policies read from their text.
    Import(ImportArgs),
    /// The review schedule: every published policy's owner, review date and status, for a spreadsheet, a script or a reminder email.
    Report(ReportArgs),
}

fn parse_today(s: &str) -> std::result::Result<Date, String> {
    crate::handbook::review::read_date(s).map_err(|hint| format!("\"{s}\" is not a date ({hint})"))
}

/// A number of days: a whole number from 0 to 36,500 (a century).
fn parse_days(s: &str) -> std::result::Result<i64, String> {
    match s.trim().parse::<i64>() {
        Ok(n) if (0..=36_500).contains(&n) => Ok(n),
        _ => Err(format!(
            "\"{s}\" is not a number of days (write a whole number, 0 or more, such as 30)"
        )),
    }
}

fn today(given: Option<Date>) -> Date {
    given.unwrap_or_else(|| jiff::ZonedDateTime::now().date())
}

/// Runs the command line and returns the process exit code.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> ExitCode {
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    if args.len() <= 1 {
        let code = finish(serve::run_default());
        pause_if_double_clicked(code == ExitCode::SUCCESS);
        return code;
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let out = cli.output();
    finish(match cli.command {
        Command::Build(args) => build::run(args, &out),
        Command::Check(args) => check::run(args, &out),
        Command::Serve(args) => serve::run(args, &out),
        Command::Init(args) => init::run_init(args, &out),
        Command::New(args) => init::run_new(args, &out),
        Command::Completions { shell } => print_generated(|out| {
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "policybook",
                out,
            );
            Ok(())
        }),
        Command::Man { command } => manual(command.as_deref()),
        Command::Import(args) => import::run(args, &out),
        Command::Report(args) => schedule::run(args, &out),
    })
}

/// The exit code of a command's result, printing the error if there is one.
fn finish(result: Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) => {
            output::print_stderr(&format!(
                "error: {}\n",
                report::for_terminal(&e.to_string())
            ));
            ExitCode::from(2)
        }
    }
}

/// On Windows, a program started by a double-click has a window of its
/// own that closes the moment it exits: when it stops with something to
/// read, it waits for Enter first.
fn pause_if_double_clicked(succeeded: bool) {
    #[cfg(windows)]
    if !succeeded && std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        eprintln!("\nPress Enter to close this window.");
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
    }
    #[cfg(not(windows))]
    let _ = succeeded;
}

/// Opens the handbook for a command, showing progress on `ui`, and
/// refuses (exit 2) one with no policies.
fn open(
    handbook: &std::path::Path,
    given: Option<Date>,
    purpose: Purpose,
    ui: &Output,
) -> Result<Handbook> {
    let hb = Handbook::open_with(handbook, today(given), purpose, &ui.progress())?;
    hb.require_policies()?;
    Ok(hb)
}

/// Prints the manual page of policybook, or of one of its commands.
fn manual(command: Option<&str>) -> Result<ExitCode> {
    let mut cli = <Cli as clap::CommandFactory>::command();
    // Gives each command its page's name (policybook-check).
    cli.build();
    let page = match command {
        None => cli,
        Some(name) => match cli.find_subcommand(name) {
            Some(sub) if name != "help" => sub.clone().version(env!("POLICYBOOK_VERSION")),
            _ => {
                let names: Vec<&str> = cli
                    .get_subcommands()
                    .map(|s| s.get_name())
                    .filter(|n| *n != "help")
                    .collect();
                return Err(Error::Usage(format!(
                    "policybook has no command \"{}\": give one of {}",
                    report::for_terminal(name),
                    names.join(", ")
                )));
            }
        },
    };
    print_generated(|out| clap_mangen::Man::new(page).render(out))
}

/// Prints what `write` makes (a completion script, the manual page).
fn print_generated(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result<ExitCode> {
    let mut out = Vec::new();
    write(&mut out).map_err(|e| Error::Usage(format!("could not make it: {e}")))?;
    print_stdout(&String::from_utf8_lossy(&out));
    Ok(ExitCode::SUCCESS)
}

/// Lets go of a handbook when the command is about to exit, without
/// freeing it: the system takes the whole memory back at once, while
/// freeing a large handbook's strings one by one takes a tenth of a
/// second (measured at 10,000 policies).
fn exiting_with(hb: Handbook) {
    std::mem::forget(hb);
}

fn list_files(files: &[String]) -> String {
    match files {
        [one] => one.clone(),
        many if many.len() <= 5 => many.join(", "),
        many => format!("{} and {} more files", many[..5].join(", "), many.len() - 5),
    }
}

fn exit_for(fails: bool) -> ExitCode {
    if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// `"a b" c` → [`a b`, `c`]: the examples' words, as a shell splits
    /// them (double quotes only; a redirect ends the command).
    fn words(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word = String::new();
        let (mut quoted, mut any) = (false, false);
        for c in line.chars() {
            match c {
                '"' => (quoted, any) = (!quoted, true),
                '>' | '|' if !quoted => break,
                c if c.is_whitespace() && !quoted => {
                    if any {
                        out.push(std::mem::take(&mut word));
                    }
                    any = false;
                }
                c => (word.push(c), any = true).1,
            }
        }
        if any {
            out.push(word);
        }
        out
    }

    #[test]
    fn every_command_has_examples_that_parse() {
        let cli = Cli::command();
        for sub in cli.get_subcommands() {
            let help = sub
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            let examples: Vec<&str> = help
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with("policybook "))
                .collect();
            assert!(!examples.is_empty(), "{} has no example", sub.get_name());
            for example in examples {
                let args = words(example);
                assert!(
                    Cli::try_parse_from(&args).is_ok(),
                    "{example} does not parse: {args:?}"
                );
            }
        }
        assert_eq!(words("a \"b c\" d > x"), ["a", "b c", "d"]);
    }
}
