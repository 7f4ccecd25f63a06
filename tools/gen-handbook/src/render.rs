//! A policy's file as each flavor writes it: front-matter, then the body
//! in Markdown with its links in that flavor's syntax. Keeps where each
//! planted broken reference was written, for `expected.json`.

use std::fmt::Write as _;

use crate::Flavor;
use crate::front_matter;
use crate::links::{Link, LinkKind};
use crate::plan::{Handbook, Policy};
use crate::prose::{Block, Body, Sentence};

/// A policy file's text and its planted broken references.
pub struct Rendered {
    pub text: String,
    pub broken: Vec<BrokenAt>,
}

/// Where a planted broken reference was written.
pub struct BrokenAt {
    /// Its index in the body's links.
    pub link: usize,
    /// 1-based, front-matter included.
    pub line: usize,
    /// The reference as written.
    pub written: String,
}

/// The whole file of policy `p` in `flavor`.
pub fn policy_file(p: &Policy, body: &Body, handbook: &Handbook, flavor: Flavor) -> Rendered {
    let mut text = front_matter::head(p, handbook, flavor);
    let mut broken = Vec::new();
    for (i, block) in body.blocks.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
        }
        match block {
            Block::Heading(level, heading) => {
                text.extend(std::iter::repeat_n('#', usize::from(*level)));
                text.push(' ');
                text.push_str(heading);
            }
            Block::Paragraph(sentences) => {
                for (k, s) in sentences.iter().enumerate() {
                    if k > 0 {
                        text.push(' ');
                    }
                    match s {
                        Sentence::Text(t) => text.push_str(t),
                        Sentence::Link {
                            before,
                            link,
                            after,
                        } => {
                            text.push_str(before);
                            let written = link_markdown(&body.links[*link], p, handbook, flavor);
                            if body.links[*link].broken.is_some() {
                                broken.push(BrokenAt {
                                    link: *link,
                                    line: text.matches('\n').count() + 1,
                                    written: written.clone(),
                                });
                            }
                            text.push_str(&written);
                            text.push_str(after);
                        }
                    }
                }
            }
            Block::List(items) => {
                for (k, item) in items.iter().enumerate() {
                    if k > 0 {
                        text.push('\n');
                    }
                    text.push_str("- ");
                    text.push_str(item);
                }
            }
            Block::Table { head, rows } => {
                let _ = write!(text, "| {} |\n|", head.join(" | "));
                text.push_str(&" --- |".repeat(head.len()));
                for row in rows {
                    let _ = write!(text, "\n| {} |", row.join(" | "));
                }
            }
        }
    }
    text.push('\n');
    Rendered { text, broken }
}

/// One link in `flavor`'s syntax, written in policy `from`.
pub fn link_markdown(link: &Link, from: &Policy, handbook: &Handbook, flavor: Flavor) -> String {
    let frag = link
        .anchor
        .as_ref()
        .map_or(String::new(), |a| format!("#{a}"));
    let text = &link.text;
    match link.kind {
        LinkKind::External => return format!("[{text}]({})", link.url),
        LinkKind::SamePage => return format!("[{text}]({frag})"),
        LinkKind::Asset => {
            return match flavor {
                Flavor::Hugo | Flavor::Zola => format!("[{text}](/{})", link.url),
                Flavor::Policybook | Flavor::Mdbook => {
                    format!("[{text}]({})", relative(&link.url, from.folder()))
                }
            };
        }
        _ => {}
    }
    let (id, path, title) = match link.target {
        Some(t) => {
            let t = &handbook.policies[t];
            (t.id.as_str(), t.file.as_str(), t.title.as_str())
        }
        None => {
            let missing = link.missing.as_deref().unwrap_or_default();
            (missing, link.url.as_str(), missing)
        }
    };
    if flavor == Flavor::Policybook {
        return match link.kind {
            LinkKind::Wiki => format!("[[{id}]]"),
            LinkKind::WikiText => format!("[[{id}|{text}]]"),
            LinkKind::WikiAnchor => format!("[[{id}{frag}]]"),
            _ => format!("[{text}]({}{frag})", relative(path, from.folder())),
        };
    }
    // The other flavors have no wiki links: each is a Markdown link.
    let shown = match link.kind {
        LinkKind::WikiText | LinkKind::Relative | LinkKind::RelativeAnchor => text.as_str(),
        _ => title,
    };
    if flavor == Flavor::Zola {
        format!("[{shown}](@/{path}{frag})")
    } else {
        format!("[{shown}]({}{frag})", relative(path, from.folder()))
    }
}

/// The path of `target` (from the content root) relative to the folder
/// `from` (from the same root; "" for the root itself).
pub fn relative(target: &str, from: &str) -> String {
    let to: Vec<&str> = target.split('/').collect();
    let here: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let common = to[..to.len() - 1]
        .iter()
        .zip(&here)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts = vec![".."; here.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::relative;

    #[test]
    fn relative_paths() {
        assert_eq!(relative("finance/a.md", "finance"), "a.md");
        assert_eq!(relative("finance/pay/a.md", "finance"), "pay/a.md");
        assert_eq!(relative("finance/a.md", "finance/pay"), "../a.md");
        assert_eq!(relative("hr/x/a.md", "finance/pay"), "../../hr/x/a.md");
        assert_eq!(relative("assets/forms/f.pdf", ""), "assets/forms/f.pdf");
        assert_eq!(
            relative("finance/finance.md", "finance/finance"),
            "../finance.md"
        );
    }
}
