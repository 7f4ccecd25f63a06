//! The site: what is made from a checked [`crate::handbook::Handbook`].
//! [`build::build`] runs **render** ([`render`]: every page, through the
//! [`theme`]'s templates) and the [`search`] index side by side, and
//! **write** ([`write`]) puts them in the output folder, or in memory for
//! `serve`. The review schedule's files (CSV, calendars) are made by
//! [`schedule`], which `policybook report` prints too. Nothing here reaches up into `serve` or the command line.

pub mod build;
pub mod render;
pub mod schedule;
pub mod search;
pub mod theme;
pub mod write;
