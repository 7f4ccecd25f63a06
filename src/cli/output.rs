//! What the commands print, as the global `--quiet`, `--verbose` and
//! `--color` say: one [`Output`] made from the command line and handed to
//! every command. Results go to stdout (a report, a summary, a path);
//! problems and `--verbose`'s details go to stderr, so that
//! `check --format json --verbose > report.json` stays JSON.

use super::ColorWhen;
use crate::handbook::Handbook;
use crate::progress::Progress;
use crate::report::{self, Verbosity};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::sync::RwLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How much to say, and whether in colour.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub verbosity: Verbosity,
    pub color: ColorWhen,
}

impl Output {
    pub fn quiet(&self) -> bool {
        self.verbosity == Verbosity::Quiet
    }

    pub fn verbose(&self) -> bool {
        self.verbosity == Verbosity::Verbose
    }

    /// Whether to colour what goes to `stream`: as `--color` says, and
    /// for `auto`, on a terminal unless `NO_COLOR` is set (no-color.org).
    pub fn color_for(&self, stream: &impl IsTerminal) -> bool {
        match self.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => stream.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }

    /// Prints what a command did (text for people, escaped for the
    /// terminal), unless `--quiet`.
    pub fn say(&self, text: &str) {
        if !self.quiet() {
            print_stdout(&report::for_terminal_lines(text));
        }
    }

    /// The progress bar for this command's long stages.
    pub fn progress(&self) -> Bar {
        Bar {
            bar: RwLock::new(ProgressBar::hidden()),
            shown: AtomicBool::new(false),
            enabled: !self.quiet() && std::io::stderr().is_terminal(),
            started: Instant::now(),
        }
    }

    /// With `--verbose`, prints to stderr how long each stage took (the
    /// handbook's, then `more`, such as the build's) and every file the
    /// handbook did not read, with why.
    pub fn details(&self, hb: &Handbook, more: &[(&str, Duration)]) {
        if self.verbose() {
            print_stderr(&report::for_terminal_lines(&details(hb, more)));
        }
    }
}

/// A command's progress bar (indicatif): drawn on stderr only when that is
/// a terminal, not with `--quiet`, and only once the command has run for
/// [`SHOW_AFTER`], so that a quick command (most are) shows none. Each
/// stage gets a bar of its own, cleared when it ends, before anything
/// else is printed.
pub struct Bar {
    bar: RwLock<ProgressBar>,
    shown: AtomicBool,
    enabled: bool,
    started: Instant,
}

/// How long a command runs before its progress is shown.
pub const SHOW_AFTER: Duration = Duration::from_secs(1);

impl Bar {
    fn show(bar: &ProgressBar) {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.enable_steady_tick(Duration::from_millis(100));
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, ProgressBar> {
        self.bar.read().unwrap_or_else(|e| e.into_inner())
    }
}

impl Progress for Bar {
    fn start(&self, what: &'static str, total: Option<u64>) {
        let (bar, template) = match total {
            Some(n) => (
                ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::hidden()),
                "{msg} [{bar:30}] {human_pos}/{human_len} ({eta} left)",
            ),
            None => (
                ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
                "{spinner} {msg}: {human_pos}",
            ),
        };
        let style = ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(what);
        if self.shown.load(Ordering::Relaxed) {
            Bar::show(&bar);
        }
        *self.bar.write().unwrap_or_else(|e| e.into_inner()) = bar;
    }

    fn step(&self) {
        if !self.enabled {
            // Never drawn: not counted either (a build steps 20,000 times
            // at 10,000 policies).
            return;
        }
        let bar = self.read();
        bar.inc(1);
        if !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= SHOW_AFTER
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            Bar::show(&bar);
        }
    }

    fn finish(&self) {
        self.read().finish_and_clear();
    }
}

/// What [`Output::details`] prints.
pub fn details(hb: &Handbook, more: &[(&str, Duration)]) -> String {
    let mut stages: Vec<(&str, Duration)> =
        hb.timings.0.iter().map(|(s, d)| (s.name(), *d)).collect();
    stages.extend_from_slice(more);
    let width = stages.iter().map(|(s, _)| s.len()).max().unwrap_or(0);
    let mut out = format!(
        "Timings ({} read):\n",
        report::count(hb.report.files.len(), "policy file", "policy files")
    );
    for (stage, took) in &stages {
        out.push_str(&format!(
            "  {stage:<width$}  {:>8.1} ms\n",
            took.as_secs_f64() * 1000.0
        ));
    }
    let skipped = hb.skipped.len() + hb.excluded.len();
    if skipped == 0 {
        out.push_str("Not read: nothing (every file in the handbook folder was read).\n");
        return out;
    }
    out.push_str(&format!("Not read ({skipped}):\n"));
    let excluded = format!(
        "left out by exclude: in {}",
        crate::handbook::config::FILE_NAME
    );
    let mut rows: Vec<(&str, &str)> = hb
        .skipped
        .iter()
        .map(|(rel, why)| (rel.as_str(), why.why()))
        .chain(
            hb.excluded
                .iter()
                .map(|rel| (rel.as_str(), excluded.as_str())),
        )
        .collect();
    rows.sort();
    for (rel, why) in rows {
        out.push_str(&format!("  {rel}: {why}\n"));
    }
    out
}

/// Prints to stdout, ignoring a closed pipe (`policybook check | head`).
pub fn print_stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Prints to stderr, ignoring a closed pipe (`policybook -v check 2>&1 |
/// head`), where `eprint!` would panic.
pub fn print_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}
