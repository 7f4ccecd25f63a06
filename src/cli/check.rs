//! `policybook check`: the CI gate, the report in the format asked for.

use super::*;

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

pub(super) fn run(args: CheckArgs, ui: &Output) -> Result<ExitCode> {
    // Asked first: a revision git does not know stops the run before the
    // handbook is read.
    let changes = match &args.changed_since {
        Some(revision) => Some(crate::git::changed_since(&args.handbook, revision)?),
        None => None,
    };
    let mut hb = open(&args.handbook, args.today, Purpose::Check, ui)?;
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
        color: ui.color_for(&std::io::stdout()),
        strict: args.strict,
        path_prefix: prefix,
        quiet: ui.quiet(),
    };
    let out = report::render(&hb.report, args.format.into(), &options);
    // Markdown holds a handbook's text as written, for a terminal or a
    // CI log; the other formats escape it for themselves.
    match args.format {
        FormatArg::Markdown => print_stdout(&report::for_terminal_lines(&out)),
        _ => print_stdout(&out),
    }
    ui.details(&hb, &[]);
    let code = exit_for(hb.report.fails(args.strict));
    exiting_with(hb);
    Ok(code)
}
