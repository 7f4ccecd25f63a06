//! Times each stage of a build on its own, for profiling: load → check
//! (`Handbook::open`), the pages, and the search index, each into memory
//! so that the file system does not blur the figures. Run with
//! `RAYON_NUM_THREADS=1` to see each stage's CPU time on one core.
//!
//!     cargo run --release --example phases -- HANDBOOK [RUNS]

use policybook::handbook::Handbook;
use policybook::handbook::parse::Purpose;
use policybook::site::write::MemorySink;
use std::time::{Duration, Instant};

// The allocator `policybook` itself uses, so the figures match a build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: phases HANDBOOK [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(3).max(1);
    let today = jiff::civil::date(2026, 11, 23);
    let mut times: Vec<[Duration; 3]> = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let hb = match Handbook::open(std::path::Path::new(&root), today, Purpose::Site) {
            Ok(hb) => hb,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        };
        let opened = started.elapsed();
        let options = policybook::site::render::Options::default();
        let started = Instant::now();
        let pages = policybook::site::render::render(
            &hb,
            &options,
            &MemorySink::default(),
            &policybook::progress::SILENT,
        );
        let rendered = started.elapsed();
        let published = policybook::site::render::published(&hb, &options);
        let started = Instant::now();
        let search = policybook::site::search::build(&hb, &published, &MemorySink::default());
        let searched = started.elapsed();
        if let Err(e) = pages.and(search) {
            eprintln!("{e}");
            std::process::exit(2);
        }
        times.push([opened, rendered, searched]);
    }
    for (k, name) in ["load..check", "pages", "search index"].iter().enumerate() {
        let mut t: Vec<Duration> = times.iter().map(|r| r[k]).collect();
        t.sort();
        println!(
            "{name:>14}: {:>6.0} ms (median of {runs})",
            t[runs / 2].as_secs_f64() * 1000.0
        );
    }
}
