//! `policybook report`: the review schedule as CSV, JSON, Markdown or a calendar.

use super::*;

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

pub(super) fn run(args: ReportArgs, ui: &Output) -> Result<ExitCode> {
    use crate::site::schedule;
    let hb = open(&args.handbook, args.today, Purpose::Check, ui)?;
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
    ui.details(&hb, &[]);
    exiting_with(hb);
    Ok(ExitCode::SUCCESS)
}
