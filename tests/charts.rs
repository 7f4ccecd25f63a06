//! The review charts on the dashboard and the home page
//! (src/site/render/charts.rs): well-formed SVG with a title and a
//! description, numbers that are the dashboard's, and links that lead to
//! pages the site has, under any base URL.

mod common;
use common::*;
use std::path::Path;

/// Each `<figure class="chart …">…</figure>` of a page.
fn figures(html: &str) -> Vec<String> {
    html.split("<figure class=\"chart ")
        .skip(1)
        .map(|rest| {
            let end = rest.find("</figure>").expect("a figure ends");
            format!("<figure class=\"chart {}</figure>", &rest[..end])
        })
        .collect()
}

/// Parses `xml`, failing the test when it is not well-formed; the
/// `href`s of its `<a>` elements.
fn parse(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut hrefs = Vec::new();
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(e)) => {
                depth += 1;
                if e.name().as_ref() == b"a" {
                    let href = e
                        .try_get_attribute("href")
                        .unwrap()
                        .expect("every link has an href");
                    hrefs.push(String::from_utf8(href.value.to_vec()).unwrap());
                }
            }
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(_) => {}
            Err(e) => panic!(
                "not well-formed XML ({e}) at {}: {xml}",
                reader.buffer_position()
            ),
        }
    }
    assert_eq!(depth, 0, "every element is closed: {xml}");
    hrefs
}

/// Builds a handbook of `files` (path, text), which must build cleanly:
/// the folders to keep, and the site.
fn built(
    files: &[(String, String)],
) -> ((tempfile::TempDir, tempfile::TempDir), std::path::PathBuf) {
    let pairs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (dir, hb) = handbook_of(&pairs);
    let (out, site, run) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    ((dir, out), site)
}

/// The rows of a figure's table: (first cell's text, the numbers).
fn table(figure: &str) -> Vec<(String, Vec<usize>)> {
    let body = figure
        .split("<tbody>")
        .nth(1)
        .unwrap()
        .split("</tbody>")
        .next()
        .unwrap();
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let label = row
                .split("</a>")
                .next()
                .unwrap()
                .rsplit('>')
                .next()
                .unwrap();
            let numbers = row
                .split("<td>")
                .skip(1)
                .map(|c| c.split("</td>").next().unwrap().parse().unwrap())
                .collect();
            (label.to_string(), numbers)
        })
        .collect()
}

fn policy(title: &str, review_by: Option<&str>, extra: &str) -> String {
    let due = review_by
        .map(|d| format!("review_by: {d}\n"))
        .unwrap_or_default();
    format!(
        "---\ntitle: {title}\nowner: Office Manager\nlast_reviewed: 2025-01-01\n{due}{extra}---\nText.\n"
    )
}

#[test]
fn the_charts_count_what_the_dashboard_counts_and_link_to_its_lists() {
    let files = [
        ("safeguarding/a.md", policy("A", Some("2026-10-01"), "")),
        ("safeguarding/b.md", policy("B", Some("2026-12-10"), "")),
        ("safeguarding/c.md", policy("C", Some("2027-03-15"), "")),
        ("people/d.md", policy("D", None, "")),
        ("people/e.md", policy("E", Some("2027-03-20"), "")),
        ("people/f.md", policy("F", Some("2028-06-01"), "")),
        (
            "people/g.md",
            policy("G", Some("2020-01-01"), "status: retired\n"),
        ),
    ];
    let pairs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let (_dir, hb) = handbook_of(&pairs);
    for base in [None, Some("/intranet/policies/")] {
        let mut extra = vec![];
        if let Some(b) = base {
            extra.extend(["--base-url", b]);
        }
        let (_out, site, run) = build(hb.to_str().unwrap(), &extra);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let reviews = std::fs::read_to_string(site.join("reviews.html")).unwrap();
        assert!(
            reviews.contains("1 overdue, 1 due soon, 1 with no date, 3 current"),
            "the dashboard's own counts"
        );
        for page in ["reviews.html", "index.html"] {
            let html = std::fs::read_to_string(site.join(page)).unwrap();
            let found = figures(&html);
            assert_eq!(found.len(), 2, "{page}");
            let (months, categories) = (&found[0], &found[1]);
            for figure in &found {
                for href in parse(figure) {
                    // Relative, so that it works under any base URL and from disk.
                    assert!(!href.starts_with('/') && !href.contains("://"), "{href}");
                    let file = href.split('#').next().unwrap();
                    assert!(
                        site.join(file).is_file(),
                        "{page} links to {href}, which is not there"
                    );
                }
                let svg = figure.split("<svg class=\"chart-svg\"").nth(1).unwrap();
                assert!(
                    svg.contains("<title id=") && svg.contains("<desc id="),
                    "{svg}"
                );
                assert!(figure.contains("<summary>Show as a table</summary>"));
            }
            assert_eq!(
                table(categories),
                [
                    ("People".to_string(), vec![0, 0, 2, 1, 3]),
                    ("Safeguarding".to_string(), vec![1, 1, 1, 0, 3]),
                ],
                "{page}: overdue, due soon, current, no date, all"
            );
            let rows = table(months);
            assert_eq!(rows.len(), 13, "the backlog and twelve months");
            assert_eq!(rows[0], ("Overdue now".to_string(), vec![1, 0, 0, 0, 1]));
            assert_eq!(rows[1].0, "November 2026");
            assert_eq!(rows[2], ("December 2026".to_string(), vec![0, 1, 0, 0, 1]));
            assert_eq!(rows[5], ("March 2027".to_string(), vec![0, 0, 2, 0, 2]));
            assert_eq!(
                rows.iter().map(|r| r.1[4]).sum::<usize>(),
                4,
                "F falls later"
            );
            assert!(months.contains("1 review falls later"), "{months}");
            // Each segment is a link named by what it counts.
            assert!(
                categories.contains("aria-label=\"Safeguarding: 1 policy overdue\""),
                "{categories}"
            );
            assert!(months.contains(
                "href=\"reviews/2027-03.html\" aria-label=\"March 2027: 2 policies current\""
            ));
        }
    }
}

#[test]
fn no_policy_one_policy_and_a_thousand_each_draw_something() {
    // Only a draft: nothing is published, and the charts say so.
    let draft = policy("Draft", Some("2027-01-01"), "status: draft\n");
    let (_d, hb) = handbook_of(&[("a.md", draft.as_str())]);
    let (_o, site, run) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(site.join("reviews.html")).unwrap();
    let found = figures(&html);
    found.iter().for_each(|f| {
        parse(f);
    });
    assert!(found[1].contains("No policies yet."), "{}", found[1]);

    let one = policy("One", Some("2027-01-01"), "");
    let (_d, hb) = handbook_of(&[("a.md", one.as_str())]);
    let (_o, site, _) = build(hb.to_str().unwrap(), &[]);
    let html = std::fs::read_to_string(site.join("reviews.html")).unwrap();
    let found = figures(&html);
    assert_eq!(table(&found[1]).len(), 1);
    assert!(found[1].contains("<rect class=\"chart-bar chart-bar-current\""));

    let (_g, hb) = generate(&Options::new(1000));
    let (_o, site, run) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(site.join("reviews.html")).unwrap();
    let found = figures(&html);
    for figure in &found {
        for href in parse(figure) {
            assert!(
                Path::new(&site)
                    .join(href.split('#').next().unwrap())
                    .is_file(),
                "{href}"
            );
        }
    }
    let categories = table(&found[1]);
    assert!(categories.len() > 3, "{categories:?}");
    let counted: usize = categories.iter().map(|(_, n)| n[4]).sum();
    let lead = html.split("<p class=\"lead\">").nth(1).unwrap();
    let number = |after: &str| -> usize {
        lead.split(after)
            .next()
            .unwrap()
            .rsplit(' ')
            .next()
            .unwrap()
            .trim_matches(|c: char| !c.is_ascii_digit())
            .parse()
            .unwrap()
    };
    let dashboard =
        number(" overdue") + number(" due soon") + number(" with no date") + number(" current.");
    assert_eq!(counted, dashboard, "{lead}");
}

#[test]
fn an_owners_page_shows_their_reviews_on_a_twelve_month_strip() {
    let mut files = vec![
        (
            "a.md".to_string(),
            policy("Overdue One", Some("2026-10-01"), ""),
        ),
        (
            "b.md".to_string(),
            policy("Soon One", Some("2026-12-10"), ""),
        ),
        (
            "c.md".to_string(),
            policy("Later One", Some("2028-06-01"), ""),
        ),
        ("d.md".to_string(), policy("Undated One", None, "")),
    ];
    // Twelve in March 2027: the column shows eight and says how many more.
    for n in 0..12 {
        files.push((
            format!("march-{n}.md"),
            policy(
                &format!("March {n:02}"),
                Some(&format!("2027-03-{:02}", n + 1)),
                "",
            ),
        ));
    }
    let (_dirs, site) = built(&files);
    let html = std::fs::read_to_string(site.join("owners/office-manager.html")).unwrap();
    let found = figures(&html);
    assert_eq!(found.len(), 1, "{html}");
    let strip = &found[0];
    let hrefs = parse(strip);
    for href in &hrefs {
        assert!(href.starts_with("../policies/"), "{href}");
        assert!(site.join("owners").join(href).is_file(), "{href}");
    }
    let svg = strip
        .split("<svg class=\"chart-svg\"")
        .nth(1)
        .unwrap()
        .split("</svg>")
        .next()
        .unwrap();
    // Marks: the overdue one, the one due soon and eight of March's; the
    // table has every dated review.
    assert_eq!(svg.matches("<a href=").count(), 10, "{svg}");
    assert!(svg.contains(">+4</text>"), "{svg}");
    assert!(svg.contains(">and 1 later</text>"), "{svg}");
    assert!(
        svg.contains("aria-label=\"Overdue One: was due 1 October 2026 (overdue)\""),
        "{svg}"
    );
    assert!(svg.contains("class=\"chart-mark chart-mark-due-soon\""));
    let rows = strip
        .split("<tbody>")
        .nth(1)
        .unwrap()
        .matches("<tr>")
        .count();
    assert_eq!(rows, 15, "the undated one is not on the strip");
    for month in ["Nov 26", "Dec", "Jan 27", "Oct"] {
        assert!(svg.contains(&format!(">{month}</text>")), "{month}: {svg}");
    }
}

/// The neighbours drawn on a map: (href, x, y and text of its label).
fn nodes(svg: &str) -> Vec<(String, i32, i32, String)> {
    let attr = |tag: &str, name: &str| -> String {
        tag.split(&format!(" {name}=\""))
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string()
    };
    svg.split("<a href=\"")
        .skip(1)
        .filter(|rest| !rest.starts_with('#'))
        .map(|rest| {
            let href = rest.split('"').next().unwrap().to_string();
            let text = rest.split("<text").nth(1).unwrap();
            let label = text.split('>').nth(1).unwrap().split('<').next().unwrap();
            (
                href,
                attr(text, "x").parse().unwrap(),
                attr(text, "y").parse().unwrap(),
                label.to_string(),
            )
        })
        .collect()
}

fn map_of(site: &Path, id: &str) -> Option<String> {
    let html = std::fs::read_to_string(site.join(format!("policies/{id}.html"))).unwrap();
    figures(&html).into_iter().find(|f| f.contains("chart-map"))
}

#[test]
fn a_policy_page_maps_what_links_to_it_and_what_it_links_to() {
    let (_out, site, run) = build(&sample(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let map = map_of(&site, "safeguarding").expect("a map");
    let hrefs = parse(&map);
    for href in hrefs.iter().filter(|h| !h.starts_with('#')) {
        assert!(href.starts_with("../policies/"), "{href}");
        assert!(site.join("policies").join(href).is_file(), "{href}");
    }
    // Seven link to it and it links to five (Related and the text): six
    // a side are drawn, then "and 1 more" leads to the list of them.
    assert!(map.contains(">Links to this policy (7)</text>"), "{map}");
    assert!(map.contains(">This policy links to (5)</text>"), "{map}");
    let drawn = nodes(&map);
    assert_eq!(drawn.len(), 11, "one link per neighbour drawn: {drawn:?}");
    assert!(map.contains(r##"<a href="#referenced-heading"><text x="8""##));
    assert!(map.contains(">and 1 more</text>"), "{map}");
    // An edge for each, marked with an arrow by its group.
    let edges = map
        .split("<g class=\"map-edges\" marker-end=\"url(#map-arrow)\">")
        .nth(1)
        .unwrap();
    let edges = edges.split("</g>").next().unwrap();
    assert_eq!(edges.matches("<path d=\"M").count(), 11, "{edges}");
    assert!(
        map.contains("<title>Whistleblowing (current)</title>"),
        "{map}"
    );
    // The policy itself, in the middle, not a link.
    assert!(
        map.contains(
            "<g class=\"map-centre\"><title>Safeguarding and Child Protection (current)</title>"
        ),
        "{map}"
    );
    assert!(map.contains("<title id=\"map-title\">How Safeguarding and Child Protection relates to other policies</title>"));
    assert!(map.contains("<desc id=\"map-desc\">7 policies link to it, on the left; it links to 5 policies, on the right.</desc>"), "{map}");
    // Each status mark drawn is defined, once.
    for used in map.split("<use href=\"#").skip(1) {
        let id = used.split('"').next().unwrap();
        assert_eq!(
            map.matches(&format!("<path id=\"{id}\"")).count(),
            1,
            "{id}"
        );
    }
    // A policy nothing links to, and that links to nothing, has no map;
    // one with one neighbour draws it.
    let (_d, hb) = handbook_of(&[
        ("a.md", policy("Alone", Some("2027-01-01"), "").as_str()),
        (
            "b.md",
            policy("Linked", Some("2027-01-01"), "related: [c]\n").as_str(),
        ),
        ("c.md", policy("Target", Some("2027-01-01"), "").as_str()),
    ]);
    let (_o, site, _) = build(hb.to_str().unwrap(), &["--base-url", "/intranet/handbook/"]);
    assert!(map_of(&site, "a").is_none());
    let map = map_of(&site, "b").expect("a map of one neighbour");
    assert_eq!(
        parse(&map),
        ["../policies/c.html"],
        "relative under any base URL"
    );
    assert!(map.contains(">This policy links to (1)</text>"), "{map}");
    let map = map_of(&site, "c").expect("and on its page, the other way");
    assert_eq!(nodes(&map)[0].0, "../policies/b.html");
    assert!(map.contains(">Links to this policy (1)</text>"), "{map}");
}

#[test]
fn a_policy_with_two_hundred_neighbours_shows_six_a_side_and_says_how_many_more() {
    let mut files = vec![(
        "hub.md".to_string(),
        policy(
            "Hub",
            Some("2027-01-01"),
            &format!(
                "related: [{}]\n",
                (0..20)
                    .map(|n| format!("out-{n:02}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
    )];
    for n in 0..20 {
        // Long titles, to be shortened.
        files.push((
            format!("out-{n:02}.md"),
            policy(
                &format!("Out {n:02} with a very long title that goes on & on"),
                Some("2027-01-01"),
                "",
            ),
        ));
    }
    for n in 0..200 {
        files.push((
            format!("in-{n:03}.md"),
            format!(
                "{}See [[hub]].\n",
                policy(&format!("In {n:03}"), Some("2027-01-01"), "")
            ),
        ));
    }
    let (_dirs, site) = built(&files);
    let map = map_of(&site, "hub").unwrap();
    assert_eq!(
        parse(&map).len(),
        12 + 1,
        "six a side, and the link to the rest"
    );
    assert!(map.contains(">and 194 more</text>"), "{map}");
    assert!(map.contains(">and 14 more, in the text</text>"), "{map}");
    let drawn = nodes(&map);
    // By title on each side: In 000…In 005, Out 00…Out 05.
    assert_eq!(drawn[0].0, "../policies/in-000.html");
    assert_eq!(drawn[6].0, "../policies/out-00.html");
    for (side, range) in [("in", 0..6), ("out", 6..12)] {
        let side_nodes = &drawn[range];
        assert!(
            side_nodes.iter().all(|n| n.0.contains(side)),
            "{side_nodes:?}"
        );
        // No two labels on a side overlap: rows 30 apart, text 13 high.
        for pair in side_nodes.windows(2) {
            assert!(pair[1].2 - pair[0].2 >= 24, "{pair:?}");
        }
        // Nor reach across the middle: each fits in its 25 characters.
        for n in side_nodes {
            assert!(n.3.chars().count() <= 25, "{n:?}");
        }
    }
    assert!(drawn[6].3.ends_with('…'), "{:?}", drawn[6]);
    assert!(
        map.contains(
            "<title>Out 00 with a very long title that goes on &amp; on (current)</title>"
        ),
        "{map}"
    );
    // The page stays a page: the map does not grow with the neighbours.
    assert!(map.len() < 8_000, "{} bytes", map.len());
}
