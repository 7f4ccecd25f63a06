//! Review charts, part of the render stage: pictures of how much of the
//! handbook is out of date and where, drawn at build time as inline SVG,
//! so that they need no script and no network and print with the page.
//!
//! Two charts, each a `<figure class="chart">` holding the SVG, a legend
//! and the same numbers as a table behind "Show as a table":
//!
//! - [`by_category`]: a stacked horizontal bar per category (overdue, due
//!   soon, current, no date), its length the category's size;
//! - [`timeline`]: the overdue backlog as one bar, then a bar for each of
//!   the next twelve months, of the reviews due in it.
//!
//! And two pictures whose lists are on their pages already: [`strip`], an
//! owner's reviews on the next twelve months, and [`map`], a policy and
//! the policies one link away from it.
//!
//! Status is never told by colour alone: each status has a pattern as well
//! as a colour (hatched, dotted, plain, cross-hatched), the legend shows
//! both, and every segment is a link whose name says what it counts. The
//! colours are the theme's (`--overdue`, `--soon`, `--current`,
//! `--nodate`, in light and dark mode) through the CSS classes listed in
//! the README; the SVG sets none of its own. Written by hand: an SVG of
//! bars and text is a few lines of arithmetic, and no charting crate makes
//! linked, patterned, theme-coloured SVG without a browser.

use crate::site::theme::Escaped;
use std::fmt::Write;

/// A review status as the charts draw it: its CSS name and its words. In
/// the order of [`Kind::ALL`], so that `kind as usize` is its place there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Overdue,
    DueSoon,
    Current,
    NoDate,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Overdue, Kind::DueSoon, Kind::Current, Kind::NoDate];

    /// How a policy's review status is drawn; a retired policy is not.
    pub fn of(status: crate::handbook::review::Status) -> Option<Kind> {
        use crate::handbook::review::Status;
        match status {
            Status::Overdue => Some(Kind::Overdue),
            Status::DueSoon => Some(Kind::DueSoon),
            Status::Current => Some(Kind::Current),
            Status::NoDate => Some(Kind::NoDate),
            Status::Retired => None,
        }
    }

    /// Its name in CSS classes (`chart-overdue`) and pattern ids.
    pub fn css(self) -> &'static str {
        match self {
            Kind::Overdue => "overdue",
            Kind::DueSoon => "due-soon",
            Kind::Current => "current",
            Kind::NoDate => "no-date",
        }
    }

    /// Its words: "overdue", "due soon".
    pub fn words(self) -> &'static str {
        match self {
            Kind::Overdue => "overdue",
            Kind::DueSoon => "due soon",
            Kind::Current => "current",
            Kind::NoDate => "no review date",
        }
    }
}

/// One part of a bar: how many, and the list of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub kind: Kind,
    pub count: usize,
    /// From the site root.
    pub href: String,
}

/// One bar: a category, or a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// "Safeguarding", "January 2027".
    pub label: String,
    /// What the axis shows, when shorter than the label ("Jan").
    pub short: String,
    /// Its page (the category's, the month's), from the site root.
    pub href: String,
    pub segments: Vec<Segment>,
}

impl Bar {
    pub fn total(&self) -> usize {
        self.segments.iter().map(|s| s.count).sum()
    }
}

/// What a chart is called and says, for its `<title>` and `<desc>` and the
/// figure's caption.
pub struct Caption<'a> {
    /// Unique on the page: the prefix of the chart's element ids.
    pub id: &'a str,
    pub title: &'a str,
    pub desc: String,
    /// The first column of the table ("Category", "Month").
    pub first_column: &'a str,
}

/// The width of the bars' drawing, and of the timeline's (wider: thirteen
/// labels side by side). The SVG scales to its box; below
/// `min-width` in the theme's CSS it scrolls instead, so that its text
/// stays legible on a phone.
const WIDTH: f64 = 640.0;
const TIMELINE_WIDTH: f64 = 780.0;

/// The stacked horizontal bars, one per category. `root` leads from the
/// page to the site root ("" on the home page).
pub fn by_category(caption: &Caption, bars: &[Bar], root: &str) -> String {
    const LABEL: f64 = 190.0;
    const ROW: f64 = 30.0;
    const HEIGHT: f64 = 20.0;
    let longest = bars.iter().map(Bar::total).max().unwrap_or(0).max(1) as f64;
    // Room at the end of the longest bar for its total.
    let scale = (WIDTH - LABEL - 50.0) / longest;
    let height = (bars.len().max(1) as f64 * ROW + 10.0).round();
    let mut svg = open_svg(caption, WIDTH, height);
    if bars.is_empty() {
        let _ = write!(
            svg,
            r#"<text class="chart-label" x="{x}" y="24">No policies yet.</text>"#,
            x = LABEL
        );
    }
    for (row, bar) in bars.iter().enumerate() {
        let y = 5.0 + row as f64 * ROW;
        let text_y = y + HEIGHT / 2.0 + 4.5;
        label(
            &mut svg,
            bar,
            root,
            &shorten(&bar.label, 26),
            (LABEL - 8.0, text_y, "end"),
        );
        let mut x = LABEL;
        for segment in bar.segments.iter().filter(|s| s.count > 0) {
            let width = segment.count as f64 * scale;
            rect(
                &mut svg,
                caption.id,
                segment,
                root,
                &bar.label,
                (x, y, width, HEIGHT),
            );
            x += width;
        }
        let _ = write!(
            svg,
            r#"<text class="chart-total" x="{x}" y="{text_y}">{total}</text>"#,
            x = x + 6.0,
            total = bar.total(),
        );
    }
    svg.push_str("</svg></div>");
    figure(caption, &svg, bars, root)
}

/// The columns: the overdue backlog, then the months.
pub fn timeline(caption: &Caption, bars: &[Bar], root: &str) -> String {
    const TOP: f64 = 20.0;
    const PLOT: f64 = 150.0;
    let columns = bars.len().max(1) as f64;
    let slot = TIMELINE_WIDTH / columns;
    let width = (slot * 0.62).min(36.0);
    let tallest = bars.iter().map(Bar::total).max().unwrap_or(0).max(1) as f64;
    let scale = PLOT / tallest;
    let base = TOP + PLOT;
    let mut svg = open_svg(caption, TIMELINE_WIDTH, base + 40.0);
    let _ = write!(
        svg,
        r#"<line class="chart-axis" x1="0" y1="{base}" x2="{TIMELINE_WIDTH}" y2="{base}"/>"#
    );
    for (column, bar) in bars.iter().enumerate() {
        let x = column as f64 * slot + (slot - width) / 2.0;
        let mut top = base;
        for segment in bar.segments.iter().filter(|s| s.count > 0) {
            let height = segment.count as f64 * scale;
            top -= height;
            rect(
                &mut svg,
                caption.id,
                segment,
                root,
                &bar.label,
                (x, top, width, height),
            );
        }
        let middle = x + width / 2.0;
        let _ = write!(
            svg,
            r#"<text class="chart-total" x="{middle}" y="{y}" text-anchor="middle">{total}</text>"#,
            y = top - 5.0,
            total = bar.total(),
        );
        label(
            &mut svg,
            bar,
            root,
            &bar.short,
            (middle, base + 18.0, "middle"),
        );
    }
    svg.push_str("</svg></div>");
    figure(caption, &svg, bars, root)
}

/// A policy on a relationship map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node<'a> {
    pub title: &'a str,
    /// Its page, from the site root.
    pub href: String,
    /// Its review status, if it has one (a retired policy has none).
    pub kind: Option<Kind>,
}

/// The neighbours of a map's policy, one step out: those that link to
/// it and those it links to, each list in the order drawn (only the first
/// [`MAP_SIDE`] are), with how many there are in all.
pub struct Neighbours<'a> {
    pub incoming: Vec<Node<'a>>,
    pub incoming_total: usize,
    pub outgoing: Vec<Node<'a>>,
    pub outgoing_total: usize,
}

/// The most neighbours a side of a map draws before "and N more".
pub const MAP_SIDE: usize = 6;

/// A policy's relationship map: the policy in the middle, the policies
/// that link to it on an arc to the left (arrows towards it), those it
/// links to on an arc to the right (arrows away), one step out; each a
/// link with its title and status mark. Beyond [`MAP_SIDE`] on a side,
/// "and N more": on the left a link to `more` (the page's list of them),
/// on the right "in the text" (the body links to them). The layout is
/// fixed, not simulated: a side's nodes are rows 30 units apart, bowed
/// up to 24 units towards the middle on an arc of a sine, and titles are
/// cut to 25 characters, so that no two labels can overlap.
/// Kept lean (integer coordinates, the marks drawn once and used, the
/// edges' style and arrow set once on their group): it is on every
/// policy page.
pub fn map(
    caption: &Caption,
    centre: &Node,
    around: &Neighbours,
    more: &str,
    root: &str,
) -> String {
    const NODE: i32 = 200;
    const ROW: i32 = 30;
    const TOP: i32 = 34;
    const WIDTH: i32 = TIMELINE_WIDTH as i32;
    const RIGHT: i32 = WIDTH - NODE - 8;
    let sides = [
        (&around.incoming, around.incoming_total),
        (&around.outgoing, around.outgoing_total),
    ];
    let shown = |list: &[Node]| list.len().min(MAP_SIDE) as i32;
    let rows = shown(&around.incoming).max(shown(&around.outgoing)).max(1);
    let more_row = sides
        .iter()
        .any(|(list, total)| *total > list.len().min(MAP_SIDE));
    let height = TOP + rows * ROW + if more_row { 26 } else { 6 };
    let id = esc(caption.id);
    let mut svg = String::with_capacity(1024 + 400 * (rows as usize) * 2);
    let _ = write!(
        svg,
        r#"<figure class="chart chart-{id}"><div class="chart-scroll"><svg class="chart-svg map-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="group" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc><defs><marker id="{id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="map-arrow" d="M0 0L10 5L0 10Z"/></marker>"#,
        title = esc(caption.title),
        desc = esc(&caption.desc),
    );
    // The marks of the statuses on this map, each drawn once.
    let nodes = || std::iter::once(centre).chain(around.incoming.iter().chain(&around.outgoing));
    for kind in Kind::ALL
        .into_iter()
        .filter(|&k| nodes().any(|n| n.kind == Some(k)))
    {
        let _ = write!(svg, r#"<path id="{id}-{}" "#, kind.css());
        mark_shape(&mut svg, kind, (0, 0), 6);
        svg.push_str("/>");
    }
    let _ = write!(
        svg,
        r#"</defs><text class="map-heading" x="8" y="16">Links to this policy ({})</text><text class="map-heading" x="{RIGHT}" y="16">This policy links to ({})</text><g class="map-edges" marker-end="url(#{id}-arrow)">"#,
        around.incoming_total, around.outgoing_total,
    );
    let middle = TOP + rows * ROW / 2 - 11;
    let centre_x = (WIDTH - NODE) / 2;
    // Each side's nodes: where each is, and the edges to or from the middle.
    let mut at: [Vec<(i32, i32)>; 2] = [Vec::new(), Vec::new()];
    for (side, (list, _)) in sides.iter().enumerate() {
        let n = shown(list);
        for k in 0..n {
            let y = TOP + (rows - n) * ROW / 2 + k * ROW;
            let bow = (24.0 * (std::f64::consts::PI * (f64::from(k) + 0.5) / f64::from(n)).sin())
                .round() as i32;
            let x = if side == 0 { 8 + bow } else { RIGHT - bow };
            let (x1, y1, x2, y2) = if side == 0 {
                (x + NODE, y + 11, centre_x - 2, middle + 11)
            } else {
                (centre_x + NODE, middle + 11, x - 2, y + 11)
            };
            let bend = (x2 - x1) / 2;
            let _ = write!(
                svg,
                r#"<path d="M{x1} {y1}C{} {y1} {} {y2} {x2} {y2}"/>"#,
                x1 + bend,
                x2 - bend
            );
            at[side].push((x, y));
        }
    }
    svg.push_str("</g>");
    for (side, (list, total)) in sides.iter().enumerate() {
        let place = if side == 0 { Side::Left } else { Side::Right };
        for (node, &at) in list.iter().zip(&at[side]) {
            map_node(&mut svg, &id, node, (place, root), at);
        }
        let drawn = at[side].len();
        let y = TOP + rows * ROW + 16;
        if *total > drawn && side == 0 {
            let _ = write!(
                svg,
                r#"<a href="{more}"><text x="8" y="{y}">and {} more</text></a>"#,
                total - drawn,
            );
        } else if *total > drawn {
            // The body links to them, so they are in the text.
            let _ = write!(
                svg,
                r#"<text x="{RIGHT}" y="{y}">and {} more, in the text</text>"#,
                total - drawn,
            );
        }
    }
    map_node(
        &mut svg,
        &id,
        centre,
        (Side::Centre, root),
        (centre_x, middle),
    );
    svg.push_str("</svg></div></figure>");
    svg
}

/// Where a node is on a map.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Links to the policy: its mark and title end where its edge starts.
    Left,
    /// Linked from it: its mark and title start where its edge ends.
    Right,
    /// The policy itself, in a box; not a link.
    Centre,
}

/// One policy on a map, in a row 200 units wide from `x`, 22 high from
/// `y`: its status mark and title, a link (through `root` to its page)
/// unless it is the map's own policy.
fn map_node(
    svg: &mut String,
    id: &str,
    node: &Node,
    (side, root): (Side, &str),
    (x, y): (i32, i32),
) {
    let status = node.kind.map_or("no review status", Kind::words);
    let title = Escaped(node.title);
    let _ = if side == Side::Centre {
        write!(
            svg,
            r#"<g class="map-centre"><title>{title} ({status})</title><rect x="{x}" y="{y}" width="200" height="22" rx="4"/>"#
        )
    } else {
        write!(
            svg,
            r#"<a href="{}{}"><title>{title} ({status})</title>"#,
            Escaped(root),
            Escaped(&node.href),
        )
    };
    let (mark_x, text_x, anchor) = match side {
        Side::Left => (x + 190, x + 178, r#" text-anchor="end""#),
        Side::Right | Side::Centre => (x + 12, x + 22, ""),
    };
    if let Some(kind) = node.kind {
        let _ = write!(
            svg,
            r##"<use href="#{id}-{}" x="{mark_x}" y="{}"/>"##,
            kind.css(),
            y + 11
        );
    }
    let _ = write!(
        svg,
        r#"<text x="{text_x}" y="{}"{anchor}>{}</text>{}"#,
        y + 15,
        // The middle's, in bold, a little shorter to fit its box.
        Escaped(&shorten(
            node.title,
            if side == Side::Centre { 22 } else { 25 }
        )),
        if side == Side::Centre { "</g>" } else { "</a>" }
    );
}

/// The attributes of a status's mark centred at `x`, `y`, `r` across
/// from the middle: a diamond when overdue, a triangle when due soon, a
/// circle when current, a hollow square with no date (each a path, so
/// that one element can be drawn once and used).
fn mark_shape(svg: &mut String, kind: Kind, (x, y): (i32, i32), r: i32) {
    let (l, t, rr, b) = (x - r, y - r, x + r, y + r);
    let _ = match kind {
        Kind::Overdue => write!(
            svg,
            r#"class="chart-mark chart-mark-overdue" d="M{x} {t}L{rr} {y}L{x} {b}L{l} {y}Z""#
        ),
        Kind::DueSoon => write!(
            svg,
            r#"class="chart-mark chart-mark-due-soon" d="M{x} {t}L{rr} {}L{l} {}Z""#,
            y + r * 4 / 5,
            y + r * 4 / 5
        ),
        Kind::Current => write!(
            svg,
            r#"class="chart-mark chart-mark-current" d="M{l} {y}A{r} {r} 0 1 0 {rr} {y}A{r} {r} 0 1 0 {l} {y}Z""#
        ),
        Kind::NoDate => write!(
            svg,
            r#"class="chart-mark chart-mark-no-date" d="M{l} {t}H{rr}V{b}H{l}Z""#
        ),
    };
}

/// One review on an owner's strip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub title: String,
    /// The policy's page, from the site root.
    pub href: String,
    pub due: jiff::civil::Date,
    pub kind: Kind,
}

/// How many marks a column stacks before "+N".
const STACK: usize = 8;

/// An owner's reviews on a strip of the twelve months from `today`'s: a
/// mark per review in the month it falls due (a circle when current, a
/// triangle when due soon), the overdue ones (diamonds) in a box before
/// the months; each mark a link to its policy. A column holds
/// [`STACK`] marks and then says how many more ("+3"); reviews after the
/// twelve months are counted under the strip. The table lists every
/// review.
pub fn strip(caption: &Caption, marks: &[Mark], today: jiff::civil::Date, root: &str) -> String {
    const BOX: f64 = 100.0;
    const STEP: f64 = 20.0;
    const TOP: f64 = 24.0;
    let first = today.first_of_month();
    let month_of = |d: jiff::civil::Date| {
        (i32::from(d.year()) - i32::from(first.year())) * 12 + i32::from(d.month())
            - i32::from(first.month())
    };
    let slot = (TIMELINE_WIDTH - BOX) / 12.0;
    // Column 0 is the overdue box; 1 to 12 the months; 13 after them.
    let mut columns: Vec<Vec<&Mark>> = vec![Vec::new(); 14];
    for mark in marks {
        let column = if mark.kind == Kind::Overdue {
            0
        } else {
            (month_of(mark.due) + 1).clamp(1, 13) as usize
        };
        columns[column].push(mark);
    }
    // As tall as the tallest column, up to STACK marks.
    let rows = columns[..13]
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .clamp(2, STACK);
    let base = TOP + rows as f64 * STEP;
    let mut svg = open_svg(caption, TIMELINE_WIDTH, base + 44.0);
    let _ = write!(
        svg,
        r#"<rect class="chart-box" x="2" y="{y}" width="{w}" height="{h}"/><text class="chart-label" x="{mid}" y="{label_y}" text-anchor="middle">Overdue</text>"#,
        y = TOP - 12.0,
        w = BOX - 12.0,
        h = base - TOP + 12.0,
        mid = (BOX - 10.0) / 2.0,
        label_y = base + 18.0,
    );
    for (n, column) in columns.iter().enumerate().take(13) {
        let x = if n == 0 {
            (BOX - 10.0) / 2.0
        } else {
            BOX + (n as f64 - 0.5) * slot
        };
        if n > 0 {
            let month = first
                .checked_add(jiff::Span::new().months(n as i64 - 1))
                .unwrap_or(first);
            let short = if n == 1 || month.month() == 1 {
                month.strftime("%b %y").to_string()
            } else {
                month.strftime("%b").to_string()
            };
            let _ = write!(
                svg,
                r#"<line class="chart-axis" x1="{l}" y1="{base}" x2="{r}" y2="{base}"/><text class="chart-label" x="{x}" y="{y}" text-anchor="middle">{short}</text>"#,
                l = BOX + (n as f64 - 1.0) * slot + 2.0,
                r = BOX + n as f64 * slot - 2.0,
                y = base + 18.0,
            );
        }
        for (k, mark) in column.iter().take(rows).enumerate() {
            let y = base - 10.0 - k as f64 * STEP;
            let when = format!(
                "{}: {} {}",
                mark.title,
                if mark.kind == Kind::Overdue {
                    "was due"
                } else {
                    "due"
                },
                super::human_date(mark.due)
            );
            let _ = write!(
                svg,
                r#"<a href="{href}" aria-label="{name}"><title>{name}</title><path "#,
                href = esc(&format!("{root}{}", mark.href)),
                name = esc(&format!("{when} ({})", mark.kind.words())),
            );
            mark_shape(&mut svg, mark.kind, (x.round() as i32, y.round() as i32), 8);
            svg.push_str("/></a>");
        }
        if column.len() > rows {
            let _ = write!(
                svg,
                r#"<text class="chart-total" x="{x}" y="{y}" text-anchor="middle">+{more}</text>"#,
                y = TOP - 14.0,
                more = column.len() - rows,
            );
        }
    }
    if !columns[13].is_empty() {
        let _ = write!(
            svg,
            r#"<text class="chart-total" x="{x}" y="{y}" text-anchor="end">and {later} later</text>"#,
            x = TIMELINE_WIDTH - 4.0,
            y = base + 38.0,
            later = columns[13].len(),
        );
    }
    if marks.is_empty() {
        let _ = write!(
            svg,
            r#"<text class="chart-label" x="{x}" y="{y}">No review dates.</text>"#,
            x = BOX + 10.0,
            y = base - 20.0,
        );
    }
    svg.push_str("</svg></div>");
    let mut out = format!(
        r#"<figure class="chart chart-{id}"><figcaption class="chart-caption">{title}</figcaption>{svg}<ul class="chart-legend"><li><svg class="chart-key" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><path class="chart-mark chart-mark-overdue" d="M8 1.5 L14.5 8 L8 14.5 L1.5 8 Z"/></svg> overdue</li><li><svg class="chart-key" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><path class="chart-mark chart-mark-due-soon" d="M8 2 L14.5 14 L1.5 14 Z"/></svg> due soon</li><li><svg class="chart-key" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><circle class="chart-mark chart-mark-current" cx="8" cy="8" r="6"/></svg> current</li></ul>"#,
        id = esc(caption.id),
        title = esc(caption.title),
    );
    let _ = write!(
        out,
        r#"<details class="chart-table"><summary>Show as a table</summary><div class="table-wrap" role="region" tabindex="0" aria-label="{title}, as a table"><table><caption>{title}</caption><thead><tr><th scope="col">Policy</th><th scope="col">Review due</th><th scope="col">Status</th></tr></thead><tbody>"#,
        title = esc(caption.title),
    );
    for mark in marks {
        let _ = write!(
            out,
            r#"<tr><th scope="row"><a href="{href}">{title}</a></th><td>{due}</td><td>{status}</td></tr>"#,
            href = esc(&format!("{root}{}", mark.href)),
            title = esc(&mark.title),
            due = super::human_date(mark.due),
            status = capitalised(mark.kind.words()),
        );
    }
    out.push_str("</tbody></table></div></details></figure>");
    out
}

/// The start of a chart's SVG: its size, its name and the patterns that
/// tell the statuses apart without colour.
fn open_svg(caption: &Caption, width: f64, height: f64) -> String {
    let id = caption.id;
    let mut svg = format!(
        r#"<div class="chart-scroll"><svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="group" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc><defs>"#,
        title = esc(caption.title),
        desc = esc(&caption.desc),
    );
    for kind in Kind::ALL {
        svg.push_str(&pattern(id, kind));
    }
    svg.push_str("</defs>");
    svg
}

/// A status's fill: its colour (`chart-overdue`…), and over it lines or
/// dots in a second colour (`chart-ink-…`), so that a greyscale print
/// tells them apart too.
fn pattern(id: &str, kind: Kind) -> String {
    let css = kind.css();
    let marks = match kind {
        Kind::Overdue => r#"<path d="M-2 2 L2 -2 M0 8 L8 0 M6 10 L10 6" stroke-width="2"/>"#,
        Kind::DueSoon => r#"<circle cx="4" cy="4" r="1.6"/>"#,
        Kind::Current => "",
        Kind::NoDate => r#"<path d="M0 4 H8 M4 0 V8" stroke-width="1.2"/>"#,
    };
    format!(
        r#"<pattern id="{id}-{css}" width="8" height="8" patternUnits="userSpaceOnUse"><rect class="chart-{css}" width="8" height="8"/><g class="chart-ink chart-ink-{css}">{marks}</g></pattern>"#
    )
}

/// A bar's label, `short` as shown, as a link to the bar's page whose
/// tooltip names it whole with its total.
fn label(svg: &mut String, bar: &Bar, root: &str, short: &str, (x, y, anchor): (f64, f64, &str)) {
    let _ = write!(
        svg,
        r#"<a href="{href}"><title>{label}: {total}</title><text class="chart-label" x="{x}" y="{y}" text-anchor="{anchor}">{short}</text></a>"#,
        href = esc(&format!("{root}{}", bar.href)),
        label = esc(&bar.label),
        total = esc(&policies(bar.total())),
        short = esc(short),
    );
}

/// One segment: its colour, its pattern over it, as a link to its list,
/// named by what it counts.
fn rect(
    svg: &mut String,
    id: &str,
    segment: &Segment,
    root: &str,
    of: &str,
    (x, y, width, height): (f64, f64, f64, f64),
) {
    let name = format!("{of}: {} {}", policies(segment.count), segment.kind.words());
    let css = segment.kind.css();
    let _ = write!(
        svg,
        r#"<a href="{href}" aria-label="{name}"><rect class="chart-bar chart-bar-{css}" fill="url(#{id}-{css})" x="{x:.1}" y="{y:.1}" width="{width:.1}" height="{height:.1}"/></a>"#,
        href = esc(&format!("{root}{}", segment.href)),
        name = esc(&name),
    );
}

/// The chart, its legend and its table, as one figure.
fn figure(caption: &Caption, svg: &str, bars: &[Bar], root: &str) -> String {
    let mut out = format!(
        r#"<figure class="chart chart-{id}"><figcaption class="chart-caption">{title}</figcaption>{svg}<ul class="chart-legend">"#,
        id = esc(caption.id),
        title = esc(caption.title),
    );
    for kind in Kind::ALL {
        let css = kind.css();
        let _ = write!(
            out,
            r#"<li><svg class="chart-key" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><rect class="chart-bar chart-bar-{css}" fill="url(#{id}-{css})" width="16" height="16"/></svg> {words}</li>"#,
            id = caption.id,
            words = kind.words(),
        );
    }
    let _ = write!(
        out,
        r#"</ul><details class="chart-table"><summary>Show as a table</summary><div class="table-wrap" role="region" tabindex="0" aria-label="{title}, as a table"><table><caption>{title}</caption><thead><tr><th scope="col">{first}</th>"#,
        title = esc(caption.title),
        first = esc(caption.first_column),
    );
    for kind in Kind::ALL {
        let _ = write!(out, r#"<th scope="col">{}</th>"#, capitalised(kind.words()));
    }
    out.push_str(r#"<th scope="col">All</th></tr></thead><tbody>"#);
    for bar in bars {
        let _ = write!(
            out,
            r#"<tr><th scope="row"><a href="{href}">{label}</a></th>"#,
            href = esc(&format!("{root}{}", bar.href)),
            label = esc(&bar.label),
        );
        for kind in Kind::ALL {
            let count = bar
                .segments
                .iter()
                .filter(|s| s.kind == kind)
                .map(|s| s.count)
                .sum::<usize>();
            let _ = write!(out, "<td>{count}</td>");
        }
        let _ = write!(out, "<td>{}</td></tr>", bar.total());
    }
    out.push_str("</tbody></table></div></details></figure>");
    out
}

/// "1 policy", "3 policies".
fn policies(n: usize) -> String {
    crate::report::count(n, "policy", "policies")
}

fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` cut to `at` characters with "…", for a label beside a bar (the
/// link's name and the table keep it whole).
fn shorten(text: &str, at: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(at) {
        None => text.into(),
        Some(_) => {
            let end = text
                .char_indices()
                .nth(at - 1)
                .map_or(text.len(), |(i, _)| i);
            format!("{}…", text[..end].trim_end()).into()
        }
    }
}

/// Text or an attribute's value for SVG or HTML, escaped (the SVG is
/// XML: no named entities).
fn esc(s: &str) -> String {
    Escaped(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, counts: [usize; 4]) -> Bar {
        Bar {
            label: label.into(),
            short: label.into(),
            href: format!("categories/{}.html", label.to_lowercase()),
            segments: Kind::ALL
                .iter()
                .zip(counts)
                .map(|(&kind, count)| Segment {
                    kind,
                    count,
                    href: format!("reviews/{}.html", kind.css()),
                })
                .collect(),
        }
    }

    fn caption() -> Caption<'static> {
        Caption {
            id: "c",
            title: "Review status <by> category",
            desc: "3 & 4".into(),
            first_column: "Category",
        }
    }

    #[test]
    fn segments_are_links_named_by_what_they_count() {
        let svg = by_category(&caption(), &[bar("Safe\"guarding", [2, 1, 0, 3])], "../");
        assert!(svg.contains(
            r#"<a href="../reviews/overdue.html" aria-label="Safe&quot;guarding: 2 policies overdue">"#
        ));
        // An empty segment is not drawn, but is in the table.
        assert!(!svg.contains("0 policies current"));
        assert!(svg.contains("<td>0</td>"));
        assert!(svg.contains("<title id=\"c-title\">Review status &lt;by&gt; category</title>"));
        assert!(svg.contains("<desc id=\"c-desc\">3 &amp; 4</desc>"));
        assert!(svg.contains(">6</text>"), "the bar's total: {svg}");
    }

    #[test]
    fn nothing_to_draw_still_says_so() {
        let svg = by_category(&caption(), &[], "");
        assert!(svg.contains("No policies yet."));
        let svg = timeline(&caption(), &[bar("Overdue", [0, 0, 0, 0])], "");
        assert!(svg.contains(">0</text>"));
    }

    #[test]
    fn long_labels_are_shortened_beside_the_bar_only() {
        let long = "A very long category name that goes on and on";
        let svg = by_category(&caption(), &[bar(long, [1, 0, 0, 0])], "");
        assert!(svg.contains(">A very long category name…</text>"), "{svg}");
        assert!(svg.contains(&format!("<title>{long}: 1 policy</title>")));
    }
}
