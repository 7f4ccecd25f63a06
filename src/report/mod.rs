//! The report formats of `check`: text for people, JSON for scripts,
//! GitHub Actions workflow commands, JUnit XML and Markdown
//! ([`markdown`]). Each takes the
//! finished [`Report`] and writes a string; none decides anything.

pub mod markdown;

use crate::handbook::check::Report;
use crate::handbook::findings::{Finding, Kind, Severity};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Output formats of `check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Github,
    Junit,
    /// A summary for a CI job page or a merge request comment.
    Markdown,
}

/// How much a command says (`--quiet`, `--verbose`): the same for every
/// command, and for `serve` as it runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    #[default]
    Normal,
    /// Also how long each stage took, and the files skipped and why.
    Verbose,
}

/// Options for [`render`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Colour the text format (a terminal that wants colour).
    pub color: bool,
    /// Warnings fail too (`--strict`): JUnit marks them as failures.
    pub strict: bool,
    /// Prefix for file paths in GitHub annotations (the handbook folder as
    /// given, so paths are relative to the repository).
    pub path_prefix: String,
    /// The text format lists only what fails (errors, and warnings with
    /// `strict`), without the summary: `--quiet`.
    pub quiet: bool,
}

/// Renders the report in a format.
pub fn render(report: &Report, format: Format, options: &Options) -> String {
    match format {
        Format::Text => text(report, options),
        Format::Json => json(report),
        Format::Github => github(report, options),
        Format::Junit => junit(report, options),
        Format::Markdown => markdown::report(report, options.strict),
    }
}

/// The version of the JSON report's shape (`docs/cli.md`): raised when a
/// field changes meaning or goes; new fields and kinds do not raise it.
pub const SCHEMA_VERSION: u32 = 1;

/// One JSON object (see `docs/cli.md`).
pub fn json(report: &Report) -> String {
    #[derive(serde::Serialize)]
    struct Versioned<'a> {
        schema_version: u32,
        #[serde(flatten)]
        report: &'a Report,
    }
    let versioned = Versioned {
        schema_version: SCHEMA_VERSION,
        report,
    };
    let mut s = serde_json::to_string_pretty(&versioned).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn severity(&self, s: Severity) -> std::borrow::Cow<'static, str> {
        let (code, word) = match s {
            Severity::Error => ("1;31", "error  "),
            Severity::Warning => ("33", "warning"),
            Severity::Info => ("36", "note   "),
        };
        if self.0 {
            self.wrap(code, word).into()
        } else {
            word.into()
        }
    }
}

/// Findings grouped by file, then a summary line.
pub fn text(report: &Report, options: &Options) -> String {
    let paint = Paint(options.color);
    // About a line of 200 bytes a finding: grown once or twice, not
    // twenty times, for a large handbook's tens of thousands of notes.
    let mut out = String::with_capacity(report.findings.len() * 200);
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    let mut external = 0;
    for f in &report.findings {
        // External links are counted, not listed, unless fail_on or
        // warn_on makes them matter.
        if f.kind == Kind::ExternalLink && f.severity == Severity::Info {
            external += 1;
            continue;
        }
        let fails =
            f.severity == Severity::Error || (options.strict && f.severity == Severity::Warning);
        if options.quiet && !fails {
            continue;
        }
        by_file.entry(f.file.as_str()).or_default().push(f);
    }
    for (file, findings) in &by_file {
        let id = findings.iter().find_map(|f| f.policy.as_deref());
        let file = for_terminal(file);
        let heading = match id {
            Some(id) => format!("{file} ({})", for_terminal(id)),
            None => file.to_string(),
        };
        let _ = writeln!(out, "{}", paint.wrap("1", &heading));
        for f in findings {
            let _ = write!(out, "  {} {file}", paint.severity(f.severity));
            if f.line > 0 {
                let _ = write!(out, ":{}", f.line);
            }
            let _ = writeln!(
                out,
                ": {} [{}]",
                for_terminal(&one_line(&f.message)),
                f.kind.as_str()
            );
        }
    }
    if options.quiet {
        return out;
    }
    if !by_file.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "{}", summary_line(report));
    if external > 0 {
        let _ = writeln!(
            out,
            "{} (not checked: intranets are often offline).",
            count(external, "external link", "external links")
        );
    }
    out
}

/// "1 policy", "3 policies": a number and the word that goes with it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The report's summary in one sentence, as the text and GitHub formats
/// end.
fn summary_line(report: &Report) -> String {
    let s = &report.summary;
    format!(
        "{}{} checked as of {}: {}, {}. Overdue: {}. Due soon: {}. Broken references: {}.",
        count(report.policies, "policy", "policies"),
        narrowed(report),
        report.as_of,
        count(s.errors, "error", "errors"),
        count(s.warnings, "warning", "warnings"),
        s.overdue,
        s.due_soon,
        s.broken_references,
    )
}

/// " of 18 (those changed since origin/main, and those naming them)", for
/// a report narrowed by `--changed-since`; else nothing.
pub fn narrowed(report: &Report) -> String {
    match &report.narrowed {
        Some(n) => format!(
            " of {} (those changed since {}, and those that link to them)",
            n.of,
            for_terminal(&n.since)
        ),
        None => String::new(),
    }
}

/// Text that came from a handbook (a file name, a title, a YAML value),
/// made safe to print on a terminal or in a CI log: control characters
/// (escape sequences, which can move the cursor, retitle the window or
/// set the clipboard; line breaks, which can start a forged CI command)
/// and the characters that reorder text on screen are shown as escapes
/// (`\n`, `\u{1b}`) instead.
pub fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_unsafe_char(text) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe_char(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.into()
}

/// A control character, or one that turns the direction of text around
/// (which could make a line read as something else).
fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `text` has an [`is_unsafe_char`], read byte by byte (a report
/// passes every message through here): the controls are the bytes below
/// 0x20, 0x7f, and 0xc2 0x80–0x9f in UTF-8; the direction marks all start
/// with 0xe2, so any other text is decided without decoding a character.
fn has_unsafe_char(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        0..0x20 | 0x7f => true,
        0xc2 | 0xe2 => text[i..].chars().next().is_some_and(is_unsafe_char),
        _ => false,
    })
}

/// [`for_terminal`] line by line: text of several lines, each made safe.
pub fn for_terminal_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            let (body, end) = line.split_at(line.trim_end_matches('\n').len());
            format!("{}{end}", for_terminal(body))
        })
        .collect()
}

/// Collapses newlines so that one finding stays on one line.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\n', '\r']) {
        return text.into();
    }
    text.split(['\n', '\r'])
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .into()
}

/// GitHub Actions workflow commands, one per finding (external links left
/// out). Values are escaped so that a title can never start a second
/// command.
pub fn github(report: &Report, options: &Options) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let level = match (f.kind, f.severity) {
            (Kind::ExternalLink, Severity::Info) => continue,
            (_, Severity::Error) => "error",
            (_, Severity::Warning) => "warning",
            (_, Severity::Info) => "notice",
        };
        let file = format!("{}{}", options.path_prefix, f.file);
        let mut props = format!("file={}", gh_property(&file));
        if f.line > 0 {
            let _ = write!(props, ",line={}", f.line);
        }
        let _ = write!(props, ",title={}", gh_property(f.kind.as_str()));
        let _ = writeln!(out, "::{level} {props}::{}", gh_data(&f.message));
    }
    let _ = writeln!(out, "policybook: {}", summary_line(report));
    out
}

fn gh_data(text: &str) -> String {
    // Line breaks are encoded as GitHub decodes them (%0A); every other
    // control character is shown as an escape, as on a terminal.
    for_terminal_lines(&text.replace("\r\n", "\n").replace('\r', "\n"))
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_property(text: &str) -> String {
    gh_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// JUnit XML: one test case per file checked; errors (and warnings under
/// `--strict`) are failures.
pub fn junit(report: &Report, options: &Options) -> String {
    // A test case per policy file, and one for any other file with
    // findings (handbook.yaml).
    let mut by_file: BTreeMap<&str, (Option<&str>, Vec<&Finding>)> = BTreeMap::new();
    for (file, id) in &report.files {
        by_file.entry(file.as_str()).or_default().0 = id.as_deref();
    }
    for f in &report.findings {
        by_file.entry(f.file.as_str()).or_default().1.push(f);
    }
    let fails = |f: &Finding| {
        f.severity == Severity::Error || (options.strict && f.severity == Severity::Warning)
    };
    let failures = by_file
        .values()
        .filter(|(_, v)| v.iter().any(|f| fails(f)))
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"policybook\" tests=\"{}\" failures=\"{failures}\">",
        by_file.len()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"policybook check\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" timestamp=\"{}T00:00:00\">",
        by_file.len(),
        report.as_of
    );
    for (file, (id, findings)) in &by_file {
        let name = id
            .or_else(|| findings.iter().find_map(|f| f.policy.as_deref()))
            .unwrap_or(file);
        let _ = write!(
            out,
            "    <testcase classname=\"{}\" name=\"{}\"",
            xml(file),
            xml(name)
        );
        if findings.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        let failing: Vec<_> = findings.iter().filter(|f| fails(f)).collect();
        if !failing.is_empty() {
            let summary = failing
                .iter()
                .map(|f| f.kind.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">",
                xml(&summary),
                xml(failing[0].kind.as_str())
            );
            for f in &failing {
                let _ = writeln!(out, "{}: {}", xml(&f.location()), xml(&f.message));
            }
            let _ = writeln!(out, "      </failure>");
        }
        let notes: Vec<_> = findings.iter().filter(|f| !fails(f)).collect();
        if !notes.is_empty() {
            let _ = writeln!(out, "      <system-out>");
            for f in notes {
                let _ = writeln!(
                    out,
                    "{} {}: {}",
                    f.severity.as_str(),
                    xml(&f.location()),
                    xml(&f.message)
                );
            }
            let _ = writeln!(out, "      </system-out>");
        }
        let _ = writeln!(out, "    </testcase>");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Escapes text for XML, dropping characters XML 1.0 does not allow and
/// the C1 controls a terminal would act on.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Line breaks as character references: the same text to an
            // XML reader, and no line of a log that a value starts.
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push(c),
            c if (c as u32) < 0x20
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || c == '\u{FFFE}'
                || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_cannot_be_forged() {
        let f = Finding::error(
            Kind::Overdue,
            "a,b:c.md",
            3,
            "x\n::error file=evil::y 100%".to_string(),
        );
        let report = Report::new(
            jiff::civil::date(2026, 1, 1),
            vec![("a,b:c.md".into(), None)],
            vec![f],
        );
        let out = github(&report, &Options::default());
        let first = out.lines().next().unwrap();
        assert_eq!(
            first,
            "::error file=a%2Cb%3Ac.md,line=3,title=overdue::x%0A::error file=evil::y 100%25"
        );
        assert_eq!(out.lines().count(), 2);
    }

    #[test]
    fn terminal_text_shows_control_characters_as_escapes() {
        assert_eq!(for_terminal("plain é"), "plain é");
        assert_eq!(
            for_terminal("a\n::error file=x::forged"),
            "a\\n::error file=x::forged"
        );
        assert_eq!(
            for_terminal("\u{1b}]52;c;ZXZpbA==\u{7}x\u{9b}2J"),
            "\\u{1b}]52;c;ZXZpbA==\\u{7}x\\u{9b}2J"
        );
        assert_eq!(for_terminal("abc\u{202e}def"), "abc\\u{202e}def");
        // GitHub: a line break stays encoded, an escape is shown.
        assert_eq!(gh_data("a\nb\u{1b}[2J"), "a%0Ab\\u{1b}[2J");
    }

    #[test]
    fn unsafe_characters_are_found_by_their_bytes_as_by_their_characters() {
        // Every character of the ranges the byte test reads specially
        // (C0 and C1 controls, DEL, U+2000–U+2FFF), and some others, alone
        // and between letters.
        let chars = (0..0x100u32)
            .chain(0x2000..0x3000)
            .chain([0xe9, 0x2026, 0xfeff, 0x1f600])
            .filter_map(char::from_u32);
        for c in chars {
            for text in [c.to_string(), format!("ab{c}cd"), format!("…{c}")] {
                assert_eq!(
                    has_unsafe_char(&text),
                    text.chars().any(is_unsafe_char),
                    "{:x}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn xml_escapes() {
        assert_eq!(
            xml("<a href=\"x\">&\u{1}</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }
}
