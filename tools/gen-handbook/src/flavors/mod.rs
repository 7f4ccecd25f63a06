//! The files around the policies, for each flavor: configuration,
//! templates, index pages and assets. Every flavor carries the same
//! policies, prose and links, so that a build of each does comparable
//! work; drafts are left out of every build, retired policies are built.

mod hugo;
mod mdbook;
mod policybook;
mod zola;

use crate::plan::{Handbook, Policy};
use crate::vocab::{ASSETS, CATEGORIES, Category, ORGANISATION, capitalise, in_sentence};
use crate::{Error, Flavor, Options, output::Writer};

/// Where a flavor keeps its policies, from the output folder.
pub fn content_root(flavor: Flavor) -> &'static str {
    match flavor {
        Flavor::Policybook => "",
        Flavor::Hugo | Flavor::Zola => "content/",
        Flavor::Mdbook => "src/",
    }
}

/// Policy `p`'s file, from the output folder.
pub fn content_path(flavor: Flavor, p: &Policy) -> String {
    format!("{}{}", content_root(flavor), p.file)
}

/// Writes everything but the policies.
pub fn write_site(out: &mut Writer, opts: &Options, handbook: &Handbook) -> Result<(), Error> {
    let assets = match opts.flavor {
        Flavor::Policybook => {
            policybook::write(out)?;
            "assets"
        }
        Flavor::Hugo => {
            hugo::write(out, opts)?;
            "static/assets"
        }
        Flavor::Zola => {
            zola::write(out, opts, handbook)?;
            "static/assets"
        }
        Flavor::Mdbook => {
            mdbook::write(out, handbook)?;
            "src/assets"
        }
    };
    for (name, text) in ASSETS {
        let title = capitalise(text.trim_start_matches("the "));
        out.write(&format!("{assets}/forms/{name}"), &pdf(&title))?;
    }
    out.write(&format!("{assets}/images/logo.svg"), LOGO.as_bytes())
}

/// The text on the home page.
fn home_intro() -> String {
    format!(
        "The policies and procedures of {ORGANISATION}. Each one names the person or \
         role who owns it and the date by which it must next be reviewed.\n"
    )
}

/// The text on a category's page.
fn category_intro(c: &Category) -> String {
    format!(
        "Policies about {} at {ORGANISATION}, with their owners and review dates.\n",
        in_sentence(c.name)
    )
}

/// The categories in their usual order.
fn categories() -> impl Iterator<Item = &'static Category> {
    CATEGORIES.iter()
}

/// The style sheet of the Hugo and Zola sites.
const STYLE: &str = include_str!("templates/style.css");

const LOGO: &str = concat!(
    r##"<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40" viewBox="0 0 160 40">"##,
    r##"<rect width="160" height="40" rx="6" fill="#2b5f75"/>"##,
    r##"<text x="12" y="26" font-family="sans-serif" font-size="16" fill="#ffffff">Eastfield</text>"##,
    "</svg>\n"
);

/// A one-page PDF that shows `title`: small, but a valid file (its cross
/// reference table points at each object).
fn pdf(title: &str) -> Vec<u8> {
    let content = format!("BT /F1 20 Tf 72 760 Td ({title}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (n, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{body}\nendobj\n", n + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_pdf_cross_reference_table_points_at_its_objects() {
        let pdf = String::from_utf8(super::pdf("Incident form")).unwrap();
        let xref: usize = pdf
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(pdf[xref..].starts_with("xref\n0 6\n"));
        for (n, line) in pdf[xref..].lines().skip(3).take(5).enumerate() {
            let at: usize = line[..10].parse().unwrap();
            assert!(pdf[at..].starts_with(&format!("{} 0 obj", n + 1)), "{line}");
        }
    }
}
