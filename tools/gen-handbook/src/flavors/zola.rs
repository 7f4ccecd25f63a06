//! The policies as a Zola site: `config.toml` (with the search index on,
//! and broken internal links reported as warnings so that the planted
//! ones do not stop the build), a section per category sorted by title,
//! sub-folders as transparent sections that are not rendered, and
//! templates equivalent to the Hugo flavor's. Links to policies are `@/`
//! links, which Zola resolves and checks, anchors included.

use std::collections::BTreeSet;

use super::{categories, category_intro, home_intro};
use crate::front_matter::json;
use crate::output::Writer;
use crate::plan::Handbook;
use crate::schedule::{DUE_SOON_DAYS, add_days};
use crate::vocab::{HANDBOOK_TITLE, ORGANISATION, SITE_URL};
use crate::{Error, Options};

const TEMPLATES: [(&str, &str); 4] = [
    ("base.html", include_str!("templates/zola-base.html")),
    ("page.html", include_str!("templates/zola-page.html")),
    ("section.html", include_str!("templates/zola-section.html")),
    ("index.html", include_str!("templates/zola-index.html")),
];

pub fn write(out: &mut Writer, opts: &Options, handbook: &Handbook) -> Result<(), Error> {
    let number = |d: jiff::civil::Date| d.strftime("%Y%m%d").to_string();
    let config = format!(
        "base_url = \"{SITE_URL}\"\n\
         title = \"{HANDBOOK_TITLE}\"\n\
         default_language = \"en\"\n\
         compile_sass = false\n\
         build_search_index = true\n\
         generate_feeds = false\n\
         \n\
         [link_checker]\n\
         # the planted broken references are reported, not fatal\n\
         internal_level = \"warn\"\n\
         \n\
         [extra]\n\
         organisation = \"{ORGANISATION}\"\n\
         today_num = {}\n\
         due_soon_num = {}\n",
        number(opts.today),
        number(add_days(opts.today, DUE_SOON_DAYS))
    );
    out.write("config.toml", config.as_bytes())?;
    for (name, text) in TEMPLATES {
        out.write(&format!("templates/{name}"), text.as_bytes())?;
    }
    out.write("static/style.css", super::STYLE.as_bytes())?;
    let home = format!(
        "+++\ntitle = {}\n+++\n\n{}",
        json(HANDBOOK_TITLE),
        home_intro()
    );
    out.write("content/_index.md", home.as_bytes())?;
    for c in categories() {
        let page = format!(
            "+++\ntitle = {}\nsort_by = \"title\"\n+++\n\n{}",
            json(c.name),
            category_intro(c)
        );
        out.write(&format!("content/{}/_index.md", c.folder), page.as_bytes())?;
    }
    let subfolders: BTreeSet<&str> = handbook
        .policies
        .iter()
        .map(|p| p.folder())
        .filter(|f| f.contains('/'))
        .collect();
    for sub in subfolders {
        let name = sub.rsplit('/').next().unwrap_or(sub);
        let page = format!(
            "+++\ntitle = {}\ntransparent = true\nrender = false\n+++\n",
            json(name)
        );
        out.write(&format!("content/{sub}/_index.md"), page.as_bytes())?;
    }
    Ok(())
}
