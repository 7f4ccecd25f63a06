//! What `check --changed-since REV` asks git: which files of the handbook
//! differ from a revision, and what a file held at that revision. Beside
//! the pipeline, like [`crate::report`]: the command line asks here and
//! hands the answers to [`crate::handbook::changed`], which never runs a
//! program itself.
//!
//! This runs the `git` program rather than linking a git library: CI
//! machines and editors' laptops that use git have it, its answers are
//! the ones the user sees from `git diff`, and a library (libgit2 or
//! gitoxide) would add a large dependency for two questions.

use crate::error::{Error, Result};
use std::path::Path;
use std::process::{Command, Output};

/// The files a change touched.
#[derive(Debug, Clone)]
pub struct Changes {
    /// The revision as given (`origin/main`).
    pub revision: String,
    /// Where the branch left it: the merge base of the revision and HEAD.
    pub commit: String,
    /// Relative to the handbook folder, `/`-separated (as git writes
    /// them everywhere): changed, added or deleted since that commit (the
    /// work tree against it, as `git diff --name-only $(git merge-base REV
    /// HEAD)` lists them, renames as a deletion and an addition), and new
    /// files git does not ignore.
    pub files: Vec<String>,
}

/// The files of the handbook at `handbook` changed since `revision`.
/// Fails (exit 2) with what to do when git cannot be run, the folder is
/// not in a git repository, or the revision is not one git knows.
pub fn changed_since(handbook: &Path, revision: &str) -> Result<Changes> {
    let shown = crate::report::for_terminal(revision).into_owned();
    if revision.is_empty() || revision.starts_with('-') || revision.contains(['\0', '\n']) {
        return Err(Error::Usage(format!(
            "--changed-since \"{shown}\" is not a revision: give a branch, tag or commit, such as origin/main"
        )));
    }
    let inside = git(handbook, &["rev-parse", "--is-inside-work-tree"])?;
    if !inside.status.success() {
        return Err(Error::Usage(format!(
            "--changed-since needs the handbook to be in a git repository, and {} is not in one ({}): check without --changed-since, or run it in the repository's clone",
            handbook.display(),
            first_line(&inside.stderr)
        )));
    }
    // A leading - is refused above, so the revision cannot be read as an
    // option (and --end-of-options, which git before 2.30 lacks, is not
    // needed).
    let spec = format!("{revision}^{{commit}}");
    let verified = git(handbook, &["rev-parse", "--verify", "--quiet", &spec])?;
    if !verified.status.success() {
        return Err(Error::Usage(format!(
            "--changed-since: git knows no revision \"{shown}\" here: give a branch, tag or commit, such as origin/main (in CI, fetch it first: actions/checkout with fetch-depth: 0, or GIT_DEPTH: 0 on GitLab)"
        )));
    }
    let tip = String::from_utf8_lossy(&verified.stdout).trim().to_string();
    // Changed since the branch left the revision, as a pull request's diff
    // shows it: what the revision gained since is not this change's.
    let base = git(handbook, &["merge-base", &tip, "HEAD"])?;
    if !base.status.success() {
        return Err(Error::Usage(format!(
            "--changed-since: this branch and \"{shown}\" have no commit in common ({}): give the branch the change is to be merged into",
            first_line(&base.stderr)
        )));
    }
    let commit = String::from_utf8_lossy(&base.stdout).trim().to_string();
    let diff = git(
        handbook,
        &[
            "-c",
            "core.quotePath=false",
            "diff",
            "--name-only",
            "--no-renames",
            "--relative",
            "-z",
            &commit,
            "--",
        ],
    )?;
    let untracked = git(
        handbook,
        &[
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z",
            "--",
            ".",
        ],
    )?;
    for out in [&diff, &untracked] {
        if !out.status.success() {
            return Err(Error::Usage(format!(
                "--changed-since: git could not list the changes since \"{shown}\": {}",
                first_line(&out.stderr)
            )));
        }
    }
    let mut files: Vec<String> = [&diff.stdout, &untracked.stdout]
        .into_iter()
        .flat_map(|out| out.split(|b| *b == 0))
        .filter(|name| !name.is_empty())
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .collect();
    files.sort();
    files.dedup();
    Ok(Changes {
        revision: revision.to_string(),
        commit,
        files,
    })
}

/// The text of `rel` (relative to the handbook) at `commit`, if it was
/// there and is text.
pub fn show(handbook: &Path, commit: &str, rel: &str) -> Option<String> {
    let spec = format!("{commit}:./{rel}");
    let out = git(handbook, &["show", &spec]).ok()?;
    out.status
        .success()
        .then(|| String::from_utf8(out.stdout).ok())
        .flatten()
}

/// Runs git in `dir`, reading its output whole.
fn git(dir: &Path, args: &[&str]) -> Result<Output> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .map_err(|e| {
            Error::Usage(format!(
                "--changed-since needs git, which could not be run ({}): install git, or check without --changed-since",
                crate::handbook::load::plain_io(&e)
            ))
        })
}

fn first_line(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let line = text.lines().next().unwrap_or("").trim();
    crate::report::for_terminal(line).into_owned()
}
