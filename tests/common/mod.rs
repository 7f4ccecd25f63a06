//! Helpers shared by the integration tests: run the real binary over a
//! fixture handbook and look at what it printed and wrote.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

#[cfg(unix)]
pub mod action;

/// What [`generate`] takes.
pub use gen_handbook::Options;

/// The date every test judges reviews on.
pub const TODAY: &str = "2026-11-23";

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `policybook` with `args` in `cwd`.
pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_policybook"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("the policybook binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `policybook` with `args` from the crate root.
pub fn run(args: &[&str]) -> Run {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// `tests/fixtures/NAME`, as a string for the command line.
pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The sample handbook.
pub fn sample() -> String {
    format!("{}/handbook", env!("CARGO_MANIFEST_DIR"))
}

/// `check --format json` on a handbook, parsed.
pub fn check_json(handbook: &str) -> (i32, serde_json::Value) {
    let r = run(&["check", handbook, "--today", TODAY, "--format", "json"]);
    let v =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.stdout));
    (r.code, v)
}

/// The findings of a JSON report as (kind, file, line) triples.
pub fn kinds(report: &serde_json::Value) -> Vec<(String, String, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The findings of a JSON report on `file`, as (kind, severity, line,
/// message).
pub fn findings_of(report: &serde_json::Value, file: &str) -> Vec<(String, String, u64, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == file)
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Builds a handbook into a new temporary folder; returns the folder
/// (kept alive by the TempDir) and the run.
pub fn build(handbook: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf, Run) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let r = build_into(Path::new(handbook), &out, extra);
    (dir, out, r)
}

/// Builds a handbook into the folder `out`, as of [`TODAY`].
pub fn build_into(handbook: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "build",
        handbook.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--today",
        TODAY,
    ];
    args.extend_from_slice(extra);
    run(&args)
}

/// Copies a folder tree (for tests that change a handbook).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Makes a handbook with the project's generator (`tools/gen-handbook`)
/// in a new temporary folder, as `opts` says:
/// `generate(&Options { words: 200, ..Options::new(2100) })`.
pub fn generate(opts: &Options) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    gen_handbook::generate(&hb, opts).unwrap_or_else(|e| panic!("gen-handbook: {e}"));
    (dir, hb)
}

/// Runs search queries with the real client (`tests/js/query.mjs`) against
/// a built site folder or a running server's URL: one JSON object each.
pub fn search(site: &str, queries: &[&str]) -> Vec<serde_json::Value> {
    let script = format!("{}/tests/js/query.mjs", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("node")
        .arg(script)
        .arg(site)
        .args(queries)
        .output()
        .expect("node runs (install Node.js to run the search tests)");
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// What the index file `search/<name>.js` of a built site holds, inflated.
pub fn index_file(site: &Path, name: &str) -> Vec<u8> {
    let path = site.join(format!("search/{name}.js"));
    let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    policybook::site::search::encode::read_file(&text)
        .unwrap_or_else(|| panic!("{} is not an index file", path.display()))
}

/// The titles of a search result's results.
pub fn titles(result: &serde_json::Value) -> Vec<String> {
    result["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect()
}

/// A handbook "Paged" of `count` policies in `finance/`, all owned by the
/// Finance Manager, titled "Policy 000" onwards, each due for review on
/// `review_by(i)`: long enough lists to be split into pages.
pub fn paged_handbook(
    count: usize,
    review_by: impl Fn(usize) -> String,
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    std::fs::create_dir_all(hb.join("finance")).unwrap();
    std::fs::write(hb.join("handbook.yaml"), "title: Paged\n").unwrap();
    for i in 0..count {
        std::fs::write(
            hb.join(format!("finance/p{i:03}.md")),
            format!(
                "---\ntitle: Policy {i:03}\nowner: Finance Manager\nreview_by: {}\n---\nText.\n",
                review_by(i)
            ),
        )
        .unwrap();
    }
    (dir, hb)
}

/// A handbook made at test time from `(path, text)` pairs, with a
/// `handbook.yaml` holding a title unless one of the pairs is it.
pub fn handbook_of(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    std::fs::create_dir_all(&hb).unwrap();
    std::fs::write(hb.join("handbook.yaml"), "title: T\n").unwrap();
    for (path, text) in files {
        let path = hb.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    (dir, hb)
}

/// The first finding of a JSON report whose `field` is `value`; fails with
/// the whole report when there is none.
pub fn first_where<'a>(
    report: &'a serde_json::Value,
    field: &str,
    value: &str,
) -> &'a serde_json::Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f[field] == value)
        .unwrap_or_else(|| panic!("no finding with {field} {value}: {report:#}"))
}

/// The `of` of every finding of a JSON report whose `field` is `value`
/// (the files of the `unsafe_html` findings, say).
pub fn values_where<'a>(
    report: &'a serde_json::Value,
    field: &str,
    value: &str,
    of: &str,
) -> Vec<&'a str> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f[field] == value)
        .map(|f| f[of].as_str().unwrap_or_default())
        .collect()
}

/// Runs git in `dir` with a test identity and no signing, failing the
/// test when git fails (the repositories of `--changed-since` and the
/// README's CI jobs).
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
