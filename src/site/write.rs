//! Stage 6, **write**: the output folder.
//!
//! The site is written into a temporary folder beside the output folder and
//! then moved into place, so a build that stops half way never leaves half
//! a site. An existing output folder is replaced only if it is empty or a
//! previous build made it (it holds the [`MARKER`] file, and nothing it
//! does not list); folders that hold anything else, the handbook itself,
//! its ancestors and folders inside it (but one at its top, such as
//! `site/`) are refused.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The folder in the handbook that `build` writes to unless told another.
pub const DEFAULT_OUTPUT: &str = "site";

/// The file that marks a folder as a policybook site.
pub const MARKER: &str = ".policybook-site";

/// Where the render stage puts pages and files.
pub trait Sink: Sync {
    /// Writes `bytes` at `path` (relative, `/`-separated) in the site.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;
    /// Copies the file `from` to `path` in the site.
    fn copy(&self, from: &Path, path: &str) -> Result<()>;
}

/// A sink that writes into a folder.
pub struct DirSink {
    dir: PathBuf,
}

impl DirSink {
    fn target(&self, path: &str) -> Result<PathBuf> {
        // Paths come from our own renderer, but never let one climb out.
        if path.split('/').any(|p| p == ".." || p.is_empty()) || path.starts_with('/') {
            return Err(Error::Usage(format!(
                "refusing to write outside the site: {path}"
            )));
        }
        Ok(self.dir.join(path))
    }
}

impl Sink for DirSink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        crate::fs::write_creating_dirs(&self.target(path)?, bytes)
    }

    fn copy(&self, from: &Path, path: &str) -> Result<()> {
        crate::fs::copy(from, &self.target(path)?)
    }
}

/// Site files in memory, by path relative to the site root.
pub type Files = std::collections::HashMap<String, std::sync::Arc<[u8]>>;

/// A sink that keeps the site in memory (for `serve`).
#[derive(Default)]
pub struct MemorySink {
    files: std::sync::Mutex<Files>,
}

impl MemorySink {
    /// A sink that starts from files already made.
    pub fn from_files(files: Files) -> MemorySink {
        MemorySink {
            files: std::sync::Mutex::new(files),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Files> {
        self.files.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Removes a file.
    pub fn remove(&self, path: &str) {
        self.lock().remove(path);
    }

    /// Keeps only the files for which `keep` says yes.
    pub fn retain(&self, keep: impl Fn(&str) -> bool) {
        self.lock().retain(|path, _| keep(path));
    }

    /// The files written, by path.
    pub fn into_files(self) -> Files {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.lock().insert(path.to_string(), bytes.into());
        Ok(())
    }

    fn copy(&self, from: &Path, path: &str) -> Result<()> {
        let bytes = crate::fs::read(from)?;
        self.put(path, &bytes)
    }
}

/// Checks that `out` may be replaced by a build of the handbook at `root`,
/// and returns its absolute path.
pub fn check_output(root: &Path, out: &Path) -> Result<PathBuf> {
    let root = crate::fs::canonicalize(root)?;
    let out_abs = absolute(out)?;
    let refuse = |why: String| {
        Err(Error::OutputRefused(format!(
            "refusing to write the site to {}: {why}",
            out.display()
        )))
    };
    if out_abs.parent().is_none() {
        return refuse("that is the root of the filesystem".to_string());
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && let Ok(home) = std::fs::canonicalize(home)
        && out_abs == home
    {
        return refuse("that is your home folder".to_string());
    }
    if out_abs == root {
        return refuse(
            "that is the handbook folder itself; choose another, such as -o site".to_string(),
        );
    }
    if root.starts_with(&out_abs) {
        return refuse(
            "the handbook is inside it; choose a folder of its own, such as -o site".to_string(),
        );
    }
    if out_abs.starts_with(&root) && !is_site_folder_of(&root, &out_abs) {
        return refuse(format!(
            "it is inside the handbook folder {}, where only a folder of its own at the top (such as -o site) may hold the site; choose that, or a folder outside it, such as -o ../site",
            root.display()
        ));
    }
    match std::fs::symlink_metadata(&out_abs) {
        Err(_) => {}
        Ok(meta) if !meta.is_dir() => {
            return refuse("it is a file, not a folder".to_string());
        }
        Ok(_) => {
            let marked = out_abs.join(MARKER).is_file();
            let empty = std::fs::read_dir(&out_abs)
                .map_err(|e| Error::io("read", &out_abs, e))?
                .next()
                .is_none();
            if !marked && !empty {
                return refuse(format!(
                    "it already holds files that policybook did not write (it has no {MARKER} file). Choose an empty or new folder, or remove it yourself"
                ));
            }
            if marked {
                let foreign = not_ours(&out_abs)?;
                if !foreign.is_empty() {
                    return refuse(format!(
                        "it holds {}, which policybook did not write, and a build replaces the whole folder. Move {} out of it, or choose another folder",
                        foreign.join(", "),
                        if foreign.len() == 1 { "it" } else { "them" }
                    ));
                }
            }
        }
    }
    Ok(out_abs)
}

/// Whether `out`, inside the handbook `root`, may hold the site, as
/// mdBook's `book/` and Zola's `public/` do: a folder right at the top,
/// not `assets/` or `themes/` (whose files are published or read), and
/// not one the handbook leaves out by its name. `load` skips it once it
/// is built (it holds the [`MARKER`]), and until then it must be empty,
/// like any output folder.
fn is_site_folder_of(root: &Path, out: &Path) -> bool {
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return false;
    };
    out.parent() == Some(root)
        && name != crate::handbook::load::ASSETS_DIR
        && name != crate::handbook::load::THEMES_DIR
        && !crate::handbook::load::is_left_out(&name)
}

/// `out` made absolute, with symlinks resolved as far as it exists.
fn absolute(out: &Path) -> Result<PathBuf> {
    let joined = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io("find", Path::new("."), e))?
            .join(out)
    };
    // Resolve the longest existing prefix; keep the rest as written.
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = std::fs::canonicalize(&existing) {
            let mut p = c;
            for part in rest.iter().rev() {
                p.push(part);
            }
            return Ok(normalize(&p));
        }
        match (
            existing.file_name().map(|f| f.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return Ok(normalize(&joined)),
        }
    }
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Builds a site into a temporary folder beside `out` with `fill`, then
/// moves it into place. `out` must have passed [`check_output`].
///
/// The temporary folder gets a name no one can guess, made by `mkdir`
/// (which fails rather than follow anything planted there), so that no
/// one with write access to `out`'s parent can redirect the build.
pub fn replace_dir<T>(out: &Path, fill: impl FnOnce(&dyn Sink) -> Result<T>) -> Result<T> {
    let parent = out.parent().unwrap_or(Path::new("/"));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".to_string());
    crate::fs::create_dir_all(parent)?;
    restore_interrupted(parent, &name, out);
    clean_leftovers(parent, &name);
    let pid = std::process::id();
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.policybook-new-{pid}-"))
        .tempdir_in(parent)
        .map_err(|e| Error::io("create a temporary folder in", parent, e))?;
    let tmp_path = tmp.path().to_path_buf();
    let is_real_dir = std::fs::symlink_metadata(&tmp_path).is_ok_and(|m| m.file_type().is_dir());
    if !is_real_dir {
        return Err(Error::OutputRefused(format!(
            "the temporary folder {} is not a folder of this build's own: build again",
            tmp_path.display()
        )));
    }
    // Marked at once, so that the next build can tell the folder of a
    // build that was killed; listed in full once written.
    crate::fs::write(&tmp_path.join(MARKER), format!("{MARKER_HEADER}\n"))?;
    // Until it is moved into place, dropping `tmp` (on an error) removes it.
    let value = fill(&DirSink {
        dir: tmp_path.clone(),
    })?;
    write_marker(&tmp_path)?;
    let tmp_path = tmp.keep();
    let suffix = tmp_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let old = parent.join(suffix.replacen("policybook-new-", "policybook-old-", 1));
    if out.exists() {
        if std::env::var_os(PORTABLE_SWAP).is_none() && swap(&tmp_path, out) {
            // `tmp_path` now holds the old site.
            let _ = std::fs::remove_dir_all(&tmp_path);
        } else {
            crate::fs::rename(out, &old)?;
            if let Err(e) = crate::fs::rename(&tmp_path, out) {
                let _ = std::fs::rename(&old, out);
                let _ = std::fs::remove_dir_all(&tmp_path);
                return Err(e);
            }
            let _ = crate::fs::remove_dir_all(&old);
        }
    } else if let Err(e) = crate::fs::rename(&tmp_path, out) {
        let _ = std::fs::remove_dir_all(&tmp_path);
        return Err(e);
    }
    Ok(value)
}

/// Set (to anything) to make a build replace its output the way it does
/// where folders cannot be exchanged in one step (Windows, macOS): two
/// renames. For testing that way on Linux.
pub const PORTABLE_SWAP: &str = "POLICYBOOK_PORTABLE_SWAP";

/// Where a build was stopped between its two renames (the old site moved
/// aside, the new one not yet in place: only where folders cannot be
/// exchanged in one step), puts the old site back, so that `out` is never
/// left missing by a build that was killed.
fn restore_interrupted(parent: &Path, name: &str, out: &Path) {
    if out.exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.policybook-old-");
    let mut moved_aside: Vec<_> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_prefix(&prefix)
                .is_some_and(|pid| !still_running(pid))
        })
        .filter(|e| e.path().join(MARKER).is_file())
        .map(|e| e.path())
        .collect();
    moved_aside.sort();
    if let Some(old) = moved_aside.pop() {
        let _ = std::fs::rename(old, out);
    }
}

/// The first line of [`MARKER`]; the names the build wrote at the top of
/// the site follow, one a line.
const MARKER_HEADER: &str =
    "This folder was written by policybook build; the next build replaces it. It wrote:";

/// Writes the marker into a finished site: what it holds at the top, so
/// that the next build can tell what else was put there.
fn write_marker(site: &Path) -> Result<()> {
    let mut names: Vec<String> = std::fs::read_dir(site)
        .map_err(|e| Error::io("read", site, e))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != MARKER)
        .collect();
    names.sort();
    let mut text = format!("{MARKER_HEADER}\n");
    for n in names {
        text.push_str(&n);
        text.push('\n');
    }
    crate::fs::write(&site.join(MARKER), text)
}

/// Files that Finder and Explorer leave in a folder someone looked at:
/// not a reason to refuse to replace it.
fn is_desktop_litter(name: &str) -> bool {
    matches!(
        name,
        ".DS_Store" | "Thumbs.db" | "desktop.ini" | ".localized"
    )
}

/// What in a marked folder policybook did not write: `.git` always, and
/// any name at the top that the marker does not list (a marker from
/// before markers listed names vouches for everything but `.git`).
fn not_ours(dir: &Path) -> Result<Vec<String>> {
    let marker = std::fs::read_to_string(dir.join(MARKER)).unwrap_or_default();
    let listed: Option<Vec<&str>> = marker
        .strip_prefix(MARKER_HEADER)
        .map(|rest| rest.lines().filter(|l| !l.is_empty()).collect());
    let mut foreign: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::io("read", dir, e))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != MARKER && !is_desktop_litter(n))
        .filter(|n| n == ".git" || listed.as_ref().is_some_and(|l| !l.contains(&n.as_str())))
        .collect();
    foreign.sort();
    Ok(foreign)
}

/// Exchanges two folders in one step, so that `out` is always a whole
/// site, old or new (Linux `renameat2` with `RENAME_EXCHANGE`). `false`
/// where that is not available; the caller then renames twice.
fn swap(a: &Path, b: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        false
    }
}

/// Removes temporary folders left by builds that were killed. Only folders
/// with our naming pattern *and* our marker are touched.
fn clean_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let new_prefix = format!(".{name}.policybook-new-");
    let old_prefix = format!(".{name}.policybook-old-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file_name
            .strip_prefix(&new_prefix)
            .or_else(|| file_name.strip_prefix(&old_prefix))
        else {
            continue;
        };
        // A real folder (not a link planted to make us delete elsewhere)
        // that a build of ours marked.
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && entry.path().join(MARKER).is_file() && !still_running(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether the build that named its folder after process `pid` is still
/// running (another build into the same folder, right now). Where that
/// cannot be told, it is taken as gone.
fn still_running(pid: &str) -> bool {
    // `PID` or `PID-RANDOM`.
    let pid = pid.split('-').next().unwrap_or(pid);
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    pid != std::process::id() && Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A build killed between its two renames (where folders cannot be
    /// exchanged) left the old site aside: the next build puts it back
    /// first, even if that build then fails.
    #[test]
    fn an_old_site_moved_aside_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let aside = dir.path().join(".site.policybook-old-999999999-AbC");
        std::fs::create_dir(&aside).unwrap();
        std::fs::write(aside.join(MARKER), format!("{MARKER_HEADER}\nindex.html\n")).unwrap();
        std::fs::write(aside.join("index.html"), "old").unwrap();
        let out = dir.path().join("site");
        let failed: Result<()> = replace_dir(&out, |_| Err(Error::Usage("stop".into())));
        assert!(failed.is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
        assert!(!aside.exists());
    }

    /// Links planted where older builds put their temporary folders (the
    /// name was the process id) neither receive the build nor are
    /// followed by the clean-up.
    #[test]
    #[cfg(unix)]
    fn planted_links_do_not_redirect_the_build() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::create_dir(&victim).unwrap();
        std::fs::write(victim.join(MARKER), "").unwrap();
        std::fs::write(victim.join("precious.txt"), "keep").unwrap();
        let pid = std::process::id();
        for planted in [
            format!(".site.policybook-new-{pid}"),
            format!(".site.policybook-old-{pid}"),
            ".site.policybook-new-999999999".to_string(),
        ] {
            std::os::unix::fs::symlink(&victim, dir.path().join(planted)).unwrap();
        }
        let out = dir.path().join("site");
        replace_dir(&out, |sink| sink.put("index.html", b"new")).unwrap();
        replace_dir(&out, |sink| sink.put("index.html", b"newer")).unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"newer");
        assert_eq!(
            std::fs::read_to_string(victim.join("precious.txt")).unwrap(),
            "keep"
        );
        assert!(!victim.join("index.html").exists());
        // A failed build leaves no folder behind.
        let failed: Result<()> = replace_dir(&out, |_| Err(Error::Usage("stop".into())));
        assert!(failed.is_err());
        let ours: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("policybook"))
            .collect();
        assert!(ours.is_empty(), "{ours:?}");
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn leftovers_of_dead_builds_go_and_running_builds_stay() {
        let dir = tempfile::tempdir().unwrap();
        let live = std::os::unix::process::parent_id();
        for pid in [live, 999_999_999] {
            let d = dir.path().join(format!(".site.policybook-new-{pid}"));
            std::fs::create_dir(&d).unwrap();
            std::fs::write(d.join(MARKER), "").unwrap();
        }
        // Someone else's folder with a similar name but no marker stays too.
        std::fs::create_dir(dir.path().join(".site.policybook-new-1")).unwrap();
        clean_leftovers(dir.path(), "site");
        assert!(
            dir.path()
                .join(format!(".site.policybook-new-{live}"))
                .exists()
        );
        assert!(!dir.path().join(".site.policybook-new-999999999").exists());
        assert!(dir.path().join(".site.policybook-new-1").exists());
    }
}
