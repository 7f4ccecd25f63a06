//! The policies as an mdBook book: `book.toml` (search on, as it is by
//! default), `src/SUMMARY.md` listing every policy but the drafts under
//! its category, and a `README.md` per category with a table of its
//! policies. The policies themselves start with a `# Title` line and an
//! owner / review date / status line instead of front-matter.

use std::fmt::Write as _;

use super::{categories, category_intro, home_intro};
use crate::Error;
use crate::output::Writer;
use crate::plan::{Handbook, Status};
use crate::render::relative;
use crate::vocab::{HANDBOOK_TITLE, ORGANISATION};

pub fn write(out: &mut Writer, handbook: &Handbook) -> Result<(), Error> {
    let book = format!(
        "[book]\n\
         title = \"{HANDBOOK_TITLE}\"\n\
         authors = [\"{ORGANISATION}\"]\n\
         language = \"en\"\n\
         src = \"src\"\n\
         \n\
         [output.html]\n\
         \n\
         [output.html.search]\n\
         enable = true\n"
    );
    out.write("book.toml", book.as_bytes())?;
    let home = format!("# {HANDBOOK_TITLE}\n\n{}", home_intro());
    out.write("src/README.md", home.as_bytes())?;
    let mut summary = String::from("# Summary\n\n[Introduction](README.md)\n\n");
    for c in categories() {
        let mut members: Vec<_> = handbook
            .policies
            .iter()
            .filter(|p| p.category.folder == c.folder && p.status != Status::Draft)
            .collect();
        members.sort_by(|a, b| a.title.cmp(&b.title));
        let _ = writeln!(summary, "- [{}]({}/README.md)", c.name, c.folder);
        let mut page = format!(
            "# {}\n\n{}\n| Policy | Owner | Review by | Status |\n| --- | --- | --- | --- |\n",
            c.name,
            category_intro(c)
        );
        for p in members {
            let _ = writeln!(summary, "  - [{}]({})", p.title, p.file);
            let _ = writeln!(
                page,
                "| [{}]({}) | {} | {} | {} |",
                p.title,
                relative(&p.file, c.folder),
                p.owner,
                p.review_by,
                p.status.as_str()
            );
        }
        out.write(&format!("src/{}/README.md", c.folder), page.as_bytes())?;
    }
    out.write("src/SUMMARY.md", summary.as_bytes())
}
