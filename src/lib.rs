//! policybook turns a folder of policies (Markdown with YAML front-matter)
//! into a cross-linked, searchable intranet site, and flags overdue reviews
//! and broken references.
//!
//! The pipeline reads top to bottom, one module per stage, in two folders:
//!
//! ```text
//! handbook/   load → parse → link → check      (a checked Handbook)
//! site/       render → write                   (pages, search index, files)
//! ```
//!
//! [`handbook::Handbook::open`] runs load, parse, link and check;
//! [`site::build::build`] renders and writes. Beside the pipeline, and
//! calling into it, never the other way: [`report`] prints a check's
//! findings in its formats, [`serve`] previews a handbook as it is edited,
//! [`init`] makes a new one, [`import`] turns old documents into policy
//! files, [`git`] answers what a change touched, and [`cli`] maps the
//! command line onto them. [`progress`] is how a long stage says how far
//! it has got, for the command line's progress bar.

pub mod cli;
pub mod error;
pub mod fs;
pub mod git;
pub mod handbook;
pub mod import;
pub mod init;
pub mod progress;
pub mod report;
pub mod serve;
pub mod site;
