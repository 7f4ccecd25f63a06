//! The floor `scripts/bench` compares builds with: read every policy,
//! render its Markdown with pulldown-cmark and write one HTML file per
//! policy, on one thread, with nothing else (no front-matter, links,
//! templates or search). No generator can do less and still make pages.
//!
//!     cargo run --release --example floor -- HANDBOOK OUT

fn main() -> std::io::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let (Some(src), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: floor HANDBOOK OUT");
        std::process::exit(2);
    };
    let out = std::path::PathBuf::from(out);
    std::fs::create_dir_all(&out)?;
    let mut html = String::new();
    let mut n = 0;
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry?;
        // Policies only: policybook skips files starting with `_` too.
        let name = entry.file_name().to_string_lossy();
        if entry.path().extension().is_some_and(|x| x == "md") && !name.starts_with('_') {
            let text = std::fs::read_to_string(entry.path())?;
            html.clear();
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&text));
            std::fs::write(out.join(format!("{n}.html")), &html)?;
            n += 1;
        }
    }
    Ok(())
}
