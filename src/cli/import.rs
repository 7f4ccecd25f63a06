//! `policybook import`: old documents in, and the handbook checked after.

use super::*;

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

pub(super) fn run(args: ImportArgs, ui: &Output) -> Result<ExitCode> {
    let today = today(args.today);
    let progress = ui.progress();
    let outcome = crate::import::import(
        &crate::import::Options {
            inputs: args.inputs,
            into: args.into,
            category: args.category,
            dry_run: args.dry_run,
            force: args.force,
            today,
        },
        &progress,
    )?;
    let checked = if outcome.dry_run || outcome.imported.is_empty() {
        None
    } else {
        Some(Handbook::open_with(
            &outcome.handbook,
            today,
            Purpose::Check,
            &progress,
        )?)
    };
    let checked_report = checked.as_ref().map(|hb| &hb.report);
    match args.format {
        ImportFormat::Json => {
            let mut value = serde_json::json!({ "schema_version": 1, "import": &outcome });
            if let Some(report) = checked_report {
                value["check"] =
                    serde_json::from_str(&report::json(report)).unwrap_or(serde_json::Value::Null);
            }
            print_stdout(&format!("{value:#}\n"));
        }
        ImportFormat::Text => {
            let mut out = if ui.quiet() {
                outcome.not_imported()
            } else {
                outcome.text()
            };
            if let Some(report) = checked_report {
                let options = report::Options {
                    quiet: ui.quiet(),
                    ..Default::default()
                };
                let found = report::render(report, Format::Text, &options);
                if !found.is_empty() {
                    if !ui.quiet() {
                        out.push_str("\nThe handbook, checked after the import:\n\n");
                    }
                    out.push_str(&found);
                }
            }
            print_stdout(&report::for_terminal_lines(&out));
        }
    }
    if let Some(hb) = &checked {
        ui.details(hb, &[]);
    }
    Ok(exit_for(!outcome.skipped.is_empty()))
}
