//! What an import says it did, for the person who ran it: for each
//! document, the policy file written, every field inferred with the line
//! it came from, and every field left to do.

use super::Outcome;

impl Outcome {
    /// The summary as text (the command line escapes it for the terminal).
    pub fn text(&self) -> String {
        let mut out = String::new();
        let verb = if self.dry_run {
            "Would import"
        } else {
            "Imported"
        };
        let n = self.imported.len();
        out.push_str(&format!(
            "{verb} {n} document{} into {}{}\n",
            if n == 1 { "" } else { "s" },
            self.handbook.display(),
            if self.made_handbook {
                if self.dry_run {
                    " (a new handbook would be made there)"
                } else {
                    " (a new handbook, made there: review dates are required in it)"
                }
            } else {
                ""
            }
        ));
        for doc in &self.imported {
            out.push_str(&format!(
                "\n{}{}\n  from {}\n",
                doc.file,
                if doc.replaced { " (replaced)" } else { "" },
                doc.source
            ));
            for i in &doc.inferred {
                let at = if i.line > 0 {
                    format!("line {}: {}", i.line, shorten(&i.source))
                } else {
                    String::new()
                };
                out.push_str(&format!("  {:<13} {:<28} {at}\n", i.field, i.value));
                if let Some(note) = &i.note {
                    out.push_str(&format!("  {:<13} ({note})\n", ""));
                }
            }
            for t in &doc.todo {
                out.push_str(&format!("  {:<13} TODO: {}\n", t.field, t.why));
            }
            if self.dry_run {
                out.push_str("  --- the file would be:\n");
                for line in doc.text.lines() {
                    out.push_str(&format!("  | {line}\n"));
                }
            }
        }
        if !self.skipped.is_empty() {
            out.push('\n');
            out.push_str(&self.not_imported());
        }
        out
    }

    /// The documents that were not imported, with why (all that
    /// `--quiet` prints of the import); empty when every one was.
    pub fn not_imported(&self) -> String {
        let mut out = String::new();
        if !self.skipped.is_empty() {
            out.push_str(&format!("Not imported ({}):\n", self.skipped.len()));
            for s in &self.skipped {
                out.push_str(&format!("  {}: {}\n", s.source, s.why));
            }
        }
        out
    }
}

/// A source line short enough to sit beside its value.
fn shorten(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= 70 {
        format!("\"{text}\"")
    } else {
        let cut: String = text.chars().take(67).collect();
        format!("\"{}…\"", cut.trim_end())
    }
}
