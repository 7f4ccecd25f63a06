//! `serve`: a live preview for editors. It builds the handbook in memory,
//! serves it on 127.0.0.1 under `base_url`, watches the handbook (and its
//! theme) for changes, rebuilds, and tells open pages to reload. Problems
//! show in the page; the server keeps running whatever the files say.
//!
//! `serve` sits on top of the pipeline and calls it; nothing below calls
//! back up. It never writes a file.

pub mod change;
pub mod highlights;
pub mod http;
pub mod preview;

use crate::error::{Error, Result};
use crate::report::Verbosity;
use crate::site::build::BuildOptions;
use change::Change;
use notify_debouncer_full::DebounceEventResult;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use preview::Preview;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

/// Settings for [`serve`].
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub handbook: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    pub today: Option<jiff::civil::Date>,
    pub build: BuildOptions,
    /// Started with no arguments (a double-click): say in plain words what
    /// is happening and how to stop it, and take any free port when the
    /// one asked for is busy (a second double-click).
    pub for_editor: bool,
    /// `--quiet`: only errors after a rebuild; `--verbose`: every change
    /// and every problem, listed.
    pub verbosity: Verbosity,
}

/// How long the watcher waits for a burst of file events to settle.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// Runs the preview until Ctrl+C.
pub fn serve(options: ServeOptions) -> Result<()> {
    let root = options.handbook.clone();
    if !root.is_dir() {
        return Err(Error::Handbook(format!(
            "cannot open the handbook folder {}: it does not exist or is not a folder",
            root.display()
        )));
    }
    let root = crate::fs::canonicalize(&root)?;
    if !root.join(crate::handbook::config::FILE_NAME).is_file() {
        return Err(Error::Handbook(crate::handbook::load::not_a_handbook(
            &options.handbook,
        )));
    }
    // Watch before the first build, so that no change is missed between
    // the two.
    let (tx, rx) = std::sync::mpsc::channel();
    // Links are not followed (a link to `/` in the handbook must not make
    // the watcher walk the whole disk); nor does the file-id cache, which
    // would walk through them, so none is kept.
    let mut debouncer = notify_debouncer_full::new_debouncer_opt::<
        _,
        notify_debouncer_full::notify::RecommendedWatcher,
        notify_debouncer_full::NoCache,
    >(
        DEBOUNCE,
        None,
        tx,
        notify_debouncer_full::NoCache,
        notify_debouncer_full::notify::Config::default().with_follow_symlinks(false),
    )
    .map_err(|e| Error::Serve(format!("cannot watch for changes: {e}")))?;
    debouncer
        .watch(&root, RecursiveMode::Recursive)
        .map_err(|e| Error::Serve(format!("cannot watch {} for changes: {e}", root.display())))?;
    let mut preview = Preview::new(&root, options.today, options.build.clone());
    let first = preview.rebuild(&[]);
    let (reload, _) = broadcast::channel(16);
    let state = Arc::new(http::AppState {
        snapshot: RwLock::new(first),
        reload,
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Serve(format!("could not start the server: {e}")))?;
    runtime.block_on(async move {
        let addr = SocketAddr::new(options.bind, options.port);
        // Catch Ctrl+C from now on, before anyone is told where to connect.
        let stop = shutdown_signal();
        let mut bound = tokio::net::TcpListener::bind(addr).await;
        if options.for_editor
            && bound
                .as_ref()
                .is_err_and(|e| e.kind() == std::io::ErrorKind::AddrInUse)
        {
            bound = tokio::net::TcpListener::bind(SocketAddr::new(options.bind, 0)).await;
        }
        let listener = bound.map_err(|e| {
            Error::Serve(if e.kind() == std::io::ErrorKind::AddrInUse {
                format!("port {} is already in use: stop the other server or choose another port with --port", options.port)
            } else {
                format!("could not listen on {addr}: {e}")
            })
        })?;
        let local = listener.local_addr().map_err(|e| Error::Serve(e.to_string()))?;
        let base = state.current().base_url.clone();
        let url = format!("http://{local}{base}");
        println!(
            "Serving {} at {url} (press Ctrl+C to stop)",
            crate::report::for_terminal(&root.display().to_string())
        );
        if options.for_editor {
            println!(
                "\npolicybook is showing your handbook as a website, at the address above. Your browser should open it now; if it does not, type that address into it.\nEdit and save any policy: the page in your browser changes by itself. Mistakes are shown on the page, in red.\nKeep this window open while you work. To stop, close this window.\n"
            );
        }
        report(&state.current(), None, options.verbosity);
        if !options.bind.is_loopback() {
            eprintln!(
                "warning: listening on {} makes the preview visible to other computers on the network; use --bind 127.0.0.1 to keep it to this one",
                options.bind
            );
        }
        if options.open {
            open_browser(&url);
        }
        let watcher_state = state.clone();
        let watcher_root = root.clone();
        std::thread::spawn(move || {
            // The debouncer stops watching when dropped: keep it here.
            let _debouncer = debouncer;
            watch(watcher_root, rx, preview, watcher_state, options.verbosity)
        });
        http::serve(listener, http::router(state), stop).await;
        if options.verbosity != Verbosity::Quiet {
            println!("Stopped.");
        }
        Ok(())
    })
}

/// Resolves on Ctrl+C (or SIGTERM). The handlers are installed when this
/// is called, not when it is first awaited.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut i), Ok(mut t)) => {
                    tokio::select! {
                        _ = i.recv() => {}
                        _ = t.recv() => {}
                    }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    {
        async {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// Watches the handbook and rebuilds on every settled burst of changes.
fn watch(
    root: PathBuf,
    rx: std::sync::mpsc::Receiver<DebounceEventResult>,
    mut preview: Preview,
    state: Arc<http::AppState>,
    verbosity: Verbosity,
) {
    while let Ok(result) = rx.recv() {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                for e in errors {
                    eprintln!(
                        "warning: watching for changes: {}",
                        crate::report::for_terminal(&e.to_string())
                    );
                }
                continue;
            }
        };
        let mut changes: Vec<Change> = events
            .iter()
            .filter(|e| is_edit(&e.kind))
            .flat_map(|e| e.paths.iter())
            .map(|p| change::classify(&root, p))
            .filter(|c| *c != Change::Ignored)
            .collect();
        changes.sort();
        changes.dedup();
        if changes.is_empty() {
            continue;
        }
        let started = Instant::now();
        let snapshot = preview.rebuild(&changes);
        report(&snapshot, Some((&changes, started.elapsed())), verbosity);
        state.publish(snapshot);
    }
}

/// Whether an event changes a file (reading one, as the rebuild itself
/// does, must not trigger another rebuild).
fn is_edit(kind: &EventKind) -> bool {
    use notify_debouncer_full::notify::event::ModifyKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Prints what a rebuild found, for the terminal.
fn report(
    snapshot: &preview::Snapshot,
    after: Option<(&[Change], Duration)>,
    verbosity: Verbosity,
) {
    let s = &snapshot.status;
    if let Some((changes, took)) = after.filter(|_| verbosity != Verbosity::Quiet) {
        let what = match changes {
            [one] => shown(one),
            many if verbosity == Verbosity::Verbose => {
                many.iter().map(shown).collect::<Vec<_>>().join(", ")
            }
            many => format!("{} changes", many.len()),
        };
        println!(
            "Rebuilt after a change to {what} in {} ms.",
            took.as_millis()
        );
    }
    for p in &s.blocking {
        let at = if p.line > 0 {
            format!("{}:{}", p.file, p.line)
        } else {
            p.file.clone()
        };
        eprintln!(
            "error: {}",
            crate::report::for_terminal(&format!("{at}: {}", p.message))
        );
    }
    let others: Vec<&preview::Problem> = s
        .problems
        .iter()
        .filter(|p| {
            !s.blocking
                .iter()
                .any(|b| b.file == p.file && b.line == p.line && b.message == p.message)
        })
        .collect();
    // On starting, the problems are listed (up to a screenful); after an
    // edit, counted, since the page's panel lists them.
    let listed = match verbosity {
        Verbosity::Quiet => return,
        Verbosity::Verbose => others.len(),
        Verbosity::Normal if after.is_none() => others.len().min(START_LISTED),
        Verbosity::Normal => 0,
    };
    for p in &others[..listed] {
        println!(
            "{}: {}",
            p.severity,
            crate::report::for_terminal(&format!("{}:{}: {}", p.file, p.line, p.message))
        );
    }
    let rest = others.len() - listed;
    if rest > 0 {
        println!(
            "{}{} (listed in the page's problems panel).",
            if listed > 0 { "and " } else { "" },
            crate::report::count(
                rest,
                if listed > 0 {
                    "more problem"
                } else {
                    "problem"
                },
                if listed > 0 {
                    "more problems"
                } else {
                    "problems"
                }
            )
        );
    }
}

/// A change as the terminal shows it: its path, or "the theme".
fn shown(change: &Change) -> String {
    match change {
        Change::Policy(p) | Change::Asset(p) | Change::Folder(p) | Change::Config(p) => {
            crate::report::for_terminal(p).into_owned()
        }
        Change::Theme => "the theme".to_string(),
        Change::Ignored => "nothing".to_string(),
    }
}

/// How many problems `serve` lists when it starts.
const START_LISTED: usize = 20;

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    // The opener's own messages (a desktop without a browser can print
    // many) are not shown: one line says what to do instead.
    let warn = move |url: &str| eprintln!("warning: could not open a browser; open {url} yourself");
    let spawned = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        Err(_) => warn(url),
        Ok(mut child) => {
            let url = url.to_string();
            std::thread::spawn(move || {
                if !child.wait().is_ok_and(|status| status.success()) {
                    warn(&url);
                }
            });
        }
    }
}
