//! Markdown: in one pass over a body (the **parse** stage), find its
//! headings and references, its text section by section, and its HTML with
//! a hole for every reference ([`Body`]); fill the holes with every
//! reference rewritten (the **render** stage). This module knows nothing
//! about policies: what a link points at is decided by the caller's
//! resolver.
//!
//! The pass, in order: admonitions rewritten as blockquotes line for line
//! ([`callout::prepare`]); pulldown-cmark's events, bare addresses in
//! text made links ([`autolink`]), footnote definitions moved to the end
//! ([`footnote::Reorder`]) — together [`events`]; the scan ([`scan`]);
//! for the site, the page's own markup (tables' scroll containers here,
//! callouts and footnotes in [`markup`]); the holes ([`body`]); the
//! writer.

pub mod autolink;
mod body;
pub mod callout;
pub mod footnote;
mod gathered;
pub mod markup;

pub use body::Body;
use body::Holes;

use crate::handbook::slug::AnchorSet;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// A heading and its unique anchor.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub anchor: String,
    pub line: u32,
}

/// A link or image destination, as written, with its line.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// The destination: `confidentiality#sharing` for `[[confidentiality#sharing]]`,
    /// `../a/b.md#x` for a Markdown link.
    pub dest: String,
    pub form: Form,
    pub line: u32,
}

/// How a reference was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `[[id]]`, `[[id|text]]` or `[[id#anchor]]`.
    Wiki,
    /// `[text](dest)`, autolinks (`<https://…>`) and addresses written
    /// as text (see [`autolink`]).
    Link,
    /// `![alt](dest)`.
    Image,
}

impl Reference {
    /// The reference as the editor wrote it, for messages.
    pub fn as_written(&self) -> String {
        match self.form {
            Form::Wiki => format!("[[{}]]", self.dest),
            Form::Link => format!("link {}", self.dest),
            Form::Image => format!("image {}", self.dest),
        }
    }
}

/// The headings and references of one body.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    pub headings: Vec<Heading>,
    pub references: Vec<Reference>,
    /// The first paragraph as plain text, shortened: for listings.
    pub summary: String,
    /// The body as plain text, for the search index: the text before the
    /// first heading, then the text under each heading in turn (one more
    /// than there are headings), if asked for. See [`sections`].
    pub section_text: Vec<String>,
    /// What becomes of the body's raw HTML (decided by the scan: see
    /// [`RawHtml`]).
    pub raw_html: RawHtml,
    /// The `id`s in raw HTML that reach the page (and `name`s of `<a>`):
    /// link targets like heading anchors.
    pub html_anchors: Vec<String>,
    /// Lines with raw HTML that the sanitizer will remove parts of
    /// (scripts, styles, frames, event handlers, `javascript:`), and what.
    pub unsafe_html: Vec<(u32, &'static str)>,
    /// Phrases in the text (not in links, headings or code) that name a
    /// policy ("see the Photographic Images Policy"), with their lines:
    /// see [`crate::handbook::names::phrases`].
    pub policy_names: Vec<(u32, String)>,
    /// Where a bare `[[id]]` is in `section_text`: the page shows its
    /// target's title there, and so does the search index.
    pub bare_links: Vec<BareLink>,
    /// The body, ready to render, if asked for.
    pub body: Body,
    /// What the prose measures for plain English, if it was measured.
    pub reading: Option<crate::handbook::plain::Reading>,
}

/// A bare `[[id]]` in the section text: bytes `start..end` of section
/// `section` are its id, to be shown as the title of reference
/// `reference` once references are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BareLink {
    pub section: usize,
    pub start: usize,
    pub end: usize,
    pub reference: usize,
}

/// The Markdown policies are written in: CommonMark with tables,
/// footnotes (GitHub's: `ENABLE_FOOTNOTES`, not the old ones),
/// strikethrough, task lists, heading attributes, `[[id]]` links, GitHub
/// alerts (`ENABLE_GFM`) and definition lists. Admonitions and bare
/// addresses are this module's own (see [`events`]).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
}

/// The events of a prepared body ([`callout::prepare`]) with their byte
/// ranges, as the scan and the page read them: pulldown-cmark's, with
/// bare addresses made links and footnote definitions at the end.
pub fn events(text: &str) -> impl Iterator<Item = (Event<'_>, std::ops::Range<usize>)> {
    // Each pass only looks at the events of a body that may need it: most
    // bodies have no bare address and no footnote.
    let autolinks = autolink::Autolinks::new(
        Parser::new_ext(text, options()).into_offset_iter(),
        autolink::may_hold_address(text),
    );
    footnote::Reorder::new(
        autolinks,
        memchr::memmem::find(text.as_bytes(), b"[^").is_some(),
    )
}

/// Maps byte offsets in a body to 1-based file lines.
struct Lines {
    starts: Vec<usize>,
    first_line: u32,
}

impl Lines {
    fn new(text: &str, first_line: u32) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { starts, first_line }
    }

    fn line(&self, offset: usize) -> u32 {
        let idx = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        self.first_line + idx as u32
    }
}

/// What becomes of raw HTML in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RawHtml {
    /// Kept as written (`allow_raw_html: true`).
    Keep,
    /// Sanitized: only what [`SANITIZER`] allows reaches the page.
    #[default]
    Sanitize,
    /// Shown as text: raw HTML nested deeper than [`MAX_HTML_DEPTH`],
    /// which the sanitizer would take a time to read that grows with the
    /// square of the depth (a minute at 200,000).
    AsText,
}

/// The deepest raw HTML that is sanitized rather than shown as text.
pub const MAX_HTML_DEPTH: usize = 100;

/// Whether raw HTML in `body` opens more than `limit` elements inside one
/// another. An estimate from the text, in one pass, as an HTML parser
/// nests: every `<name` but a void element's opens one, and `</name`
/// closes the innermost open `name` and what is inside it, while an end
/// tag that matches nothing open closes nothing (so `<div></x>` repeated
/// still nests). Code counts too, which only makes it err towards "too
/// deep" for bodies no policy has. At most `limit` names are open, so each
/// end tag costs at most `limit` compares.
fn html_deeper_than(body: &str, limit: usize) -> bool {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let bytes = body.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
        i += at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        if !bytes.get(start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let end = body[start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(body.len(), |n| start + n);
        let name = body[start..end].to_ascii_lowercase();
        i = end;
        if closing {
            if let Some(k) = open.iter().rposition(|n| *n == name) {
                open.truncate(k);
            }
        } else if !VOID.contains(&name.as_str()) {
            open.push(name);
            if open.len() > limit {
                return true;
            }
        }
    }
    false
}

/// What [`scan`] makes besides headings, references and the summary.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScanOptions<'a> {
    /// Each section's plain text and the body's HTML, for the site.
    pub site: bool,
    /// Raw HTML is kept as written (see [`HtmlOptions`]).
    pub allow_raw_html: bool,
    /// How to measure the prose for plain English
    /// ([`crate::handbook::plain`]); none: not measured.
    pub plain: Option<&'a crate::handbook::plain::settings::Settings>,
    /// Keep every plain-English note (each long sentence with its text,
    /// each plain word), not only the counts.
    pub plain_notes: bool,
}

/// Finds the headings (with unique anchors) and references of a body whose
/// first line is file line `first_line`, and for the site its text section
/// by section and its HTML, in one pass.
pub fn scan(body: &str, first_line: u32, options: ScanOptions) -> Scan {
    // NUL marks the HTML's holes; CommonMark reads it as U+FFFD anyway.
    let body = if options.site && body.contains(body::MARK) {
        std::borrow::Cow::Owned(body.replace(body::MARK, "\u{FFFD}"))
    } else {
        std::borrow::Cow::Borrowed(body)
    };
    let prepared = callout::prepare(&body);
    let body: &str = &prepared.text;
    let raw_html = if options.allow_raw_html {
        RawHtml::Keep
    } else if html_deeper_than(body, MAX_HTML_DEPTH) {
        RawHtml::AsText
    } else {
        RawHtml::Sanitize
    };
    let mut scanner = Scanner {
        lines: Lines::new(body, first_line),
        scan: Scan::default(),
        anchors: AnchorSet::default(),
        heading: None,
        in_paragraph: false,
        summary_done: false,
        raw_html,
        in_link: 0,
        in_code: false,
        in_bare_link: false,
        in_image: 0,
        prose: Default::default(),
        block: Default::default(),
        measure: options
            .plain
            .map(|p| crate::handbook::plain::Measure::new(p, options.plain_notes)),
        footnotes: footnote::Footnotes::default(),
        admonitions: prepared.admonitions.clone(),
        quotes: 0,
    };
    scanner.scan.raw_html = raw_html;
    if options.site {
        scanner.scan.section_text.push(String::new());
    }
    let parser = events(body);
    if options.site {
        let mut holes = Holes::default();
        let mut markup = markup::Markup::default();
        let mut html = String::with_capacity(body.len() * 3 / 2);
        let mut tables = 0;
        // What each event becomes (none, one or a few), handed on in
        // order; both buffers are kept from event to event.
        let mut pieces = Vec::with_capacity(4);
        let mut queue = std::collections::VecDeque::with_capacity(8);
        let mut parser = parser;
        let events = std::iter::from_fn(|| {
            loop {
                if let Some(event) = queue.pop_front() {
                    return Some(event);
                }
                let (event, range) = parser.next()?;
                let reference = scanner.scan.references.len();
                let event = raw_html_as(raw_html, event);
                let offset = range.start;
                scanner.note(&event, range);
                // Each table in a container of its own that scrolls sideways,
                // so that a wide one never makes the page do so.
                let (open, close) = match event {
                    Event::Start(Tag::Table(_)) => {
                        tables += 1;
                        let heading = scanner.scan.headings.last().map(|h| h.text.as_str());
                        (Some(Event::Html(table_open(tables, heading).into())), None)
                    }
                    Event::End(TagEnd::Table) => (None, Some(Event::Html("</div>\n".into()))),
                    _ => (None, None),
                };
                queue.extend(open);
                markup.event(
                    event,
                    offset,
                    (&scanner.admonitions, &scanner.footnotes),
                    &mut pieces,
                );
                // What the page writes itself skips the holes.
                for piece in pieces.drain(..) {
                    queue.extend(match piece {
                        markup::Piece::Own(html) => Some(Event::Html(html.into())),
                        markup::Piece::Pass(event) => holes.event(event, reference),
                    });
                }
                queue.extend(close);
            }
        });
        pulldown_cmark::html::push_html(&mut html, events);
        html.push_str(markup.finish());
        scanner.clear_footnote_ids();
        scanner.scan.body = holes.finish(html, &scanner.scan.headings, raw_html);
    } else {
        for (event, range) in parser {
            scanner.note(&raw_html_as(raw_html, event), range);
        }
        scanner.clear_footnote_ids();
    }
    scanner.flush_prose();
    scanner.flush_block();
    scanner.scan.reading = scanner.measure.take().map(|m| m.finish());
    let mut scan = scanner.scan;
    scan.summary = shorten(&scan.summary, 200);
    for text in &mut scan.section_text {
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
        text.shrink_to_fit();
    }
    scan
}

/// The start of the scroll container of a body's `n`th table, under
/// `heading` (if any): a focusable region, so that a keyboard can scroll
/// it, named after the table's place in the policy.
pub fn table_open(n: usize, heading: Option<&str>) -> String {
    let name = match heading {
        Some(h) if !h.is_empty() => format!("Table {n}: {h}"),
        _ => format!("Table {n}"),
    };
    format!(
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n",
        escape(&name)
    )
}

/// What [`scan`] knows part way through a body.
struct Scanner<'a> {
    lines: Lines,
    scan: Scan,
    anchors: AnchorSet,
    /// The heading being read: level, id written, offset, text so far.
    heading: Option<(u8, Option<String>, usize, String)>,
    in_paragraph: bool,
    summary_done: bool,
    /// What becomes of raw HTML.
    raw_html: RawHtml,
    /// Inside this many links and images.
    in_link: usize,
    /// Inside a code block.
    in_code: bool,
    /// Inside a bare `[[id]]`, which the page shows as its policy's title.
    in_bare_link: bool,
    /// How many images are open: their descriptions are not the page's
    /// prose (a reader does not see them in the sentence), so plain
    /// English leaves them out.
    in_image: usize,
    /// The run of prose being read, and where each of its pieces starts
    /// in it and in the body.
    prose: gathered::Gathered,
    /// The block of prose being read (a paragraph, a list item, a table
    /// cell: links in, code and headings out) for plain English, and
    /// where each of its pieces starts in it and in the body.
    block: gathered::Gathered,
    measure: Option<crate::handbook::plain::Measure<'a>>,
    /// Each footnote's number and ids.
    footnotes: footnote::Footnotes,
    /// The body's admonitions, and how many blockquotes are open.
    admonitions: callout::Admonitions,
    quotes: usize,
}

impl Scanner<'_> {
    /// Measures the block of prose read so far.
    fn flush_block(&mut self) {
        if self.block.is_empty() {
            return;
        }
        if let Some(measure) = &mut self.measure {
            let (block, lines) = (&self.block, &self.lines);
            measure.block(&block.text, |offset| block.line(offset, lines));
        }
        self.block.clear();
    }

    /// Gathers the blocks of prose for [`Self::flush_block`].
    fn note_block(&mut self, event: &Event, range: &std::ops::Range<usize>) {
        if self.measure.is_none() {
            return;
        }
        match event {
            Event::Start(Tag::Image { .. }) => self.in_image += 1,
            Event::End(TagEnd::Image) => self.in_image = self.in_image.saturating_sub(1),
            Event::Text(_) if self.in_image > 0 => {}
            // A bare `[[id]]` shows as its policy's title: a sentence may
            // start with it ("… to tell. [[first-aid]] says how."), which
            // a capital shows.
            Event::Text(t) if self.in_bare_link && self.heading.is_none() => {
                let mut id = t.to_string();
                if let Some(first) = id.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                self.block.push(&id, range.start)
            }
            Event::Text(t) if !self.in_code && self.heading.is_none() => {
                self.block.push(t, range.start)
            }
            Event::SoftBreak | Event::HardBreak | Event::Code(_) => self.block.space(),
            Event::Start(tag) if !is_inline(tag) => self.flush_block(),
            Event::End(tag) if !is_inline_end(tag) => self.flush_block(),
            _ => {}
        }
    }

    /// Gives a heading whose anchor a footnote's id took another: the
    /// footnotes' ids are `fn-` and `fnref-` and their names, which a
    /// heading's (`## Fn scope`) can be too. A heading's anchor is written
    /// only once the scan is done, so the page has the new one.
    fn clear_footnote_ids(&mut self) {
        for h in &mut self.scan.headings {
            while self.footnotes.has_id(&h.anchor) {
                h.anchor = self.anchors.unique(&h.anchor);
            }
        }
    }

    /// Notes the policy names in the run of prose read so far.
    fn flush_prose(&mut self) {
        if self.prose.is_empty() {
            return;
        }
        for r in crate::handbook::names::phrases(&self.prose.text) {
            let line = self.prose.line(r.start, &self.lines);
            self.scan
                .policy_names
                .push((line, self.prose.text[r].to_string()));
        }
        self.prose.clear();
    }

    fn note(&mut self, event: &Event, range: std::ops::Range<usize>) {
        let bare_start = matches!(
            event,
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole: false },
                ..
            })
        );
        let bare_end = self.in_bare_link && matches!(event, Event::End(TagEnd::Link));
        self.in_bare_link |= bare_start;
        self.note_block(event, &range);
        self.footnotes.note(event);
        match event {
            Event::Start(Tag::BlockQuote(_)) => self.quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => self.quotes = self.quotes.saturating_sub(1),
            _ => {}
        }
        let scan = &mut self.scan;
        // The plain text of the current section, words kept apart where
        // blocks and lines end.
        let section = scan.section_text.len().saturating_sub(1);
        if self.heading.is_none()
            && let Some(text) = scan.section_text.last_mut()
        {
            match event {
                _ if bare_start => scan.bare_links.push(BareLink {
                    section,
                    start: text.len(),
                    end: text.len(),
                    reference: scan.references.len(),
                }),
                _ if bare_end => {
                    if let Some(link) = scan.bare_links.last_mut() {
                        link.end = text.len();
                    }
                }
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                // An admonition's own title is words of the policy's; a
                // callout's kind ("Warning") is not.
                Event::Start(Tag::BlockQuote(_)) => {
                    if let Some(a) = self
                        .admonitions
                        .at(range.start, self.quotes)
                        .filter(|a| a.written_title)
                    {
                        if !text.is_empty() && !text.ends_with(' ') {
                            text.push(' ');
                        }
                        // "Before you share: Check the recipient…"
                        text.push_str(&a.title);
                        if !a.title.ends_with(|c: char| c.is_ascii_punctuation()) {
                            text.push(':');
                        }
                        text.push(' ');
                    }
                }
                Event::SoftBreak
                | Event::HardBreak
                | Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::BlockQuote(_)
                    | TagEnd::CodeBlock
                    | TagEnd::List(_)
                    | TagEnd::DefinitionListTitle
                    | TagEnd::DefinitionListDefinition,
                ) if !text.is_empty() && !text.ends_with(' ') => text.push(' '),
                _ => {}
            }
        }
        // Prose, for the policy names in it: runs of text across line
        // breaks, outside links, headings and code.
        match event {
            Event::Text(t) if self.in_link == 0 && !self.in_code && self.heading.is_none() => {
                self.prose.push(t, range.start)
            }
            Event::SoftBreak | Event::HardBreak => self.prose.space(),
            _ => {
                self.flush_prose();
                match event {
                    Event::Start(Tag::Link { .. } | Tag::Image { .. }) => self.in_link += 1,
                    Event::End(TagEnd::Link | TagEnd::Image) => {
                        self.in_link = self.in_link.saturating_sub(1)
                    }
                    Event::Start(Tag::CodeBlock(_)) => self.in_code = true,
                    Event::End(TagEnd::CodeBlock) => self.in_code = false,
                    _ => {}
                }
            }
        }
        let scan = &mut self.scan;
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.heading = Some((
                    level_number(*level),
                    id.as_ref().map(|i| i.to_string()),
                    range.start,
                    String::new(),
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, start, text)) = self.heading.take() {
                    if !scan.section_text.is_empty() {
                        scan.section_text.push(String::new());
                    }
                    let text = text.trim().to_string();
                    let anchor = self.anchors.unique(id.as_deref().unwrap_or(&text));
                    scan.headings.push(Heading {
                        level,
                        text,
                        anchor,
                        line: self.lines.line(start),
                    });
                }
            }
            Event::Start(Tag::Paragraph) if !self.summary_done && self.heading.is_none() => {
                self.in_paragraph = true
            }
            Event::End(TagEnd::Paragraph) if self.in_paragraph => {
                self.in_paragraph = false;
                self.summary_done = !scan.summary.is_empty();
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, _, text)) = self.heading.as_mut() {
                    text.push_str(t);
                } else if self.in_paragraph && scan.summary.len() < 300 {
                    scan.summary.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak if self.in_paragraph => scan.summary.push(' '),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                scan.references.push(Reference {
                    dest: link_dest(*link_type, dest_url),
                    form: if matches!(link_type, LinkType::WikiLink { .. }) {
                        Form::Wiki
                    } else {
                        Form::Link
                    },
                    line: self.lines.line(range.start),
                });
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(what) = unsafe_html(html) {
                    scan.unsafe_html.push((self.lines.line(range.start), what));
                }
                html_ids(html, self.raw_html == RawHtml::Keep, &mut scan.html_anchors);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                scan.references.push(Reference {
                    dest: dest_url.to_string(),
                    form: Form::Image,
                    line: self.lines.line(range.start),
                });
            }
            _ => {}
        }
        if bare_end {
            self.in_bare_link = false;
        }
    }
}

/// Adds the `id` of each tag in `html` (and the `name` of each `<a>`)
/// that reaches the page: every one when raw HTML is kept, else those of
/// the tags the sanitizer keeps. A hand-written scan of start tags, since
/// only these two attributes matter and the sanitizer's own parser keeps
/// none of its positions.
fn html_ids(html: &str, keep_all: bool, out: &mut Vec<String>) {
    static KEPT: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| SANITIZER.clone_tags());
    let mut rest = html;
    while let Some(at) = memchr::memchr(b'<', rest.as_bytes()) {
        rest = &rest[at + 1..];
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .unwrap_or(rest.len());
        let tag = rest[..name_len].to_ascii_lowercase();
        rest = &rest[name_len..];
        if tag.is_empty() || !(keep_all || KEPT.contains(tag.as_str())) {
            continue;
        }
        // The attributes, up to the tag's end.
        let mut attrs = rest;
        loop {
            attrs = attrs.trim_start();
            let name_len = attrs
                .find(|c: char| c.is_whitespace() || "=>/<".contains(c))
                .unwrap_or(attrs.len());
            if name_len == 0 {
                if attrs.starts_with('/') {
                    attrs = &attrs[1..];
                    continue;
                }
                break;
            }
            let name = attrs[..name_len].to_ascii_lowercase();
            attrs = attrs[name_len..].trim_start();
            let Some(after) = attrs.strip_prefix('=') else {
                continue;
            };
            let after = after.trim_start();
            let (value, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                    Some(end) => (&after[1..end + 1], &after[end + 2..]),
                    None => break,
                },
                _ => {
                    let end = after
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            attrs = next;
            if (name == "id" || (name == "name" && tag == "a")) && !value.is_empty() {
                out.push(value.to_string());
            }
        }
        rest = attrs;
    }
}

/// A raw HTML event as text, when raw HTML is to be shown as text.
fn raw_html_as(raw_html: RawHtml, event: Event<'_>) -> Event<'_> {
    match (raw_html, event) {
        (RawHtml::AsText, Event::Html(html) | Event::InlineHtml(html)) => Event::Text(html),
        (_, event) => event,
    }
}

/// The body without its first line when that line is a `# ` heading that
/// repeats the title (as bodies pasted from elsewhere often start), since
/// the page shows the title as its heading already. The line is left
/// blank, so that line numbers stay the editor's.
pub fn without_repeated_title<'a>(body: &'a str, title: &str) -> std::borrow::Cow<'a, str> {
    let start = body.len() - body.trim_start_matches(['\n', ' ', '\t']).len();
    let start = body[..start].rfind('\n').map_or(0, |n| n + 1);
    let line_end = body[start..].find('\n').map_or(body.len(), |n| start + n);
    let line = body[start..line_end].trim();
    let heading = line
        .strip_prefix("# ")
        .map(|h| h.trim().trim_end_matches('#').trim());
    match heading {
        Some(h) if h.eq_ignore_ascii_case(title.trim()) => {
            let mut kept = String::with_capacity(body.len());
            kept.push_str(&body[..start]);
            kept.push_str(&body[line_end..]);
            std::borrow::Cow::Owned(kept)
        }
        _ => std::borrow::Cow::Borrowed(body),
    }
}

/// What the sanitizer would take out of a piece of raw HTML, if anything.
fn unsafe_html(html: &str) -> Option<&'static str> {
    let lower = html.to_ascii_lowercase();
    let found = |tag: &str| lower.contains(tag);
    if found("<script") {
        Some("a script")
    } else if found("<style") {
        Some("a style sheet")
    } else if found("<iframe") || found("<object") || found("<embed") {
        Some("an embedded frame")
    } else if found("<form") || found("<input") && !found("type=\"checkbox\"") {
        Some("a form")
    } else if found("javascript:") {
        Some("a javascript: link")
    } else if lower
        .split(|c: char| c.is_whitespace() || c == '<')
        .any(|w| w.starts_with("on") && w.contains('='))
    {
        Some("an event handler")
    } else {
        None
    }
}

/// A link's destination as the resolver sees it: email autolinks
/// (`<name@example.org>`) get their `mailto:`.
fn link_dest(link_type: LinkType, dest: &str) -> String {
    match link_type {
        LinkType::Email if !dest.starts_with("mailto:") => format!("mailto:{dest}"),
        _ => dest.to_string(),
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// The plain text under one heading (or before the first heading, with an
/// empty anchor): the unit the search index finds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Section<'a> {
    pub anchor: &'a str,
    pub heading: &'a str,
    pub text: &'a str,
}

/// A body's sections, from the headings and section text [`scan`] found.
/// The text before the first heading is a section with an empty anchor
/// and heading, left out when empty.
pub fn sections<'a, S: AsRef<str>>(
    headings: &'a [Heading],
    section_text: &'a [S],
) -> Vec<Section<'a>> {
    let mut out = Vec::with_capacity(section_text.len());
    if let Some(first) = section_text
        .first()
        .map(AsRef::as_ref)
        .filter(|t| !t.is_empty())
    {
        out.push(Section {
            anchor: "",
            heading: "",
            text: first,
        });
    }
    out.extend(
        headings
            .iter()
            .zip(section_text.iter().skip(1))
            .map(|(h, text)| Section {
                anchor: &h.anchor,
                heading: &h.text,
                text: text.as_ref(),
            }),
    );
    out
}

/// Cuts text at a word boundary near `max` characters, adding "…".
pub fn shorten(text: &str, max: usize) -> String {
    // Runs of white space become one space, up to the first word that
    // goes past `max`.
    let mut joined = String::with_capacity(text.len().min(4 * max + 4));
    let mut chars = 0;
    for word in text.split_whitespace() {
        if chars > max {
            break;
        }
        if !joined.is_empty() {
            joined.push(' ');
            chars += 1;
        }
        joined.push_str(word);
        chars += word.chars().count();
    }
    if chars <= max {
        return joined;
    }
    let text = joined;
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_ascii_punctuation())
    )
}

/// What the renderer does with one reference.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkOut {
    /// Link to this URL. For `[[id]]` written without text, `title` replaces
    /// the id as the link text.
    Href { url: String, title: Option<String> },
    /// Show the text, visibly marked as a broken reference, with no link.
    Broken { message: String },
    /// Drop the link (an unsafe URL) and keep its text.
    Unlink,
}

/// What raw HTML in a policy may keep: formatting, tables (their cells'
/// alignment the only style), `details`, ids and classes, and what the
/// page's own markup writes (tables' scroll containers, callouts,
/// footnotes). Scripts, styles, frames, forms, event handlers and
/// `javascript:` URLs go.
static SANITIZER: std::sync::LazyLock<ammonia::Builder<'static>> = std::sync::LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tags([
        "details",
        "summary",
        "span",
        "div",
        "section",
        "figure",
        "figcaption",
        "mark",
        "kbd",
        "abbr",
        "input",
    ])
    .add_generic_attributes(["id", "class", "title", "lang", "dir"])
    .add_tag_attributes("input", ["type", "checked", "disabled"])
    .add_tag_attributes("a", ["name", "aria-label"])
    .add_tag_attributes("th", ["style", "colspan", "rowspan"])
    .add_tag_attributes("td", ["style", "colspan", "rowspan"])
    .add_tag_attributes("details", ["open"])
    // A table's scroll container (see `table_open`), a callout
    // (`callout::callout_open`), the list of footnotes.
    .add_tag_attributes("div", ["role", "tabindex", "aria-label"])
    .add_tag_attributes("section", ["aria-label"])
    .attribute_filter(|element, attribute, value| match (element, attribute) {
        ("div", "role") if value != "region" && value != "note" => None,
        ("div", "tabindex") if value != "0" => None,
        _ => Some(value.into()),
    })
    // The only style a table cell keeps is its alignment (which Markdown
    // tables write as a style): `position: fixed` and the like would let a
    // cell cover the whole page with a fake one.
    .filter_style_properties(["text-align"].into())
    .link_rel(None);
    b
});

/// Raw HTML made safe: what [`SANITIZER`] keeps of `html`.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Where a broken reference's text starts: marked, with why in its title.
fn broken_open(message: &str) -> String {
    format!("<span class=\"broken-ref\" title=\"{}\">", escape(message))
}

/// Where a broken reference's text ends.
const BROKEN_CLOSE: &str = "<span class=\"broken-ref-note\"> (broken link)</span></span>";

/// Escapes text for HTML content and attribute values.
/// The HTML writer's own escaping, so that HTML made here and HTML the
/// writer makes agree.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Tags inside a block of prose, which do not end it.
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: ScanOptions = ScanOptions {
        site: true,
        allow_raw_html: false,
        plain: None,
        plain_notes: false,
    };

    /// `body` as a page shows it, raw HTML kept if `allow_raw_html`.
    fn html(
        body: &str,
        allow_raw_html: bool,
        resolve: impl FnMut(&Reference) -> LinkOut,
    ) -> String {
        let options = ScanOptions {
            site: true,
            allow_raw_html,
            plain: None,
            plain_notes: false,
        };
        let s = scan(body, 1, options);
        s.body.render(&s.references, resolve)
    }

    #[test]
    fn scan_finds_everything_with_lines() {
        let body = "Intro text here.\n\n## Scope\n\nSee [[confidentiality]] and [[a|b]].\n\n## Scope\n\n[x](../a/b.md#c) ![i](../assets/x.png) [[id#anchor]]\n";
        let s = scan(body, 5, SITE);
        let anchors: Vec<_> = s
            .headings
            .iter()
            .map(|h| (h.anchor.as_str(), h.line))
            .collect();
        assert_eq!(anchors, [("scope", 7), ("scope-1", 11)]);
        let refs: Vec<_> = s
            .references
            .iter()
            .map(|r| (r.dest.as_str(), r.form, r.line))
            .collect();
        assert_eq!(
            refs,
            [
                ("confidentiality", Form::Wiki, 9),
                ("a", Form::Wiki, 9),
                ("../a/b.md#c", Form::Link, 13),
                ("../assets/x.png", Form::Image, 13),
                ("id#anchor", Form::Wiki, 13),
            ]
        );
        assert_eq!(s.summary, "Intro text here.");
    }

    #[test]
    fn raw_html_is_sanitized_unless_allowed() {
        let body = "<script>alert(1)</script>\n\n<p onclick=\"x()\" class=\"note\" id=\"n\">Hi <a href=\"javascript:alert(2)\">x</a></p>\n\n<details><summary>More</summary>Text</details>\n\n<iframe src=\"https://evil\"></iframe><style>body{}</style>\n";
        let safe = html(body, false, |_| LinkOut::Unlink);
        for gone in [
            "<script",
            "alert(1)",
            "onclick",
            "javascript:",
            "<iframe",
            "<style",
        ] {
            assert!(!safe.contains(gone), "{gone} in {safe}");
        }
        for kept in [
            "class=\"note\"",
            "id=\"n\"",
            "<details><summary>More</summary>",
        ] {
            assert!(safe.contains(kept), "{kept} not in {safe}");
        }
        let raw = html(body, true, |_| LinkOut::Unlink);
        assert!(raw.contains("<script>alert(1)</script>"));
    }

    #[test]
    fn heading_attributes_and_email_autolinks() {
        let body = "## Other {onclick=alert(3) .note}\n\nMail <head@example.org>.\n";
        let s = scan(body, 1, SITE);
        assert_eq!(s.references[0].dest, "mailto:head@example.org");
        let html = html(body, false, |r| LinkOut::Href {
            url: r.dest.clone(),
            title: None,
        });
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("class=\"note\""), "{html}");
        assert!(html.contains("href=\"mailto:head@example.org\""), "{html}");
        assert!(!html.contains("mailto:mailto:"), "{html}");
    }

    #[test]
    fn links_are_filled_in_wherever_they_are() {
        let resolve = |r: &Reference| match r.dest.as_str() {
            "abcd" => LinkOut::Href {
                url: "abcd.html".into(),
                title: Some("All About Cats".into()),
            },
            "gone" => LinkOut::Broken {
                message: "no policy gone".into(),
            },
            _ => LinkOut::Unlink,
        };
        // A bare link in an image's description is plain text there.
        assert_eq!(
            html("![a [[abcd]]] b](p.png)\n", false, resolve),
            "<p><img src=\"\" alt=\"a abcd] b\" /></p>\n"
        );
        // A dropped link before a block leaves its text (none here).
        assert_eq!(
            html("- a\n  [](abc)\n  - b\n", false, resolve),
            "<ul>\n<li>a\n\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n"
        );
        // A title shown in place of a bare link's text leaves out all of
        // it, links and images inside included.
        let shown = html("[[abcd]] and [[gone]] and <b>x</b>\n", false, resolve);
        assert_eq!(
            shown,
            format!(
                "<p><a href=\"abcd.html\">All About Cats</a> and {}gone{} and <b>x</b></p>\n",
                broken_open("no policy gone"),
                BROKEN_CLOSE
            )
        );
        // A NUL is read as U+FFFD, not taken for a hole.
        assert_eq!(
            html("a\0[[abcd]]\n", false, resolve),
            "<p>a\u{FFFD}<a href=\"abcd.html\">All About Cats</a></p>\n"
        );
        let check = scan("text\n", 1, ScanOptions::default());
        assert!(matches!(check.body, Body::None));
    }

    #[test]
    fn html_depth_is_counted_as_a_parser_nests() {
        assert!(!html_deeper_than(&"<p>x</p>".repeat(500), 100));
        assert!(!html_deeper_than(&"<td>x".repeat(50), 100));
        assert!(html_deeper_than(&"<div>".repeat(101), 100));
        // An end tag that matches nothing open closes nothing.
        assert!(html_deeper_than(&"<div></x>".repeat(200), 100));
        // One that matches closes what is inside it too.
        assert!(!html_deeper_than(&"<div><span><b></div>".repeat(200), 100));
        assert!(!html_deeper_than("a < b and </ c <", 100));
    }

    #[test]
    fn summaries_are_shortened_at_a_word() {
        assert_eq!(shorten("  One\n two   three ", 20), "One two three");
        assert_eq!(shorten("", 20), "");
        assert_eq!(shorten("abcde fghij", 11), "abcde fghij");
        assert_eq!(shorten("abcde fghij klmno", 13), "abcde fghij…");
        assert_eq!(shorten("abcde, fghij, klmno", 15), "abcde, fghij…");
        // No space in the second half: cut inside the word.
        assert_eq!(shorten("a bcdefghijklmnop", 10), "a bcdefghi…");
        assert_eq!(shorten("café crème brûlée", 12), "café crème…");
    }

    #[test]
    fn sections_split_at_headings() {
        let body =
            "Intro *here*.\n\n## Scope\n\nOne\ntwo.\n\n- a\n- b\n\n### Detail\n\n`code` text\n";
        let s = scan(body, 1, SITE);
        let got = sections(&s.headings, &s.section_text);
        let flat: Vec<_> = got.iter().map(|s| (s.anchor, s.heading, s.text)).collect();
        assert_eq!(
            flat,
            [
                ("", "", "Intro here."),
                ("scope", "Scope", "One two. a b"),
                ("detail", "Detail", "code text")
            ]
        );
    }

    #[test]
    fn html_rewrites_links() {
        let body = "## Scope\n\n[[conf]] [[conf|our policy]] [[gone]] [x](javascript:alert(1)) <b>hi</b>\n";
        let html = html(body, false, |r| match r.dest.as_str() {
            "conf" => LinkOut::Href {
                url: "conf.html".into(),
                title: Some("Confidentiality".into()),
            },
            "gone" => LinkOut::Broken {
                message: "no policy gone".into(),
            },
            _ => LinkOut::Unlink,
        });
        assert!(html.contains("<h2 id=\"scope\">Scope</h2>"), "{html}");
        assert!(
            html.contains("<a href=\"conf.html\">Confidentiality</a>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"conf.html\">our policy</a>"),
            "{html}"
        );
        assert!(html.contains("class=\"broken-ref\""), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(
            html.contains("<b>hi</b>"),
            "harmless raw HTML stays: {html}"
        );
    }
    /// `body` as a page shows it, every link to where it was written.
    fn page(body: &str) -> String {
        html(body, false, |r| LinkOut::Href {
            url: r.dest.clone(),
            title: None,
        })
    }

    #[test]
    fn alerts_are_callouts() {
        for (marker, class, title) in [
            ("NOTE", "note", "Note"),
            ("TIP", "tip", "Tip"),
            ("IMPORTANT", "important", "Important"),
            ("WARNING", "warning", "Warning"),
            ("CAUTION", "caution", "Caution"),
        ] {
            let got = page(&format!("> [!{marker}]\n> Lock the *door*.\n"));
            assert_eq!(
                got,
                format!(
                    "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{title}</p>\n<p>Lock the <em>door</em>.</p>\n</div>\n"
                )
            );
        }
        // A blockquote that is not one stays a blockquote.
        assert_eq!(
            page("> [!NOTICE]\n> x\n"),
            "<blockquote>\n<p>[!NOTICE]\nx</p>\n</blockquote>\n"
        );
    }

    #[test]
    fn admonitions_are_callouts_with_their_titles() {
        let got = page(
            "!!! note \"Before you <share>\"\n    Ask the **DPO**.\n\n    - one\n\n!!! warning\n    Careful.\n\n!!! danger\n    Stop.\n\n??? info \"More\"\n    Hidden.\n\n???+ tip\n    Shown.\n\nAfter.\n",
        );
        assert_eq!(
            got,
            "<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Before you &lt;share&gt;</p>\n<p>Ask the <strong>DPO</strong>.</p>\n<ul>\n<li>one</li>\n</ul>\n</div>\n\
<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>\n<p>Careful.</p>\n</div>\n\
<div class=\"callout callout-caution\" role=\"note\">\n<p class=\"callout-title\">Danger</p>\n<p>Stop.</p>\n</div>\n\
<details class=\"callout callout-note\">\n<summary class=\"callout-title\">More</summary>\n<p>Hidden.</p>\n</details>\n\
<details class=\"callout callout-tip\" open>\n<summary class=\"callout-title\">Tip</summary>\n<p>Shown.</p>\n</details>\n\
<p>After.</p>\n"
        );
        // Nested, and one with a title only.
        assert_eq!(
            page(
                "!!! note\n    Outer\n\n    !!! tip\n        Inner\n\n!!! caution \"Title only\"\n"
            ),
            "<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n<p>Outer</p>\n<div class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">Tip</p>\n<p>Inner</p>\n</div>\n</div>\n\
<div class=\"callout callout-caution\" role=\"note\">\n<p class=\"callout-title\">Title only</p>\n</div>\n"
        );
        // The callout markup survives the sanitizer.
        let sanitized = page("!!! warning\n    <b>Careful</b>\n");
        assert!(
            sanitized.contains("<div class=\"callout callout-warning\" role=\"note\">"),
            "{sanitized}"
        );
    }

    #[test]
    fn lines_after_an_admonition_are_the_editors() {
        let body = "!!! note \"Title\"\n    See [a](one.md).\n\n    More.\n\n[b](two.md) and [[three]]\n\n## After\n";
        let s = scan(body, 10, SITE);
        let lines: Vec<_> = s
            .references
            .iter()
            .map(|r| (r.dest.as_str(), r.line))
            .collect();
        assert_eq!(lines, [("one.md", 11), ("two.md", 15), ("three", 15)]);
        assert_eq!(s.headings[0].line, 17);
        // The written title is in the section's text; a kind is not.
        assert_eq!(s.section_text[0], "Title: See a. More. b and three");
        let s = scan("> [!WARNING]\n> Careful.\n", 1, SITE);
        assert_eq!(s.section_text[0], "Careful.");
    }

    #[test]
    fn bare_addresses_are_links() {
        let got = page(
            "See https://example.org/a_b?x=1. Or www.nhs.uk, (http://intranet/forms)!\n\n`https://in.code` [https://in.link](x.md) <a href=\"y\">https://in.html</a>\n\n    https://in.block\n\njavascript:alert(1) and JAVASCRIPT://x\n",
        );
        assert_eq!(
            got,
            "<p>See <a href=\"https://example.org/a_b?x=1\">https://example.org/a_b?x=1</a>. Or <a href=\"http://www.nhs.uk\">www.nhs.uk</a>, (<a href=\"http://intranet/forms\">http://intranet/forms</a>)!</p>\n\
<p><code>https://in.code</code> <a href=\"x.md\">https://in.link</a> <a href=\"y\">https://in.html</a></p>\n\
<pre><code>https://in.block\n</code></pre>\n\
<p>javascript:alert(1) and JAVASCRIPT://x</p>\n"
        );
        // Each is a reference, with its line, for the resolver to judge.
        let s = scan("a\n\nb https://x.org/one\nwww.x.org\n", 3, SITE);
        let refs: Vec<_> = s
            .references
            .iter()
            .map(|r| (r.dest.as_str(), r.form, r.line))
            .collect();
        assert_eq!(
            refs,
            [
                ("https://x.org/one", Form::Link, 5),
                ("http://www.x.org", Form::Link, 6)
            ]
        );
        // The resolver still decides: an unsafe one is text.
        let unlinked = html("https://x.org\n", false, |_| LinkOut::Unlink);
        assert_eq!(unlinked, "<p>https://x.org</p>\n");
    }

    #[test]
    fn definition_lists() {
        let body = "Data controller\n: Decides why data is *used*.\n: And how.\n\nNext\n";
        assert_eq!(
            page(body),
            "<dl>\n<dt>Data controller</dt>\n<dd>Decides why data is <em>used</em>.</dd>\n<dd>And how.</dd>\n</dl>\n<p>Next</p>\n"
        );
        let s = scan(body, 1, SITE);
        assert_eq!(
            s.section_text[0],
            "Data controller Decides why data is used. And how. Next"
        );
        // Raw HTML elsewhere: the sanitizer keeps the list.
        assert!(page(&format!("{body}\n<b>x</b>\n")).contains("<dt>Data controller</dt>"));
    }

    #[test]
    fn footnotes_are_listed_at_the_end_with_links_back() {
        let body = "## Scope\n\nText[^Scope] and[^2] again[^scope].\n\n[^scope]: The *scope* note.\n\n[^2]: Second.\n\n    - a list\n\n## Fn scope\n\nMore.\n";
        let s = scan(body, 1, SITE);
        let anchors: Vec<_> = s.headings.iter().map(|h| h.anchor.as_str()).collect();
        // A heading whose anchor a footnote's id would take gets another.
        assert_eq!(anchors, ["scope", "fn-scope-1"]);
        assert_eq!(
            page(body),
            "<h2 id=\"scope\">Scope</h2>\n\
<p>Text<sup class=\"footnote-ref\"><a href=\"#fn-scope\" id=\"fnref-scope\" aria-label=\"Footnote 1\">1</a></sup> and<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\" aria-label=\"Footnote 2\">2</a></sup> again<sup class=\"footnote-ref\"><a href=\"#fn-scope\" id=\"fnref-scope-2\" aria-label=\"Footnote 1\">1</a></sup>.</p>\n\
<h2 id=\"fn-scope-1\">Fn scope</h2>\n<p>More.</p>\n\
<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n\
<li id=\"fn-scope\">\n<p>The <em>scope</em> note. <a href=\"#fnref-scope\" class=\"footnote-back\" aria-label=\"Back to reference 1\">↩</a> <a href=\"#fnref-scope-2\" class=\"footnote-back\" aria-label=\"Back to reference 1-2\">↩<sup>2</sup></a></p>\n</li>\n\
<li id=\"fn-2\">\n<p>Second.</p>\n<ul>\n<li>a list</li>\n</ul>\n<p class=\"footnote-back-links\"><a href=\"#fnref-2\" class=\"footnote-back\" aria-label=\"Back to reference 2\">↩</a></p>\n</li>\n\
</ol>\n</section>\n"
        );
        // The notes' text is in the last section, where the page shows it.
        assert_eq!(s.section_text[2], "More. The scope note. Second. a list");
        // The sanitizer keeps the markup.
        let got = page("b[^n] <b>x</b>\n\n[^n]: N.\n");
        assert!(
            got.contains("id=\"fnref-n\" aria-label=\"Footnote 1\""),
            "{got}"
        );
        assert!(got.contains("aria-label=\"Footnotes\""), "{got}");
        assert!(got.contains("aria-label=\"Back to reference 1\""), "{got}");
    }
}
