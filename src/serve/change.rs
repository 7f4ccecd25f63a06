//! What a changed file means for the preview: a pure function from a path
//! to a [`Change`], so that the watcher's rules can be tested over a table.

use std::path::Path;

/// The kind of a changed path, relative to the handbook root.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// `handbook.yaml`, or a folder's `_folder.yaml` defaults: everything
    /// is rebuilt.
    Config(String),
    /// A file under `themes/`: every page is rendered again.
    Theme,
    /// A policy file (`.md`), by relative path.
    Policy(String),
    /// A file under `assets/` or `static/`.
    Asset(String),
    /// Something else that may hold policies (a folder created, removed
    /// or renamed): the file list is read again.
    Folder(String),
    /// Editor temp and swap files, what [`crate::handbook::load::is_left_out`]
    /// leaves out, and anything outside the handbook.
    Ignored,
}

/// Classifies `path` (absolute, or relative to the current folder) for the
/// handbook at `root`.
pub fn classify(root: &Path, path: &Path) -> Change {
    let Ok(rel) = path.strip_prefix(root) else {
        return Change::Ignored;
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let Some(name) = parts.last() else {
        return Change::Ignored;
    };
    let rel = parts.join("/");
    if crate::handbook::load::is_folder_defaults(&rel) {
        return Change::Config(rel);
    }
    if crate::handbook::load::is_left_out(&rel) || is_temp_file(name) {
        return Change::Ignored;
    }
    match parts[0].as_str() {
        _ if rel == crate::handbook::config::FILE_NAME => Change::Config(rel),
        crate::handbook::load::THEMES_DIR => Change::Theme,
        crate::handbook::load::ASSETS_DIR | crate::handbook::load::STATIC_DIR => Change::Asset(rel),
        _ if crate::handbook::load::is_policy_name(name) => Change::Policy(rel),
        // A picture or document beside the policies.
        _ if crate::handbook::load::is_beside_file(&rel) => Change::Asset(rel),
        _ if !name.contains('.') => Change::Folder(rel),
        _ => Change::Ignored,
    }
}

/// Names editors give their temporary and backup files.
fn is_temp_file(name: &str) -> bool {
    name.ends_with('~')
        || name == "4913"
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".bak",
            ".crdownload",
            ".part",
        ]
        .iter()
        .any(|s| name.ends_with(s))
        || name.starts_with("~$")
        || name.contains(".md.tmp")
        || name.contains(".sb-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        let root = Path::new("/hb");
        let table = [
            ("/hb/handbook.yaml", Change::Config("handbook.yaml".into())),
            (
                "/hb/safeguarding/photos.md",
                Change::Policy("safeguarding/photos.md".into()),
            ),
            ("/hb/top.md", Change::Policy("top.md".into())),
            (
                "/hb/safeguarding/online",
                Change::Folder("safeguarding/online".into()),
            ),
            (
                "/hb/assets/forms/a.pdf",
                Change::Asset("assets/forms/a.pdf".into()),
            ),
            ("/hb/themes/default/templates/policy.html", Change::Theme),
            ("/hb/themes/default/static/style.css", Change::Theme),
            ("/hb/safeguarding/.photos.md.swp", Change::Ignored),
            ("/hb/safeguarding/photos.md~", Change::Ignored),
            ("/hb/safeguarding/.#photos.md", Change::Ignored),
            ("/hb/safeguarding/4913", Change::Ignored),
            ("/hb/safeguarding/photos.md.tmp.123", Change::Ignored),
            ("/hb/_template.md", Change::Ignored),
            (
                "/hb/people/_folder.yaml",
                Change::Config("people/_folder.yaml".into()),
            ),
            ("/hb/_folder.yaml", Change::Config("_folder.yaml".into())),
            ("/hb/_drafts/_folder.yaml", Change::Ignored),
            (
                "/hb/assets/_img/a.png",
                Change::Asset("assets/_img/a.png".into()),
            ),
            ("/hb/assets/.DS_Store", Change::Ignored),
            ("/hb/.git/index", Change::Ignored),
            ("/hb/notes.txt", Change::Ignored),
            (
                "/hb/safeguarding/Photo.JPG",
                Change::Asset("safeguarding/Photo.JPG".into()),
            ),
            ("/hb/safeguarding/_old/photo.jpg", Change::Ignored),
            ("/elsewhere/x.md", Change::Ignored),
            ("/hb", Change::Ignored),
        ];
        for (path, want) in table {
            assert_eq!(classify(root, Path::new(path)), want, "{path}");
        }
    }
}
