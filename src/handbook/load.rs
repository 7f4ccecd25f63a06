//! Stage 1, **load**: walk the handbook folder and read every policy file
//! and `handbook.yaml` as text; list the assets. Each policy's text goes on
//! to parsing as soon as it is read (the caller says what to make of it),
//! so that the texts of a large handbook are not all held at once.
//!
//! Skipped: names starting with `.` (hidden files, `.git`), names
//! starting with `_` outside `assets/` and `static/` (drafts, partials),
//! and the `assets/`, `static/` and `themes/` folders at the root (assets
//! and static files are listed, not read: everything in them but dotfiles
//! is published). Text is normalised here once: a UTF-8 byte-order mark
//! is dropped and CRLF / CR line ends become LF, which keeps line numbers
//! as the editor sees them.

use crate::error::{Error, Result};
use crate::handbook::config::{self, Config};
use crate::handbook::defaults;
use crate::handbook::findings::{Finding, Kind};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The folder at the root whose files are copied to the site as they are.
pub const ASSETS_DIR: &str = "assets";
/// The folder at the root whose files are copied to the top of the site
/// as they are (a host's `web.config`, `robots.txt`, `favicon.ico`).
pub const STATIC_DIR: &str = "static";
/// The folder at the root that holds theme overrides.
pub const THEMES_DIR: &str = "themes";

/// One policy file's text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the handbook root, `/`-separated: `safeguarding/photos.md`.
    pub rel: String,
    pub text: String,
    /// A problem reading it that did not stop it being read (its encoding).
    pub warning: Option<Box<Finding>>,
}

/// Everything read from a handbook folder: the policy files as text, or
/// as what [`load`] made of each.
#[derive(Debug)]
pub struct Loaded<F = SourceFile> {
    pub root: PathBuf,
    pub config: Config,
    /// Sorted by path.
    pub files: Vec<F>,
    /// Asset paths relative to the root (`assets/forms/a.pdf`), sorted.
    pub assets: BTreeSet<String>,
    /// Files under `static/`, relative to the root (`static/web.config`),
    /// sorted.
    pub statics: BTreeSet<String>,
    /// Files under `assets/` or `static/` that are not published because
    /// they hold active content (see [`active_content`]), with why.
    pub withheld: std::collections::BTreeMap<String, String>,
    /// Pictures and documents in the policies' folders ([`is_beside_file`]),
    /// published when a policy links to one; with why for those withheld
    /// as active content.
    pub beside: std::collections::BTreeMap<String, Option<String>>,
    /// Policy files and folders (`drafts/`) that `exclude:` leaves out,
    /// sorted.
    pub excluded: Vec<String>,
    /// Policy files and folders that could not be read at all: like
    /// unparseable policies, they stop `build` from writing a site that
    /// would silently lack them.
    pub unreadable: Vec<String>,
    /// Files and folders (`.git/`) not read, with why, sorted: for
    /// `--verbose`.
    pub skipped: Vec<(String, Skip)>,
    pub findings: Vec<Finding>,
}

/// Why a file or folder in the handbook is not read: what `--verbose`
/// says of each (`exclude:` has its own list, [`Loaded::excluded`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Skip {
    /// `.git/`, `.DS_Store`: names starting with a dot.
    Hidden,
    /// `_template.md`, `_notes/`: names starting with an underscore.
    Underscore,
    /// A site `build` wrote into the handbook (`site/`).
    BuiltSite,
    /// Neither a policy nor a picture or document to publish beside one
    /// (`notes.txt`).
    NotPolicy,
}

impl Skip {
    /// Why, in plain words.
    pub fn why(self) -> &'static str {
        match self {
            Skip::Hidden => "its name starts with a dot, so it is hidden",
            Skip::Underscore => {
                "its name starts with _, which keeps templates and notes off the site"
            }
            Skip::BuiltSite => "it is a site policybook built",
            Skip::NotPolicy => {
                "it is not a policy (.md) nor a picture or document a policy could link to"
            }
        }
    }
}

impl<F: Send> Loaded<F> {
    /// The same handbook with each file made into something else (in
    /// parallel, in the same order).
    pub fn map_files<G: Send>(self, each: impl Fn(&Config, F) -> G + Sync) -> Loaded<G> {
        let files = self
            .files
            .into_par_iter()
            .map(|file| each(&self.config, file))
            .collect();
        Loaded {
            root: self.root,
            config: self.config,
            files,
            assets: self.assets,
            statics: self.statics,
            withheld: self.withheld,
            beside: self.beside,
            excluded: self.excluded,
            unreadable: self.unreadable,
            skipped: self.skipped,
            findings: self.findings,
        }
    }
}

/// Reads the handbook at `root`: its settings, then each policy file,
/// handed to `each` (with the settings) as soon as it is read, in
/// parallel; what `each` makes of a file is kept, so that its text need not
/// outlive its parse, nor all of them be held at once. Fails (exit 2) only
/// when the folder itself cannot be read; problems with single files
/// become findings.
pub fn load<F: Send>(
    root: &Path,
    each: impl Fn(&Config, SourceFile) -> F + Sync,
) -> Result<Loaded<F>> {
    let meta = std::fs::metadata(root).map_err(|e| {
        Error::Handbook(format!(
            "cannot open the handbook folder {}: {}",
            root.display(),
            plain_io(&e)
        ))
    })?;
    if !meta.is_dir() {
        return Err(Error::Handbook(format!(
            "{} is a file, not a handbook folder (give the folder that holds handbook.yaml)",
            root.display()
        )));
    }
    let mut findings = Vec::new();
    let config_path = root.join(config::FILE_NAME);
    if !config_path.is_file() {
        return Err(Error::Handbook(not_a_handbook(root)));
    }
    let config = if let Some(mut outside) = link_out_of(root, config::FILE_NAME) {
        // Settings from a file elsewhere on the machine are not read.
        outside.severity = crate::handbook::findings::Severity::Error;
        outside.kind = Kind::InvalidConfig;
        outside.message = format!(
            "{} is a link to a file outside the handbook, so it was not read and the defaults are used: put the settings in the file itself",
            config::FILE_NAME
        );
        findings.push(outside);
        Config::default()
    } else {
        match std::fs::read(&config_path) {
            Ok(bytes) => match decode(bytes) {
                Some(text) => config::parse(&text, &mut findings),
                None => {
                    findings.push(Finding::error(
                        Kind::InvalidConfig,
                        config::FILE_NAME,
                        0,
                        "handbook.yaml is not text (save it as UTF-8)".to_string(),
                    ));
                    Config::default()
                }
            },
            Err(e) => {
                findings.push(Finding::error(
                    Kind::InvalidConfig,
                    config::FILE_NAME,
                    0,
                    format!("handbook.yaml could not be read: {}", plain_io(&e)),
                ));
                Config::default()
            }
        }
    };

    let Walked {
        policies: paths,
        mut assets,
        mut statics,
        mut unreadable,
        folder_defaults,
        excluded,
        beside,
        skipped,
    } = walk(root, &config, &mut findings);
    let mut config = config;
    for rel in folder_defaults {
        if let Some((folder, layer)) = read_folder_defaults(root, &rel, &config, &mut findings) {
            config.defaults.folders.insert(folder, layer);
        }
    }
    let mut withheld = std::collections::BTreeMap::new();
    if !config.allow_raw_html {
        for files in [&mut assets, &mut statics] {
            files.retain(|rel| match active_content(root, rel) {
                None => true,
                Some(why) => {
                    findings.push(Finding::warning(
                        Kind::UnsafeHtml,
                        rel,
                        1,
                        format!("{rel} {why}, which would run on the intranet's pages as if the intranet had written it, so it is not published: link to a PDF or an image without scripts instead, or set allow_raw_html: true in handbook.yaml if you trust every editor"),
                    ));
                    withheld.insert(rel.clone(), why);
                    false
                }
            });
        }
    }
    // Only those a policy links to are published, so an unsafe one is
    // reported on the link, not here.
    let beside = beside
        .into_iter()
        .map(|rel| {
            let why = (!config.allow_raw_html)
                .then(|| active_content(root, &rel))
                .flatten();
            (rel, why)
        })
        .collect();
    // Each file read (its warning set apart) and made into an `F`.
    let results: Vec<_> = paths
        .par_iter()
        .map(|rel| {
            let mut file = read_policy(root, rel)?;
            Ok::<_, Box<Finding>>((file.warning.take(), each(&config, file)))
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok((warning, f)) => {
                findings.extend(warning.map(|w| *w));
                files.push(f);
            }
            Err(finding) => {
                unreadable.push(finding.file.clone());
                findings.push(*finding);
            }
        }
    }
    Ok(Loaded {
        root: root.to_path_buf(),
        config,
        files,
        assets,
        statics,
        withheld,
        beside,
        excluded,
        unreadable,
        skipped,
        findings,
    })
}

/// Reads the `_folder.yaml` at `rel`: its folder and its defaults. A file
/// that cannot be read, is not text or not YAML is an error on it.
fn read_folder_defaults(
    root: &Path,
    rel: &str,
    config: &Config,
    findings: &mut Vec<Finding>,
) -> Option<(String, defaults::Layer)> {
    let error = |line, message: String| {
        Finding::error(Kind::InvalidConfig, rel, line, message).key("defaults")
    };
    let text = match std::fs::read(root.join(rel)) {
        Ok(bytes) => match decode(bytes) {
            Some(text) => text,
            None => {
                findings.push(error(
                    1,
                    format!("{rel} is not text (save it as UTF-8), so its defaults were not used"),
                ));
                return None;
            }
        },
        Err(e) => {
            findings.push(error(
                1,
                format!(
                    "{rel} could not be read ({}), so its defaults were not used",
                    plain_io(&e)
                ),
            ));
            return None;
        }
    };
    let node = match crate::handbook::yaml::parse(&text) {
        Ok(node) => node,
        Err(e) => {
            findings.push(error(
                e.line,
                format!("{} (its defaults were not used)", e.message),
            ));
            return None;
        }
    };
    let layer = defaults::read_layer(rel, &node, config, findings)?;
    let folder = rel.rsplit_once('/').map_or("", |(f, _)| f).to_string();
    Some((folder, layer))
}

/// What in a file to publish would run as script on the intranet's
/// origin, in words, if anything: a web page (`.html`, `.htm`, `.xhtml`,
/// `.shtml`, `.svgz`, whose inside cannot be read here), or an SVG with a
/// script, an event handler, a `javascript:` link or embedded HTML. An
/// image without them is an image.
pub fn active_content(root: &Path, rel: &str) -> Option<String> {
    let lower = rel.to_ascii_lowercase();
    let extension = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match extension {
        "html" | "htm" | "xhtml" | "xht" | "shtml" | "mht" | "mhtml" | "svgz" => {
            Some("is a web page".to_string())
        }
        "svg" | "xml" | "xsl" | "xslt" => {
            let bytes = std::fs::read(root.join(rel)).ok()?;
            // Text in another encoding (UTF-16) cannot be read here, so it
            // cannot be shown to hold nothing that runs.
            let Ok(text) = String::from_utf8(bytes) else {
                return Some("is not UTF-8, so it cannot be checked for scripts".to_string());
            };
            let text = text.to_ascii_lowercase();
            // `onload=` and `onload =`, in any spacing.
            let handler = text.match_indices("on").any(|(at, _)| {
                let before = text[..at].chars().next_back();
                let rest = &text[at + 2..];
                let name_len = rest
                    .find(|c: char| !c.is_ascii_alphabetic())
                    .unwrap_or(rest.len());
                name_len > 0
                    && before
                        .is_some_and(|c| c.is_whitespace() || c == '/' || c == '"' || c == '\'')
                    && rest[name_len..].trim_start().starts_with('=')
            });
            // `script` anywhere catches `<svg:script>` and the like;
            // character references, and entities a DTD defines
            // (`<!ENTITY a "java">` … `&a;script:`), could spell
            // anything, and are refused.
            let active = [
                "<!entity",
                "script",
                "javascript:",
                "foreignobject",
                "<iframe",
                "<embed",
                "<object",
                "xml-stylesheet",
                "<xsl:",
                "&#",
                "data:text/html",
            ]
            .iter()
            .any(|tag| text.contains(tag));
            (active || handler).then(|| {
                "holds a script (or an event handler, an embedded page, or a character reference or entity that could spell one)".to_string()
            })
        }
        _ => None,
    }
}

/// Why `root` is not a handbook, and how to make it one.
pub fn not_a_handbook(root: &Path) -> String {
    // The one handbook in a folder below, as the repository's handbook/.
    if let Some(below) = crate::handbook::find_handbook(root).filter(|b| b != root) {
        return format!(
            "there is no handbook here: {} has no {}, but the folder {} below it is a handbook: give that folder instead",
            shown_folder(root),
            config::FILE_NAME,
            below.display()
        );
    }
    format!(
        "there is no handbook here: {} has no {}. A handbook is a folder that holds {} (its settings) and the policies as .md files. Give the folder that holds {}, or make a new handbook with `policybook init NEW-FOLDER`.",
        shown_folder(root),
        config::FILE_NAME,
        config::FILE_NAME,
        config::FILE_NAME,
    )
}

/// A folder as the person at the keyboard knows it: `.` as the folder
/// they are in.
fn shown_folder(root: &Path) -> String {
    match std::env::current_dir() {
        Ok(cwd) if root.as_os_str().is_empty() || root == Path::new(".") => {
            format!("the folder you are in ({})", cwd.display())
        }
        _ => root.display().to_string(),
    }
}

/// Lists policy files and assets, sorted, as `/`-separated relative paths.
/// What [`walk`] finds.
struct Walked {
    policies: Vec<String>,
    /// Each `_folder.yaml`, sorted.
    folder_defaults: Vec<String>,
    /// The policy files and folders (`drafts/`) `exclude:` leaves out
    /// (what is in such a folder is not looked at).
    excluded: Vec<String>,
    assets: BTreeSet<String>,
    statics: BTreeSet<String>,
    beside: BTreeSet<String>,
    unreadable: Vec<String>,
    skipped: Vec<(String, Skip)>,
}

fn walk(root: &Path, config: &Config, findings: &mut Vec<Finding>) -> Walked {
    let mut policies = Vec::new();
    let mut assets = BTreeSet::new();
    let mut statics = BTreeSet::new();
    let mut beside = BTreeSet::new();
    let mut unreadable = Vec::new();
    let mut folder_defaults = Vec::new();
    let mut excluded = Vec::new();
    let mut left_out = Vec::new();
    let mut not_policies = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let rel = rel_path(root, e.path());
            let skip = if is_built_site(e) {
                Skip::BuiltSite
            } else if is_left_out(&rel) && !is_folder_defaults(&rel) {
                if e.file_name().to_string_lossy().starts_with('.') {
                    Skip::Hidden
                } else {
                    Skip::Underscore
                }
            } else {
                return true;
            };
            let shown = if e.file_type().is_dir() {
                format!("{rel}/")
            } else {
                rel
            };
            left_out.push((shown, skip));
            false
        });
    let mut walker = walker;
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e.path().map(|p| rel_path(root, p)).unwrap_or_default();
                let why = e
                    .io_error()
                    .map(plain_io)
                    .unwrap_or_else(|| "it links back into itself".to_string());
                findings.push(Finding::error(
                    Kind::UnreadableFile,
                    &rel,
                    1,
                    format!("{rel} could not be read ({why}), so any policies in it were left out"),
                ));
                unreadable.push(rel);
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let rel = rel_path(root, entry.path());
        let top = rel.split('/').next().unwrap_or_default();
        if top == THEMES_DIR {
            continue;
        }
        if config.exclude.matches(&rel) {
            if entry.file_type().is_dir() {
                excluded.push(format!("{rel}/"));
                walker.skip_current_dir();
            } else if is_policy_name(&rel) {
                excluded.push(rel);
            }
            continue;
        }
        if entry.file_name().to_str().is_none() {
            // Its name cannot be shown, linked to or published as it is.
            let is_dir = entry.file_type().is_dir();
            if is_dir || top == ASSETS_DIR || top == STATIC_DIR || is_policy_name(&rel) {
                findings.push(Finding::error(
                    Kind::UnreadableFile,
                    &rel,
                    1,
                    format!(
                        "the name of {} is not text policybook can read (it is not UTF-8, shown here with � for what cannot be read): rename it",
                        if is_dir { "this folder" } else { "this file" }
                    ),
                ));
                unreadable.push(rel);
            }
            if is_dir {
                walker.skip_current_dir();
            }
            continue;
        }
        let file_type = entry.file_type();
        let is_file = if file_type.is_symlink() {
            if rel == config::FILE_NAME {
                // Read (or refused) above.
                continue;
            }
            if let Some(warning) =
                link_out_of(root, &rel).or_else(|| link_to_unpublished(root, &rel, config))
            {
                findings.push(warning);
                continue;
            }
            entry.path().is_file()
        } else {
            file_type.is_file()
        };
        if !is_file {
            continue;
        }
        if is_folder_defaults(&rel) {
            folder_defaults.push(rel);
        } else if top == ASSETS_DIR {
            assets.insert(rel);
        } else if top == STATIC_DIR {
            statics.insert(rel);
        } else if is_policy_name(&rel) {
            policies.push(rel);
        } else if is_beside_file(&rel) {
            beside.insert(rel);
        } else if rel != config::FILE_NAME {
            not_policies.push((rel, Skip::NotPolicy));
        }
    }
    let mut skipped = left_out;
    skipped.append(&mut not_policies);
    skipped.sort();
    // In the order of their paths as text, which the walk's is not where a
    // folder's name starts a sibling's ("safeguarding/" is walked before
    // "safeguarding.md", whose path sorts first): the handbook finds a
    // policy by its file in that order, and puts a re-read one back in it.
    policies.sort();
    Walked {
        policies,
        assets,
        statics,
        beside,
        unreadable,
        folder_defaults,
        excluded,
        skipped,
    }
}

/// Whether `rel` is a folder's defaults file ([`defaults::FOLDER_FILE`])
/// in a folder of policies: not under `assets/`, `static/` or `themes/`,
/// nor in a folder that is left out.
pub fn is_folder_defaults(rel: &str) -> bool {
    let (folder, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let top = rel.split('/').next().unwrap_or_default();
    name == defaults::FOLDER_FILE
        && ![ASSETS_DIR, STATIC_DIR, THEMES_DIR].contains(&top)
        && (folder.is_empty() || !is_left_out(folder))
}

/// Whether a folder at the top of the handbook is a site that `build`
/// wrote there (`site/`): its pages are not the handbook's.
fn is_built_site(entry: &walkdir::DirEntry) -> bool {
    entry.depth() == 1
        && entry.file_type().is_dir()
        && entry.path().join(crate::site::write::MARKER).is_file()
}

/// The kinds of file a policy may link to from its own folder, without
/// putting it under `assets/`: pictures and documents, as other
/// generators publish them beside a page.
pub const BESIDE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "bmp", "ico", "pdf", "docx", "doc", "xlsx",
    "xls", "pptx", "ppt", "odt", "ods", "odp", "rtf", "csv", "mp4", "webm", "mp3",
];

/// Whether `rel` is a picture or document in the policies' folders (not
/// under `assets/`, `static/` or `themes/`, and not left out), which a
/// policy may link to where it is.
pub fn is_beside_file(rel: &str) -> bool {
    let top = rel.split('/').next().unwrap_or(rel);
    let extension = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    ![ASSETS_DIR, STATIC_DIR, THEMES_DIR].contains(&top)
        && !is_left_out(rel)
        && extension.is_some_and(|e| BESIDE_EXTENSIONS.contains(&e.as_str()))
}

/// Whether a file name is a policy's: `.md` (or `.MD`, `.markdown`).
pub fn is_policy_name(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".MD") || name.ends_with(".markdown")
}

/// A warning when `rel` is a symbolic link that leaves the handbook,
/// points at nothing, or points at something the handbook leaves out
/// (`.git`, `.env`): such links are never followed, by `load` or by
/// `serve` when one appears.
pub fn link_out_of(root: &Path, rel: &str) -> Option<Finding> {
    let why = match link_target(root, rel)? {
        // A link to a hidden file inside (`../.git/config`, `../.env`) is
        // no more published than the file itself.
        Some(t) if !t.is_empty() && !is_left_out(&t) => return None,
        Some(t) if !t.is_empty() => format!("a link to {t}, which is never published"),
        _ => "a link to something outside the handbook (or to nothing)".to_string(),
    };
    Some(Finding::warning(
        Kind::UnreadableFile,
        rel,
        1,
        format!("{rel} is {why}, so it was skipped"),
    ))
}

/// Where the symbolic link `rel` points, relative to the root (`None`
/// inside when that is outside the handbook or nothing); `None` when
/// `rel` is not a link.
fn link_target(root: &Path, rel: &str) -> Option<Option<String>> {
    let path = root.join(rel);
    if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        return None;
    }
    let target = std::fs::canonicalize(&path).ok().and_then(|target| {
        let root = std::fs::canonicalize(root).ok()?;
        target
            .strip_prefix(&root)
            .ok()
            .map(|t| rel_path(Path::new(""), t))
    });
    Some(target)
}

/// A warning when `rel` is a symbolic link to a file inside the handbook
/// that is never published itself: the settings (`handbook.yaml`, a
/// `_folder.yaml`) or what `exclude:` leaves out. Such links are not
/// followed either, by `load` or by `serve`.
pub fn link_to_unpublished(root: &Path, rel: &str, config: &Config) -> Option<Finding> {
    let target = link_target(root, rel)??;
    let why = if target == config::FILE_NAME || is_folder_defaults(&target) {
        "the handbook's settings"
    } else if config.exclude.matches(&target) {
        "left out by exclude: in handbook.yaml"
    } else {
        return None;
    };
    Some(Finding::warning(
        Kind::UnreadableFile,
        rel,
        1,
        format!("{rel} is a link to {target}, which is {why}, so it was skipped"),
    ))
}

/// Whether a path (relative to the root, `/`-separated) is left out of
/// the handbook: names starting with `.` anywhere (`.git`, `.env`), and
/// names starting with `_` except under `assets/` and `static/`, where
/// everything else is published (`assets/_img/`), but for a host's
/// `static/.htaccess` and `static/.well-known/`. The one rule for `load`
/// and `serve`.
pub fn is_left_out(rel: &str) -> bool {
    let top = rel.split('/').next();
    let in_assets = top == Some(ASSETS_DIR) || top == Some(STATIC_DIR);
    rel.split('/').enumerate().any(|(depth, name)| {
        // A host's own files at the top of static/: Apache's .htaccess,
        // and .well-known/ (security.txt and the like).
        let host_file =
            top == Some(STATIC_DIR) && depth == 1 && (name == ".htaccess" || name == ".well-known");
        (name.starts_with('.') && !host_file) || (name.starts_with('_') && !in_assets)
    })
}

/// `root/a/b.md` → `a/b.md`.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads one policy file as text.
pub fn read_policy(root: &Path, rel: &str) -> std::result::Result<SourceFile, Box<Finding>> {
    let path = root.join(rel);
    let bytes = std::fs::read(&path).map_err(|e| {
        Box::new(Finding::error(
            Kind::UnreadableFile,
            rel,
            0,
            format!("this policy could not be read: {}", plain_io(&e)),
        ))
    })?;
    let (text, warning) = match decode_any(bytes) {
        Some((text, false)) => (text, None),
        Some((text, true)) => (
            text,
            Some(Box::new(Finding::warning(
                Kind::Encoding,
                rel,
                0,
                "this file is saved as Windows-1252 (as Word saves plain text), not UTF-8: policybook read it, but save it as UTF-8 so that every tool reads it the same way".to_string(),
            ))),
        ),
        None => {
            return Err(Box::new(Finding::error(
                Kind::UnreadableFile,
                rel,
                0,
                "this file is not text that policybook can read: save it as UTF-8 (in Word: Save As, Plain Text, Unicode UTF-8)".to_string(),
            )));
        }
    };
    Ok(SourceFile {
        rel: rel.to_string(),
        text,
        warning,
    })
}

/// Bytes to text: UTF-8 with or without a byte-order mark; line ends
/// normalised to `\n`. `None` for bytes that are not UTF-8 text.
pub fn decode(bytes: Vec<u8>) -> Option<String> {
    utf8(bytes).ok().flatten()
}

/// `Ok(Some(text))` for UTF-8 text (its byte-order mark dropped and line
/// ends made `\n`, without copying), `Ok(None)` for UTF-8 holding NULs,
/// and the bytes back for anything that is not UTF-8.
fn utf8(bytes: Vec<u8>) -> std::result::Result<Option<String>, Vec<u8>> {
    let mut text = String::from_utf8(bytes).map_err(|e| e.into_bytes())?;
    if text.starts_with('\u{FEFF}') {
        text.drain(..'\u{FEFF}'.len_utf8());
    }
    Ok((!text.contains('\0')).then(|| normalize_newlines(text)))
}

/// Like [`decode`], but reads text that is not UTF-8 as Windows-1252 (the
/// encoding Word and Notepad long used), saying so with `true`. `None`
/// for bytes that are neither: NULs, or the five bytes Windows-1252 leaves
/// undefined.
pub fn decode_any(bytes: Vec<u8>) -> Option<(String, bool)> {
    let bytes = match utf8(bytes) {
        Ok(text) => return text.map(|t| (t, false)),
        Err(bytes) => bytes,
    };
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    for &b in &bytes {
        let c = match b {
            0 => return None,
            0x00..=0x7f | 0xa0..=0xff => char::from(b),
            _ => WINDOWS_1252[usize::from(b - 0x80)]?,
        };
        text.push(c);
    }
    Some((normalize_newlines(text), true))
}

/// Windows-1252 bytes 0x80..=0x9f (the rest is Latin-1).
const WINDOWS_1252: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// CRLF and lone CR become LF.
pub fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// An I/O error in words, without the OS error number.
pub fn plain_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "it does not exist".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        ErrorKind::AlreadyExists => "it already exists".to_string(),
        ErrorKind::StorageFull => "the disk is full".to_string(),
        ErrorKind::ReadOnlyFilesystem => "the disk can only be read, not written".to_string(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error ") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_are_in_the_order_of_their_paths_as_text() {
        // The walk visits `hr/payroll/` before `hr/payroll-guide.md` and
        // `hr/payroll.md`, whose paths sort first ('-' and '.' before '/').
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join(config::FILE_NAME), "title: T\n").unwrap();
        std::fs::create_dir_all(root.join("hr/payroll")).unwrap();
        for rel in [
            "hr/payroll/a.md",
            "hr/payroll-guide.md",
            "hr/payroll.md",
            "hr/z.md",
        ] {
            std::fs::write(root.join(rel), "---\ntitle: X\n---\n").unwrap();
        }
        let loaded = load(root, |_, file| file.rel).unwrap();
        assert_eq!(
            loaded.files,
            [
                "hr/payroll-guide.md",
                "hr/payroll.md",
                "hr/payroll/a.md",
                "hr/z.md"
            ]
        );
    }

    #[test]
    fn what_is_left_out() {
        for (rel, out) in [
            ("_template.md", true),
            ("hr/_notes/a.md", true),
            (".git/config", true),
            ("hr/.env", true),
            ("assets/_img/logo.png", false),
            ("assets/forms/_blank.pdf", false),
            ("assets/.secret", true),
            ("assets/_img/.DS_Store", true),
            ("static/.htaccess", false),
            ("static/.well-known/security.txt", false),
            ("static/.env", true),
            ("static/x/.htaccess", true),
            ("assets/.htaccess", true),
            ("hr/leave.md", false),
        ] {
            assert_eq!(is_left_out(rel), out, "{rel}");
        }
        for (rel, defaults) in [
            ("_folder.yaml", true),
            ("hr/_folder.yaml", true),
            ("hr/_notes/_folder.yaml", false),
            (".git/_folder.yaml", false),
            ("assets/_folder.yaml", false),
            ("themes/x/_folder.yaml", false),
            ("hr/folder.yaml", false),
        ] {
            assert_eq!(is_folder_defaults(rel), defaults, "{rel}");
        }
    }

    #[test]
    fn decoding() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFa\r\nb\rc\n".to_vec()).as_deref(),
            Some("a\nb\nc\n")
        );
        assert_eq!(decode(b"\xff\xfe\x00".to_vec()), None);
        assert_eq!(
            decode_any(b"Caf\xe9 \x93quoted\x94 \x80 \x96 x\r\n".to_vec()),
            Some(("Café “quoted” € – x\n".to_string(), true))
        );
        assert_eq!(decode_any(b"ok".to_vec()), Some(("ok".to_string(), false)));
        assert_eq!(decode_any(b"\x81bad".to_vec()), None);
        assert_eq!(decode_any(b"a\x00b".to_vec()), None);
        // A byte-order mark on bytes that are not UTF-8 is read as
        // Windows-1252 like the rest.
        assert_eq!(
            decode_any(b"\xEF\xBB\xBFCaf\xe9".to_vec()),
            Some(("ï»¿Café".to_string(), true))
        );
    }
}
