//! Entry points for the fuzz targets in `fuzz/fuzz_targets/` and for the
//! tests that replay what the fuzzers found (`tests/fuzz_regressions.rs`,
//! which includes this file as a module of its own, so that the library
//! does not ship them). Each takes
//! arbitrary bytes and runs them through the real pipeline; none may
//! panic, whatever the bytes.

use policybook::handbook::Handbook;
use policybook::handbook::config;
use policybook::handbook::load::{Loaded, SourceFile};
use policybook::handbook::parse::Purpose;
use policybook::site::render::{self, Renderer};
use policybook::site::write::MemorySink;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::LazyLock;

/// The default theme, compiled once.
static TERA: LazyLock<Option<tera::Tera>> = LazyLock::new(|| {
    policybook::site::theme::Theme::load(
        std::path::Path::new("/nonexistent/policybook-fuzz"),
        "default",
    )
    .and_then(|t| t.tera())
    .ok()
});

/// A policy that the fuzzed one can link to, and that links back.
const NEIGHBOUR: &str = "---\ntitle: Neighbour\nowner: Someone\nreview_by: 2030-01-01\nrelated: [policy]\n---\n## Section\n\nSee [[policy]] and [the form](../assets/form.pdf).\n";

/// One policy file's bytes through load (decoding), parse, link, check,
/// render and the search indexer.
pub fn policy(bytes: &[u8]) {
    let Some((text, _)) = policybook::handbook::load::decode_any(bytes.to_vec()) else {
        return;
    };
    let loaded = Loaded {
        root: PathBuf::from("/nonexistent/policybook-fuzz"),
        config: config::Config::default(),
        files: vec![
            SourceFile {
                rel: "fuzz/policy.md".to_string(),
                text,
                warning: None,
            },
            SourceFile {
                rel: "other/neighbour.md".to_string(),
                text: NEIGHBOUR.to_string(),
                warning: None,
            },
        ],
        assets: BTreeSet::from(["assets/form.pdf".to_string()]),
        statics: Default::default(),
        withheld: Default::default(),
        beside: Default::default(),
        excluded: Vec::new(),
        unreadable: Vec::new(),
        skipped: Vec::new(),
        findings: Vec::new(),
    };
    let today = jiff::civil::date(2026, 11, 23);
    let hb = Handbook::from_loaded(loaded, today, Purpose::Site);
    let _ = policybook::report::json(&hb.report);
    let _ = policybook::report::github(&hb.report, &Default::default());
    let _ = policybook::report::junit(&hb.report, &Default::default());
    let _ = policybook::report::text(&hb.report, &Default::default());
    if let Some(tera) = TERA.as_ref() {
        let options = render::Options {
            drafts: true,
            base_url: None,
        };
        let renderer = Renderer::new(&hb, tera, &options);
        let _ = renderer.render_pages(
            &renderer.all_pages(),
            &MemorySink::default(),
            &policybook::progress::SILENT,
        );
    }
    let all: Vec<usize> = (0..hb.policies.len()).collect();
    let published = policybook::site::search::Published::new(&hb, &all);
    for p in &hb.policies {
        let _ = policybook::site::search::page_words(&hb, &published, p);
    }
}

/// A body rendered from its parse, every reference resolved in every
/// way one can be. Panics if, with each link and image left where it was
/// written, the HTML is not what pulldown-cmark's own writer makes of the
/// body ([`writer_html`]): for the `body` fuzz target.
pub fn body(bytes: &[u8]) {
    use policybook::handbook::markdown::{self, LinkOut, Reference, ScanOptions};
    let Some(text) = policybook::handbook::load::decode(bytes.to_vec()) else {
        return;
    };
    // Every kind of resolution, chosen by the destination.
    let resolve = |r: &Reference| match r.dest.len() % 4 {
        0 => LinkOut::Href {
            url: format!("../policies/{}.html", r.dest),
            title: Some(format!("Title of {}", r.dest)),
        },
        1 => LinkOut::Href {
            url: r.dest.clone(),
            title: None,
        },
        2 => LinkOut::Broken {
            message: format!("'{}' is missing", r.dest),
        },
        _ => LinkOut::Unlink,
    };
    let as_written = |r: &Reference| LinkOut::Href {
        url: r.dest.clone(),
        title: None,
    };
    // Plain English measured too: any body, measured, never panics.
    let plain = policybook::handbook::plain::settings::Settings::default();
    for allow_raw_html in [false, true] {
        let scan = markdown::scan(
            &text,
            1,
            ScanOptions {
                site: true,
                allow_raw_html,
                plain: Some(&plain),
                plain_notes: true,
            },
        );
        if let Some(reading) = &scan.reading {
            let _ = reading.findings(&plain, "fuzz.md", 1);
        }
        let _ = scan.body.render(&scan.references, resolve);
        let filled = scan.body.render(&scan.references, as_written);
        assert_eq!(
            filled,
            writer_html(&text, &scan),
            "the body is not as the writer writes it"
        );
    }
}

/// What pulldown-cmark's HTML writer makes of `text`, with the changes a
/// page makes besides links: admonitions read as blockquotes, bare
/// addresses as links and footnote definitions at the end (the body's
/// [`markdown::events`]); headings get their anchors (and lose other
/// attributes); callouts and footnotes get the page's markup
/// ([`markdown::markup`]); raw HTML in an image's description is left
/// out, raw HTML is shown as text or sanitized as the scan decided, each
/// table is in its scroll container. The test oracle for [`body`]: the
/// same markup over its own parse, with no holes.
///
/// [`markdown::events`]: policybook::handbook::markdown::events
/// [`markdown::markup`]: policybook::handbook::markdown::markup
pub fn writer_html(text: &str, scan: &policybook::handbook::markdown::Scan) -> String {
    use policybook::handbook::markdown::{self, RawHtml, callout, footnote, markup};
    use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
    let text = text.replace('\0', "\u{FFFD}");
    let prepared = callout::prepare(&text);
    let mut anchors = scan.headings.iter().map(|h| h.anchor.clone());
    let (mut headings, mut tables) = (0usize, 0);
    let mut raw_html = false;
    let mut footnotes = footnote::Footnotes::default();
    let mut page = markup::Markup::default();
    let events = markdown::events(&prepared.text).flat_map(|(event, range)| {
        let (open, close) = match &event {
            Event::Start(Tag::Table(_)) => {
                tables += 1;
                let heading = headings
                    .checked_sub(1)
                    .and_then(|h| scan.headings.get(h))
                    .map(|h| h.text.as_str());
                (
                    Some(Event::Html(markdown::table_open(tables, heading).into())),
                    None,
                )
            }
            Event::End(TagEnd::Table) => (None, Some(Event::Html("</div>\n".into()))),
            Event::Start(Tag::Heading { .. }) => {
                headings += 1;
                (None, None)
            }
            _ => (None, None),
        };
        let event = match event {
            Event::Html(html) | Event::InlineHtml(html) if scan.raw_html == RawHtml::AsText => {
                Event::Text(html)
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                raw_html = true;
                Event::Html(html)
            }
            Event::Start(Tag::Heading { level, classes, .. }) => Event::Start(Tag::Heading {
                level,
                id: Some(CowStr::from(anchors.next().unwrap_or_default())),
                classes,
                attrs: Vec::new(),
            }),
            other => other,
        };
        footnotes.note(&event);
        let mut pieces = Vec::new();
        page.event(
            event,
            range.start,
            (&prepared.admonitions, &footnotes),
            &mut pieces,
        );
        let pieces = pieces.into_iter().map(|piece| match piece {
            markup::Piece::Own(html) => Event::Html(html.into()),
            markup::Piece::Pass(event) => event,
        });
        open.into_iter().chain(pieces).chain(close)
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html.push_str(page.finish());
    if raw_html && scan.raw_html == RawHtml::Sanitize {
        markdown::sanitize(&html)
    } else {
        html
    }
}

/// YAML read by the fast reader for plain front-matter and by the full
/// parser. Panics if the fast reader accepts a document and reads it
/// differently: for the `yaml` fuzz target.
pub fn yaml(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Some(fast) = policybook::handbook::yaml::simple::parse(text) {
        assert_eq!(
            Some(fast),
            policybook::handbook::yaml::full(text).ok(),
            "the fast reader differs"
        );
    }
}

/// `handbook.yaml` bytes through the settings reader.
pub fn config(bytes: &[u8]) {
    if let Some(text) = policybook::handbook::load::decode(bytes.to_vec()) {
        let mut findings = Vec::new();
        let _ = config::parse(&text, &mut findings);
    }
}
