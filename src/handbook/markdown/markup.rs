//! The page's own markup around what pulldown-cmark's writer writes:
//! callouts in place of alert and admonition blockquotes
//! ([`super::callout`]), and footnotes with their numbers, ids and links
//! back ([`super::footnote`]).
//!
//! Where this sits in the pipeline: after the scan has noted an event
//! (and the [`Footnotes`] register with it), before the holes for links
//! are made ([`super::body`]). What it writes itself is HTML the holes
//! never see ([`Piece::Own`]); every other event goes on as it came
//! ([`Piece::Pass`]). The `body` fuzz target's oracle runs the same
//! markup over its own parse, with no holes.

use super::callout::{Admonitions, Callouts};
use super::footnote::{self, Footnotes};
use pulldown_cmark::{Event, Tag, TagEnd};

/// What the markup makes of one event.
#[derive(Debug)]
pub enum Piece<'a> {
    /// HTML the page writes itself.
    Own(String),
    /// An event for the writer (through the holes).
    Pass(Event<'a>),
}

/// What the markup knows part way through a body.
#[derive(Debug, Default)]
pub struct Markup {
    callouts: Callouts,
    /// Inside this many images, and inside a footnote's note.
    in_image: usize,
    in_note: bool,
    /// A paragraph of a note has ended, and is held back: if it is the
    /// note's last, the links back go inside it.
    held: bool,
    /// The list of notes has started.
    list_open: bool,
}

impl Markup {
    /// What `event`, at byte `offset` of the prepared body, becomes: up to
    /// three pieces, in order, pushed onto `out` (kept by the caller, so
    /// that nothing is made for each event).
    pub fn event<'a>(
        &mut self,
        event: Event<'a>,
        offset: usize,
        (admonitions, footnotes): (&Admonitions, &Footnotes),
        out: &mut Vec<Piece<'a>>,
    ) {
        if self.held {
            self.held = false;
            if matches!(event, Event::End(TagEnd::FootnoteDefinition)) {
                self.in_note = false;
                let back = footnotes.defining().map(footnote::back_links);
                if let Some(back) = back.filter(|b| !b.is_empty()) {
                    out.push(Piece::Own(back));
                }
                out.push(Piece::Pass(Event::End(TagEnd::Paragraph)));
                out.push(Piece::Own("</li>\n".into()));
                return;
            }
            out.push(Piece::Pass(Event::End(TagEnd::Paragraph)));
        }
        let piece = match event {
            Event::Start(Tag::Image { .. }) => {
                self.in_image += 1;
                Piece::Pass(event)
            }
            Event::End(TagEnd::Image) => {
                self.in_image = self.in_image.saturating_sub(1);
                Piece::Pass(event)
            }
            Event::Start(Tag::BlockQuote(kind)) => {
                match self.callouts.start(kind, offset, admonitions) {
                    Some(html) => Piece::Own(html),
                    None => Piece::Pass(event),
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => match self.callouts.end() {
                Some(html) => Piece::Own(html.into()),
                None => Piece::Pass(event),
            },
            Event::FootnoteReference(_) => match footnotes.last_reference() {
                Some((note, Some(id))) if self.in_image == 0 => {
                    Piece::Own(footnote::reference_html(note, id))
                }
                // In an image's description, its number as text, as the
                // writer writes it there.
                Some((note, _)) => Piece::Pass(Event::Text(format!("[{}]", note.number).into())),
                None => Piece::Pass(Event::Text("".into())),
            },
            Event::Start(Tag::FootnoteDefinition(_)) => {
                self.in_note = true;
                let mut html = String::new();
                if !self.list_open {
                    self.list_open = true;
                    html.push_str(footnote::LIST_OPEN);
                }
                if let Some(note) = footnotes.defining() {
                    html.push_str(&footnote::note_open(note));
                }
                Piece::Own(html)
            }
            Event::End(TagEnd::Paragraph) if self.in_note => {
                self.held = true;
                return;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.in_note = false;
                let back = footnotes
                    .defining()
                    .map(footnote::back_links)
                    .unwrap_or_default();
                if back.is_empty() {
                    Piece::Own("</li>\n".into())
                } else {
                    Piece::Own(format!(
                        "<p class=\"footnote-back-links\">{}</p>\n</li>\n",
                        back.trim_start()
                    ))
                }
            }
            other => Piece::Pass(other),
        };
        out.push(piece);
    }

    /// The HTML that ends the body: the end of the list of notes, if any.
    pub fn finish(&self) -> &'static str {
        if self.list_open {
            footnote::LIST_CLOSE
        } else {
            ""
        }
    }
}
