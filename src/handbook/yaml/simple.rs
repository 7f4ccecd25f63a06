//! A fast reader for the plain front-matter nearly every policy has:
//! `key: value` lines, `[a, b]` lists and `- item` lists of scalars.
//!
//! It sits in front of the YAML parser in [`super::parse`]: it reads what
//! it is sure of and returns `None` for anything else (comments after a
//! value, nesting, escapes, anchors, multi-line scalars, numbers it does
//! not know, long documents…), which then goes to the full parser. What
//! it returns is the tree the full parser makes, lines included — a
//! property test and the `yaml` fuzz target compare the two on generated
//! documents. Parsing YAML is a tenth of a build's CPU with the full
//! parser alone; almost all of that is this kind of front-matter.

use super::{Node, Value};

/// Front-matter is a few hundred bytes: a document longer than this is
/// unusual enough to leave to the full parser, which knows its limits.
const MAX_BYTES: usize = 16 * 1024;
/// And one with more comment lines than this: the full parser stops at
/// 32 comments in a row while it looks for a key's value.
const MAX_COMMENTS: usize = 16;

/// The tree of `text` if it is plain front-matter, else `None`.
pub fn parse(text: &str) -> Option<Node> {
    if text.len() > MAX_BYTES || text.chars().any(unsafe_char) {
        return None;
    }
    let mut comments = 0;
    let mut lines = (1u32..)
        .zip(text.split('\n'))
        .filter(|(_, line)| {
            let content = line.trim_start_matches(' ');
            comments += usize::from(content.starts_with('#'));
            !content.is_empty() && !content.starts_with('#')
        })
        .peekable();
    let mut entries: Vec<(Node, Node)> = Vec::new();
    while let Some((n, line)) = lines.next() {
        let (key, rest) = key_line(line)?;
        let key = Node {
            value: Value::String(key.to_string()),
            line: n,
        };
        let rest = rest.trim_matches(' ');
        let value = if !rest.is_empty() {
            inline_value(rest, n)?
        } else {
            // A list of `- item` lines may follow.
            let mut items = Vec::new();
            let mut indent = None;
            while let Some((width, item)) = lines.peek().and_then(|&(_, next)| item_line(next)) {
                if *indent.get_or_insert(width) != width {
                    return None;
                }
                let (m, _) = lines.next()?;
                items.push(scalar(item.trim_end_matches(' '), m, false)?);
            }
            match items.first() {
                Some(first) => Node {
                    line: first.line,
                    value: Value::List(items),
                },
                None => Node {
                    value: Value::Null,
                    line: n,
                },
            }
        };
        entries.push((key, value));
    }
    if comments > MAX_COMMENTS {
        return None;
    }
    let line = entries.first()?.0.line;
    Some(Node {
        value: Value::Map(entries),
        line,
    })
}

/// Characters left to the full parser: controls and tabs (which YAML does
/// not allow for indentation), and a few it reads in ways not worth
/// copying here (U+FFFE and U+FFFF it rejects; line and paragraph
/// separators, NEL and a byte-order mark it takes as text).
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// `key:` or `key: rest` at the start of a line, the key a plain word.
fn key_line(line: &str) -> Option<(&str, &str)> {
    let end = line.find(':')?;
    let (key, rest) = (&line[..end], &line[end + 1..]);
    let mut chars = key.chars();
    let first = chars.next()?;
    // Keys are field names: a long one is left to the full parser (whose
    // limit for a key is 1,024 characters).
    let word = (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && key.len() <= 100;
    // `Null:` or `TRUE:` are keys of another kind, which the full parser
    // spells its own way.
    let plain = kind_of_word(key).is_none();
    (word && plain && (rest.is_empty() || rest.starts_with(' '))).then_some((key, rest))
}

/// `- item` indented by some spaces: the indent and the item.
fn item_line(line: &str) -> Option<(usize, &str)> {
    let item = line.trim_start_matches(' ');
    let width = line.len() - item.len();
    let rest = item.strip_prefix("- ")?;
    let rest = rest.trim_start_matches(' ');
    (!rest.is_empty()).then_some((width, rest))
}

/// A value on the key's line: a `[…]` list or a scalar.
fn inline_value(text: &str, line: u32) -> Option<Node> {
    let Some(inner) = text.strip_prefix('[') else {
        return scalar(text, line, false);
    };
    let inner = inner.strip_suffix(']')?;
    let mut items = Vec::new();
    if !inner.trim_matches(' ').is_empty() {
        for item in inner.split(',') {
            items.push(scalar(item.trim_matches(' '), line, true)?);
        }
    }
    Some(Node {
        value: Value::List(items),
        line,
    })
}

/// A quoted or plain scalar that is the whole of `text` (already trimmed
/// of spaces and, inside `[…]` (`in_list`), cut at commas).
fn scalar(text: &str, line: u32, in_list: bool) -> Option<Node> {
    let value = if let Some(inner) = text.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        if inner.contains(['"', '\\']) {
            return None;
        }
        Value::String(inner.to_string())
    } else if let Some(inner) = text.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        if inner.contains('\'') {
            return None;
        }
        Value::String(inner.to_string())
    } else {
        plain(text, in_list)?
    };
    Some(Node { value, line })
}

/// A plain (unquoted) scalar, typed as the full parser types it.
fn plain(text: &str, in_list: bool) -> Option<Value> {
    let first = text.chars().next()?;
    if text.contains(['#', '[', ']', '{', '}'])
        || text.contains(": ")
        || text.ends_with(':')
        || (in_list && text.contains(':'))
    {
        return None;
    }
    if first.is_alphabetic() {
        return Some(kind_of_word(text).unwrap_or_else(|| Value::String(text.to_string())));
    }
    if first.is_ascii_digit() {
        // No number has a space in it: `18 months`, `1 year`.
        if is_date(text) || text.contains(' ') {
            return Some(Value::String(text.to_string()));
        }
        // `12` or `4.10`, not so long that the full parser might read it
        // some other way.
        let digits = |s: &str, max: usize| {
            (1..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        let number = match text.split_once('.') {
            Some((whole, fraction)) => digits(whole, 18) && digits(fraction, 15),
            None => digits(text, 18),
        };
        if number {
            return Some(Value::Number(text.to_string()));
        }
    }
    if text == "~" {
        return Some(Value::Null);
    }
    // Signs, dots, other digits and indicators: the full parser decides.
    None
}

/// `null` and `true`/`false` as YAML 1.2 spells them.
fn kind_of_word(word: &str) -> Option<Value> {
    match word {
        "null" | "Null" | "NULL" => Some(Value::Null),
        "true" | "True" | "TRUE" => Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => Some(Value::Bool(false)),
        _ => None,
    }
}

/// `2024-05-31`: text to YAML 1.2, a date to the front-matter reader.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(text: &str) {
        let full = super::super::full(text).ok();
        assert_eq!(parse(text), full, "{text:?}");
    }

    #[test]
    fn reads_plain_front_matter_as_the_full_parser_does() {
        for text in [
            "title: Whistleblowing Policy\nowner: Designated Safeguarding Lead\n",
            "a: x\n",
            "a:\n  - x\n  - y\n",
            "a:\n- x\n",
            "a: [x, y]\n",
            "a: []\n",
            "a:\nb: c\n",
            "a: 2024-01-01\n",
            "a: 4.1\n",
            "a: 2.10\n",
            "a: 12\n",
            "a: 012\n",
            "a: inf\n",
            "a: Yes\n",
            "a: NULL\n",
            "a: True\n",
            "a: \"q\"\n",
            "a: 'q'\n",
            "\na: x\n\nb: y\n",
            "a: x \n",
            "a: x\n  \n",
            "a: [ x , y ]\n",
            "a: [x,y]\n",
            "a: [yes, 1, null]\n",
            "a: ~\n",
            "# note\na: x\n",
            "a:\n\n  - x\n  # c\n  - y\nb: 1\n",
            "a: x\na: y\n",
            "a: x, y and z\n",
            "a: Café ☕\n",
            "a: \"\"\n",
            "a:\n",
            "review_every: 18 months\nx: 1 year\n",
            "  \n# c\na: x",
            "a:",
            "a: 123456789012345678\n",
        ] {
            same(text);
        }
    }

    #[test]
    fn leaves_the_rest_to_the_full_parser() {
        for text in [
            "",
            "# only a comment\n",
            "a: x # note\n",
            "a: \"\\n\"\n",
            "a: 'it''s'\n",
            "a: &x 1\nb: *x\n",
            "a:\n  b: c\n",
            "a: long\n  continued\n",
            "a: -1\n",
            "a: 1e3\n",
            "a: .5\n",
            "a: 0x1F\n",
            "a:\n  - x\n   - y\n",
            "a: [x, [y]]\n",
            "a: x\tb\n",
            "a: x\r\n",
            "true: x\n",
            "a: [x, y,]\n",
            "- x\n",
            "---\na: x\n",
            "a: b: c\n",
            "a: {x: y}\n",
            "a:\n  -\n",
            "a:\n  - - x\n",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }
}
