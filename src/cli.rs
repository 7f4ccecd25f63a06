//! The command line: arguments in, exit code out. Every command returns
//! 0 (done), 1 (the handbook has errors) or 2 (could not run); nothing here
//! or below calls `process::exit`.

use crate::error::{Error, Result};
use crate::handbook::Handbook;
use crate::handbook::parse::Purpose;
use crate::report::{self, Format};
use crate::site::build::{self, BuildOptions};
use clap::{Parser, Subcommand};
use jiff::civil::Date;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
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
        after_help = "Examples, one for each shell:\n  policybook completions bash > ~/.local/share/bash-completion/completions/policybook\n  policybook completions zsh > ~/.zfunc/_policybook   (with fpath+=~/.zfunc before compinit in ~/.zshrc)\n  policybook completions fish > ~/.config/fish/completions/policybook.fish\n  policybook completions powershell | Out-String | Invoke-Expression   (in $PROFILE)"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for man.
    #[command(
        after_help = "Example:\n  policybook man > policybook.1   (then: man -l policybook.1)"
    )]
    Man,
    /// Bring old policy documents (.txt, .md, .docx) into the handbook, with owner, dates and related policies read from their text.
    Import(ImportArgs),
    /// The review schedule: every published policy's owner, review date and status, for a spreadsheet, a script or a reminder email.
    Report(ReportArgs),
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  policybook report handbook --format csv > reviews.csv\n  policybook report handbook --owner \"Office Manager\" --within 60"
)]
pub struct ReportArgs {
    /// The handbook folder (the one that holds handbook.yaml).
    #[arg(default_value = ".")]
    pub handbook: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    pub format: ScheduleFormat,
    /// Judge review dates as of this day (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE", value_parser = parse_today)]
    pub today: Option<Date>,
    /// Only this owner's policies: the owner as registered, the person's name or their email, in any case.
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// Only reviews due within this many days (overdue ones included).
    #[arg(long, value_name = "DAYS", allow_negative_numbers = true, value_parser = parse_days)]
    pub within: Option<i64>,
}

/// `report --format`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ScheduleFormat {
    Csv,
    Json,
    Md,
    Ics,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  policybook import old-policies --into my-handbook")]
pub struct ImportArgs {
    /// The documents, and folders of them (read with their sub-folders).
    #[arg(required = true, value_name = "FILE_OR_FOLDER")]
    pub inputs: Vec<PathBuf>,
    /// The folder to write the policies to: in a handbook, or a new one is made there.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub into: PathBuf,
    /// The category of every policy imported [default: each document's sub-folder].
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Write nothing: show what would be written.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace policy files that exist.
    #[arg(long)]
    pub force: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ImportFormat,
    /// Judge review dates in the check after the import as of this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_today)]
    pub today: Option<Date>,
}

/// `import --format`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ImportFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  policybook init my-handbook --title \"Staff Handbook\" --organisation \"Riverside Children's Centre\""
)]
pub struct InitArgs {
    /// The folder to make it in (new, or empty).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The handbook's name, shown on every page.
    #[arg(long)]
    pub title: Option<String>,
    /// Who the handbook belongs to.
    #[arg(long, alias = "organization")]
    pub organisation: Option<String>,
    /// Count the example review dates from this day (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE", value_parser = parse_today)]
    pub today: Option<Date>,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  policybook new \"Lone Working\" --owner \"Centre Manager\" --category People --review-every \"2 years\""
)]
pub struct NewArgs {
    /// The policy's title ("Lone Working"); its id and file name come from it.
    pub title: String,
    /// The handbook folder (the one that holds handbook.yaml).
    #[arg(default_value = ".")]
    pub handbook: PathBuf,
    /// Who keeps it up to date, a person or a role (else the owner set under defaults: in handbook.yaml or a _folder.yaml).
    #[arg(long)]
    pub owner: Option<String>,
    /// Its category, as the handbook already has it or as a top folder is named: the policy goes in that category's folder (else at the top of the handbook).
    #[arg(long)]
    pub category: Option<String>,
    /// How often it is reviewed: "1 year", "6 months", "termly"… (else the defaults', else 1 year).
    #[arg(long, value_name = "CYCLE")]
    pub review_every: Option<String>,
    /// Write it as of this day (YYYY-MM-DD) instead of today: last_reviewed, and review_by from it.
    #[arg(long, value_name = "DATE", value_parser = parse_today)]
    pub today: Option<Date>,
}

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

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  policybook build handbook\n  policybook build handbook -o /srv/intranet/policies --base-url /policies/"
)]
pub struct BuildArgs {
    /// The handbook folder (the one that holds handbook.yaml).
    #[arg(default_value = ".")]
    pub handbook: PathBuf,
    /// Where to write the site [default: site/ in the handbook folder].
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The sub-path the site is served from, such as /intranet/policies/ (overrides handbook.yaml).
    #[arg(long, value_name = "PATH")]
    pub base_url: Option<String>,
    /// Judge review dates as of this day (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE", value_parser = parse_today)]
    pub today: Option<Date>,
    /// Publish draft policies too.
    #[arg(long)]
    pub drafts: bool,
    /// After writing the site, exit as `check` would: 1 when the handbook
    /// has errors (overdue reviews, broken references), for a one-step CI job.
    #[arg(long)]
    pub check: bool,
    /// With --check: fail on warnings too.
    #[arg(long, requires = "check")]
    pub strict: bool,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  policybook check handbook\n  policybook check handbook --format github --changed-since origin/main"
)]
pub struct CheckArgs {
    /// The handbook folder (the one that holds handbook.yaml).
    #[arg(default_value = ".")]
    pub handbook: PathBuf,
    /// Judge review dates as of this day (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE", value_parser = parse_today)]
    pub today: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: FormatArg,
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// A review overdue by this many days or fewer is a warning, not yet an error.
    #[arg(long, value_name = "DAYS", allow_negative_numbers = true, value_parser = parse_days)]
    pub grace_days: Option<i64>,
    /// Judge only the policies changed since this git revision (and those that link to them).
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
}

/// `check --format`: the command line's names for [`Format`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Text,
    Json,
    Github,
    Junit,
    Markdown,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
            FormatArg::Junit => Format::Junit,
            FormatArg::Markdown => Format::Markdown,
        }
    }
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
        let code = finish(run_default());
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
    finish(match cli.command {
        Command::Build(args) => run_build(args, cli.color),
        Command::Check(args) => run_check(args, cli.color),
        Command::Serve(args) => run_serve(args),
        Command::Init(args) => run_init(args),
        Command::New(args) => run_new(args),
        Command::Completions { shell } => print_generated(|out| {
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "policybook",
                out,
            );
            Ok(())
        }),
        Command::Man => print_generated(|out| {
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(out)
        }),
        Command::Import(args) => run_import(args),
        Command::Report(args) => run_report(args),
    })
}

/// The exit code of a command's result, printing the error if there is one.
fn finish(result: Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", report::for_terminal(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

/// On Windows, a program started by a double-click has a window of its
/// own that closes the moment it exits: when it stops with something to
/// read, it waits for Enter first.
fn pause_if_double_clicked(succeeded: bool) {
    #[cfg(windows)]
    if !succeeded && std::io::stdin().is_terminal() {
        eprintln!("\nPress Enter to close this window.");
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
    }
    #[cfg(not(windows))]
    let _ = succeeded;
}

/// Whether to colour what goes to `stream`: as `--color` says, and for
/// `auto`, on a terminal unless `NO_COLOR` is set (no-color.org).
fn color_for(when: ColorWhen, stream: &impl IsTerminal) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => stream.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn run_check(args: CheckArgs, color: ColorWhen) -> Result<ExitCode> {
    // Asked first: a revision git does not know stops the run before the
    // handbook is read.
    let changes = match &args.changed_since {
        Some(revision) => Some(crate::git::changed_since(&args.handbook, revision)?),
        None => None,
    };
    let mut hb = Handbook::open(&args.handbook, today(args.today), Purpose::Check)?;
    hb.require_policies()?;
    if let Some(changes) = &changes {
        crate::handbook::changed::narrow(&mut hb, &changes.revision, &changes.files, |rel| {
            crate::git::show(&args.handbook, &changes.commit, rel)
        });
    }
    if let Some(days) = args.grace_days {
        crate::handbook::check::grace(&mut hb.report, days);
    }
    let prefix = match args.handbook.to_string_lossy().trim_end_matches('/') {
        "" | "." => String::new(),
        p => format!("{p}/"),
    };
    let options = report::Options {
        color: color_for(color, &std::io::stdout()),
        strict: args.strict,
        path_prefix: prefix,
    };
    let out = report::render(&hb.report, args.format.into(), &options);
    // Markdown holds a handbook's text as written, for a terminal or a
    // CI log; the other formats escape it for themselves.
    match args.format {
        FormatArg::Markdown => print_stdout(&report::for_terminal_lines(&out)),
        _ => print_stdout(&out),
    }
    let code = exit_for(hb.report.fails(args.strict));
    exiting_with(hb);
    Ok(code)
}

fn run_init(args: InitArgs) -> Result<ExitCode> {
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| match &args.organisation {
            Some(o) => format!("{} Policy Handbook", o.trim()),
            None => "Policy Handbook".to_string(),
        });
    let made = crate::init::init(&crate::init::InitOptions {
        dir: args.dir.clone(),
        title,
        organisation: args.organisation,
        today: today(args.today),
    })?;
    let shown = report::for_terminal(&args.dir.display().to_string()).into_owned();
    let mut out = format!("Made a new handbook in {shown}:\n");
    for file in &made.files {
        out.push_str(&format!("  {file}\n"));
    }
    out.push_str(&format!(
        "  {}/ (for images, forms and other files to link to)\n\nNext: `policybook serve {shown} --open` to see it in your browser as you edit it, `policybook check {shown}` to check it, and `policybook build {shown}` to make the site (in {shown}/site).\n",
        crate::handbook::load::ASSETS_DIR
    ));
    print_stdout(&out);
    Ok(ExitCode::SUCCESS)
}

/// Prints what `write` makes (a completion script, the manual page).
fn print_generated(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result<ExitCode> {
    let mut out = Vec::new();
    write(&mut out).map_err(|e| Error::Usage(format!("could not make it: {e}")))?;
    print_stdout(&String::from_utf8_lossy(&out));
    Ok(ExitCode::SUCCESS)
}

fn run_new(args: NewArgs) -> Result<ExitCode> {
    let made = crate::init::new::new_policy(&crate::init::new::NewOptions {
        handbook: args.handbook.clone(),
        title: args.title,
        owner: args.owner,
        category: args.category,
        review_every: args.review_every,
        today: today(args.today),
    })?;
    let shown = report::for_terminal(&args.handbook.display().to_string()).into_owned();
    let path = args.handbook.join(&made.file);
    print_stdout(&format!(
        "{}\n\nWrote the policy {} (id {}), a draft due for review on {}. Write it, then change status: draft to active when it is agreed; `policybook serve {shown} --open` shows it as you edit.\n",
        report::for_terminal(&path.display().to_string()),
        report::for_terminal(&made.file),
        made.id,
        crate::site::render::human_date(made.review_by),
    ));
    Ok(ExitCode::SUCCESS)
}

fn run_report(args: ReportArgs) -> Result<ExitCode> {
    use crate::site::schedule;
    let hb = Handbook::open(&args.handbook, today(args.today), Purpose::Check)?;
    hb.require_policies()?;
    let rows = schedule::rows(
        &hb,
        &schedule::Filter {
            owner: args.owner.clone(),
            within: args.within,
        },
        &hb.config.base_url,
    );
    let format = match args.format {
        ScheduleFormat::Csv => schedule::Format::Csv,
        ScheduleFormat::Json => schedule::Format::Json,
        ScheduleFormat::Md => schedule::Format::Markdown,
        ScheduleFormat::Ics => schedule::Format::Ics,
    };
    let calendar = schedule::Calendar::of(&hb, args.owner.as_deref());
    let out = schedule::render(&rows, format, &calendar);
    // CSV and JSON are data, escaped for their own formats; Markdown goes
    // to a terminal or a CI log.
    match format {
        schedule::Format::Markdown => print_stdout(&report::for_terminal_lines(&out)),
        _ => print_stdout(&out),
    }
    exiting_with(hb);
    Ok(ExitCode::SUCCESS)
}

fn run_import(args: ImportArgs) -> Result<ExitCode> {
    let today = today(args.today);
    let outcome = crate::import::import(&crate::import::Options {
        inputs: args.inputs,
        into: args.into,
        category: args.category,
        dry_run: args.dry_run,
        force: args.force,
        today,
    })?;
    let checked = if outcome.dry_run || outcome.imported.is_empty() {
        None
    } else {
        let hb = Handbook::open(&outcome.handbook, today, Purpose::Check)?;
        Some(hb.report)
    };
    match args.format {
        ImportFormat::Json => {
            let mut value = serde_json::json!({ "schema_version": 1, "import": &outcome });
            if let Some(report) = &checked {
                value["check"] =
                    serde_json::from_str(&report::json(report)).unwrap_or(serde_json::Value::Null);
            }
            print_stdout(&format!("{value:#}\n"));
        }
        ImportFormat::Text => {
            let mut out = outcome.text();
            if let Some(report) = &checked {
                out.push_str("\nThe handbook, checked after the import:\n\n");
                let options = report::Options {
                    color: false,
                    strict: false,
                    path_prefix: String::new(),
                };
                out.push_str(&report::render(report, Format::Text, &options));
            }
            print_stdout(&report::for_terminal_lines(&out));
        }
    }
    Ok(exit_for(!outcome.skipped.is_empty()))
}

fn run_serve(args: ServeArgs) -> Result<ExitCode> {
    run_serve_for(args, false)
}

fn run_serve_for(args: ServeArgs, for_editor: bool) -> Result<ExitCode> {
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
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `policybook` with no arguments, as a double-click starts it: the
/// preview of the handbook here (the folder it is run in, or the one
/// beside the program), in the browser; anywhere else a short help.
fn run_default() -> Result<ExitCode> {
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
        ),
        None => {
            eprint!("{SHORT_HELP}");
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

fn run_build(args: BuildArgs, color: ColorWhen) -> Result<ExitCode> {
    let started = Instant::now();
    if let Some(b) = &args.base_url {
        crate::handbook::config::check_base_url(b).map_err(Error::Usage)?;
    }
    let hb = Handbook::open(&args.handbook, today(args.today), Purpose::Site)?;
    hb.require_policies()?;
    // Like mdBook's book/ and Zola's public/: beside the policies, where
    // `init`'s .gitignore expects it.
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.handbook.join(crate::site::write::DEFAULT_OUTPUT));
    let out = crate::site::write::check_output(&args.handbook, &output)?;
    let problems = report::Options {
        color: color_for(color, &std::io::stderr()),
        ..Default::default()
    };
    let mut problem_report = hb.report.clone();
    problem_report
        .findings
        .retain(|f| f.severity != crate::handbook::findings::Severity::Info);
    if !problem_report.findings.is_empty() {
        eprint!("{}", report::text(&problem_report, &problems));
    }
    if !hb.unparseable.is_empty() {
        eprintln!(
            "error: the site was not written, because {} could not be read as {}: fix the problems above and build again.",
            report::for_terminal(&list_files(&hb.unparseable)),
            if hb.unparseable.len() == 1 {
                "a policy"
            } else {
                "policies"
            }
        );
        return Ok(ExitCode::from(1));
    }
    let options = BuildOptions {
        render: crate::site::render::Options {
            drafts: args.drafts,
            base_url: args.base_url.clone(),
        },
    };
    let built = build::build(&hb, &out, &options)?;
    let rendered = &built.rendered;
    let s = &hb.report.summary;
    let base = options.render.base_url(&hb.config);
    let mut summary = format!(
        "Built {} into {} in {:.2}s: {}, {}, a search index of {} KB (made in {:.2}s).\n",
        report::count(rendered.policies, "policy", "policies"),
        output.display(),
        started.elapsed().as_secs_f64(),
        report::count(rendered.pages, "page", "pages"),
        report::count(rendered.assets, "asset", "assets"),
        built.search.bytes.div_ceil(1024),
        built.search_time.as_secs_f64(),
    );
    let checked = hb.report.policies;
    match rendered.drafts_left_out {
        0 => {}
        1 => summary.push_str(&format!(
            "{} of the {checked} policies are on the site: 1 draft was left out (add --drafts to include it).\n",
            rendered.policies
        )),
        n => summary.push_str(&format!(
            "{} of the {checked} policies are on the site: {n} drafts were left out (add --drafts to include them).\n",
            rendered.policies
        )),
    }
    if !hb.excluded.is_empty() {
        summary.push_str(&excluded_line(&hb.excluded));
    }
    summary.push_str(&format!(
        "Overdue: {}. Due soon: {}. Broken references: {}. Errors: {}. Warnings: {}.\n",
        s.overdue, s.due_soon, s.broken_references, s.errors, s.warnings
    ));
    summary.push_str(&format!(
        "Open {} in a browser, or copy the folder to your web server under {base}.\n",
        output.join(crate::site::render::urls::HOME).display()
    ));
    print_stdout(&report::for_terminal_lines(&summary));
    // The site is written: problems are on its pages and in the summary,
    // and only `--check` turns them into a failing exit code.
    let code = exit_for(args.check && hb.report.fails(args.strict));
    exiting_with(hb);
    Ok(code)
}

/// "Left out by exclude: in handbook.yaml: 2 files (a.tmpl.md, b.tmpl.md)
/// and 1 folder (drafts/).", naming at most five of each.
fn excluded_line(excluded: &[String]) -> String {
    let (folders, files): (Vec<&String>, Vec<&String>) =
        excluded.iter().partition(|rel| rel.ends_with('/'));
    let part = |items: &[&String], one: &str, many: &str| {
        let mut names: Vec<&str> = items.iter().take(5).map(|s| s.as_str()).collect();
        if items.len() > 5 {
            names.push("…");
        }
        format!(
            "{} ({})",
            report::count(items.len(), one, many),
            names.join(", ")
        )
    };
    let parts: Vec<String> = [(&files, "file", "files"), (&folders, "folder", "folders")]
        .into_iter()
        .filter(|(items, _, _)| !items.is_empty())
        .map(|(items, one, many)| part(items, one, many))
        .collect();
    format!(
        "Left out by exclude: in {}: {}.\n",
        crate::handbook::config::FILE_NAME,
        parts.join(" and ")
    )
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

/// Prints to stdout, ignoring a closed pipe (`policybook check | head`).
fn print_stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
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
