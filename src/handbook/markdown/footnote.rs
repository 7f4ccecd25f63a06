//! Footnotes as GitHub shows them: each reference a superscript number
//! that links to its note, the notes in a numbered list at the end of the
//! page, each with a link back to every place that refers to it.
//!
//! Where this sits in the pipeline:
//!
//! - after the parser (and [`super::autolink`]), [`Reorder`] moves every
//!   footnote definition to the end of the body, in the order of the
//!   notes' numbers, so that the scan (references, section text) and the
//!   page both see them where the page shows them;
//! - the scan keeps a [`Footnotes`] register of each note's number and
//!   ids (`fn-name` for the note, `fnref-name` for its first reference,
//!   `fnref-name-2` for the next), which headings' anchors keep clear of;
//! - the page markup ([`super::markup`]) writes references and notes
//!   with those numbers and ids.

use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;

/// A footnote's name as the parser matches it: case does not matter.
pub fn key(name: &str) -> String {
    name.to_uppercase().to_lowercase()
}

/// One footnote definition, read ahead.
struct Definition<'a> {
    events: Vec<(Event<'a>, Range<usize>)>,
    queued: bool,
}

/// The parser's events with footnote definitions moved to the end: first
/// the notes referred to in the text, in the order they are first referred
/// to; then those referred to only from notes before them, as they come;
/// then the rest, in the order written. That is the order the register
/// numbers them in, so that each note's number is its place in the list.
pub struct Reorder<'a, I> {
    inner: I,
    /// Whether to move footnotes at all.
    active: bool,
    defs: Vec<Definition<'a>>,
    /// The first definition of each name.
    by_key: HashMap<String, usize>,
    /// The definitions being read (one inside another is read apart).
    open: Vec<usize>,
    /// Names referred to in the text, in order, and whether seen.
    referred: Vec<String>,
    seen: HashSet<String>,
    /// Once the text is done: definitions to give, in order, and the
    /// events of the one being given.
    done: bool,
    queue: VecDeque<usize>,
    next_unqueued: usize,
    giving: std::vec::IntoIter<(Event<'a>, Range<usize>)>,
}

impl<'a, I> Reorder<'a, I> {
    /// `active` false passes the events on as they are (for a body with
    /// no `[^` in it, so no footnote).
    pub fn new(inner: I, active: bool) -> Self {
        Reorder {
            inner,
            active,
            defs: Vec::new(),
            by_key: HashMap::new(),
            open: Vec::new(),
            referred: Vec::new(),
            seen: HashSet::new(),
            done: false,
            queue: VecDeque::new(),
            next_unqueued: 0,
            giving: Vec::new().into_iter(),
        }
    }

    /// Queues the first definition of `key`, if it is not already.
    fn queue_key(&mut self, key: &str) {
        if let Some(&d) = self.by_key.get(key)
            && !self.defs[d].queued
        {
            self.defs[d].queued = true;
            self.queue.push_back(d);
        }
    }

    /// The next definition to give, once the text is done.
    fn next_definition(&mut self) -> Option<usize> {
        if let Some(d) = self.queue.pop_front() {
            return Some(d);
        }
        while self.next_unqueued < self.defs.len() {
            let d = self.next_unqueued;
            self.next_unqueued += 1;
            if !self.defs[d].queued {
                self.defs[d].queued = true;
                return Some(d);
            }
        }
        None
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Reorder<'a, I> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        if !self.active {
            return self.inner.next();
        }
        while !self.done {
            let Some((event, range)) = self.inner.next() else {
                self.done = true;
                let referred = std::mem::take(&mut self.referred);
                for k in &referred {
                    self.queue_key(k);
                }
                break;
            };
            match &event {
                Event::Start(Tag::FootnoteDefinition(name)) => {
                    let key = key(name);
                    self.by_key.entry(key).or_insert(self.defs.len());
                    self.open.push(self.defs.len());
                    self.defs.push(Definition {
                        events: vec![(event, range)],
                        queued: false,
                    });
                    continue;
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    if let Some(d) = self.open.pop() {
                        self.defs[d].events.push((event, range));
                    }
                    continue;
                }
                Event::FootnoteReference(name) if self.open.is_empty() => {
                    let key = key(name);
                    if self.seen.insert(key.clone()) {
                        self.referred.push(key);
                    }
                }
                _ => {}
            }
            match self.open.last() {
                Some(&d) => self.defs[d].events.push((event, range)),
                None => return Some((event, range)),
            }
        }
        loop {
            if let Some((event, range)) = self.giving.next() {
                if let Event::FootnoteReference(name) = &event {
                    let key = key(name);
                    self.queue_key(&key);
                }
                return Some((event, range));
            }
            let d = self.next_definition()?;
            let events = std::mem::take(&mut self.defs[d].events);
            self.giving = events.into_iter();
        }
    }
}

/// A footnote: its number (its place in the list), the id of its note,
/// and the ids of the references to it, in order.
#[derive(Debug, Clone, Default)]
pub struct Note {
    pub number: usize,
    pub id: String,
    pub references: Vec<String>,
    defined: bool,
}

/// Each footnote's number and ids, as the events come (in the order
/// [`Reorder`] gives them).
#[derive(Debug, Clone, Default)]
pub struct Footnotes {
    notes: Vec<Note>,
    by_key: HashMap<String, usize>,
    /// Every id given, note's and reference's, and for an id asked for
    /// again the next number to try after it.
    ids: crate::handbook::slug::AnchorSet,
    /// Inside this many images (whose description has no links).
    in_image: usize,
    /// The note of the last reference, and the id given it if any; the
    /// note being defined.
    last_reference: Option<(usize, Option<usize>)>,
    defining: Option<usize>,
}

impl Footnotes {
    /// An id not given yet, `base` if it can be, else `base-1`, `base-2`,
    /// … (the next number to try kept for each base, so that ten thousand
    /// notes of one name stay linear).
    fn unique(&mut self, base: String) -> String {
        self.ids.claim(base)
    }

    fn new_note(&mut self, name: &str) -> usize {
        // Lower case, as heading anchors are (`[^Scope]` → `fn-scope`).
        let stem: String = key(name)
            .chars()
            .map(|c| if c.is_whitespace() { '-' } else { c })
            .collect();
        let id = self.unique(format!("fn-{stem}"));
        self.notes.push(Note {
            number: self.notes.len() + 1,
            id,
            references: Vec::new(),
            defined: false,
        });
        self.notes.len() - 1
    }

    /// Notes an event.
    pub fn note(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::Image { .. }) => self.in_image += 1,
            Event::End(TagEnd::Image) => self.in_image = self.in_image.saturating_sub(1),
            Event::FootnoteReference(name) => {
                let key = key(name);
                let n = match self.by_key.get(&key) {
                    Some(&n) => n,
                    None => {
                        let n = self.new_note(name);
                        self.by_key.insert(key, n);
                        n
                    }
                };
                // A reference in an image's description is text there,
                // with no id to come back to.
                let reference = (self.in_image == 0).then(|| {
                    let k = self.notes[n].references.len() + 1;
                    let stem = &self.notes[n].id["fn-".len()..];
                    let base = if k == 1 {
                        format!("fnref-{stem}")
                    } else {
                        format!("fnref-{stem}-{k}")
                    };
                    let id = self.unique(base);
                    self.notes[n].references.push(id);
                    k - 1
                });
                self.last_reference = Some((n, reference));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let key = key(name);
                let n = match self.by_key.get(&key) {
                    Some(&n) if !self.notes[n].defined => n,
                    // A second definition of a name is a note of its own.
                    Some(_) => self.new_note(name),
                    None => {
                        let n = self.new_note(name);
                        self.by_key.insert(key, n);
                        n
                    }
                };
                self.notes[n].defined = true;
                self.defining = Some(n);
            }
            _ => {}
        }
    }

    /// The last reference noted: its note, and its id (none in an image).
    pub fn last_reference(&self) -> Option<(&Note, Option<&str>)> {
        let (n, r) = self.last_reference?;
        let note = &self.notes[n];
        Some((note, r.map(|r| note.references[r].as_str())))
    }

    /// The note being defined.
    pub fn defining(&self) -> Option<&Note> {
        self.defining.map(|n| &self.notes[n])
    }

    /// Whether `id` is one a footnote has.
    pub fn has_id(&self, id: &str) -> bool {
        self.ids.contains(id)
    }
}

/// A reference to `note`, as a superscript link with `id`.
pub fn reference_html(note: &Note, id: &str) -> String {
    let mut out = String::from("<sup class=\"footnote-ref\"><a href=\"#");
    let _ = pulldown_cmark_escape::escape_href(&mut out, &note.id);
    out.push_str("\" id=\"");
    let _ = pulldown_cmark_escape::escape_html(&mut out, id);
    out.push_str(&format!(
        "\" aria-label=\"Footnote {0}\">{0}</a></sup>",
        note.number
    ));
    out
}

/// The links back from `note` to each reference to it.
pub fn back_links(note: &Note) -> String {
    let mut out = String::new();
    for (k, id) in note.references.iter().enumerate() {
        out.push_str(" <a href=\"#");
        let _ = pulldown_cmark_escape::escape_href(&mut out, id);
        out.push_str("\" class=\"footnote-back\" aria-label=\"Back to reference ");
        out.push_str(&note.number.to_string());
        if k == 0 {
            out.push_str("\">↩</a>");
        } else {
            // "1-2", as GitHub writes it: axe-core finds the visible "2"
            // in that name, not in "1 (2)".
            out.push_str(&format!("-{}\">↩<sup>{}</sup></a>", k + 1, k + 1));
        }
    }
    out
}

/// The start of the list of notes.
pub const LIST_OPEN: &str = "<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n";
/// Its end.
pub const LIST_CLOSE: &str = "</ol>\n</section>\n";

/// The start of `note` in the list.
pub fn note_open(note: &Note) -> String {
    let mut out = String::from("<li id=\"");
    let _ = pulldown_cmark_escape::escape_html(&mut out, &note.id);
    out.push_str("\">\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    /// The footnotes and text of some events, in order.
    fn names<'a>(events: impl Iterator<Item = (Event<'a>, Range<usize>)>) -> Vec<String> {
        events
            .filter_map(|(e, _)| match e {
                Event::FootnoteReference(n) => Some(format!("ref {n}")),
                Event::Start(Tag::FootnoteDefinition(n)) => Some(format!("def {n}")),
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect()
    }

    fn reordered(text: &str) -> Vec<String> {
        let parser = Parser::new_ext(text, Options::ENABLE_FOOTNOTES).into_offset_iter();
        names(Reorder::new(parser, true))
    }

    #[test]
    fn definitions_go_to_the_end_in_number_order() {
        let text =
            "[^c]: C [^d]\n\nA[^b] B[^C] again[^b]\n\n[^b]: Bee\n[^d]: Dee\n[^e]: Eee\n\nEnd\n";
        assert_eq!(
            reordered(text),
            [
                "A", "ref b", " B", "ref C", " again", "ref b", "End", "def b", "Bee", "def c",
                "C ", "ref d", "def d", "Dee", "def e", "Eee"
            ]
        );
    }

    #[test]
    fn numbers_and_ids() {
        let mut f = Footnotes::default();
        let events = [
            Event::FootnoteReference("a b".into()),
            Event::FootnoteReference("A B".into()),
            Event::Start(Tag::Image {
                link_type: pulldown_cmark::LinkType::Inline,
                dest_url: "".into(),
                title: "".into(),
                id: "".into(),
            }),
            Event::FootnoteReference("x".into()),
            Event::End(TagEnd::Image),
            Event::Start(Tag::FootnoteDefinition("a b".into())),
        ];
        let mut refs = Vec::new();
        for e in &events {
            f.note(e);
            if matches!(e, Event::FootnoteReference(_)) {
                let (note, id) = f.last_reference().unwrap();
                refs.push((note.number, id.map(str::to_string)));
            }
        }
        assert_eq!(
            refs,
            [
                (1, Some("fnref-a-b".into())),
                (1, Some("fnref-a-b-2".into())),
                (2, None)
            ]
        );
        let note = f.defining().unwrap();
        assert_eq!(note.id, "fn-a-b");
        assert_eq!(
            back_links(note),
            " <a href=\"#fnref-a-b\" class=\"footnote-back\" aria-label=\"Back to reference 1\">↩</a> <a href=\"#fnref-a-b-2\" class=\"footnote-back\" aria-label=\"Back to reference 1-2\">↩<sup>2</sup></a>"
        );
        assert!(f.has_id("fn-a-b") && f.has_id("fnref-a-b-2") && !f.has_id("fn-x-1"));
        // A name whose ids another's would take gets others.
        let mut f = Footnotes::default();
        f.note(&Event::FootnoteReference("a".into()));
        f.note(&Event::FootnoteReference("a".into()));
        f.note(&Event::FootnoteReference("a-2".into()));
        let (note, id) = f.last_reference().unwrap();
        assert_eq!((note.id.as_str(), id), ("fn-a-2", Some("fnref-a-2-1")));
    }

    #[test]
    fn many_notes_of_one_name_stay_linear() {
        let text = "[^x]: again\n".repeat(20_000);
        let t = std::time::Instant::now();
        let mut f = Footnotes::default();
        let parser = Parser::new_ext(&text, Options::ENABLE_FOOTNOTES);
        for e in Reorder::new(parser.into_offset_iter(), true) {
            f.note(&e.0);
        }
        assert_eq!(f.defining().map(|n| n.number), Some(20_000));
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
    }
}
