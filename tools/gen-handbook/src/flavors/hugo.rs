//! The policies as a Hugo site: `config.toml`, a section per category
//! (`content/<category>/_index.md`), and layouts that show each policy's
//! owner, review date and status badge, its related policies (looked up
//! with `site.GetPage`) and its tags, and list a category's policies in a
//! table. A render hook resolves every relative `.md` link to its page and
//! warns about each one that is missing.

use super::{categories, category_intro, home_intro};
use crate::front_matter::yaml_str;
use crate::output::Writer;
use crate::schedule::DUE_SOON_DAYS;
use crate::vocab::{HANDBOOK_TITLE, ORGANISATION, SITE_URL};
use crate::{Error, Options};

const LAYOUTS: [(&str, &str); 4] = [
    ("baseof.html", include_str!("templates/hugo-baseof.html")),
    ("single.html", include_str!("templates/hugo-single.html")),
    ("list.html", include_str!("templates/hugo-list.html")),
    (
        "_markup/render-link.html",
        include_str!("templates/hugo-render-link.html"),
    ),
];

pub fn write(out: &mut Writer, opts: &Options) -> Result<(), Error> {
    let config = format!(
        "baseURL = \"{SITE_URL}/\"\n\
         title = \"{HANDBOOK_TITLE}\"\n\
         languageCode = \"en-gb\"\n\
         disableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n\
         \n\
         [params]\n\
         organisation = \"{ORGANISATION}\"\n\
         today = \"{}\"\n\
         due_soon_days = {DUE_SOON_DAYS}\n",
        opts.today
    );
    out.write("config.toml", config.as_bytes())?;
    for (name, text) in LAYOUTS {
        out.write(&format!("layouts/_default/{name}"), text.as_bytes())?;
    }
    out.write("static/style.css", super::STYLE.as_bytes())?;
    let home = format!("---\ntitle: {HANDBOOK_TITLE}\n---\n\n{}", home_intro());
    out.write("content/_index.md", home.as_bytes())?;
    for c in categories() {
        let page = format!(
            "---\ntitle: {}\n---\n\n{}",
            yaml_str(c.name),
            category_intro(c)
        );
        out.write(&format!("content/{}/_index.md", c.folder), page.as_bytes())?;
    }
    Ok(())
}
