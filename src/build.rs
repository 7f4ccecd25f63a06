//! `build`: a checked [`Handbook`] → **render** (pages, and the search
//! index beside them) → **write**.

use crate::error::Result;
use crate::handbook::Handbook;
use crate::render::{self, Rendered};
use crate::search;
use crate::write::Sink;
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
}

/// Renders the handbook and its search index and writes them to `out`,
/// replacing the previous build there. `out` must have passed
/// [`crate::write::check_output`].
pub fn build(hb: &Handbook, out: &Path, options: &BuildOptions) -> Result<Built> {
    crate::write::replace_dir(out, |sink| render_site(hb, options, sink))
}

/// Renders every page and the search index into `sink` (a folder for
/// `build`, memory for `serve`).
pub fn render_site(hb: &Handbook, options: &BuildOptions, sink: &dyn Sink) -> Result<Built> {
    let rendered = render::render(hb, &options.render, sink)?;
    let published = render::published(hb, &options.render);
    let started = std::time::Instant::now();
    let search = search::build(hb, &published, sink)?;
    let search_time = started.elapsed();
    Ok(Built {
        rendered,
        search,
        search_time,
    })
}
