//! `policybook build`: open the handbook for the site, report its problems,
//! write the site, and summarise what was written.

use super::*;

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

pub(super) fn run(args: BuildArgs, ui: &Output) -> Result<ExitCode> {
    let started = Instant::now();
    if let Some(b) = &args.base_url {
        crate::handbook::config::check_base_url(b).map_err(Error::Usage)?;
    }
    let progress = ui.progress();
    let hb = Handbook::open_with(&args.handbook, today(args.today), Purpose::Site, &progress)?;
    hb.require_policies()?;
    // Like mdBook's book/ and Zola's public/: beside the policies, where
    // `init`'s .gitignore expects it.
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.handbook.join(crate::site::write::DEFAULT_OUTPUT));
    let out = crate::site::write::check_output(&args.handbook, &output)?;
    let problems = report::Options {
        color: ui.color_for(&std::io::stderr()),
        strict: args.strict,
        quiet: ui.quiet(),
        ..Default::default()
    };
    let mut problem_report = hb.report.clone();
    problem_report
        .findings
        .retain(|f| f.severity != crate::handbook::findings::Severity::Info);
    if !problem_report.findings.is_empty() {
        print_stderr(&report::text(&problem_report, &problems));
    }
    if !hb.unparseable.is_empty() {
        print_stderr(&format!(
            "error: the site was not written, because {} could not be read as {}: fix the problems above and build again.\n",
            report::for_terminal(&list_files(&hb.unparseable)),
            if hb.unparseable.len() == 1 {
                "a policy"
            } else {
                "policies"
            }
        ));
        return Ok(ExitCode::from(1));
    }
    let options = BuildOptions {
        render: crate::site::render::Options {
            drafts: args.drafts,
            base_url: args.base_url.clone(),
        },
    };
    let built = crate::site::build::build(&hb, &out, &options, &progress)?;
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
    ui.say(&summary);
    ui.details(
        &hb,
        &[
            ("render and write the pages", built.render_time),
            ("build the search index (meanwhile)", built.search_time),
            ("in all", started.elapsed()),
        ],
    );
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
