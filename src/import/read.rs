//! The first step of an import: a document file as lines of text, each
//! with what the file says it is (a heading, a list item, a table) and
//! its Markdown. Plain text (`.txt`: UTF-8, UTF-16 with a byte-order
//! mark, or Windows-1252), Markdown (`.md`) and Word (`.docx`, read with
//! the `docx-rs` crate) all come out the same way, so that what follows
//! reads one shape.

use crate::handbook::load;

/// One line, paragraph or table of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Its words, without list markers or formatting.
    pub plain: String,
    /// Its Markdown (inline only, except for a table).
    pub markdown: String,
    pub hint: Hint,
    /// Where it is: the file's line, or the paragraph's number in a
    /// Word document.
    pub line: u32,
}

/// What the document says a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Nothing: plain text, to be judged by its shape.
    Plain,
    Blank,
    /// A heading by its style (Word's Heading 1 is level 1; Markdown's `#`).
    Heading(u8),
    /// A list item, by its marker or its numbering: `number` is the
    /// number written before it (`3.`), `None` for a bullet.
    Item {
        number: Option<u32>,
    },
    /// A table, whole, as Markdown.
    Table,
    /// Markdown to keep as it is (a code block, a quote).
    Verbatim,
}

/// The kinds of document import reads, by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Markdown,
    Word,
}

impl Kind {
    pub fn of(path: &std::path::Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Kind::Text),
            "md" | "markdown" => Some(Kind::Markdown),
            "docx" => Some(Kind::Word),
            _ => None,
        }
    }
}

/// A document's lines and how its text was decoded.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub lines: Vec<Line>,
    /// "Windows-1252" or "UTF-16" when the text was not UTF-8.
    pub encoding: Option<&'static str>,
}

/// Reads `bytes` as a document of `kind`; `Err` says why it cannot be read.
pub fn read(bytes: Vec<u8>, kind: Kind) -> Result<Document, String> {
    match kind {
        Kind::Word => word(&bytes),
        Kind::Text | Kind::Markdown => {
            let (text, encoding) = decode(bytes)?;
            Ok(Document {
                lines: if kind == Kind::Text {
                    text_lines(&text)
                } else {
                    markdown_lines(&text)
                },
                encoding,
            })
        }
    }
}

/// Text from bytes: UTF-16 with a byte-order mark, else UTF-8, else
/// Windows-1252.
fn decode(bytes: Vec<u8>) -> Result<(String, Option<&'static str>), String> {
    let utf16 = match bytes.get(..2) {
        Some([0xff, 0xfe]) => Some(u16::from_le_bytes as fn([u8; 2]) -> u16),
        Some([0xfe, 0xff]) => Some(u16::from_be_bytes as fn([u8; 2]) -> u16),
        _ => None,
    };
    if let Some(unit) = utf16 {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| unit([c[0], c[1]]))
            .collect();
        let text = String::from_utf16(&units)
            .map_err(|_| "it starts as UTF-16 text but is not UTF-16 throughout".to_string())?;
        if text.contains('\0') {
            return Err(NOT_TEXT.into());
        }
        return Ok((
            text.replace("\r\n", "\n").replace('\r', "\n"),
            Some("UTF-16"),
        ));
    }
    match load::decode_any(bytes) {
        Some((text, false)) => Ok((text, None)),
        Some((text, true)) => Ok((text, Some("Windows-1252"))),
        None => Err(NOT_TEXT.into()),
    }
}

const NOT_TEXT: &str =
    "it is not text (it holds bytes no text file has): if it is a Word document, save it as .docx";

/// Whether a line is blank, non-breaking spaces and all.
fn blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
}

/// The bullet characters of plain-text exports (and Word's Symbol bullet,
/// U+F0B7, which a text export keeps).
const BULLETS: &[char] = &[
    '·', '•', '-', '–', '—', '*', '▪', '◦', '●', '○', '■', '\u{f0b7}', '\u{f0a7}', '➢',
];

/// A list item's marker and the rest: `· text`, `o text`, `1. text`.
pub fn item(text: &str) -> Option<(Option<u32>, &str)> {
    let t = text.trim_start();
    let mut chars = t.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    if BULLETS.contains(&first) && rest.starts_with([' ', '\t', '\u{a0}']) {
        return Some((None, rest.trim_start_matches([' ', '\t', '\u{a0}'])));
    }
    if first == 'o'
        && rest.starts_with(['\t', ' '])
        && rest.trim_start().starts_with(char::is_uppercase)
    {
        return Some((None, rest.trim_start()));
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let after = &t[digits..];
        if let Some(rest) = after.strip_prefix(['.', ')'])
            && rest.starts_with([' ', '\t'])
        {
            return Some((t[..digits].parse().ok(), rest.trim_start()));
        }
    }
    None
}

fn text_lines(text: &str) -> Vec<Line> {
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let raw = raw.trim_end();
            if blank(raw) {
                return Line {
                    plain: String::new(),
                    markdown: String::new(),
                    hint: Hint::Blank,
                    line,
                };
            }
            let (hint, words) = match item(raw) {
                Some((number, rest)) => (Hint::Item { number }, rest),
                None => (Hint::Plain, raw.trim()),
            };
            let words = words.replace('\u{a0}', " ");
            Line {
                markdown: inline(&words),
                plain: words,
                hint,
                line,
            }
        })
        .collect()
}

/// Markdown kept as written (`markdown` is each line as it is): headings
/// and items are noted so that facts can be found in them.
fn markdown_lines(text: &str) -> Vec<Line> {
    let mut fenced = false;
    // Front-matter another tool wrote is left out, but for its title,
    // which stands where the document's first line would.
    let front = if text.starts_with("---\n") {
        text.split('\n')
            .skip(1)
            .position(|l| l.trim_end() == "---")
            .map(|n| n + 2)
    } else {
        None
    };
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| {
            if front.is_some_and(|end| i < end) {
                let title = raw
                    .strip_prefix("title:")
                    .map(|t| t.trim().trim_matches(['"', '\'']).to_string())
                    .filter(|t| !t.is_empty());
                return Line {
                    markdown: String::new(),
                    hint: if title.is_some() {
                        Hint::Heading(1)
                    } else {
                        Hint::Blank
                    },
                    plain: title.unwrap_or_default(),
                    line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                };
            }
            let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let raw = raw.trim_end();
            let trimmed = raw.trim_start();
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                fenced = !fenced;
            }
            let hashes = trimmed.chars().take_while(|c| *c == '#').count();
            let (hint, plain) =
                if fenced || trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                    (Hint::Verbatim, raw.to_string())
                } else if blank(raw) {
                    (Hint::Blank, String::new())
                } else if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
                    (
                        Hint::Heading(hashes as u8),
                        trimmed[hashes..]
                            .trim()
                            .trim_end_matches('#')
                            .trim()
                            .to_string(),
                    )
                } else if let Some(rest) = ["- ", "* ", "+ "]
                    .iter()
                    .find_map(|m| trimmed.strip_prefix(m))
                {
                    (Hint::Item { number: None }, rest.to_string())
                } else {
                    (Hint::Verbatim, raw.to_string())
                };
            Line {
                plain: strip_markdown(&plain),
                markdown: raw.to_string(),
                hint,
                line,
            }
        })
        .collect()
}

/// Markdown's emphasis and link brackets taken out, for finding facts.
fn strip_markdown(text: &str) -> String {
    text.replace("**", "").replace("__", "")
}

/// Plain text as Markdown that shows the same words: the characters
/// Markdown would read as formatting escaped, and web and email addresses
/// made links.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let core = word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        let tail = &word[core.len()..];
        let lead = core.len() - core.trim_start_matches('(').len();
        let (open, core) = core.split_at(lead);
        let lower = core.to_ascii_lowercase();
        // What an autolink `<…>` or a link's `(…)` can hold as it is.
        let plain_url = !core.contains(|c: char| {
            c.is_whitespace() || c.is_control() || "<>\"\\`{}|^()[]".contains(c)
        });
        let url = (lower.starts_with("http://") || lower.starts_with("https://"))
            && core.len() > 8
            && plain_url;
        let www = lower.starts_with("www.") && core[4..].contains('.') && plain_url;
        let email = is_email(core);
        if url || email {
            out.push_str(open);
            out.push('<');
            out.push_str(core);
            out.push('>');
            out.push_str(tail);
        } else if www {
            out.push_str(open);
            out.push_str(&format!("[{}](http://{core})", escape(core)));
            out.push_str(tail);
        } else {
            out.push_str(&escape(word));
        }
    }
    // A line that would start a Markdown block (a list, a rule, a
    // setext underline) stays a paragraph.
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    }
    // "2019. The year" would be a list that starts at 2019.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

fn is_email(word: &str) -> bool {
    let Some((user, host)) = word.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && user
            .chars()
            .chain(host.chars())
            .all(|c| c.is_alphanumeric() || "._-+".contains(c))
}

/// Escapes what Markdown reads as formatting in plain text (entities,
/// strikethrough, a heading's closing `#` and `{#id}` attributes too).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '|' | '&' | '~' | '#' | '{' | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Word document's paragraphs and tables.
fn word(bytes: &[u8]) -> Result<Document, String> {
    if !bytes.starts_with(b"PK") {
        return Err("it is not a Word document (.docx files are zip archives, and this is not one): save it again from Word as .docx".into());
    }
    check_document_xml(bytes)?;
    // The reader is a crate's: if it fails on a damaged file in a way its
    // authors did not foresee, this file is not imported and the rest are.
    let docx = std::panic::catch_unwind(|| docx_rs::read_docx(bytes))
        .map_err(|_| "it could not be read as a Word document (it may be damaged): open it in Word and save it again as .docx".to_string())?
        .map_err(|e| format!("it could not be read as a Word document ({e}): open it in Word and save it again as .docx"))?;
    let links: std::collections::HashMap<&str, &str> = docx
        .hyperlinks
        .iter()
        .map(|(id, path, _)| (id.as_str(), path.as_str()))
        .collect();
    let mut lines = Vec::new();
    let mut number = 0u32;
    for child in &docx.document.children {
        number += 1;
        match child {
            docx_rs::DocumentChild::Paragraph(p) => lines.push(paragraph(p, &links, number)),
            docx_rs::DocumentChild::Table(t) => lines.push(table(t, &links, number)),
            _ => {}
        }
    }
    Ok(Document {
        lines,
        encoding: None,
    })
}

/// The deepest nesting of elements a document may have: docx-rs reads
/// nested tables by recursion, so a document nested thousands deep would
/// overflow the stack (which no `catch_unwind` catches). Real documents
/// nest a few dozen deep.
const MAX_XML_DEPTH: usize = 256;

/// The largest `word/document.xml` read (a zip bomb unpacks to far more).
const MAX_XML_BYTES: u64 = 64 << 20;

/// Refuses a Word document whose main part is too large or nests too
/// deep for the reader, before the reader sees it.
fn check_document_xml(bytes: &[u8]) -> Result<(), String> {
    let damaged = |e: &dyn std::fmt::Display| {
        format!(
            "it could not be read as a Word document ({e}): open it in Word and save it again as .docx"
        )
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let mut part = archive
        .by_name("word/document.xml")
        .map_err(|_| damaged(&"it has no word/document.xml"))?;
    if part.size() > MAX_XML_BYTES {
        return Err(format!(
            "its text is {} MB unpacked, more than import reads ({} MB): save it in parts",
            part.size() >> 20,
            MAX_XML_BYTES >> 20
        ));
    }
    let mut xml = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut part, MAX_XML_BYTES + 1),
        &mut xml,
    )
    .map_err(|e| damaged(&e))?;
    if xml_depth(&xml) > MAX_XML_DEPTH {
        return Err(format!(
            "it nests tables or other parts more than {MAX_XML_DEPTH} deep, which no real document does: open it in Word and save it again as .docx"
        ));
    }
    Ok(())
}

/// How deep elements nest in `xml`, counted from its tags: `<a>` opens,
/// `</a>` closes, `<a/>`, `<?…?>` and `<!…>` do neither.
fn xml_depth(xml: &[u8]) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = xml[i..].iter().position(|&b| b == b'<') {
        let start = i + at;
        let end = xml[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(xml.len(), |n| start + n);
        match xml.get(start + 1) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b'?' | b'!') => {}
            _ if end > 0 && xml.get(end - 1) == Some(&b'/') => {}
            _ => {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        i = end.min(xml.len() - 1) + 1;
        if i >= xml.len() {
            break;
        }
    }
    deepest
}

/// Whether a run's bold or italic is on (`<w:b/>`, not `<w:b w:val="0"/>`).
fn on<T: serde::Serialize>(value: &Option<T>) -> bool {
    value
        .as_ref()
        .is_some_and(|v| serde_json::to_value(v).is_ok_and(|v| v != serde_json::Value::Bool(false)))
}

/// A paragraph's words and Markdown.
fn runs(
    children: &[docx_rs::ParagraphChild],
    links: &std::collections::HashMap<&str, &str>,
    plain: &mut String,
    md: &mut String,
) {
    for child in children {
        match child {
            docx_rs::ParagraphChild::Run(run) => {
                let mut text = String::new();
                for c in &run.children {
                    match c {
                        docx_rs::RunChild::Text(t) => text.push_str(&t.text),
                        docx_rs::RunChild::Tab(_)
                        | docx_rs::RunChild::Break(_)
                        | docx_rs::RunChild::CarriageReturn(_) => text.push(' '),
                        _ => {}
                    }
                }
                let text = text.replace('\u{a0}', " ");
                plain.push_str(&text);
                let p = &run.run_property;
                let marker = match (on(&p.bold), on(&p.italic)) {
                    (true, true) => "***",
                    (true, false) => "**",
                    (false, true) => "*",
                    (false, false) => "",
                };
                let trimmed = text.trim();
                if marker.is_empty() || trimmed.is_empty() {
                    md.push_str(&inline(&text));
                } else {
                    // Markdown emphasis must hug its words.
                    let lead = &text[..text.len() - text.trim_start().len()];
                    let trail = &text[text.trim_end().len()..];
                    md.push_str(lead);
                    md.push_str(marker);
                    md.push_str(&inline(trimmed));
                    md.push_str(marker);
                    md.push_str(trail);
                }
            }
            docx_rs::ParagraphChild::Hyperlink(h) => {
                let mut text = String::new();
                let mut inner = String::new();
                runs(&h.children, links, &mut text, &mut inner);
                plain.push_str(&text);
                let url = match &h.link {
                    docx_rs::HyperlinkData::External { rid, path } => links
                        .get(rid.as_str())
                        .copied()
                        .unwrap_or(path.as_str())
                        .to_string(),
                    docx_rs::HyperlinkData::Anchor { .. } => String::new(),
                };
                let safe = ["http://", "https://", "mailto:"]
                    .iter()
                    .any(|s| url.to_ascii_lowercase().starts_with(s));
                if safe && !url.contains([' ', '<', '>', '(', ')']) {
                    md.push_str(&format!("[{}]({url})", inner.trim()));
                } else {
                    md.push_str(&inner);
                }
            }
            docx_rs::ParagraphChild::Insert(ins) => {
                for c in &ins.children {
                    if let docx_rs::InsertChild::Run(run) = c {
                        runs(
                            &[docx_rs::ParagraphChild::Run(run.clone())],
                            links,
                            plain,
                            md,
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

fn paragraph(
    p: &docx_rs::Paragraph,
    links: &std::collections::HashMap<&str, &str>,
    line: u32,
) -> Line {
    let mut plain = String::new();
    let mut markdown = String::new();
    runs(&p.children, links, &mut plain, &mut markdown);
    let style = p
        .property
        .style
        .as_ref()
        .map(|s| s.val.to_ascii_lowercase().replace(' ', ""))
        .unwrap_or_default();
    let hint = if blank(&plain) {
        Hint::Blank
    } else if style == "title" {
        Hint::Heading(1)
    } else if let Some(level) = style
        .strip_prefix("heading")
        .and_then(|n| n.parse::<u8>().ok())
    {
        Hint::Heading(level.clamp(1, 6))
    } else if p.property.numbering_property.is_some() || style.contains("list") {
        Hint::Item { number: None }
    } else {
        match item(&plain) {
            Some((number, _)) => Hint::Item { number },
            None => Hint::Plain,
        }
    };
    if let Hint::Item { .. } = hint
        && let Some((_, rest)) = item(&plain)
    {
        plain = rest.to_string();
        if let Some((_, rest)) = item(&markdown) {
            markdown = rest.to_string();
        }
    }
    Line {
        plain: plain.trim().to_string(),
        markdown: markdown.trim().to_string(),
        hint,
        line,
    }
}

/// A table as a Markdown table: the first row its head.
fn table(t: &docx_rs::Table, links: &std::collections::HashMap<&str, &str>, line: u32) -> Line {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut plain = String::new();
    for docx_rs::TableChild::TableRow(row) in &t.rows {
        let mut cells = Vec::new();
        for docx_rs::TableRowChild::TableCell(cell) in &row.cells {
            let mut text = Vec::new();
            for content in &cell.children {
                if let docx_rs::TableCellContent::Paragraph(p) = content {
                    let l = paragraph(p, links, line);
                    if !l.markdown.is_empty() {
                        text.push(l.markdown);
                        plain.push_str(&l.plain);
                        plain.push(' ');
                    }
                }
            }
            cells.push(text.join(" "));
        }
        rows.push(cells);
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut md = String::new();
    for (i, row) in rows.iter().enumerate() {
        md.push('|');
        for k in 0..width {
            md.push(' ');
            md.push_str(row.get(k).map_or("", String::as_str));
            md.push_str(" |");
        }
        md.push('\n');
        if i == 0 {
            md.push('|');
            md.push_str(&" --- |".repeat(width));
            md.push('\n');
        }
    }
    Line {
        plain: plain.trim().to_string(),
        markdown: md.trim_end().to_string(),
        hint: if rows.is_empty() {
            Hint::Blank
        } else {
            Hint::Table
        },
        line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_markers_of_plain_text_exports() {
        for (text, want) in [
            ("· Staff must", Some((None, "Staff must"))),
            ("•\tStaff must", Some((None, "Staff must"))),
            ("– Staff", Some((None, "Staff"))),
            ("o\tStaff", Some((None, "Staff"))),
            ("o Staff", Some((None, "Staff"))),
            ("1. First", Some((Some(1), "First"))),
            ("12) Twelfth", Some((Some(12), "Twelfth"))),
            ("> 5 children", None),
            ("on the day", None),
            ("-5 degrees", None),
            ("2019. A year", None),
        ] {
            assert_eq!(item(text), want, "{text}");
        }
    }

    #[test]
    fn plain_text_becomes_markdown_that_shows_the_same_words() {
        assert_eq!(
            inline("See http://staffnet/policies/x.doc, or mail head@example.org."),
            "See <http://staffnet/policies/x.doc>, or mail <head@example.org>."
        );
        assert_eq!(
            inline("a *star* and [x] <b>"),
            "a \\*star\\* and \\[x\\] \\<b\\>"
        );
        assert_eq!(inline("# not a heading"), "\\# not a heading");
        for (text, md) in [
            ("---", "\\---"),
            ("+\tplus", "\\+\tplus"),
            ("-", "\\-"),
            ("AT&amp;T ~~no~~", "AT\\&amp;T \\~\\~no\\~\\~"),
            ("Room # {#top}", "Room \\# \\{\\#top\\}"),
            (
                "https://example.org/>*bold*",
                "https://example.org/\\>\\*bold\\*",
            ),
            ("http://x<script>", "http://x\\<script\\>"),
            ("www.example.org/a)b", "www.example.org/a)b"),
        ] {
            assert_eq!(inline(text), md, "{text}");
        }
        assert_eq!(inline("2019. The year"), "2019\\. The year");
        assert_eq!(
            inline("(www.example.org)"),
            "([www.example.org](http://www.example.org))"
        );
    }

    #[test]
    fn markdown_front_matter_gives_only_its_title() {
        let doc = read(
            b"---\ntitle: \"Old: Policy\"\nweight: 3\n---\n\nText.\n".to_vec(),
            Kind::Markdown,
        )
        .unwrap();
        let kept: Vec<(&str, Hint)> = doc
            .lines
            .iter()
            .map(|l| (l.plain.as_str(), l.hint))
            .filter(|(p, _)| !p.is_empty())
            .collect();
        assert_eq!(
            kept,
            [("Old: Policy", Hint::Heading(1)), ("Text.", Hint::Verbatim)]
        );
        assert!(doc.lines.iter().all(|l| !l.markdown.contains("weight")));
    }

    #[test]
    fn xml_nesting_is_counted() {
        assert_eq!(xml_depth(b"<?xml?><a><b/><c>x</c></a>"), 2);
        assert_eq!(xml_depth(b"<a><a><a>"), 3);
        assert_eq!(xml_depth(b""), 0);
        assert_eq!(xml_depth(b"<"), 1);
        let deep = "<w:tbl><w:tr><w:tc>".repeat(2000);
        assert!(xml_depth(deep.as_bytes()) > MAX_XML_DEPTH);
    }

    #[test]
    fn text_is_decoded_however_it_was_saved() {
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Caf\u{e9}\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decode(utf16).unwrap(),
            ("Caf\u{e9}\n".to_string(), Some("UTF-16"))
        );
        assert_eq!(
            decode(b"Caf\xe9\r\n".to_vec()).unwrap(),
            ("Caf\u{e9}\n".to_string(), Some("Windows-1252"))
        );
        assert!(decode(vec![0, 1, 2, 3]).is_err());
        assert!(read(b"not a zip".to_vec(), Kind::Word).is_err());
        assert!(read(b"PK\x03\x04 broken".to_vec(), Kind::Word).is_err());
    }
}
