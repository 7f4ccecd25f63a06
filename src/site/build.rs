//! `build`: a checked [`Handbook`] → **render** (pages, and the search
//! index beside them) → **write**.

use crate::error::Result;
use crate::handbook::Handbook;
use crate::progress::Progress;
use crate::site::render::{self, Rendered};
use crate::site::search;
use crate::site::write::Sink;
use std::path::Path;

/// Settings for [`build`].
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub render: render::Options,
}

/// What a build wrote.
#[derive(Debug, Clone, Default)]
pub struct Built {
    pub rendered: Rendered,
    pub search: search::Stats,
    /// How long the search index took to build.
    pub search_time: std::time::Duration,
    /// How long the pages took to render and write (side by side with
    /// the search index).
    pub render_time: std::time::Duration,
}

/// Renders the handbook and its search index and writes them to `out`,
/// replacing the previous build there. `out` must have passed
/// [`crate::site::write::check_output`].
pub fn build(
    hb: &Handbook,
    out: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Built> {
    crate::site::write::replace_dir(out, |sink| render_site(hb, options, sink, progress))
}

/// Renders every page and the search index into `sink` (a folder for
/// `build`, memory for `serve`).
pub fn render_site(
    hb: &Handbook,
    options: &BuildOptions,
    sink: &dyn Sink,
    progress: &dyn Progress,
) -> Result<Built> {
    // Opened for checking, a handbook keeps no bodies or section text:
    // its pages would be empty.
    debug_assert!(hb.purpose().is_site());
    let published = render::published(hb, &options.render);
    // The pages and the search index are independent: made side by side,
    // each fills the cores while the other has a step on one thread.
    let (rendered, searched) = rayon::join(
        || {
            let started = std::time::Instant::now();
            render::render(hb, &options.render, sink, progress).map(|r| (r, started.elapsed()))
        },
        || {
            let started = std::time::Instant::now();
            search::build(hb, &published, sink).map(|s| (s, started.elapsed()))
        },
    );
    let (rendered, render_time) = rendered?;
    let (search, search_time) = searched?;
    Ok(Built {
        rendered,
        search,
        search_time,
        render_time,
    })
}
