//! `policybook init` (a new handbook) and `policybook new` (a new policy).

use super::*;

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
    after_help = "Examples:\n  policybook new \"Home Visits\" --owner \"Centre Manager\" --category People --review-every \"2 years\"\n  policybook new \"Home Visits\" handbook --owner \"Centre Manager\" --category People"
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

pub(super) fn run_init(args: InitArgs, ui: &Output) -> Result<ExitCode> {
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
    ui.say(&out);
    Ok(ExitCode::SUCCESS)
}

pub(super) fn run_new(args: NewArgs, ui: &Output) -> Result<ExitCode> {
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
    // The path first and alone on its line, and alone with --quiet, for
    // a script: `$EDITOR "$(policybook new "Lone Working" --quiet)"`.
    print_stdout(&format!(
        "{}\n",
        report::for_terminal(&path.display().to_string())
    ));
    ui.say(&format!(
        "\nWrote the policy {} (id {}), a draft due for review on {}. Write it, then change status: draft to active when it is agreed; `policybook serve {shown} --open` shows it as you edit.\n",
        made.file,
        made.id,
        crate::site::render::human_date(made.review_by),
    ));
    Ok(ExitCode::SUCCESS)
}
