//! A policy's body as HTML, made by the same pulldown-cmark pass that
//! [`scan`](super::scan)s it (the **parse** stage), with a hole wherever a
//! link or image goes: where each goes is known only once every policy is
//! parsed and linked. The **render** stage fills the holes
//! ([`Body::render`]), so a body is parsed once per build, and there is
//! one way a body becomes HTML.
//!
//! Around the holes the HTML is pulldown-cmark's own writer's. The holes
//! are filled as that writer would write the links and images had it
//! known where they go (the `body` fuzz target and a property test check
//! this against the writer itself, every link left where it was written);
//! a bare `[[id]]` whose target has a title shows that title in place of
//! what is inside it, and a link dropped as unsafe keeps only its text.
//! A body with raw HTML to sanitize is sanitized whole once its holes are
//! filled, since what the sanitizer keeps depends on the links' addresses.

use super::{BROKEN_CLOSE, Heading, LinkOut, RawHtml, Reference, broken_open, sanitize};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

/// Marks a hole while the HTML is written; the scan has replaced any NUL
/// in a body (load refuses files with one anyway).
pub(super) const MARK: char = '\0';

/// A body kept for rendering.
#[derive(Debug, Clone, Default)]
pub enum Body {
    /// Nothing kept: the handbook was opened for checking only.
    #[default]
    None,
    /// HTML with holes for its references.
    Html(BodyHtml),
}

/// HTML with holes. A hole is at a byte offset of `html` and refers to one
/// of the body's references (by its index in `Scan::references`).
#[derive(Debug, Clone, Default)]
pub struct BodyHtml {
    html: String,
    holes: Vec<(usize, Hole)>,
    /// The body has raw HTML that must be sanitized once filled.
    sanitize: bool,
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
    /// The body has raw HTML.
    raw_html: bool,
}

impl Holes {
    /// The event for the HTML writer in place of `event`, the `reference`th
    /// reference of the body being the next one.
    pub(super) fn event<'a>(&mut self, event: Event<'a>, reference: usize) -> Option<Event<'a>> {
        if let Some((depth, alt)) = &mut self.image {
            // An image's description is written as plain text, as the
            // HTML writer does.
            match event {
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
                // Raw HTML in a description is left out of it, and still
                // makes the body one to sanitize.
                Event::Html(_) | Event::InlineHtml(_) => self.raw_html = true,
                Event::SoftBreak | Event::HardBreak | Event::Rule => alt.push(' '),
                // The page's markup has made a footnote reference its
                // number as text already ([`super::markup`]).
                Event::FootnoteReference(_) => {}
                Event::TaskListMarker(done) => alt.push_str(if done { "[x]" } else { "[ ]" }),
                Event::InlineMath(t) | Event::DisplayMath(t) => {
                    let _ = escape_html(&mut *alt, &t);
                }
            }
            return None;
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
                Some(self.hole(Hole::LinkOpen {
                    reference,
                    bare,
                    title: title.as_ref().into(),
                }))
            }
            Event::End(TagEnd::Link) => Some(self.hole(Hole::LinkClose)),
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
    pub(super) fn finish(self, marked: String, headings: &[Heading], raw_html: RawHtml) -> Body {
        let sanitize = self.raw_html && raw_html == RawHtml::Sanitize;
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
            sanitize,
        };
        // Where the marks are, found once (memchr: bodies are long).
        let at: Vec<usize> = memchr::memchr_iter(MARK as u8, marked.as_bytes()).collect();
        if at.len() != self.pending.len() {
            // Not the HTML that was meant (the scan keeps NUL out of
            // bodies, so this is not known to happen): without its links
            // and images, rather than with them misplaced.
            body.html = marked.replace(MARK, "");
            return Body::Html(body);
        }
        // The text between marks (a mark is one byte, so each piece starts
        // one past it).
        let ends = at.iter().copied().chain([marked.len()]);
        let starts = [0].into_iter().chain(at.iter().map(|&i| i + 1));
        let mut pieces = starts.zip(ends).map(|(s, e)| &marked[s..e]);
        body.html.push_str(pieces.next().unwrap_or_default());
        for (piece, pending) in pieces.zip(self.pending) {
            match pending {
                Pending::Heading(h) => {
                    let _ = escape_html(&mut body.html, anchor(h));
                }
                Pending::Hole(hole) => body.holes.push((body.html.len(), hole)),
            }
            body.html.push_str(piece);
        }
        // A no-op unless escaping an anchor made the HTML longer.
        body.html.shrink_to_fit();
        Body::Html(body)
    }
}

impl Body {
    /// The body's HTML, every reference resolved by `resolve`.
    pub fn render(
        &self,
        references: &[Reference],
        resolve: impl FnMut(&Reference) -> LinkOut,
    ) -> String {
        match self {
            Body::None => String::new(),
            Body::Html(body) => {
                let html = body.fill(references, resolve);
                if body.sanitize { sanitize(&html) } else { html }
            }
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
        // While a bare link shows its target's title: where its close is
        // in `closes`. What is inside it, holes and all, is left out.
        let mut title_at: Option<usize> = None;
        for (offset, hole) in &self.holes {
            if title_at.is_none() {
                out.push_str(&self.html[at..*offset]);
            }
            at = *offset;
            if let Some(level) = title_at {
                match hole {
                    Hole::LinkOpen { .. } => {
                        closes.push(Close::Html(""));
                        continue;
                    }
                    Hole::LinkClose if closes.len() > level + 1 => {
                        closes.pop();
                        continue;
                    }
                    Hole::LinkClose => title_at = None,
                    Hole::ImageOpen { .. } | Hole::ImageClose { .. } => continue,
                }
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
                        let _ = escape_href(&mut out, &url);
                        out.push_str("\">");
                        title_at = Some(closes.len());
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
