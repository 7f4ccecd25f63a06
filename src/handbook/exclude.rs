//! `exclude:` in `handbook.yaml`: glob patterns of files and folders that
//! are not policies (`drafts/**`, `*.tmpl.md`, `templates`). Read with the
//! settings; **load** leaves what they match out of the walk, and `serve`
//! out of its rebuilds. Globs are globset's (the matcher ripgrep uses).

use crate::handbook::findings::{Finding, Kind};
use crate::handbook::yaml::{Node, Value};
use globset::{Glob, GlobSet, GlobSetBuilder};

/// The patterns as written, with their lines, and the set they make.
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    pub patterns: Vec<(String, u32)>,
    set: GlobSet,
}

impl PartialEq for Exclude {
    fn eq(&self, other: &Exclude) -> bool {
        self.patterns == other.patterns
    }
}

impl Exclude {
    /// Reads `exclude:`: a list of patterns (or one). A pattern that is
    /// not a glob is an error on its line, and left out.
    pub fn read(node: &Node, file: &str, findings: &mut Vec<Finding>) -> Exclude {
        let items: Vec<&Node> = match &node.value {
            Value::Null => Vec::new(),
            Value::List(items) => items.iter().collect(),
            _ => vec![node],
        };
        let mut builder = GlobSetBuilder::new();
        let mut patterns = Vec::new();
        for item in items {
            let Some(pattern) = item.value.as_text().map(|t| t.trim().to_string()) else {
                findings.push(
                    Finding::error(
                        Kind::InvalidConfig,
                        file,
                        item.line,
                        format!(
                            "each pattern of exclude should be text, such as \"drafts/**\", but one is {}",
                            item.value.describe()
                        ),
                    )
                    .key("exclude"),
                );
                continue;
            };
            if pattern.is_empty() {
                continue;
            }
            // A folder's name leaves out everything in it too, and
            // `drafts/**` the folder itself.
            let base = pattern.trim_end_matches('/');
            let base = base.strip_suffix("/**").unwrap_or(base);
            let folder = format!("{base}/**");
            match (Glob::new(base), Glob::new(&folder)) {
                (Ok(glob), Ok(_)) if covers_settings(&glob) => findings.push(
                    Finding::error(
                        Kind::InvalidConfig,
                        file,
                        item.line,
                        format!(
                            "exclude pattern \"{pattern}\" would leave out handbook.yaml, assets/ or static/, so it is not used: exclude is for policy files and folders (write it like drafts/** or *.tmpl.md)"
                        ),
                    )
                    .key("exclude"),
                ),
                (Ok(glob), Ok(inside)) => {
                    builder.add(glob);
                    builder.add(inside);
                    patterns.push((pattern, item.line));
                }
                (Err(e), _) | (_, Err(e)) => findings.push(
                    Finding::error(
                        Kind::InvalidConfig,
                        file,
                        item.line,
                        format!(
                            "exclude pattern \"{pattern}\" is not a glob pattern ({}): write it like drafts/** or *.tmpl.md",
                            plain(e.kind())
                        ),
                    )
                    .key("exclude"),
                ),
            }
        }
        let set = builder.build().unwrap_or_default();
        Exclude { patterns, set }
    }

    /// Whether the file or folder at `rel` (relative to the handbook root,
    /// `/`-separated) is left out.
    pub fn matches(&self, rel: &str) -> bool {
        !self.patterns.is_empty() && self.set.is_match(rel)
    }
}

/// Whether a pattern would leave out the settings or the folders that
/// are published as they are.
fn covers_settings(glob: &Glob) -> bool {
    let matcher = glob.compile_matcher();
    [
        crate::handbook::config::FILE_NAME,
        crate::handbook::load::ASSETS_DIR,
        crate::handbook::load::STATIC_DIR,
    ]
    .iter()
    .any(|rel| matcher.is_match(rel))
}

/// A glob error in words.
fn plain(kind: &globset::ErrorKind) -> String {
    use globset::ErrorKind;
    match kind {
        ErrorKind::UnclosedClass => "a [ is never closed with ]".to_string(),
        ErrorKind::UnclosedAlternates => "a { is never closed with }".to_string(),
        ErrorKind::UnopenedAlternates => "a } has no { before it".to_string(),
        ErrorKind::NestedAlternates => "a {…} is inside another".to_string(),
        ErrorKind::DanglingEscape => "it ends with a \\".to_string(),
        ErrorKind::InvalidRange(a, b) => format!("the range {a}-{b} is backwards"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exclude(yaml: &str) -> (Exclude, Vec<Finding>) {
        let node = crate::handbook::yaml::parse(yaml).unwrap();
        let mut findings = Vec::new();
        (
            Exclude::read(&node, "handbook.yaml", &mut findings),
            findings,
        )
    }

    #[test]
    fn patterns_match_files_and_folders() {
        let (ex, findings) = exclude("[\"drafts/**\", \"*.tmpl.md\", templates, old/]");
        assert!(findings.is_empty(), "{findings:?}");
        for (rel, out) in [
            ("drafts/a.md", true),
            ("drafts", true),
            ("hr/leave.tmpl.md", true),
            ("leave.tmpl.md", true),
            ("templates", true),
            ("templates/x/y.md", true),
            ("old/a.md", true),
            ("hr/leave.md", false),
            ("hr/drafts.md", false),
        ] {
            assert_eq!(ex.matches(rel), out, "{rel}");
        }
        assert!(!Exclude::default().matches("anything.md"));
    }

    #[test]
    fn a_pattern_that_is_not_a_glob_is_an_error_on_its_line() {
        let (ex, findings) = exclude("- ok/**\n- \"[abc\"\n- {a: b}\n- \"**\"\n- assets\n");
        assert_eq!(ex.patterns, [("ok/**".to_string(), 1)]);
        assert_eq!(findings.len(), 4, "{findings:?}");
        assert!(
            findings[2]
                .message
                .contains("would leave out handbook.yaml, assets/ or static/")
        );
        assert_eq!(findings[3].line, 5);
        assert_eq!(findings[0].line, 2);
        assert_eq!(
            findings[0].message,
            "exclude pattern \"[abc\" is not a glob pattern (a [ is never closed with ]): write it like drafts/** or *.tmpl.md"
        );
        assert_eq!(findings[1].line, 3);
    }
}
