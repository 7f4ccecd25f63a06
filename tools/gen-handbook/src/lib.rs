//! Writes a synthetic policy handbook of any size, with a known number of
//! planted problems, for policybook's tests and benchmarks.
//!
//! [`generate`] writes the handbook (or the same policies as a Hugo, Zola
//! or mdBook site, [`Flavor`]) into an empty folder, with an
//! `expected.json` that says what was planted, and returns the same
//! [`Expected`]. The output depends only on the [`Options`]: the same
//! options give byte-identical files on every machine. `docs/gen-handbook.md`
//! describes the handbooks it writes.
//!
//! How it is put together: [`plan`] chooses the policies (titles, ids,
//! folders, owners), [`schedule`] their statuses and review dates and the
//! form their front-matter writes them in, [`links`] the references each
//! one makes (the planted broken ones included), [`prose`] their bodies;
//! [`render`] and [`front_matter`] turn that into each flavor's Markdown,
//! [`flavors`] writes the files around the policies, and [`expected`] is
//! what was planted.

pub mod expected;
pub mod flavors;
pub mod front_matter;
pub mod links;
pub mod output;
pub mod plan;
pub mod prose;
pub mod render;
pub mod rng;
pub mod schedule;
pub mod vocab;

use std::path::{Path, PathBuf};

pub use expected::{Expected, Summary};
use jiff::civil::Date;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Policies to write, drafts and retired ones included (1 to
    /// [`MAX_POLICIES`]).
    pub policies: usize,
    /// Change it for a different handbook of the same shape.
    pub seed: u64,
    pub flavor: Flavor,
    /// The date review status is judged against.
    pub today: Date,
    /// Words of prose per policy, roughly (each varies by ±15%; 50 to
    /// [`MAX_WORDS`]).
    pub words: usize,
}

/// The most policies (about 7 GB of Markdown) and words per policy
/// [`generate`] accepts.
pub const MAX_POLICIES: usize = 1_000_000;
pub const MAX_WORDS: usize = 100_000;

/// The date review status is judged against unless told otherwise.
pub const DEFAULT_TODAY: Date = jiff::civil::date(2026, 11, 23);

impl Options {
    /// `policies` policies, seed 1, a policybook handbook, as of
    /// [`DEFAULT_TODAY`], 900 words each.
    pub fn new(policies: usize) -> Options {
        Options {
            policies,
            seed: 1,
            flavor: Flavor::Policybook,
            today: DEFAULT_TODAY,
            words: 900,
        }
    }

    /// Refuses options out of range, naming them as the command line does.
    fn check(&self) -> Result<(), Error> {
        if !(1..=MAX_POLICIES).contains(&self.policies) {
            return Err(Error::Option(format!(
                "--policies must be between 1 and {MAX_POLICIES}"
            )));
        }
        if !(50..=MAX_WORDS).contains(&self.words) {
            return Err(Error::Option(format!(
                "--words must be between 50 and {MAX_WORDS}"
            )));
        }
        // Dates reach about ten years either side of today.
        if !(1900..=9000).contains(&self.today.year()) {
            return Err(Error::Option(
                "--today must be a date between the years 1900 and 9000".into(),
            ));
        }
        Ok(())
    }
}

/// The layout the policies are written in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Flavor {
    /// A handbook as policybook reads it.
    Policybook,
    /// A Hugo site with the same policies.
    Hugo,
    /// A Zola site with the same policies.
    Zola,
    /// An mdBook book with the same policies.
    Mdbook,
}

impl Flavor {
    pub fn name(self) -> &'static str {
        match self {
            Flavor::Policybook => "policybook",
            Flavor::Hugo => "hugo",
            Flavor::Zola => "zola",
            Flavor::Mdbook => "mdbook",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An option out of range.
    #[error("{0}")]
    Option(String),
    #[error("{} exists and is not an empty folder", .0.display())]
    NotEmpty(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes the handbook `opts` describes into `out_dir`, which must be
/// absent or an empty folder, with `expected.json`; returns what was
/// planted.
pub fn generate(out_dir: &Path, opts: &Options) -> Result<Expected, Error> {
    opts.check()?;
    output::claim(out_dir)?;
    let handbook = plan::policies(opts);
    let mut out = output::Writer::new(out_dir);
    flavors::write_site(&mut out, opts, &handbook)?;
    let mut planted = expected::Tally::new(opts.flavor);
    for p in &handbook.policies {
        let body = prose::body(p, &handbook, opts);
        let rendered = render::policy_file(p, &body, &handbook, opts.flavor);
        planted.count(p, &body, &rendered);
        let path = flavors::content_path(opts.flavor, p);
        out.write_counted(&path, rendered.text.as_bytes())?;
    }
    let expected = planted.finish(opts, &handbook, out.counted_bytes());
    let mut json = serde_json::to_string_pretty(&expected).expect("plain data serialises");
    json.push('\n');
    out.write("expected.json", json.as_bytes())?;
    Ok(expected)
}
