//! A policy's body as HTML, made by the same pulldown-cmark pass that
//! [`scan`](super::scan)s it (the **parse** stage), with a hole wherever a
//! link or image goes: where each goes is known only once every policy is
//! parsed and linked. The **render** stage fills the holes
//! ([`Body::render`]), so a body is parsed once per build, not twice.
//!
//! The result is the HTML that [`to_html`](super::to_html) makes from the
//! Markdown, byte for byte (a property test and the `body` fuzz target
//! compare the two). The few bodies whose HTML cannot be made before
//! linking keep their Markdown and go through `to_html`: raw HTML that the
//! sanitizer must see whole, and shapes where the HTML depends on where a
//! link goes in more than its holes: a bare `[[id]]` in an image's
//! description (its text is dropped when the target has a title), and a
//! link, perhaps to be dropped, between a line break and a block (the
//! writer puts a newline before a block only when the output does not end
//! with one).

use super::{
    BROKEN_CLOSE, Heading, HtmlOptions, LinkOut, RawHtml, Reference, broken_open, to_html,
};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

/// Marks a hole while the HTML is written; policies cannot hold it (load
/// refuses files with NUL bytes, and bodies holding one keep their
/// Markdown).
const MARK: char = '\0';

/// A body kept for rendering.
#[derive(Debug, Clone, Default)]
pub enum Body {
    /// Nothing kept: the handbook was opened for checking only.
    #[default]
    None,
    /// HTML with holes for its references.
    Html(BodyHtml),
    /// The Markdown, turned into HTML when the page is rendered, with raw
    /// HTML kept as written or sanitized as the scan was told.
    Markdown { markdown: String, raw_html: RawHtml },
}

/// HTML with holes. A hole is at a byte offset of `html` and refers to one
/// of the body's references (by its index in `Scan::references`).
#[derive(Debug, Clone, Default)]
pub struct BodyHtml {
    html: String,
    holes: Vec<(usize, Hole)>,
}

#[derive(Debug, Clone)]
enum Hole {
    /// A link opens. `bare`: written `[[id]]`, whose text becomes the
    /// target's title; `title`: the title written in Markdown, if any.
    LinkOpen {
        reference: usize,
        bare: bool,
        title: Box<str>,
    },
    LinkClose,
    /// An image: `<img src="…" alt="` before its description, and the
    /// title and `" />` after it.
    ImageOpen {
        reference: usize,
    },
    ImageClose {
        title: Box<str>,
    },
}

/// A hole while the HTML is being written; headings' anchors are known
/// only at their end, so they are holes too until the scan is done.
enum Pending {
    Heading(usize),
    Hole(Hole),
}

/// Turns the scan's events into the events the HTML writer sees, noting
/// each hole.
#[derive(Default)]
pub(super) struct Holes {
    pending: Vec<Pending>,
    headings: usize,
    /// Inside an image: its nesting depth and its description so far.
    image: Option<(usize, String)>,
    /// Inside a bare `[[id]]` link.
    in_bare_link: bool,
    /// The body has raw HTML.
    raw_html: bool,
    /// The body has a shape the holes cannot hold.
    unfit: bool,
    /// Only link holes since the output last ended with a newline: a
    /// block next would be written differently if the links were dropped.
    links_at_newline: bool,
}

impl Holes {
    /// The event for the HTML writer in place of `event`, the `reference`th
    /// reference of the body being the next one; `at_newline`: the HTML
    /// written so far ends with a newline.
    pub(super) fn event<'a>(
        &mut self,
        event: Event<'a>,
        reference: usize,
        at_newline: bool,
    ) -> Option<Event<'a>> {
        if let Some((depth, alt)) = &mut self.image {
            // An image's description is written as plain text, as the
            // HTML writer does.
            match event {
                Event::Start(Tag::Link {
                    link_type: LinkType::WikiLink { has_pothole: false },
                    ..
                }) => self.unfit = true,
                Event::Start(_) => *depth += 1,
                Event::End(_) if *depth > 0 => *depth -= 1,
                Event::End(_) => {
                    let mut html = std::mem::take(alt);
                    html.push(MARK);
                    self.image = None;
                    return Some(Event::Html(html.into()));
                }
                Event::Text(t) | Event::Code(t) => {
                    let _ = escape_html(&mut *alt, &t);
                }
                // Raw HTML in a description is left out of it (as `to_html`,
                // which makes all raw HTML blocks, leaves it out), and still
                // makes the body one to sanitize.
                Event::Html(_) | Event::InlineHtml(_) => self.raw_html = true,
                Event::SoftBreak | Event::HardBreak | Event::Rule => alt.push(' '),
                _ => self.unfit = true,
            }
            return None;
        }
        if self.in_bare_link && !matches!(event, Event::Text(_) | Event::Code(_) | Event::End(_)) {
            self.unfit = true;
        }
        if matches!(
            event,
            Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link)
        ) {
            // A link dropped (`LinkOut::Unlink`) writes nothing where its
            // hole writes a mark, so what follows may see a different end.
            self.links_at_newline |= at_newline;
        } else {
            if self.links_at_newline && starts_block(&event) {
                self.unfit = true;
            }
            self.links_at_newline = false;
        }
        match event {
            Event::Start(Tag::Heading { level, classes, .. }) => {
                self.pending.push(Pending::Heading(self.headings));
                self.headings += 1;
                // Attributes written on a heading (`{onclick=...}`) are
                // dropped: only the anchor and classes reach the page.
                Some(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(MARK.to_string())),
                    classes,
                    attrs: Vec::new(),
                }))
            }
            Event::Start(Tag::Link {
                link_type, title, ..
            }) => {
                let bare = matches!(link_type, LinkType::WikiLink { has_pothole: false });
                self.in_bare_link = bare;
                Some(self.hole(Hole::LinkOpen {
                    reference,
                    bare,
                    title: title.as_ref().into(),
                }))
            }
            Event::End(TagEnd::Link) => {
                self.in_bare_link = false;
                Some(self.hole(Hole::LinkClose))
            }
            Event::Start(Tag::Image { title, .. }) => {
                self.image = Some((0, String::new()));
                self.pending
                    .push(Pending::Hole(Hole::ImageOpen { reference }));
                self.pending.push(Pending::Hole(Hole::ImageClose {
                    title: title.as_ref().into(),
                }));
                Some(Event::Html(MARK.to_string().into()))
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                self.raw_html = true;
                Some(Event::Html(html))
            }
            other => Some(other),
        }
    }

    fn hole(&mut self, hole: Hole) -> Event<'static> {
        self.pending.push(Pending::Hole(hole));
        Event::Html(MARK.to_string().into())
    }

    /// The body to keep, given the HTML written with marks and the
    /// headings the scan found: the marks replaced by holes and anchors in
    /// one pass over the HTML.
    pub(super) fn finish(
        self,
        marked: String,
        markdown: &str,
        headings: &[Heading],
        raw_html: RawHtml,
    ) -> Body {
        let keep_markdown = || Body::Markdown {
            markdown: markdown.to_string(),
            raw_html,
        };
        if (self.raw_html && raw_html == RawHtml::Sanitize) || self.unfit || markdown.contains(MARK)
        {
            return keep_markdown();
        }
        let anchor = |h: usize| headings.get(h).map_or("", |h| h.anchor.as_str());
        // Each mark is one byte; each heading's becomes its anchor.
        let anchors: usize = self
            .pending
            .iter()
            .map(|p| match p {
                Pending::Heading(h) => anchor(*h).len(),
                Pending::Hole(_) => 0,
            })
            .sum();
        let mut body = BodyHtml {
            html: String::with_capacity(
                (marked.len() + anchors).saturating_sub(self.pending.len()),
            ),
            holes: Vec::with_capacity(self.pending.len()),
        };
        let mut pending = self.pending.into_iter();
        let mut pieces = marked.split(MARK);
        body.html.push_str(pieces.next().unwrap_or_default());
        for piece in pieces {
            match pending.next() {
                Some(Pending::Heading(h)) => {
                    let _ = escape_html(&mut body.html, anchor(h));
                }
                Some(Pending::Hole(hole)) => body.holes.push((body.html.len(), hole)),
                // More marks than holes: the HTML is not what was meant.
                None => return keep_markdown(),
            }
            body.html.push_str(piece);
        }
        if pending.next().is_some() {
            return keep_markdown();
        }
        // A no-op unless escaping an anchor made the HTML longer.
        body.html.shrink_to_fit();
        Body::Html(body)
    }
}

/// Whether the HTML writer starts `event` with a newline unless its output
/// already ends with one: every block, and rules.
fn starts_block(event: &Event) -> bool {
    match event {
        Event::Rule => true,
        Event::Start(tag) => !matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        _ => false,
    }
}

impl Body {
    /// The body's HTML, every reference resolved by `resolve`, as
    /// [`to_html`] makes it.
    pub fn render(
        &self,
        headings: &[Heading],
        references: &[Reference],
        resolve: impl FnMut(&Reference) -> LinkOut,
    ) -> String {
        match self {
            Body::None => String::new(),
            Body::Markdown { markdown, raw_html } => to_html(
                markdown,
                &HtmlOptions {
                    anchors: headings,
                    raw_html: *raw_html,
                },
                resolve,
            ),
            Body::Html(body) => body.fill(references, resolve),
        }
    }
}

/// How a filled link closes.
enum Close {
    Html(&'static str),
    /// A bare `[[id]]` shows its target's title instead of the id.
    Title(String),
}

impl BodyHtml {
    fn fill(
        &self,
        references: &[Reference],
        mut resolve: impl FnMut(&Reference) -> LinkOut,
    ) -> String {
        let mut out = String::with_capacity(self.html.len() + 64 * self.holes.len());
        let mut at = 0;
        let mut closes: Vec<Close> = Vec::new();
        let mut image_titles: Vec<Option<String>> = Vec::new();
        let mut resolved = |reference: usize| match references.get(reference) {
            Some(r) => resolve(r),
            None => LinkOut::Unlink,
        };
        for (offset, hole) in &self.holes {
            // The text of a bare link shown with its target's title is
            // left out.
            let skipping = matches!(closes.last(), Some(Close::Title(_)));
            if !skipping {
                out.push_str(&self.html[at..*offset]);
            }
            at = *offset;
            if skipping && !matches!(hole, Hole::LinkClose) {
                continue;
            }
            match hole {
                Hole::LinkOpen {
                    reference,
                    bare,
                    title,
                } => match resolved(*reference) {
                    LinkOut::Href {
                        url,
                        title: Some(target),
                    } if *bare => {
                        out.push_str("<a href=\"");
                        let _ = escape_html(&mut out, &url);
                        out.push_str("\">");
                        closes.push(Close::Title(target));
                    }
                    LinkOut::Href { url, .. } => {
                        out.push_str("<a href=\"");
                        let _ = escape_href(&mut out, &url);
                        if !title.is_empty() {
                            out.push_str("\" title=\"");
                            let _ = escape_html(&mut out, title);
                        }
                        out.push_str("\">");
                        closes.push(Close::Html("</a>"));
                    }
                    LinkOut::Broken { message } => {
                        out.push_str(&broken_open(&message));
                        closes.push(Close::Html(BROKEN_CLOSE));
                    }
                    LinkOut::Unlink => closes.push(Close::Html("")),
                },
                Hole::LinkClose => match closes.pop() {
                    Some(Close::Title(title)) => {
                        let _ = escape_html(&mut out, &title);
                        out.push_str("</a>");
                    }
                    Some(Close::Html(html)) => out.push_str(html),
                    None => out.push_str("</a>"),
                },
                Hole::ImageOpen { reference } => {
                    let (src, title) = match resolved(*reference) {
                        LinkOut::Href { url, .. } => (url, None),
                        LinkOut::Broken { message } => {
                            (String::new(), Some(format!("Broken reference: {message}")))
                        }
                        LinkOut::Unlink => (String::new(), None),
                    };
                    out.push_str("<img src=\"");
                    let _ = escape_href(&mut out, &src);
                    out.push_str("\" alt=\"");
                    image_titles.push(title);
                }
                Hole::ImageClose { title } => {
                    let replaced = image_titles.pop().flatten();
                    let title = replaced.as_deref().unwrap_or(title);
                    if !title.is_empty() {
                        out.push_str("\" title=\"");
                        let _ = escape_html(&mut out, title);
                    }
                    out.push_str("\" />");
                }
            }
        }
        out.push_str(&self.html[at..]);
        out
    }
}
