//! policybook turns a folder of policies (Markdown with YAML front-matter)
//! into a cross-linked, searchable intranet site, and flags overdue reviews
//! and broken references.
//!
//! The pipeline reads top to bottom, one module per stage:
//!
//! ```text
//! load → parse → link → check → render → write
//! ```
//!
//! [`handbook::Handbook::open`] runs load, parse, link and check;
//! [`build::build`] renders and writes. `check` and `build` in [`cli`] sit on
//! top and never reach back into the stages.

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod error;
pub mod findings;
pub mod frontmatter;
pub mod fs;
pub mod fuzzing;
pub mod handbook;
pub mod init;
pub mod keys;
pub mod link;
pub mod load;
pub mod markdown;
pub mod parse;
pub mod render;
pub mod report;
pub mod review;
pub mod search;
pub mod serve;
pub mod slug;
pub mod theme;
pub mod write;
pub mod yaml;
