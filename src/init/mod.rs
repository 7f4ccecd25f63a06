//! `policybook init`: a new handbook in an empty folder, ready to edit,
//! preview and build. It sits beside the pipeline, not in it: it only
//! writes the starting files (`handbook.yaml` with every setting explained,
//! two example policies in two categories, a template, `assets/` and a
//! `.gitignore`), which the pipeline then reads like any other handbook.

use crate::error::{Error, Result};
use jiff::civil::Date;
use std::path::{Path, PathBuf};

pub mod new;

/// The template a new handbook gets, whose sections a new policy starts
/// with (see [`new`]).
pub const TEMPLATE: &str = include_str!("_template.md");

/// What to make.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The folder: made if missing, refused unless empty.
    pub dir: PathBuf,
    pub title: String,
    pub organisation: Option<String>,
    /// The day the example review dates are counted from.
    pub today: Date,
}

/// What was made, for the message that follows.
#[derive(Debug, Clone)]
pub struct Made {
    /// Relative paths of the files written, in the order written.
    pub files: Vec<String>,
}

/// The example safeguarding policy is due this many days after `today`,
/// inside the default due-soon window, so that a new handbook's review
/// dashboard shows a review coming up.
const DUE_SOON_IN_DAYS: i64 = 20;

/// Writes a new handbook into `options.dir`.
pub fn init(options: &InitOptions) -> Result<Made> {
    let dir = &options.dir;
    refuse_unless_empty(dir)?;
    let today = options.today;
    let day = |days: i64| -> String {
        today
            .checked_add(jiff::Span::new().days(days))
            .unwrap_or(today)
            .to_string()
    };
    // A year before the due-soon review, so that the example's dates agree.
    let due_soon = day(DUE_SOON_IN_DAYS);
    let last_year = due_soon
        .parse::<Date>()
        .ok()
        .and_then(|d| d.checked_sub(jiff::Span::new().years(1)).ok())
        .unwrap_or(today)
        .to_string();
    // The dates first and what the user wrote last, so that a title
    // holding `{{today}}` stays as written.
    let fill = |template: &str| {
        template
            .replace("{{today}}", &today.to_string())
            .replace("{{last_year}}", &last_year)
            .replace("{{due_soon}}", &due_soon)
            .replace(
                "{{organisation}}",
                &options
                    .organisation
                    .as_deref()
                    .map(yaml_string)
                    .unwrap_or_default(),
            )
            .replace("{{title}}", &yaml_string(&options.title))
    };
    let files: [(&str, String); 5] = [
        (
            crate::handbook::config::FILE_NAME,
            settings_file(&options.title, options.organisation.as_deref(), false),
        ),
        (
            "safeguarding/safeguarding-and-child-protection.md",
            fill(include_str!("safeguarding.md")),
        ),
        (
            "health-and-safety/fire-safety.md",
            fill(include_str!("fire-safety.md")),
        ),
        ("_template.md", fill(TEMPLATE)),
        (
            ".gitignore",
            format!(
                "# The site `policybook build` writes, and nothing else.\n/{}/\n",
                crate::site::write::DEFAULT_OUTPUT
            ),
        ),
    ];
    let mut made = Made { files: Vec::new() };
    crate::fs::create_dir_all(&dir.join(crate::handbook::load::ASSETS_DIR))?;
    for (rel, text) in files {
        crate::fs::write_creating_dirs(&dir.join(rel), text.as_bytes())?;
        made.files.push(rel.to_string());
    }
    Ok(made)
}

/// A new handbook's `handbook.yaml`, every setting explained; with
/// `require_review_date`, a policy with no review date fails `check`.
pub fn settings_file(title: &str, organisation: Option<&str>, require_review_date: bool) -> String {
    let text = include_str!("handbook.yaml")
        .replace(
            "{{organisation}}",
            &organisation.map(yaml_string).unwrap_or_default(),
        )
        .replace("{{title}}", &yaml_string(title));
    if require_review_date {
        text.replace("require_review_date: false", "require_review_date: true")
    } else {
        text
    }
}

/// Fails unless `dir` is missing or an empty folder, saying what is there.
fn refuse_unless_empty(dir: &Path) -> Result<()> {
    let meta = match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io("look at", dir, e)),
        Ok(meta) => meta,
    };
    if !meta.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a file, not a folder: give the name of a new folder for the handbook",
            dir.display()
        )));
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::io("read", dir, e))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    let shown = match names.len() {
        1..=5 => names.join(", "),
        n => format!("{} and {} more", names[..5].join(", "), n - 5),
    };
    Err(Error::Usage(format!(
        "{} is not empty (it holds {shown}), and init only makes a handbook in an empty or new folder: give the name of a new folder, such as `policybook init handbook`",
        dir.display()
    )))
}

/// Text as a double-quoted YAML string: whitespace runs (line breaks
/// included) become one space, and quotes, backslashes and control
/// characters are escaped, so any title reads back as written.
pub fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                // Controls, and the two noncharacters YAML does not allow.
                c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {
                    out.push_str(&format!("\\u{:04x}", c as u32))
                }
                c => out.push(c),
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_read_back_as_written() {
        let mut findings = Vec::new();
        for title in [
            "Riverside \"Children's\" Centre",
            "Back\\slash: and # not a comment",
            "- starts like a list",
            "{[odd]}, *stars* & 'quotes'",
            "Bell\u{7}and\u{1b}escape",
            "Not\u{fffe}a\u{ffff}character",
        ] {
            let yaml = format!("title: {}\n", yaml_string(title));
            let config = crate::handbook::config::parse(&yaml, &mut findings);
            assert!(findings.is_empty(), "{title}: {findings:?}");
            assert_eq!(config.title, title, "{yaml}");
        }
        assert_eq!(yaml_string("two\nlines\r\n  here"), "\"two lines here\"");
    }
}
