//! A policy's page: its details, its body with every reference resolved
//! (or marked broken), its contents, related policies and incoming links.

use super::views::{
    Link, PageLink, PolicyView, Problem, ReadingView, RevisionView, Sentences, Toc,
};
use super::{Renderer, human_date, url_encode, urls};
use crate::error::Result;
use crate::handbook::findings::Kind;
use crate::handbook::frontmatter::Extra;
use crate::handbook::link::Target;
use crate::handbook::markdown::{self, LinkOut};
use crate::handbook::parse::Policy;
use crate::handbook::review::Status;
use crate::site::write::Sink;

impl Renderer<'_> {
    pub(super) fn policy_page(&self, sink: &dyn Sink, i: usize) -> Result<()> {
        let hb = self.hb;
        let p = &hb.policies[i];
        let root = "../";
        let body_html = p.body.render(&p.references, |r| self.link_out(p, r, root));
        let link = |j: usize| {
            let q = &hb.policies[j];
            Link {
                title: q.title.clone(),
                url: urls::policy(&q.id),
                status: self.status_view(q),
                lifecycle: q.status,
            }
        };
        let related: Vec<Link> = hb.links.related[i]
            .iter()
            .filter(|&&j| self.is_published(&hb.policies[j]))
            .map(|&j| link(j))
            .collect();
        // Titles and addresses only: the page lists them without a status
        // (and a much-linked policy has many).
        let referenced_by: Vec<PageLink> = hb.links.incoming[i]
            .iter()
            .filter(|&&j| self.is_published(&hb.policies[j]))
            .map(|&j| PageLink {
                title: hb.policies[j].title.clone(),
                url: urls::policy(&hb.policies[j].id),
            })
            .collect();
        let toc: Vec<Toc> = p
            .headings
            .iter()
            .filter(|h| (2..=3).contains(&h.level))
            .map(|h| Toc {
                level: h.level,
                text: h.text.clone(),
                anchor: h.anchor.clone(),
            })
            .collect();
        let problems: Vec<Problem> = self
            .findings_by_file
            .get(p.file.as_str())
            .map(|list| {
                list.iter()
                    .filter(|f| {
                        !matches!(f.kind, Kind::Overdue | Kind::DueSoon)
                            && !Kind::PLAIN_ENGLISH.contains(&f.kind)
                    })
                    .map(|f| Problem {
                        severity: f.severity.as_str(),
                        line: f.line,
                        message: f.message.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let by_id = |id: &str| {
            hb.index
                .policy_by_id(id)
                .filter(|&j| self.is_published(&hb.policies[j]))
        };
        let replaced_by = p.replaced_by.as_deref().and_then(by_id).map(|j| {
            let when = crate::handbook::cascade::revised(&hb.policies[j]).map(human_date);
            (link(j), when)
        });
        let replaces = p
            .replaces
            .iter()
            .filter_map(|id| by_id(id))
            .map(link)
            .collect();
        let sentences = p.review_by.map(|d| Sentences::of(d, &p.owner));
        let view = PolicyView {
            row: self.row(i),
            file: &p.file,
            owner_name: p.owner_name.as_deref(),
            owner_email: p.owner_email.as_deref(),
            approved_by: p.approved_by.as_deref(),
            approved: p.approved.map(human_date),
            last_reviewed: p.last_reviewed.map(human_date),
            review_every: p.review_every.as_ref().map(|(t, _)| t.as_str()),
            review_cycle: p.review_every.as_ref().map(|(_, c)| c.describe()),
            version: p.version.as_deref(),
            tags: &p.tags,
            extra: p
                .extra
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (crate::handbook::slug::title_case(k), v.text()))
                .collect(),
            extra_html: p
                .extra
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (crate::handbook::slug::title_case(k), extra_html(v)))
                .collect(),
            defaults_note: defaults_note(p),
            edit_url: hb
                .config
                .edit_url
                .as_ref()
                .map(|u| u.replace("{path}", &url_encode(&p.file))),
            feedback_url: hb
                .config
                .feedback_email
                .as_ref()
                .map(|email| self.feedback_url(email, p)),
            history: p
                .history
                .iter()
                .map(|r| RevisionView {
                    date: r.date.to_string(),
                    date_human: human_date(r.date),
                    version: r.version.as_deref(),
                    summary: r.summary.as_deref(),
                    approved_by: r.approved_by.as_deref(),
                })
                .collect(),
            replaced_by,
            replaces,
            sentences: sentences.clone(),
            sentence: match (hb.status(p), sentences) {
                (Status::Overdue, Some(s)) => s.overdue,
                (Status::DueSoon, Some(s)) => s.due_soon,
                (Status::Current, Some(s)) => s.current,
                _ => "No review date has been set for this policy.".to_string(),
            },
            reading: p
                .reading
                .as_ref()
                .filter(|r| r.counts.words > 0)
                .map(|r| ReadingView {
                    minutes: r.minutes(),
                    age: r.counts.reading_age(),
                }),
        };
        let map = self.policy_map(i, root);
        let mut ctx = self.context(root)?;
        ctx.insert("policy", &view);
        ctx.insert("policy_map", &map);
        ctx.insert("body", &body_html);
        ctx.insert("toc", &toc);
        ctx.insert("related", &related);
        ctx.insert("referenced_by", &referenced_by);
        ctx.insert("problems", &problems);
        self.page(sink, "policy.html", &urls::policy(&p.id), &mut ctx)
    }

    /// The policy's relationship map ([`super::charts::map`]): the
    /// published policies that link to it and that it links to, each
    /// side by title; empty when there are none. Only the nodes drawn are
    /// made: a much-linked policy has hundreds of neighbours.
    fn policy_map(&self, i: usize, root: &str) -> String {
        use super::charts::{self, Caption, Kind, MAP_SIDE, Neighbours, Node};
        let hb = self.hb;
        let node = |j: usize| {
            let q = &hb.policies[j];
            Node {
                title: &q.title,
                href: urls::policy(&q.id),
                kind: Kind::of(hb.status(q)),
            }
        };
        let published = |list: &[usize]| -> Vec<usize> {
            list.iter()
                .copied()
                .filter(|&j| j != i && self.is_published(&hb.policies[j]))
                .collect()
        };
        // `incoming` is in title order already; `outgoing` in the handbook's.
        let incoming = published(&hb.links.incoming[i]);
        let mut outgoing = published(&hb.links.outgoing[i]);
        if incoming.is_empty() && outgoing.is_empty() {
            return String::new();
        }
        outgoing.sort_by(|&a, &b| hb.policies[a].title.cmp(&hb.policies[b].title));
        let drawn = |list: &[usize]| list.iter().take(MAP_SIDE).map(|&j| node(j)).collect();
        let around = Neighbours {
            incoming: drawn(&incoming),
            incoming_total: incoming.len(),
            outgoing: drawn(&outgoing),
            outgoing_total: outgoing.len(),
        };
        let p = &hb.policies[i];
        charts::map(
            &Caption {
                id: "map",
                title: &format!("How {} relates to other policies", p.title),
                desc: format!(
                    "{} {} to it, on the left; it links to {}, on the right.",
                    crate::report::count(incoming.len(), "policy", "policies"),
                    if incoming.len() == 1 { "links" } else { "link" },
                    crate::report::count(outgoing.len(), "policy", "policies"),
                ),
                first_column: "Policy",
            },
            &node(i),
            &around,
            "#referenced-heading",
            root,
        )
    }

    /// A `mailto:` link to `email` about `p`: the subject names the
    /// policy, its id and version; the body has the page's address.
    fn feedback_url(&self, email: &str, p: &Policy) -> String {
        let version = p
            .version
            .as_ref()
            .map(|v| format!(", version {v}"))
            .unwrap_or_default();
        let subject = format!("Problem with a policy: {} ({}{version})", p.title, p.id);
        let page = self
            .hb
            .config
            .address(&self.site.base_url, &urls::policy(&p.id));
        // Line breaks in a mailto: body are CRLF (RFC 6068).
        let body = format!("Page: {page}\r\n\r\nWhat is wrong, and where:\r\n");
        format!(
            "mailto:{}?subject={}&body={}",
            url_encode(email).replace("%40", "@"),
            url_encode(&subject),
            url_encode(&body)
        )
    }

    /// Where a reference in policy `p` goes on the page.
    pub(super) fn link_out(&self, p: &Policy, r: &markdown::Reference, root: &str) -> LinkOut {
        match self.hb.index.resolve(&self.hb.policies, p, r) {
            Ok(Target::Policy { index, anchor }) => {
                let q = &self.hb.policies[index];
                if !self.is_published(q) {
                    return LinkOut::Broken {
                        message: format!("'{}' is a draft and is not published yet", q.id),
                    };
                }
                let fragment = anchor
                    .map(|a| format!("#{}", url_encode(&a)))
                    .unwrap_or_default();
                LinkOut::Href {
                    url: format!("{root}policies/{}.html{fragment}", q.id),
                    title: Some(q.title.clone()),
                }
            }
            Ok(Target::SamePage { anchor }) => LinkOut::Href {
                url: format!("#{}", url_encode(&anchor)),
                title: None,
            },
            Ok(Target::Asset { path }) => LinkOut::Href {
                url: format!("{root}{}", url_encode(&path)),
                title: None,
            },
            Ok(Target::External { url }) => LinkOut::Href { url, title: None },
            Ok(Target::AsWritten) => LinkOut::Href {
                url: r.dest.clone(),
                title: None,
            },
            Ok(Target::Unsafe) => LinkOut::Unlink,
            Err(b) => LinkOut::Broken { message: b.message },
        }
    }
}

impl Sentences {
    /// What the policy page says of a review due on `due`, whose policy
    /// `owner` owns, for each status it may have on the day it is read:
    /// the date itself, never a count of days (a printed page is read
    /// long after).
    fn of(due: jiff::civil::Date, owner: &str) -> Sentences {
        let when = human_date(due);
        Sentences {
            current: format!("This policy is next due for review on {when}."),
            due_soon: format!("This policy is due for review on {when}."),
            overdue: format!(
                "This policy was due for review on {when}. It may be out of date: check with the {} before relying on it.",
                owner.trim_start_matches("the ").trim_start_matches("The ")
            ),
        }
    }
}

/// An `extra_keys` value as HTML: text, a list of text on one line ("a,
/// b"), and nested lists and maps as nested lists ("name: Ann").
fn extra_html(value: &Extra) -> String {
    match value {
        Extra::Text(t) => markdown::escape(t),
        Extra::List(items) if value.is_flat() => {
            items.iter().map(extra_html).collect::<Vec<_>>().join(", ")
        }
        Extra::List(items) => {
            // A map of text in a list (a contact's name and phone) is one
            // item on one line.
            let item = |i: &Extra| match i {
                Extra::Map(entries) if entries.iter().all(|(_, v)| v.is_flat()) => {
                    markdown::escape(&i.text())
                }
                other => extra_html(other),
            };
            let items: String = items
                .iter()
                .map(|i| format!("<li>{}</li>", item(i)))
                .collect();
            format!("<ul class=\"extra\">{items}</ul>")
        }
        Extra::Map(entries) => {
            let items: String = entries
                .iter()
                .map(|(k, v)| format!("<li>{}: {}</li>", markdown::escape(k), extra_html(v)))
                .collect();
            format!("<ul class=\"extra\">{items}</ul>")
        }
    }
}

/// Which values the policy's file does not write, and where they come
/// from: "owner and review_every are set in people/_folder.yaml; tags is
/// set in handbook.yaml".
fn defaults_note(p: &Policy) -> Option<String> {
    let mut by_file: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for (key, source) in &p.defaulted {
        by_file.entry(&source.file).or_default().push(key);
    }
    let and = |keys: &[&str]| match keys {
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    };
    let parts: Vec<String> = by_file
        .iter()
        .map(|(file, keys)| {
            let verb = if keys.len() == 1 { "is" } else { "are" };
            format!("{} {verb} set in {file}", and(keys))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}
