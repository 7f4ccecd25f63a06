//! Callouts: GitHub alerts (`> [!WARNING]`) and MkDocs / Python-Markdown
//! admonitions (`!!! warning "Title"` over an indented block), both shown
//! as one accessible box with a title in real text.
//!
//! Where this sits in the pipeline:
//!
//! - **source**: pulldown-cmark knows alerts but not admonitions, so
//!   [`prepare`] rewrites each admonition, before the body is parsed, as
//!   a blockquote: its header line becomes an empty line and its block
//!   loses its indentation and gains a `> ` per level. No line is added or
//!   removed, so every offset the parser gives is on the line the editor
//!   wrote, and every finding's line stays right. Where each admonition's
//!   blockquote starts, and its kind and title, are kept
//!   ([`Admonitions`]).
//! - **page markup**: when the page is written, a blockquote that is an
//!   alert or one of those admonitions is written as a callout
//!   ([`Callouts`]), and everything inside it as usual.

use pulldown_cmark::BlockQuoteKind;
use std::borrow::Cow;

/// The five kinds of callout, GitHub's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

impl Kind {
    /// The word in the callout's class (`callout-warning`).
    pub fn class(self) -> &'static str {
        match self {
            Kind::Note => "note",
            Kind::Tip => "tip",
            Kind::Important => "important",
            Kind::Warning => "warning",
            Kind::Caution => "caution",
        }
    }

    /// The title an alert shows.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Note => "Note",
            Kind::Tip => "Tip",
            Kind::Important => "Important",
            Kind::Warning => "Warning",
            Kind::Caution => "Caution",
        }
    }

    /// The kind nearest an admonition's type (`danger` → caution,
    /// `hint` → tip); a type not known here is a note.
    pub fn of_type(word: &str) -> Kind {
        match word.to_lowercase().as_str() {
            "tip" | "hint" | "success" | "check" | "done" => Kind::Tip,
            "important" => Kind::Important,
            "warning" | "attention" => Kind::Warning,
            "caution" | "danger" | "error" | "failure" | "fail" | "missing" | "bug" => {
                Kind::Caution
            }
            _ => Kind::Note,
        }
    }
}

impl From<BlockQuoteKind> for Kind {
    fn from(kind: BlockQuoteKind) -> Kind {
        match kind {
            BlockQuoteKind::Note => Kind::Note,
            BlockQuoteKind::Tip => Kind::Tip,
            BlockQuoteKind::Important => Kind::Important,
            BlockQuoteKind::Warning => Kind::Warning,
            BlockQuoteKind::Caution => Kind::Caution,
        }
    }
}

/// Whether an admonition folds (`???`, or `???+` for one open at first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    No,
    Closed,
    Open,
}

/// An admonition found by [`prepare`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admonition {
    /// Its blockquote starts at byte `offset` of the prepared text (its
    /// innermost `>`), `depth` blockquotes deep (admonitions inside
    /// admonitions are deeper).
    offset: usize,
    depth: usize,
    pub kind: Kind,
    /// The title written, or the type title-cased (`!!! danger` → `Danger`).
    pub title: String,
    /// The title was written (`!!! note "Before you share"`).
    pub written_title: bool,
    pub fold: Fold,
}

/// The admonitions of a body, in the order their blockquotes start.
#[derive(Debug, Clone, Default)]
pub struct Admonitions(Vec<Admonition>);

impl Admonitions {
    /// The admonition whose blockquote starts at byte `offset` of the
    /// prepared text, `depth` blockquotes deep, if any.
    pub fn at(&self, offset: usize, depth: usize) -> Option<&Admonition> {
        self.0
            .binary_search_by_key(&(offset, depth), |a| (a.offset, a.depth))
            .ok()
            .map(|i| &self.0[i])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A body ready for the parser: its admonitions rewritten as blockquotes,
/// line for line.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    pub text: Cow<'a, str>,
    pub admonitions: Admonitions,
}

/// Admonitions deeper than this inside one another are left as text: no
/// page needs more, and each level is a box inside a box.
pub const MAX_DEPTH: usize = 8;

/// An admonition's first line, read.
struct Header {
    kind: Kind,
    title: String,
    written_title: bool,
    fold: Fold,
}

/// Reads `!!! type [class …] ["title"]` (or `???`, `???+`), as
/// Python-Markdown and pymdownx do; anything else on the line is not one.
fn header(line: &str) -> Option<Header> {
    let line = line.trim_end();
    let (fold, rest) = if let Some(rest) = line.strip_prefix("!!!") {
        (Fold::No, rest)
    } else if let Some(rest) = line.strip_prefix("???+") {
        (Fold::Open, rest)
    } else if let Some(rest) = line.strip_prefix("???") {
        (Fold::Closed, rest)
    } else {
        return None;
    };
    let word_char = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let rest = rest.trim_start_matches(' ');
    let type_end = rest.find(|c: char| !word_char(c)).unwrap_or(rest.len());
    if type_end == 0 {
        return None;
    }
    let word = &rest[..type_end];
    let mut rest = &rest[type_end..];
    // More classes, which only a theme of MkDocs's uses.
    loop {
        let spaced = rest.trim_start_matches(' ');
        if spaced.len() == rest.len() {
            break;
        }
        let end = spaced.find(|c: char| !word_char(c)).unwrap_or(spaced.len());
        if end == 0 {
            break;
        }
        rest = &spaced[end..];
    }
    let title = if rest.is_empty() {
        None
    } else {
        let quoted = rest.trim_start_matches(' ');
        if quoted.len() == rest.len() || quoted.len() < 2 {
            return None;
        }
        let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
        Some(inner.trim())
    };
    let kind = Kind::of_type(word);
    Some(match title {
        Some(t) if !t.is_empty() => Header {
            kind,
            title: t.to_string(),
            written_title: true,
            fold,
        },
        _ => {
            let mut chars = word.chars();
            let title = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars.flat_map(char::to_lowercase)))
                .into_iter()
                .flatten()
                .collect();
            Header {
                kind,
                title,
                written_title: false,
                fold,
            }
        }
    })
}

/// How many of the first `max` levels of indentation (four spaces, or a
/// tab) `line` has, and the line after them.
fn indent(line: &str, max: usize) -> (usize, &str) {
    let mut rest = line;
    let mut units = 0;
    while units < max {
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        if spaces >= 4 {
            rest = &rest[4..];
        } else if rest[spaces..].starts_with('\t') {
            rest = &rest[spaces + 1..];
        } else {
            break;
        }
        units += 1;
    }
    (units, rest)
}

/// A fence that opens or closes a fenced code block: its character and
/// length, if `line` (inside its container) is one.
fn fence(line: &str) -> Option<(u8, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let c = *trimmed.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let len = trimmed.len() - trimmed.trim_start_matches(c as char).len();
    (len >= 3).then_some((c, len))
}

/// Writes `depth` blockquote markers and then `rest`, its leading tabs as
/// spaces (a tab after `> ` would count for fewer columns than it did
/// before the markers).
fn push_line(out: &mut String, depth: usize, rest: &str) {
    for _ in 0..depth {
        out.push_str("> ");
    }
    let body = rest.trim_start_matches([' ', '\t']);
    let mut column = 0;
    for c in rest[..rest.len() - body.len()].chars() {
        if c == '\t' {
            let to = (column / 4 + 1) * 4;
            out.extend(std::iter::repeat_n(' ', to - column));
            column = to;
        } else {
            out.push(c);
            column += 1;
        }
    }
    out.push_str(body);
}

/// The body with each admonition written as a blockquote, line for line
/// (see the module's documentation), and where each one's blockquote
/// starts. One pass over the lines, each looked at at most twice; a line
/// grows by at most two bytes a level ([`MAX_DEPTH`] levels at most).
pub fn prepare(body: &str) -> Prepared<'_> {
    // memmem's search, not str::contains: this runs over every body.
    if memchr::memmem::find(body.as_bytes(), b"!!!").is_none()
        && memchr::memmem::find(body.as_bytes(), b"???").is_none()
    {
        return Prepared {
            text: Cow::Borrowed(body),
            admonitions: Admonitions::default(),
        };
    }
    let lines: Vec<&str> = body.split('\n').collect();
    let mut out = String::with_capacity(body.len() + 16);
    let mut found = Vec::new();
    // Admonitions open, and a fenced code block open at that depth.
    let mut depth = 0usize;
    let mut fenced: Option<(u8, usize)> = None;
    // Blank lines inside an admonition, written once the next line says
    // how many admonitions go on past them.
    let mut blanks = 0usize;
    for (n, line) in lines.iter().enumerate() {
        let blank = line.trim().is_empty();
        if blank && depth > 0 {
            blanks += 1;
            continue;
        }
        if n > 0 && !blank {
            // The blank lines before this one, inside what goes on.
            let units = indent(line, depth).0;
            for _ in 0..blanks {
                out.push('\n');
                push_line(&mut out, units, "");
            }
            blanks = 0;
        }
        if n > 0 {
            out.push('\n');
        }
        if blank {
            out.push_str(line);
            continue;
        }
        let (units, rest) = indent(line, depth);
        if units < depth {
            depth = units;
            fenced = None;
        }
        if let Some((c, len)) = fenced {
            if fence(rest).is_some_and(|(c2, len2)| c2 == c && len2 >= len)
                && rest
                    .trim_start()
                    .trim_start_matches(c as char)
                    .trim()
                    .is_empty()
            {
                fenced = None;
            }
            push_line(&mut out, depth, rest);
            continue;
        }
        if let Some(f) = fence(rest) {
            fenced = Some(f);
            push_line(&mut out, depth, rest);
            continue;
        }
        let Some(h) = header(rest).filter(|_| depth < MAX_DEPTH) else {
            push_line(&mut out, depth, rest);
            continue;
        };
        // Whether a block follows: the next line that is not blank is
        // indented one level more.
        let has_block = lines[n + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| indent(l, depth + 1).0 == depth + 1);
        // Where the blockquote's innermost `>` will be.
        let offset = if has_block {
            // An empty line here, so that the blockquote cannot run on
            // from one just above; it starts on the next line.
            push_line(&mut out, depth, "");
            out.len() + 1 + 2 * depth
        } else {
            let offset = out.len() + 2 * depth;
            push_line(&mut out, depth + 1, "");
            offset
        };
        found.push(Admonition {
            offset,
            depth: depth + 1,
            kind: h.kind,
            title: h.title,
            written_title: h.written_title,
            fold: h.fold,
        });
        if has_block {
            depth += 1;
        }
    }
    for _ in 0..blanks {
        out.push('\n');
    }
    found.sort_by_key(|a| (a.offset, a.depth));
    Prepared {
        text: if found.is_empty() {
            Cow::Borrowed(body)
        } else {
            Cow::Owned(out)
        },
        admonitions: Admonitions(found),
    }
}

/// The blockquotes open while a page is written, and which are callouts.
#[derive(Debug, Default)]
pub struct Callouts {
    /// For each blockquote open, what closes it if it is a callout.
    open: Vec<Option<&'static str>>,
}

impl Callouts {
    /// A blockquote starts at byte `offset` of the prepared text: the HTML
    /// that opens it if it is a callout (an alert of `kind`, or an
    /// admonition).
    pub fn start(
        &mut self,
        kind: Option<BlockQuoteKind>,
        offset: usize,
        admonitions: &Admonitions,
    ) -> Option<String> {
        let depth = self.open.len() + 1;
        let (html, close) = match admonitions.at(offset, depth) {
            Some(a) => (
                callout_open(a.kind, &a.title, a.fold),
                if a.fold == Fold::No {
                    "</div>\n"
                } else {
                    "</details>\n"
                },
            ),
            None => match kind {
                Some(k) => {
                    let k = Kind::from(k);
                    (callout_open(k, k.title(), Fold::No), "</div>\n")
                }
                None => {
                    self.open.push(None);
                    return None;
                }
            },
        };
        self.open.push(Some(close));
        Some(html)
    }

    /// A blockquote ends: the HTML that closes it if it was a callout.
    pub fn end(&mut self) -> Option<&'static str> {
        self.open.pop().flatten()
    }
}

/// The start of a callout of `kind` titled `title`: a note (for assistive
/// technology) whose title is its first line, or a `<details>` whose
/// summary is the title for one that folds.
pub fn callout_open(kind: Kind, title: &str, fold: Fold) -> String {
    let title = super::escape(title);
    let class = kind.class();
    match fold {
        Fold::No => format!(
            "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{title}</p>\n"
        ),
        Fold::Closed => format!(
            "<details class=\"callout callout-{class}\">\n<summary class=\"callout-title\">{title}</summary>\n"
        ),
        Fold::Open => format!(
            "<details class=\"callout callout-{class}\" open>\n<summary class=\"callout-title\">{title}</summary>\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An admonition as a test sees it: its blockquote's line and depth,
    /// kind, title, whether the title was written, and fold.
    type Seen = (usize, usize, Kind, String, bool, Fold);

    fn prepared(body: &str) -> (String, Vec<Seen>) {
        let p = prepare(body);
        assert_eq!(
            p.text.matches('\n').count(),
            body.matches('\n').count(),
            "lines kept"
        );
        let found = p
            .admonitions
            .0
            .iter()
            .map(|a| {
                let line = p.text[..a.offset].matches('\n').count() + 1;
                (
                    line,
                    a.depth,
                    a.kind,
                    a.title.clone(),
                    a.written_title,
                    a.fold,
                )
            })
            .collect();
        (p.text.into_owned(), found)
    }

    #[test]
    fn admonitions_become_blockquotes_line_for_line() {
        let (text, found) = prepared(
            "Intro\n!!! note \"Before you share\"\n    One\n\n    Two\n\nAfter\n\n!!! warning\n    Careful\n",
        );
        assert_eq!(text, "Intro\n\n> One\n> \n> Two\n\nAfter\n\n\n> Careful\n");
        assert_eq!(
            found,
            [
                (3, 1, Kind::Note, "Before you share".into(), true, Fold::No),
                (10, 1, Kind::Warning, "Warning".into(), false, Fold::No),
            ]
        );
    }

    #[test]
    fn types_map_to_the_nearest_kind_and_fold() {
        let (_, found) = prepared(
            "!!! danger\n    x\n\n??? info \"More\"\n    y\n\n???+ example\n    z\n\n!!! TIP inline end\n    w\n",
        );
        let kinds: Vec<_> = found.iter().map(|f| (f.2, f.3.as_str(), f.5)).collect();
        assert_eq!(
            kinds,
            [
                (Kind::Caution, "Danger", Fold::No),
                (Kind::Note, "More", Fold::Closed),
                (Kind::Note, "Example", Fold::Open),
                (Kind::Tip, "Tip", Fold::No),
            ]
        );
    }

    #[test]
    fn nested_empty_fenced_and_not_admonitions() {
        // Nested: the inner one is two deep, and starts a line later.
        let (text, found) = prepared("!!! note\n    !!! tip\n        x\n    y\n");
        assert_eq!(text, "\n> \n> > x\n> y\n");
        assert_eq!((found[0].0, found[0].1), (2, 1));
        assert_eq!((found[1].0, found[1].1), (3, 2));
        // With no block: a blockquote of its own line.
        let (text, found) = prepared("!!! warning \"Only a title\"\n\nNext\n");
        assert_eq!(text, "> \n\nNext\n");
        assert_eq!((found[0].0, found[0].1), (1, 1));
        // In fenced code, and not the syntax: left alone.
        for body in [
            "```\n!!! note\n    x\n```\n",
            "!!!\n    x\n",
            "!!! note Title!\n    x\n",
            "    !!! note\n        x\n",
            "Ha!!! note\n",
        ] {
            let (text, found) = prepared(body);
            assert_eq!(text, body);
            assert!(found.is_empty(), "{body}");
        }
        // A fence inside one, and a tab-indented block.
        let (text, _) = prepared("!!! note\n    ```\n    !!! tip\n    ```\n\tTabbed\n\t\tcode\n");
        assert_eq!(text, "\n> ```\n> !!! tip\n> ```\n> Tabbed\n>     code\n");
    }

    #[test]
    fn deep_nesting_stops_at_the_limit() {
        let mut body = String::new();
        for level in 0..50 {
            body.push_str(&"    ".repeat(level));
            body.push_str("!!! note\n");
        }
        body.push_str(&"    ".repeat(50));
        body.push_str("x\n");
        let p = prepare(&body);
        assert_eq!(p.admonitions.0.len(), MAX_DEPTH);
        assert_eq!(p.text.matches('\n').count(), 51);
    }

    #[test]
    fn callouts_open_and_close() {
        let p = prepare("!!! note \"A <b>\"\n    x\n");
        let mut c = Callouts::default();
        let at = p.text.find('>').unwrap();
        let html = c.start(None, at, &p.admonitions).unwrap();
        assert_eq!(
            html,
            "<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">A &lt;b&gt;</p>\n"
        );
        assert_eq!(c.start(None, at + 2, &p.admonitions), None);
        assert_eq!(c.end(), None);
        assert_eq!(c.end(), Some("</div>\n"));
        assert_eq!(c.end(), None);
        let alert = c.start(Some(BlockQuoteKind::Caution), 0, &Admonitions::default());
        assert!(alert.unwrap().contains("callout-caution"));
    }
}
