//! `build`: a checked [`Handbook`] → **render** → **write**.

use crate::error::Result;
use crate::handbook::Handbook;
use crate::render::{self, Rendered};
use std::path::Path;

/// Settings for [`build`].
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub render: render::Options,
}

/// Renders the handbook and writes it to `out`, replacing the previous
/// build there. `out` must have passed [`crate::write::check_output`].
pub fn build(hb: &Handbook, out: &Path, options: &BuildOptions) -> Result<Rendered> {
    crate::write::replace_dir(out, |sink| render::render(hb, &options.render, sink))
}
