//! How far a long command has got, for a progress bar: the pipeline says
//! when a stage starts, each step of it, and when it ends; the command
//! line draws that (on a terminal, after about a second) or does not. The
//! pipeline knows nothing of terminals: [`SILENT`] is the progress nobody
//! watches, what `serve`, the tests and every caller that does not ask get.

/// What a stage reports as it goes. Steps come from many threads at once.
pub trait Progress: Sync {
    /// A stage begins: `what` it does ("Writing pages"), and how many
    /// steps it has when that is known.
    fn start(&self, what: &'static str, total: Option<u64>);
    /// One more step of the stage is done.
    fn step(&self);
    /// The stage is over.
    fn finish(&self);
}

/// Progress that nobody watches.
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: &'static str, _: Option<u64>) {}
    fn step(&self) {}
    fn finish(&self) {}
}

/// The one [`Silent`].
pub static SILENT: Silent = Silent;
