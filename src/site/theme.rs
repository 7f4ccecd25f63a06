//! The theme: Tera templates and static files (CSS, JS). The default theme
//! is embedded in the binary, so an installed `policybook` works anywhere;
//! a `themes/NAME/` folder beside `handbook.yaml` overrides it file by file.

use crate::error::{Error, Result};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(rust_embed::RustEmbed)]
#[folder = "themes/default/"]
struct DefaultTheme;

/// A theme's files: templates by name, static files by path.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// `templates/policy.html` is `policy.html`.
    pub templates: BTreeMap<String, String>,
    /// `static/style.css` is `style.css`; written to the site's `static/`.
    pub statics: BTreeMap<String, Cow<'static, [u8]>>,
}

impl Theme {
    /// The embedded default theme, with the files of `root/themes/NAME/`
    /// laid over it. A theme named other than "default" must exist.
    pub fn load(root: &Path, name: &str) -> Result<Theme> {
        let mut theme = Theme::default();
        for path in DefaultTheme::iter() {
            if let Some(file) = DefaultTheme::get(&path) {
                theme.add(&path, file.data)?;
            }
        }
        let dir = root.join(crate::handbook::load::THEMES_DIR).join(name);
        if dir.is_dir() {
            // A theme folder that is a link out of the handbook is not
            // read: it could publish anything on the machine.
            let inside = std::fs::canonicalize(&dir)
                .ok()
                .zip(std::fs::canonicalize(root).ok())
                .is_some_and(|(dir, root)| dir.starts_with(root));
            if !inside {
                return Err(Error::Theme(format!(
                    "the theme folder {} is a link to somewhere outside the handbook, so it was not used: copy the theme into the handbook instead",
                    dir.display()
                )));
            }
            for entry in walkdir::WalkDir::new(&dir)
                .follow_links(false)
                .follow_root_links(false)
                .sort_by_file_name()
                .into_iter()
                // Hidden files (`.env`, `.git`) are never published.
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
            {
                let entry = entry.map_err(|e| {
                    Error::Theme(format!(
                        "cannot read the theme folder {}: {e}",
                        dir.display()
                    ))
                })?;
                // Links inside a theme are not followed (a file that is a
                // link is left out).
                if entry.file_type().is_file() {
                    let rel = crate::handbook::load::rel_path(&dir, entry.path());
                    theme.add(&rel, Cow::Owned(crate::fs::read(entry.path())?))?;
                }
            }
        } else if name != "default" {
            return Err(Error::Theme(format!(
                "handbook.yaml says theme: {name}, but there is no folder {}",
                dir.display()
            )));
        }
        Ok(theme)
    }

    fn add(&mut self, rel: &str, data: Cow<'static, [u8]>) -> Result<()> {
        if let Some(name) = rel.strip_prefix("templates/") {
            let text = String::from_utf8(data.into_owned())
                .map_err(|_| Error::Theme(format!("the theme template {rel} is not UTF-8 text")))?;
            self.templates.insert(
                name.to_string(),
                crate::handbook::load::normalize_newlines(text),
            );
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.statics.insert(name.to_string(), data);
        }
        Ok(())
    }

    /// Compiles the templates.
    pub fn tera(&self) -> Result<tera::Tera> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(self.templates.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .map_err(|e| {
                Error::Theme(format!(
                    "a theme template has an error: {}",
                    tera_message(&e)
                ))
            })?;
        Ok(tera)
    }
}

/// HTML-escapes what templates print, as Tera's own escaping does (`&`,
/// `<`, `>`, `"` and `'`), but writes each run of other bytes at once
/// rather than byte by byte: every value on every page goes through it.
pub fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    escape_runs(input, |run| out.write_all(run.as_bytes()))
}

/// `text` HTML-escaped as [`escape_html`] does it, when formatted: for
/// markup written with `write!` (the charts), without a string for each
/// value.
pub struct Escaped<'a>(pub &'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        escape_runs(self.0, |run| f.write_str(run))
    }
}

/// The one rule of HTML escaping: `input` handed to `put` as runs of
/// plain text and the entities between them.
fn escape_runs<E>(input: &str, mut put: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let mut start = 0;
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // Cut at an ASCII byte, so on a character boundary.
        put(&input[start..i])?;
        put(entity)?;
        start = i + 1;
    }
    put(&input[start..])
}

/// A Tera error with its causes, on one line.
pub fn tera_message(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
