//! YAML reading for front-matter and `handbook.yaml`.
//!
//! The YAML is read into a small tree of [`Node`]s that keeps every value's
//! line, so that each later check can say exactly where a problem is and
//! every problem can be collected instead of stopping at the first, as a
//! typed `serde` struct would.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// A YAML value with the line it starts on (1-based, counted in the YAML
/// text that was parsed) and its source text for scalars.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub line: u32,
}

/// The value of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// An integer or float, kept as it was written (`2.10` stays `2.10`).
    Number(String),
    String(String),
    List(Vec<Node>),
    /// Keys in the order written, duplicates included (the caller reports
    /// them).
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// A word for the kind of value, for messages ("a list", "a number").
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Null => "empty",
            Value::Bool(_) => "true/false",
            Value::Number(_) => "a number",
            Value::String(_) => "text",
            Value::List(_) => "a list",
            Value::Map(_) => "a set of keys",
        }
    }

    /// The value as text when it is a scalar: strings as they are, numbers
    /// and booleans as written.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Value::String(s) | Value::Number(s) => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// A YAML syntax problem: the line (relative to the YAML text) and a plain
/// English message.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub line: u32,
    pub message: String,
}

pub mod simple;

/// Parses YAML text. An empty document is `Value::Null`. Plain
/// front-matter is read by [`simple::parse`], everything else by the
/// full parser.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    match simple::parse(text) {
        Some(node) => Ok(node),
        None => full(text),
    }
}

/// Parses YAML text with the full parser alone (the reference the fast
/// reader is tested against).
pub fn full(text: &str) -> Result<Node, SyntaxError> {
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false;
    // `y`, `no`, `on` are words in a tag list, not booleans.
    options.strict_booleans = true;
    // We see every key ourselves and report duplicates with both lines.
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::LastWins;
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options) {
        Ok(spanned) => Ok(spanned.into_node(text)),
        Err(e) => {
            let line = e.location().map(|l| l.line() as u32).unwrap_or(0);
            // The parser often notices an unclosed `[` or `{` only on a
            // later line; point at the line that opened it instead.
            if let Some(open) = unclosed_bracket(text, line) {
                return Err(open);
            }
            Err(SyntaxError {
                line,
                message: plain_message(&e.to_string()),
            })
        }
    }
}

/// The first line before `upto` (1-based) that opens a `[` or `{` left
/// unclosed by the end of the line before `upto`, if any. Brackets inside
/// quotes and after `#` comments are ignored.
fn unclosed_bracket(text: &str, upto: u32) -> Option<SyntaxError> {
    let mut stack: Vec<(char, u32)> = Vec::new();
    for (n, line) in (1u32..).zip(text.lines()) {
        if n >= upto {
            break;
        }
        let mut quote: Option<char> = None;
        for c in line.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => stack.push((c, n)),
                (None, ']' | '}') => {
                    stack.pop();
                }
                _ => {}
            }
        }
    }
    let &(c, line) = stack.first()?;
    let message = if c == '[' {
        "a '[' list is not closed with ']'"
    } else {
        "a '{' is not closed with '}'"
    };
    Some(SyntaxError {
        line,
        message: message.to_string(),
    })
}

/// Turns the parser's message into words an editor can act on. Parser
/// wording is kept only as a last resort, without its location suffix
/// (we print the location ourselves).
fn plain_message(raw: &str) -> String {
    let msg = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    let lower = msg.to_ascii_lowercase();
    let advice = if lower.contains("mapping values are not allowed")
        || lower.contains("placement of ':'")
    {
        "a ':' is in a place YAML does not expect it: check the indentation, or put the value in quotes"
    } else if lower.contains("unclosed quote") || lower.contains("unterminated quote") {
        "a quote is opened but never closed"
    } else if lower.contains("unclosed bracket") || lower.contains("'['") {
        "a '[' list is not closed with ']'"
    } else if lower.contains("unclosed brace") || lower.contains("'{'") {
        "a '{' is not closed with '}'"
    } else if lower.contains("tab") {
        "a tab is used for indentation: YAML needs spaces"
    } else if lower.contains("budget")
        || lower.contains("alias")
        || lower.contains("depth")
        || lower.contains("recursion")
        || lower.contains("nest")
    {
        "the YAML is too large or too deeply nested (aliases or nesting beyond the limits)"
    } else if lower.contains("multiple yaml documents") {
        "there is more than one YAML document here"
    } else {
        return format!("the YAML could not be read ({msg})");
    };
    advice.to_string()
}

/// What serde-saphyr hands us before lines are attached.
enum Raw {
    Null,
    Bool(bool),
    Number,
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<String>, Spanned<Raw>)>),
}

trait IntoNode {
    fn into_node(self, source: &str) -> Node;
}

impl IntoNode for Spanned<Raw> {
    fn into_node(self, source: &str) -> Node {
        let line = self.referenced.line() as u32;
        let value = match self.value {
            Raw::Null => Value::Null,
            Raw::Bool(b) => Value::Bool(b),
            Raw::Number => {
                let span = self.referenced.span();
                let start = span.byte_offset().unwrap_or(0) as usize;
                let len = span.byte_len().unwrap_or(0) as usize;
                let text = source
                    .get(start..start + len)
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                Value::Number(text)
            }
            Raw::Str(s) => Value::String(s),
            Raw::Seq(items) => {
                Value::List(items.into_iter().map(|n| n.into_node(source)).collect())
            }
            Raw::Map(entries) => Value::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| {
                        let key = Node {
                            line: k.referenced.line() as u32,
                            value: Value::String(k.value),
                        };
                        (key, v.into_node(source))
                    })
                    .collect(),
            ),
        };
        Node { value, line }
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(RawVisitor)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Raw, E> {
        Ok(Raw::Number)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Raw, E> {
        Ok(Raw::Number)
    }
    fn visit_i128<E>(self, _: i128) -> Result<Raw, E> {
        Ok(Raw::Number)
    }
    fn visit_u128<E>(self, _: u128) -> Result<Raw, E> {
        Ok(Raw::Number)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Raw, E> {
        Ok(Raw::Number)
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<Spanned<KeyText>, Spanned<Raw>>()? {
            let (k, v) = entry;
            entries.push((Spanned::new(k.value.0, k.referenced, k.defined), v));
        }
        Ok(Raw::Map(entries))
    }
}

impl<'de> de::Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

/// A mapping key of any scalar kind, as text (`2024: x` has the key "2024").
struct KeyText(String);

impl<'de> de::Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<KeyText, D::Error> {
        let raw = d.deserialize_any(RawVisitor)?;
        Ok(KeyText(match raw {
            Raw::Str(s) => s,
            Raw::Bool(b) => b.to_string(),
            Raw::Null => String::new(),
            Raw::Number => "(number)".to_string(),
            Raw::Seq(_) | Raw::Map(_) => "(complex key)".to_string(),
        }))
    }
}

/// Looks up a key in a map node's entries (the last one wins, as in YAML
/// readers that allow duplicates).
#[cfg(test)]
pub fn get<'a>(entries: &'a [(Node, Node)], key: &str) -> Option<&'a Node> {
    entries
        .iter()
        .rev()
        .find(|(k, _)| matches!(&k.value, Value::String(s) if s == key))
        .map(|(_, v)| v)
}

/// The key of a map entry as text.
pub fn key_text(node: &Node) -> &str {
    match &node.value {
        Value::String(s) => s,
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_lines_and_number_text() {
        let n = parse("title: x\nversion: 2.10\ntags: [a, y, no]\n").unwrap();
        let Value::Map(entries) = n.value else {
            panic!("not a map")
        };
        assert_eq!(
            get(&entries, "version").unwrap().value,
            Value::Number("2.10".into())
        );
        assert_eq!(get(&entries, "version").unwrap().line, 2);
        let Value::List(tags) = &get(&entries, "tags").unwrap().value else {
            panic!("not a list")
        };
        let words: Vec<_> = tags.iter().filter_map(|t| t.value.as_text()).collect();
        assert_eq!(words, ["a", "y", "no"]);
    }

    #[test]
    fn duplicates_are_seen() {
        let n = parse("title: x\ntitle: y\n").unwrap();
        let Value::Map(entries) = n.value else {
            panic!("not a map")
        };
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].0.line, 2);
    }

    #[test]
    fn syntax_errors_are_plain() {
        let e = parse("title: [x\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("'['"), "{}", e.message);
        let e = parse("title: [x\nowner: y\n").unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (1, "a '[' list is not closed with ']'")
        );
        let e = parse("title: x\n  bad: y\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("indentation"), "{}", e.message);
    }

    #[test]
    fn empty_is_null() {
        assert_eq!(parse("").unwrap().value, Value::Null);
    }
}
