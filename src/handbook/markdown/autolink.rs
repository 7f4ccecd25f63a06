//! Bare addresses in text as links, as GitHub writes them
//! (`https://…`, `http://…` and `www.…`; GFM's "extended autolinks").
//!
//! Where this sits in the pipeline: between the parser and everything
//! else ([`Autolinks`] wraps the parser's events). pulldown-cmark 0.13
//! links only `<https://…>`, so each run of text outside code, links,
//! images and raw `<a>` is read here, and an address in it becomes the
//! link events the parser would have made of `<address>`. The scan then
//! counts it a reference like any other, and the renderer's resolver
//! decides where it goes (an address that is not `http:` or `https:` is
//! never made one).

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use std::collections::VecDeque;
use std::ops::Range;

/// An address found in text: bytes `range` of it, linked to `href`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub range: Range<usize>,
    pub href: String,
}

fn domain_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Whether `text` has `www.` or `://` in it: one `memchr` pass, since
/// this runs over every piece of text of every body.
pub fn may_hold_address(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b':', b'.', b).any(|i| {
        if b[i] == b':' {
            b[i + 1..].starts_with(b"//")
        } else {
            i >= 3 && &b[i - 3..i] == b"www"
        }
    })
}

/// The addresses in `text`, in order, as GFM finds them: `www.` after the
/// start, a space or one of `*_~(`, and `http://` or `https://` (any case)
/// after anything but a letter; then a domain (segments of letters,
/// digits, `-` and `_`, the last two with no `_`; `www.` needs one more
/// segment, and `http://intranet` is one, as intranets have), then
/// anything up to a space or `<`, less trailing punctuation (`?!.,:;*_~'"`,
/// a `)` with no `(` to match, an entity-like `&name;`). Linear: a domain
/// is read once however many addresses start inside it.
pub fn find(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    if !may_hold_address(text) {
        return out;
    }
    let bytes = text.as_bytes();
    // The last domain read: where it starts and ends, and whether its
    // last two segments are free of `_`.
    let mut known: Option<(usize, usize, bool)> = None;
    let mut i = 0;
    while i < text.len() {
        let b = bytes[i];
        if b != b'w' && b != b'h' && b != b'H' {
            i += 1;
            continue;
        }
        let before = text[..i].chars().next_back();
        let prefix = if text[i..].starts_with("www.")
            && before.is_none_or(|c| c.is_whitespace() || "*_~(".contains(c))
        {
            4
        } else if before.is_none_or(|c| !c.is_alphabetic()) {
            let rest = &bytes[i..];
            let starts =
                |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
            if starts(b"https://") {
                8
            } else if starts(b"http://") {
                7
            } else {
                0
            }
        } else {
            0
        };
        if prefix == 0 {
            i += 1;
            continue;
        }
        let start = i + prefix;
        let (run_end, tail_ok) = match known {
            Some((s, e, ok)) if s <= start && start < e => (e, ok),
            _ => {
                let end = text[start..]
                    .find(|c: char| !domain_char(c) && c != '.')
                    .map_or(text.len(), |n| start + n);
                let ok = text[start..end]
                    .trim_end_matches('.')
                    .rsplit('.')
                    .take(2)
                    .all(|s| !s.contains('_'));
                known = Some((start, end, ok));
                (end, ok)
            }
        };
        // A domain that starts with a letter, digit, `-` or `_` and whose
        // last two segments have no `_`: then trailing punctuation never
        // takes all of it, so the address is one and the search goes on
        // after it (which keeps the search linear).
        let valid =
            tail_ok && start < run_end && text[start..].chars().next().is_some_and(domain_char);
        if !valid {
            i += 1;
            continue;
        }
        // What follows the domain up to a space or `<` is the path.
        let path_end = text[run_end..]
            .find(|c: char| c.is_whitespace() || c == '<')
            .map_or(text.len(), |n| run_end + n);
        let end = trim_end(&text[i..path_end]) + i;
        if end <= start {
            i += 1;
            continue;
        }
        let written = &text[i..end];
        let href = if prefix == 4 {
            format!("http://{written}")
        } else {
            written.to_string()
        };
        out.push(Found {
            range: i..end,
            href,
        });
        i = end;
    }
    out
}

/// Where an address `link` ends once its trailing punctuation is left
/// out, in one pass from its end.
fn trim_end(link: &str) -> usize {
    let opens = link.matches('(').count();
    let mut closes = link.matches(')').count();
    let mut end = link.len();
    loop {
        let Some(c) = link[..end].chars().next_back() else {
            return end;
        };
        match c {
            '?' | '!' | '.' | ',' | ':' | '*' | '_' | '~' | '\'' | '"' => end -= 1,
            ')' if closes > opens => {
                closes -= 1;
                end -= 1;
            }
            ';' => {
                end -= 1;
                // `&amp;`-like, as written: left out whole.
                let name = link[..end]
                    .trim_end_matches(|c: char| c.is_ascii_alphanumeric())
                    .len();
                if name < end && link[..name].ends_with('&') {
                    end = name - 1;
                }
            }
            _ => return end,
        }
    }
}

/// The parser's events with bare addresses in text made links.
pub struct Autolinks<'a, I> {
    inner: I,
    /// Whether to look for addresses at all.
    active: bool,
    /// Inside links and images, code blocks, and raw `<a>`.
    in_link: usize,
    in_code: bool,
    in_html_link: bool,
    /// Text read ahead (the parser splits a run of text at `_`, `&` and
    /// the like), and events ready to go.
    text: Vec<(CowStr<'a>, Range<usize>)>,
    ready: VecDeque<(Event<'a>, Range<usize>)>,
}

impl<'a, I> Autolinks<'a, I> {
    /// `active` false passes the events on as they are (for a body with
    /// no `www.` or `://` in it).
    pub fn new(inner: I, active: bool) -> Self {
        Autolinks {
            inner,
            active,
            in_link: 0,
            in_code: false,
            in_html_link: false,
            text: Vec::new(),
            ready: VecDeque::new(),
        }
    }

    /// The text read ahead, with its addresses as links.
    fn flush(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let pieces = std::mem::take(&mut self.text);
        // Text with no address in any piece goes on as it is, without
        // being joined (pulldown-cmark splits text at `_`, `*` and the
        // like, never inside `www.` or `://`).
        if !pieces.iter().any(|(t, _)| may_hold_address(t)) {
            self.ready
                .extend(pieces.into_iter().map(|(t, r)| (Event::Text(t), r)));
            return;
        }
        let joined: String = pieces.iter().map(|(t, _)| t.as_ref()).collect();
        let found = find(&joined);
        if found.is_empty() {
            self.ready
                .extend(pieces.into_iter().map(|(t, r)| (Event::Text(t), r)));
            return;
        }
        // Where in the body a byte of the joined text is: in its piece,
        // exactly if the piece is as written, else at the piece's start.
        let mut starts = Vec::with_capacity(pieces.len());
        let mut at = 0;
        for (t, _) in &pieces {
            starts.push(at);
            at += t.len();
        }
        let source = |byte: usize| {
            let k = starts.partition_point(|&s| s <= byte).saturating_sub(1);
            let (t, r) = &pieces[k];
            if r.len() == t.len() {
                r.start + (byte - starts[k])
            } else {
                r.start
            }
        };
        let mut done = 0;
        for f in found {
            if f.range.start > done {
                let r = source(done)..source(f.range.start);
                self.ready.push_back((
                    Event::Text(joined[done..f.range.start].to_string().into()),
                    r,
                ));
            }
            let r = source(f.range.start)..source(f.range.end - 1) + 1;
            self.ready.push_back((
                Event::Start(Tag::Link {
                    link_type: LinkType::Autolink,
                    dest_url: f.href.into(),
                    title: "".into(),
                    id: "".into(),
                }),
                r.clone(),
            ));
            self.ready.push_back((
                Event::Text(joined[f.range.clone()].to_string().into()),
                r.clone(),
            ));
            self.ready.push_back((Event::End(TagEnd::Link), r));
            done = f.range.end;
        }
        if done < joined.len() {
            let last = pieces.last().map_or(0, |(_, r)| r.end);
            self.ready.push_back((
                Event::Text(joined[done..].to_string().into()),
                source(done)..last,
            ));
        }
    }

    /// Notes where `event` leaves the text, for the text after it.
    fn follow(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => self.in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => {
                self.in_link = self.in_link.saturating_sub(1)
            }
            Event::Start(Tag::CodeBlock(_)) => self.in_code = true,
            Event::End(TagEnd::CodeBlock) => self.in_code = false,
            Event::InlineHtml(html) => {
                let lower = html.trim_start_matches('<').to_ascii_lowercase();
                let name_end = |s: &str| s.starts_with(|c: char| c.is_whitespace() || c == '>');
                if lower.starts_with('a') && name_end(&lower[1..]) {
                    self.in_html_link = true;
                } else if lower.starts_with("/a") && (lower.len() == 2 || name_end(&lower[2..])) {
                    self.in_html_link = false;
                }
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::Item
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            ) => self.in_html_link = false,
            _ => {}
        }
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Autolinks<'a, I> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        if !self.active {
            return self.inner.next();
        }
        loop {
            if let Some(next) = self.ready.pop_front() {
                return Some(next);
            }
            match self.inner.next() {
                Some((Event::Text(t), r))
                    if self.in_link == 0 && !self.in_code && !self.in_html_link =>
                {
                    self.text.push((t, r));
                }
                Some((event, r)) => {
                    self.flush();
                    self.follow(&event);
                    self.ready.push_back((event, r));
                }
                None => {
                    self.flush();
                    return self.ready.pop_front();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<(&str, String)> {
        find(text)
            .into_iter()
            .map(|f| (&text[f.range], f.href))
            .collect()
    }

    #[test]
    fn addresses_and_their_ends() {
        assert_eq!(
            links("See https://example.org/a_b?x=1. Or www.nhs.uk, (http://intranet/forms)!"),
            [
                (
                    "https://example.org/a_b?x=1",
                    "https://example.org/a_b?x=1".to_string()
                ),
                ("www.nhs.uk", "http://www.nhs.uk".to_string()),
                ("http://intranet/forms", "http://intranet/forms".to_string()),
            ]
        );
        assert_eq!(
            links("https://en.wikipedia.org/wiki/Foo_(bar)). HTTPS://X.ORG/;"),
            [
                (
                    "https://en.wikipedia.org/wiki/Foo_(bar)",
                    "https://en.wikipedia.org/wiki/Foo_(bar)".to_string()
                ),
                ("HTTPS://X.ORG/", "HTTPS://X.ORG/".to_string()),
            ]
        );
        assert_eq!(
            links("www.x.org/a&amp; \"https://x.org\""),
            [
                ("www.x.org/a", "http://www.x.org/a".to_string()),
                ("https://x.org", "https://x.org".to_string()),
            ]
        );
    }

    #[test]
    fn not_addresses() {
        for text in [
            "javascript:alert(1)",
            "xhttps://example.org",
            "awww.example.org",
            "www. and www.",
            "https:// nothing",
            "www.a_b.c_d",
            "http://...",
            "ftp://example.org",
            "mailto:a@b.org",
        ] {
            assert_eq!(links(text), [], "{text}");
        }
    }

    #[test]
    fn many_starts_in_one_domain_stay_linear() {
        // Every www. inside one long domain whose last segment has a `_`:
        // none is an address, and the domain is read once.
        let text = format!("{}x_y", "_www.".repeat(200_000));
        let t = std::time::Instant::now();
        assert_eq!(links(&text), []);
        assert!(t.elapsed().as_secs() < 2, "{:?}", t.elapsed());
        let text = "http://.".repeat(100_000);
        assert_eq!(links(&text), []);
        assert!(t.elapsed().as_secs() < 4, "{:?}", t.elapsed());
        let text = format!("{}.", "(https://a.b/".repeat(50_000));
        assert_eq!(find(&text).len(), 1);
    }
}
