//! The top of a policy's file in each flavor: policybook's YAML
//! front-matter (only the standard keys and `funding_body`, which
//! `handbook.yaml` allows), Hugo's YAML, Zola's TOML with the non-standard
//! keys under `[extra]`, or mdBook's title and metadata line.

use std::fmt::Write as _;

use crate::Flavor;
use crate::plan::{Handbook, Policy};

/// Everything before the body, blank line included.
pub fn head(p: &Policy, handbook: &Handbook, flavor: Flavor) -> String {
    match flavor {
        Flavor::Policybook => policybook(p, handbook),
        Flavor::Hugo => hugo(p, handbook),
        Flavor::Zola => zola(p, handbook),
        Flavor::Mdbook => format!(
            "# {}\n\n*Owner: {} · Review by: {} · Status: {}*\n\n",
            p.title,
            p.owner,
            p.review_by,
            p.status.as_str()
        ),
    }
}

fn policybook(p: &Policy, handbook: &Handbook) -> String {
    let f = &p.front;
    let mut out = String::with_capacity(512);
    out.push_str("---\n");
    kv(&mut out, "title", yaml_str(&p.title));
    if f.id {
        kv(&mut out, "id", &p.id);
    }
    kv(&mut out, "owner", yaml_str(p.owner));
    if let Some(email) = &f.owner_email {
        kv(&mut out, "owner_email", email);
    }
    if let Some(by) = f.approved_by {
        kv(&mut out, "approved_by", yaml_str(by));
    }
    if let Some(d) = f.approved {
        kv(&mut out, "approved", d);
    }
    if let Some(d) = f.last_reviewed {
        kv(&mut out, "last_reviewed", d);
    }
    if let Some(every) = f.review_every {
        kv(&mut out, "review_every", every);
    }
    if let Some(d) = f.review_by {
        kv(&mut out, "review_by", d);
    }
    kv(&mut out, "category", yaml_str(p.category.name));
    kv(&mut out, "tags", yaml_list(&p.tags));
    if !p.related.is_empty() {
        out.push_str("related:\n");
        for &r in &p.related {
            let _ = writeln!(out, "  - {}", handbook.policies[r].id);
        }
    }
    if f.status {
        kv(&mut out, "status", p.status.as_str());
    }
    if let Some(v) = &f.version {
        kv(&mut out, "version", json(v));
    }
    if let Some(body) = f.funding_body {
        kv(&mut out, "funding_body", yaml_str(body));
    }
    out.push_str("---\n\n");
    out
}

/// `key: value` and a new line.
fn kv(out: &mut String, key: &str, value: impl std::fmt::Display) {
    let _ = writeln!(out, "{key}: {value}");
}

fn hugo(p: &Policy, handbook: &Handbook) -> String {
    let f = &p.front;
    let mut out = format!("---\ntitle: {}\n", yaml_str(&p.title));
    if let Some(d) = f.approved {
        let _ = writeln!(out, "date: {d}");
    }
    if let Some(d) = f.last_reviewed {
        let _ = writeln!(out, "lastmod: {d}");
    }
    if p.status == crate::plan::Status::Draft {
        out.push_str("draft: true\n");
    }
    let _ = writeln!(out, "owner: {}", yaml_str(p.owner));
    let _ = writeln!(out, "review_by: \"{}\"", p.review_by);
    if let Some(every) = f.review_every {
        let _ = writeln!(out, "review_every: {every}");
    }
    let _ = writeln!(out, "status: {}", p.status.as_str());
    let _ = writeln!(out, "category: {}", yaml_str(p.category.name));
    let _ = writeln!(out, "policy_tags: {}", yaml_list(&p.tags));
    if !p.related.is_empty() {
        out.push_str("related:\n");
        for &r in &p.related {
            let _ = writeln!(out, "  - /{}", handbook.policies[r].file);
        }
    }
    if let Some(v) = &f.version {
        let _ = writeln!(out, "version: {}", json(v));
    }
    out.push_str("---\n\n");
    out
}

fn zola(p: &Policy, handbook: &Handbook) -> String {
    let f = &p.front;
    let mut out = format!("+++\ntitle = {}\n", json(&p.title));
    if let Some(d) = f.approved {
        let _ = writeln!(out, "date = {d}");
    }
    if let Some(d) = f.last_reviewed {
        let _ = writeln!(out, "updated = {d}");
    }
    if p.status == crate::plan::Status::Draft {
        out.push_str("draft = true\n");
    }
    out.push_str("\n[extra]\n");
    let _ = writeln!(out, "owner = {}", json(p.owner));
    let _ = writeln!(out, "review_by = \"{}\"", p.review_by);
    if let Some(every) = f.review_every {
        let _ = writeln!(out, "review_every = \"{every}\"");
    }
    let _ = writeln!(out, "status = \"{}\"", p.status.as_str());
    let _ = writeln!(out, "category = {}", json(p.category.name));
    let tags: Vec<String> = p.tags.iter().map(|t| json(t)).collect();
    let _ = writeln!(out, "tags = [{}]", tags.join(", "));
    if let Some(v) = &f.version {
        let _ = writeln!(out, "version = {}", json(v));
    }
    for &r in &p.related {
        let q = &handbook.policies[r];
        let _ = write!(
            out,
            "\n[[extra.related]]\npath = {}\ntitle = {}\n",
            json(&q.file),
            json(&q.title)
        );
    }
    out.push_str("+++\n\n");
    out
}

/// A double-quoted string (JSON's escapes are valid YAML and TOML).
pub fn json(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// A YAML scalar that reads back as the string `s`: plain when it is
/// letters, digits, spaces and a little punctuation, starts with a letter
/// and is not a word YAML reads as something else; quoted otherwise.
pub fn yaml_str(s: &str) -> String {
    const RESERVED: [&str; 9] = ["yes", "no", "true", "false", "on", "off", "null", "y", "n"];
    let plain = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && !s.ends_with(' ')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || " ()./'@&-".contains(c))
        && !RESERVED.contains(&s.to_ascii_lowercase().as_str());
    if plain { s.to_string() } else { json(s) }
}

/// A YAML flow list: `[a, social media]`.
pub fn yaml_list(items: &[&str]) -> String {
    let items: Vec<String> = items.iter().map(|s| yaml_str(s)).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_are_plain_only_when_safe() {
        assert_eq!(yaml_str("Head of Centre"), "Head of Centre");
        assert_eq!(
            yaml_str("Nadia Rahman (Deputy Centre Manager)"),
            "Nadia Rahman (Deputy Centre Manager)"
        );
        assert_eq!(yaml_str("no"), "\"no\"");
        assert_eq!(yaml_str("2.1"), "\"2.1\"");
        assert_eq!(yaml_str("a: b"), "\"a: b\"");
        assert_eq!(yaml_list(&["GDPR", "social media"]), "[GDPR, social media]");
    }
}
