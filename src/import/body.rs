//! The third step of an import: a document's lines, less those taken into
//! the front-matter, as a Markdown body. Headings come from Word's heading
//! styles or from short lines that stand alone ("Aims:", "Who is covered
//! by this policy?"), lists from bullets and numbering, and a sentence
//! that a page break split is joined again. Every other word is kept as
//! written.

use super::read::{Hint, Line};

/// Whether a line of plain text reads as a heading: short, with no full
/// stop at its end, and not the start of a sentence the next line goes
/// on with.
fn heading_like(line: &Line, next: Option<&Line>) -> bool {
    let text = line.plain.trim();
    let words = text.split_whitespace().count();
    let caps = text.chars().any(char::is_alphabetic)
        && !text.chars().any(char::is_lowercase)
        && words <= 12;
    if caps {
        return true;
    }
    let bold_whole =
        line.markdown.starts_with("**") && line.markdown.ends_with("**") && words <= 12;
    // "Date: 3rd October 2022" is a label and its value.
    if text.trim_end_matches(':').contains(": ") {
        return false;
    }
    if text.ends_with(':') {
        // "Staff must:" before a list leads into it.
        let leads_in = next.is_some_and(|n| matches!(n.hint, Hint::Item { .. }));
        return (words <= 5 || bold_whole) && !leads_in;
    }
    let continues = next.is_some_and(|n| n.plain.starts_with(char::is_lowercase));
    words <= 10
        && text.chars().count() <= 80
        && !text.ends_with(['.', ',', ';', '!'])
        && text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !continues
}

/// Whether `line` ends mid-sentence and `next` goes on with it (a page
/// break, or a line wrapped by hand).
fn goes_on(line: &Line, next: &Line) -> bool {
    let text = line.plain.trim_end();
    !text.ends_with(['.', ':', '!', '?', ';'])
        && next.plain.starts_with(char::is_lowercase)
        && matches!(next.hint, Hint::Plain)
}

/// The Markdown body of `lines`, leaving out those `taken`; `verbatim`:
/// the lines are Markdown already.
pub fn markdown(lines: &[Line], taken: &[bool], verbatim: bool) -> String {
    let kept: Vec<&Line> = lines
        .iter()
        .zip(taken)
        .filter(|(_, t)| !**t)
        .map(|(l, _)| l)
        .collect();
    if verbatim {
        let mut out: String = kept.iter().map(|l| format!("{}\n", l.markdown)).collect();
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        let lead = out.len() - out.trim_start_matches('\n').len();
        out.drain(..lead);
        out.push('\n');
        return out;
    }
    let mut blocks: Vec<String> = Vec::new();
    // The list being made, and the paragraph.
    let mut list: Vec<String> = Vec::new();
    let mut para = String::new();
    let flush_para = |para: &mut String, blocks: &mut Vec<String>| {
        if !para.is_empty() {
            blocks.push(std::mem::take(para));
        }
    };
    let words: Vec<&Line> = kept.into_iter().filter(|l| l.hint != Hint::Blank).collect();
    // The body's top headings are `##` (the title is the page's `#`).
    let top = words
        .iter()
        .filter_map(|l| match l.hint {
            Hint::Heading(level) => Some(level),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    for (k, line) in words.iter().enumerate() {
        let next = words.get(k + 1).copied();
        match line.hint {
            Hint::Item { number } => {
                flush_para(&mut para, &mut blocks);
                // The number as written: "3. Third point" stays 3.
                let marker = number.map_or_else(|| "-".to_string(), |n| format!("{n}."));
                list.push(format!("{marker} {}", line.markdown));
                continue;
            }
            _ if !list.is_empty() => {
                // A line that goes on with the last item (a page break
                // inside it) joins it.
                if line.hint == Hint::Plain && line.plain.starts_with(char::is_lowercase) {
                    if let Some(last) = list.last_mut() {
                        last.push(' ');
                        last.push_str(&line.markdown);
                    }
                    continue;
                }
                blocks.push(std::mem::take(&mut list).join("\n"));
            }
            _ => {}
        }
        match line.hint {
            Hint::Heading(level) => {
                flush_para(&mut para, &mut blocks);
                let level = usize::from(level.saturating_sub(top).min(4)) + 2;
                blocks.push(format!(
                    "{} {}",
                    "#".repeat(level),
                    heading_text(&line.markdown)
                ));
            }
            Hint::Table | Hint::Verbatim => {
                flush_para(&mut para, &mut blocks);
                blocks.push(line.markdown.clone());
            }
            Hint::Plain if para.is_empty() && heading_like(line, next) => {
                blocks.push(format!("## {}", heading_text(&line.markdown)));
            }
            Hint::Plain => {
                if !para.is_empty() {
                    para.push(' ');
                }
                para.push_str(&line.markdown);
                if !next.is_some_and(|n| goes_on(line, n)) {
                    flush_para(&mut para, &mut blocks);
                }
            }
            Hint::Blank | Hint::Item { .. } => {}
        }
    }
    flush_para(&mut para, &mut blocks);
    if !list.is_empty() {
        blocks.push(list.join("\n"));
    }
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

/// A heading's Markdown without the colon it ended with, or bold that
/// made the whole line a heading.
fn heading_text(markdown: &str) -> &str {
    let text = markdown.trim().trim_end_matches(':').trim();
    text.strip_prefix("**")
        .and_then(|t| t.strip_suffix("**"))
        .map(|t| t.trim_end_matches(':').trim())
        .unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::{self, Kind};

    fn body(text: &str) -> String {
        let doc = read::read(text.as_bytes().to_vec(), Kind::Text).unwrap();
        markdown(&doc.lines, &vec![false; doc.lines.len()], false)
    }

    #[test]
    fn headings_lists_and_paragraphs_from_plain_text() {
        assert_eq!(
            body(
                "Aims:\nWe aim to keep children safe.\n\nWho is covered by this policy?\nEveryone.\n\n· One\n\n· Two\nA short paragraph.\n"
            ),
            "## Aims\n\nWe aim to keep children safe.\n\n## Who is covered by this policy?\n\nEveryone.\n\n- One\n- Two\n\nA short paragraph.\n"
        );
    }

    #[test]
    fn a_sentence_split_by_a_page_break_is_joined() {
        assert_eq!(
            body("Staff should make sure that all\n\n\u{a0}\nchildren are supervised.\n"),
            "Staff should make sure that all children are supervised.\n"
        );
    }

    #[test]
    fn a_heading_in_capitals() {
        assert_eq!(
            body("SCOPE\nThis applies to all.\n"),
            "## SCOPE\n\nThis applies to all.\n"
        );
    }
}
