//! Template text left in a policy: the `{{companyName}}`, `{{ .Name }}`
//! and `{% if … %}` of Mustache, Go templates, Liquid and Jinja, which
//! policies made from a template set must not be published with. Part of
//! **parse** (the body, outside code) and of **link** (a link destination).
//!
//! By hand: no crate finds the placeholders of four template languages at
//! once, and the rule is two delimiters. Bodies without `{{` or `{%` (all
//! but a few) are passed over with one `memchr` search for `{`, so the
//! check costs next to nothing for them.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The longest placeholder reported; longer text between the delimiters
/// is more likely prose about braces than a placeholder.
const MAX_LEN: usize = 120;

/// The first placeholder in `text`: `{{…}}` or `{%…%}` on one line.
pub fn find(text: &str) -> Option<&str> {
    let mut from = 0;
    while let Some(at) = text[from..].find('{').map(|i| from + i) {
        let rest = &text[at..];
        let close = match rest.as_bytes().get(1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            _ => {
                from = at + 1;
                continue;
            }
        };
        let mut width = rest.len().min(MAX_LEN);
        while !rest.is_char_boundary(width) {
            width -= 1;
        }
        let window = &rest[..width];
        if let Some(end) = window[2..].find(close).map(|e| e + 2 + close.len()) {
            let found = &rest[..end];
            let inner = found[2..found.len() - 2].trim();
            if !inner.is_empty() && !found.contains('\n') {
                return Some(found);
            }
        }
        from = at + 2;
    }
    None
}

/// Every placeholder in a policy's body outside code spans and code
/// blocks, with its file line (`body_line` is the file line of the body's
/// first line).
pub fn in_body(body: &str, body_line: u32) -> Vec<(u32, String)> {
    let bytes = body.as_bytes();
    let opens =
        memchr::memchr_iter(b'{', bytes).any(|i| matches!(bytes.get(i + 1), Some(b'{' | b'%')));
    if !opens {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut in_code = 0u32;
    // The file line at a body offset, counted on from the last one asked
    // (offsets only grow), so that the whole body is counted once.
    let mut counted = (0usize, body_line);
    let mut line_of = |offset: usize| {
        let (from, line) = counted;
        let offset = offset.max(from);
        let line = line.saturating_add(count_newlines(&body[from..offset]));
        counted = (offset, line);
        line
    };
    // Text is looked at a run at a time (a block's text may come in
    // several events).
    let mut run = String::new();
    let mut run_start = 0;
    let mut flush = |run: &mut String, start: usize, found: &mut Vec<(u32, String)>| {
        let mut offset = 0;
        let mut line = line_of(start);
        while let Some(p) = find(&run[offset..]) {
            let at = offset + run[offset..].find(p).unwrap_or(0);
            line += count_newlines(&run[offset..at]);
            found.push((line, p.to_string()));
            offset = at + p.len();
        }
        run.clear();
    };
    for (event, range) in
        Parser::new_ext(body, crate::handbook::markdown::options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) if in_code == 0 => {
                if run.is_empty() {
                    run_start = range.start;
                }
                run.push_str(&t);
            }
            Event::SoftBreak if !run.is_empty() => run.push('\n'),
            _ => flush(&mut run, run_start, &mut found),
        }
    }
    flush(&mut run, run_start, &mut found);
    found
}

fn count_newlines(text: &str) -> u32 {
    u32::try_from(text.matches('\n').count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_placeholders_of_four_template_languages() {
        for (text, want) in [
            ("Welcome to {{companyName}}.", Some("{{companyName}}")),
            ("Signed {{ .Name }}", Some("{{ .Name }}")),
            (
                "{% comment %} remove {% endcomment %}",
                Some("{% comment %}"),
            ),
            ("{{{raw}}}", Some("{{{raw}}")),
            ("a set {1, 2} and {} and {{}}", None),
            ("{{ never closed", None),
            ("100% {x}", None),
        ] {
            assert_eq!(find(text), want, "{text}");
        }
    }

    #[test]
    fn body_placeholders_outside_code_with_their_lines() {
        let body = "Intro for {{companyName}}.\n\n```\n{{ in code }}\n```\n\nUse `{{x}}` inline.\n\n- a {% if staff %}\n  and {{ .Owner }} here\n";
        assert_eq!(
            in_body(body, 5),
            [
                (5, "{{companyName}}".to_string()),
                (13, "{% if staff %}".to_string()),
                (14, "{{ .Owner }}".to_string()),
            ]
        );
        assert!(in_body("Nothing to see.\n", 1).is_empty());
    }
}
