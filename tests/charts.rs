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
    let pairs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (_dir, hb) = handbook_of(&pairs);
    let (_out, site, run) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
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
