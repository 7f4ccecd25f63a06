//! `policybook serve`: start it on a free port over a copy of a fixture,
//! change files, and watch the preview follow.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
    base: String,
    /// What it prints on stdout after its address, line by line.
    stdout: std::sync::mpsc::Receiver<String>,
}

impl Server {
    fn start(handbook: &Path, extra: &[&str]) -> Server {
        Server::start_with_env(handbook, extra, &[])
    }

    /// Starts `serve` with these environment variables set too.
    fn start_with_env(handbook: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_policybook"))
            .args([
                "serve",
                handbook.to_str().unwrap(),
                "--port",
                "0",
                "--today",
                TODAY,
            ])
            .args(extra)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("serve prints its address");
        let url = line
            .split(" at http://")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap();
        let (addr, base) = url.split_at(url.find('/').unwrap());
        Server {
            child,
            addr: addr.to_string(),
            base: base.to_string(),
            stdout: rx,
        }
    }

    /// The lines printed on stdout within `wait` (after the address).
    fn printed(&self, wait: Duration) -> Vec<String> {
        let until = Instant::now() + wait;
        let mut lines = Vec::new();
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            match self.stdout.recv_timeout(left) {
                Ok(line) => lines.push(line),
                Err(_) => break,
            }
        }
        lines
    }

    /// Stops the server (as dropping it does); what it wrote to stderr.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut err = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            let _ = stderr.read_to_string(&mut err);
        }
        err
    }

    /// GET a raw path; returns the status code and body.
    fn get(&self, path: &str) -> (u16, String) {
        self.get_as(&self.addr, path)
    }

    /// GET a raw path with this `Host` header.
    fn get_as(&self, host: &str, path: &str) -> (u16, String) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).to_string();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    fn page(&self, rel: &str) -> (u16, String) {
        // As a browser asks for it (a redirect's old path may hold spaces).
        self.get(&format!("{}{}", self.base, rel.replace(' ', "%20")))
    }

    /// Opens the reload event stream.
    fn events(&self) -> Events {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        write!(
            s,
            "GET {}__policybook/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.base, self.addr
        )
        .unwrap();
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut e = Events {
            stream: s,
            seen: String::new(),
        };
        // Wait until the stream is open (headers received).
        e.wait_for("\r\n\r\n", Duration::from_secs(5));
        e
    }

    /// Polls `rel` until its body satisfies `ok`, for up to 10 seconds.
    fn wait_page(&self, rel: &str, ok: impl Fn(u16, &str) -> bool) -> (u16, String) {
        let start = Instant::now();
        loop {
            let (code, body) = self.page(rel);
            if ok(code, &body) || start.elapsed() > Duration::from_secs(10) {
                return (code, body);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn wait_for(&mut self, what: &str, timeout: Duration) -> bool {
        let start = Instant::now();
        let mut buf = [0u8; 4096];
        while start.elapsed() < timeout {
            if let Some(i) = self.seen.find(what) {
                self.seen.drain(..i + what.len());
                return true;
            }
            match self.stream.read(&mut buf) {
                Ok(0) => return false,
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(_) => {}
            }
        }
        false
    }

    fn reload(&mut self) -> bool {
        self.wait_for("event: reload", Duration::from_secs(10))
    }
}

fn handbook_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    copy_tree(Path::new(&fixture(name)), &hb);
    (dir, hb)
}

fn listing(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn an_edit_reloads_the_page_with_the_new_content() {
    let (_dir, hb) = handbook_copy("clean");
    let before = listing(&hb);
    let server = Server::start(&hb, &[]);
    let (code, body) = server.page("policies/only.html");
    assert_eq!(code, 200);
    assert!(body.contains("<h1>Only Policy</h1>"));
    assert!(
        body.contains("__policybook/live.js"),
        "the live-reload script is injected"
    );
    let mut events = server.events();
    let started = Instant::now();
    let path = hb.join("policies/only.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("title: Only Policy", "title: Only Policy, Edited"),
    )
    .unwrap();
    assert!(events.reload(), "a reload event arrives");
    let took = started.elapsed();
    let (_, body) = server.page("policies/only.html");
    assert!(body.contains("<h1>Only Policy, Edited</h1>"), "{body}");
    eprintln!("save to reload event: {} ms", took.as_millis());
    // An editor's atomic save: write a temporary file, then rename it over.
    let tmp = hb.join("policies/.only.md.swp");
    std::fs::write(
        &tmp,
        text.replace("title: Only Policy", "title: Saved Atomically"),
    )
    .unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    assert!(events.reload());
    let (_, body) = server.wait_page("policies/only.html", |_, b| b.contains("Saved Atomically"));
    assert!(body.contains("<h1>Saved Atomically</h1>"));
    // Search answers from what was last saved.
    let (_, manifest) = server.page("search/manifest.js");
    let manifest = policybook::site::search::encode::read_file(manifest.as_bytes()).unwrap();
    let manifest = String::from_utf8(manifest).unwrap();
    assert!(manifest.contains("\"pages\":2"), "{manifest}");
    // serve wrote nothing into the handbook.
    assert_eq!(listing(&hb), before);
}

#[test]
fn broken_front_matter_shows_an_overlay_until_it_is_fixed() {
    let (_dir, hb) = handbook_copy("clean");
    let server = Server::start(&hb, &[]);
    let mut events = server.events();
    let path = hb.join("policies/second.md");
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, "---\ntitle: [unclosed\nowner: x\n---\nText\n").unwrap();
    assert!(events.reload());
    let (_, status) = server.wait_page("__policybook/status.json", |_, b| {
        b.contains("\"blocking\":[{")
    });
    assert!(
        status.contains("\"file\":\"policies/second.md\""),
        "{status}"
    );
    assert!(status.contains("not valid YAML"), "{status}");
    // The server keeps serving the rest, and the broken policy's last good
    // page under the overlay (not "Page not found").
    assert_eq!(server.page("policies/only.html").0, 200);
    let (code, page) = server.page("policies/second.html");
    assert_eq!(code, 200, "{page}");
    assert!(!page.contains("Page not found"), "{page}");
    // Still so after an edit to another policy.
    let other = hb.join("policies/only.md");
    let text = std::fs::read_to_string(&other).unwrap();
    std::fs::write(&other, format!("{text}\nMore.\n")).unwrap();
    assert!(events.reload());
    assert_eq!(server.page("policies/second.html").0, 200);
    std::fs::write(&path, good).unwrap();
    assert!(events.reload());
    let (_, status) = server.wait_page("__policybook/status.json", |_, b| {
        b.contains("\"blocking\":[]")
    });
    assert!(status.contains("\"blocking\":[]"), "{status}");
}

#[test]
fn deleted_renamed_and_new_policies_and_folders() {
    let (_dir, hb) = handbook_copy("clean");
    let server = Server::start(&hb, &[]);
    std::fs::remove_file(hb.join("policies/second.md")).unwrap();
    let (code, _) = server.wait_page("policies/second.html", |c, _| c == 404);
    assert_eq!(code, 404);
    let (_, only) = server.page("policies/only.html");
    assert!(
        only.contains("class=\"broken-ref\""),
        "the link to the deleted policy is marked"
    );
    std::fs::rename(hb.join("policies/only.md"), hb.join("policies/first.md")).unwrap();
    let (code, _) = server.wait_page("policies/first.html", |c, _| c == 200);
    assert_eq!(code, 200);
    assert_eq!(server.page("policies/only.html").0, 404);
    std::fs::create_dir_all(hb.join("new-folder")).unwrap();
    std::fs::write(
        hb.join("new-folder/fresh.md"),
        "---\ntitle: Fresh\nowner: Me\nreview_by: 2030-01-01\n---\nHi\n",
    )
    .unwrap();
    let (code, body) = server.wait_page("policies/fresh.html", |c, _| c == 200);
    assert_eq!(code, 200, "{body}");
    // Like an editor, wait a moment before deleting what was just made
    // (the watcher's debouncer cancels a create and a delete that land in
    // one burst, which is right for editors' temporary files).
    std::thread::sleep(Duration::from_millis(300));
    std::fs::remove_dir_all(hb.join("new-folder")).unwrap();
    let (code, _) = server.wait_page("policies/fresh.html", |c, _| c == 404);
    assert_eq!(code, 404);
}

#[test]
fn nothing_outside_the_site_is_served() {
    let (_dir, hb) = handbook_copy("clean");
    let server = Server::start(&hb, &[]);
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/policies/../../Cargo.toml",
        "/policies/%2e%2e/%2e%2e/x",
    ] {
        let (code, _) = server.get(path);
        assert!(code == 400 || code == 404, "{path}: {code}");
    }
    assert_eq!(server.get("/handbook.yaml").0, 404);
    assert_eq!(server.get("/policies/only.md").0, 404);
    let (code, body) = server.get("/no/such/page.html");
    assert_eq!(code, 404);
    assert!(body.contains("Page not found"));
}

#[test]
fn serves_under_base_url() {
    let (_dir, hb) = handbook_copy("clean");
    let server = Server::start(&hb, &["--base-url", "/intranet/policies/"]);
    assert_eq!(server.base, "/intranet/policies/");
    assert_eq!(server.get("/").0, 302);
    assert_eq!(server.get("/intranet/policies").0, 302);
    assert_eq!(server.get("/intranet/policies/").0, 200);
    assert_eq!(server.get("/intranet/policies/policies/only.html").0, 200);
    assert_eq!(server.get("/policies/only.html").0, 404);
    assert_eq!(server.get("/intranet/policies/search/manifest.js").0, 200);
}

#[test]
fn ctrl_c_stops_cleanly() {
    let (_dir, hb) = handbook_copy("clean");
    let mut server = Server::start(&hb, &[]);
    let pid = server.child.id().to_string();
    let status = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(status.success());
    let start = Instant::now();
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert_eq!(status.code(), Some(0));
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "serve did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let r = run(&["serve", &fixture("clean"), "--port", &port]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("already in use"), "{}", r.stderr);
    let r = run(&["serve", &fixture("no-such-folder")]);
    assert_eq!(r.code, 2);
}

/// The served pages, without the injected live-reload script.
fn served_html(server: &Server, rel: &str) -> String {
    let (code, body) = server.page(rel);
    assert_eq!(code, 200, "{rel}");
    let start = body
        .rfind("<script src=\"")
        .filter(|&i| body[i..].contains("__policybook/live.js"));
    match start {
        Some(i) => {
            let end = i + body[i..].find("</script>").unwrap() + "</script>".len();
            format!("{}{}", &body[..i], &body[end..])
        }
        None => body,
    }
}

/// Every page the preview serves is the page `build` would write for the
/// same files: incremental rebuilds miss nothing.
fn assert_same_as_build(server: &Server, hb: &Path) {
    let (_dir, site, r) = build(hb.to_str().unwrap(), &["--drafts"]);
    assert!(r.code <= 1, "{}", r.stderr);
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(&site)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // The pages, and the schedule's files beside them.
        if ![".html", ".csv", ".ics"]
            .iter()
            .any(|ext| rel.ends_with(ext))
        {
            continue;
        }
        let built = std::fs::read_to_string(entry.path()).unwrap();
        // A rebuild may still be on its way (one save can make two bursts
        // of events): give it a moment before calling a page wrong.
        let started = Instant::now();
        let mut served = served_html(server, &rel);
        while served != built && started.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(100));
            served = served_html(server, &rel);
        }
        assert!(
            built == served,
            "{rel} differs from a fresh build:\n--- built\n{built}\n--- served\n{served}"
        );
        pages += 1;
    }
    // And nothing is served that a build would not write.
    for candidate in [
        "policies/gone.html",
        "categories/new-category.html",
        "owners/caretaker.html",
        "owners/caretaker.ics",
    ] {
        if !site.join(candidate).exists() {
            assert_eq!(server.page(candidate).0, 404, "{candidate} is stale");
        }
    }
    assert!(pages > 10);
}

fn search_titles(server: &Server, q: &str) -> Vec<String> {
    let url = format!("http://{}{}", server.addr, server.base);
    titles(&search(&url, &[q])[0])
}

#[test]
fn incremental_rebuilds_match_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    copy_tree(Path::new(&sample()), &hb);
    let server = Server::start(&hb, &[]);
    let mut events = server.events();
    assert_same_as_build(&server, &hb);
    let edit = |rel: &str, from: &str, to: &str| {
        let path = hb.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    // A title that other pages show (wiki links, listings, Referenced by).
    edit(
        "data-protection/confidentiality.md",
        "title: Confidentiality",
        "title: Confidentiality and Discretion",
    );
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    // A body edit that adds a word search must find.
    assert!(search_titles(&server, "zebrafish").is_empty());
    edit(
        "people/lone-working.md",
        "\n## ",
        "\nZebrafish tanks are cleaned by two people.\n\n## ",
    );
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    assert_eq!(search_titles(&server, "zebrafish"), ["Lone Working"]);
    // A new category changes the sidebar of every page.
    edit(
        "people/whistleblowing.md",
        "category: Safeguarding",
        "category: New Category",
    );
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    // A review date that moves a policy between review months and buckets.
    edit(
        "health-and-safety/first-aid.md",
        "review_by: 2026-12-10",
        "review_by: 2027-06-30",
    );
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    // A policy that replaces another retires it (its banner, its
    // listings, its search result), then brings it back.
    edit(
        "health-and-safety/first-aid.md",
        "\n---\n",
        "\nsupersedes: medication\n---\n",
    );
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    edit(
        "health-and-safety/first-aid.md",
        "\nsupersedes: medication\n---\n",
        "\n---\n",
    );
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    // A new owner, whose page and calendar come, then go.
    let owner = |text: &str| format!("owner: {text}\n");
    let was = std::fs::read_to_string(hb.join("people/whistleblowing.md")).unwrap();
    let was_owner = was
        .lines()
        .find(|l| l.starts_with("owner:"))
        .unwrap()
        .to_string();
    edit(
        "people/whistleblowing.md",
        &format!("{was_owner}\n"),
        &owner("Caretaker"),
    );
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    assert_eq!(server.page("owners/caretaker.ics").0, 200);
    edit(
        "people/whistleblowing.md",
        &owner("Caretaker"),
        &format!("{was_owner}\n"),
    );
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    // A duplicate id moves the other policy's page to `-2`, and back.
    std::fs::write(
        hb.join("people/dup.md"),
        "---\ntitle: Aardvark Duplicate\nid: complaints\nowner: Centre Manager\nreview_by: 2030-01-01\n---\nSee [[photography-and-images]].\n",
    )
    .unwrap();
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    edit(
        "people/dup.md",
        "id: complaints",
        "id: photograpy-and-images",
    );
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    edit("people/dup.md", "id: photograpy-and-images", "id: aardvark");
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    // A new policy linking to an existing one, then a deleted one.
    std::fs::write(
        hb.join("people/gone.md"),
        "---\ntitle: Gone Soon\nowner: Centre Manager\nreview_by: 2030-01-01\n---\nSee [[lone-working]].\n",
    )
    .unwrap();
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    assert_eq!(search_titles(&server, "gone soon"), ["Gone Soon"]);
    std::thread::sleep(Duration::from_millis(300));
    std::fs::remove_file(hb.join("people/lone-working.md")).unwrap();
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    assert!(search_titles(&server, "zebrafish").is_empty());
}

#[test]
fn settings_theme_and_asset_changes_rebuild_everything() {
    let (_dir, hb) = handbook_copy("clean");
    let server = Server::start(&hb, &[]);
    let mut events = server.events();
    // handbook.yaml: the title on every page.
    std::fs::write(hb.join("handbook.yaml"), "title: Renamed Handbook\n").unwrap();
    assert!(events.reload());
    let (_, page) = server.wait_page("policies/only.html", |_, b| b.contains("Renamed Handbook"));
    assert!(page.contains("Renamed Handbook"), "{page}");
    // A folder's defaults: the owner of the policies in it.
    std::fs::write(hb.join("policies/_folder.yaml"), "category: Shared Rules\n").unwrap();
    assert!(events.reload());
    let (_, page) = server.wait_page("policies/only.html", |_, b| b.contains("Shared Rules"));
    assert!(
        page.contains("category is set in policies/_folder.yaml"),
        "{page}"
    );
    assert_same_as_build(&server, &hb);
    // A theme file.
    std::fs::create_dir_all(hb.join("themes/default/static")).unwrap();
    std::fs::write(
        hb.join("themes/default/static/style.css"),
        "body { color: teal; }",
    )
    .unwrap();
    assert!(events.reload());
    let (_, css) = server.wait_page("static/style.css", |_, b| b.contains("teal"));
    assert_eq!(css, "body { color: teal; }");
    // A new asset, and a link to it that was broken and now works.
    std::fs::write(
        hb.join("policies/second.md"),
        "---\ntitle: Second\nowner: Manager\nreview_by: 2030-01-01\n---\n## Detail\n\n[form](../assets/form.pdf)\n",
    )
    .unwrap();
    assert!(events.reload());
    let (_, page) = server.wait_page("policies/second.html", |_, b| b.contains("broken-ref"));
    assert!(page.contains("broken-ref"), "the missing asset is marked");
    std::fs::create_dir_all(hb.join("assets")).unwrap();
    std::fs::write(hb.join("assets/form.pdf"), "%PDF-1.4").unwrap();
    let (code, _) = server.wait_page("assets/form.pdf", |c, _| c == 200);
    assert_eq!(code, 200);
    let (_, page) = server.wait_page("policies/second.html", |_, b| !b.contains("broken-ref"));
    assert!(page.contains("href=\"../assets/form.pdf\""), "{page}");
}

#[test]
fn listening_beyond_this_computer_is_warned_about() {
    let (_dir, hb) = handbook_copy("clean");
    let mut child = Command::new(env!("CARGO_BIN_EXE_policybook"))
        .args([
            "serve",
            hb.to_str().unwrap(),
            "--port",
            "0",
            "--bind",
            "0.0.0.0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("Serving"), "{line}");
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let _ = child.wait();
    assert!(stderr.contains("visible to other computers"), "{stderr}");
}

#[test]
fn a_listing_that_gets_shorter_loses_its_last_page() {
    let (_dir, hb) = paged_handbook(101, |_| "2030-01-01".to_string());
    let server = Server::start(&hb, &[]);
    let mut events = server.events();
    assert_eq!(server.page("categories/finance/2.html").0, 200);
    assert_same_as_build(&server, &hb);
    // A new owner and title take one policy off two long lists (the
    // categories, and so every page's sidebar, stay as they are).
    std::fs::write(
        hb.join("finance/p100.md"),
        "---\ntitle: Zebra Crossings\nowner: Treasurer\nreview_by: 2030-01-01\n---\nText.\n",
    )
    .unwrap();
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    for stale in ["owners/finance-manager/2.html", "a-z/p/2.html"] {
        assert_eq!(server.page(stale).0, 404, "{stale}");
    }
}

/// `--open` hands the preview's address to the system's opener
/// (`xdg-open` on Linux and the BSDs; macOS's `open` is not stood in for):
/// a stand-in on PATH notes what it was given.
#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn open_hands_the_preview_address_to_the_browser() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, hb) = handbook_copy("clean");
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let opened = dir.path().join("opened.txt");
    let opener = bin.join("xdg-open");
    std::fs::write(
        &opener,
        // Written aside, then moved, so that the test never reads it half written.
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > '{0}.part' && mv '{0}.part' '{0}'\n",
            opened.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let server = Server::start_with_env(&hb, &["--open"], &[("PATH", &path)]);
    let start = Instant::now();
    while !opened.exists() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let url = std::fs::read_to_string(&opened).expect("--open ran the opener");
    assert_eq!(url, format!("http://{}{}", server.addr, server.base));
    let (code, body) = server.page("index.html");
    assert_eq!(code, 200);
    assert!(body.contains("<html"), "{body}");

    // With no opener to run, the preview still starts and says so.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let server = Server::start_with_env(&hb, &["--open"], &[("PATH", empty.to_str().unwrap())]);
    assert_eq!(server.page("index.html").0, 200);
    let stderr = server.stop();
    assert!(
        stderr.contains("could not open a browser; open http://"),
        "{stderr}"
    );

    // An opener that finds no browser and says so at length: one line.
    std::fs::write(
        &opener,
        "#!/bin/sh
for i in 1 2 3 4 5 6 7; do echo \"xdg-open: no method available $i\" >&2; done\nexit 3\n",
    )
    .unwrap();
    let server = Server::start_with_env(&hb, &["--open"], &[("PATH", &path)]);
    assert_eq!(server.page("index.html").0, 200);
    std::thread::sleep(Duration::from_millis(300));
    let stderr = server.stop();
    assert!(!stderr.contains("no method available"), "{stderr}");
    assert_eq!(
        stderr
            .matches("could not open a browser; open http://")
            .count(),
        1,
        "{stderr}"
    );
}

/// On starting, serve lists the handbook's problems on the terminal (not
/// only a count of them).
#[test]
fn serve_lists_the_problems_it_starts_with() {
    let server = Server::start(Path::new(&sample()), &[]);
    let printed = server.printed(Duration::from_millis(1500)).join("\n");
    assert!(
        printed.contains("error: people/lone-working.md:9: review was due on 2026-09-30"),
        "{printed}"
    );
    assert!(
        printed.contains("warning: health-and-safety/first-aid.md:9: review is due on"),
        "{printed}"
    );
    assert!(!printed.contains("other problem"), "{printed}");
}

/// Every page sees `site.categories`; serve renders every page again when
/// the list changes. It must hold nothing that can change without it: a
/// sidebar that prints every field of every category stays the same as a
/// fresh build when an edit makes a policy overdue.
#[test]
fn a_sidebar_printing_every_category_field_follows_a_review_date_edit() {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    copy_tree(Path::new(&sample()), &hb);
    let partial = hb.join("themes/default/templates/partials/sidebar.html");
    std::fs::create_dir_all(partial.parent().unwrap()).unwrap();
    std::fs::write(
        &partial,
        "<nav>{% for c in site.categories %}{% for k, v in c %}{{ k }}={{ v }};{% endfor %}{% endfor %}</nav>",
    )
    .unwrap();
    let server = Server::start(&hb, &[]);
    let mut events = server.events();
    assert_same_as_build(&server, &hb);
    let path = hb.join("health-and-safety/first-aid.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("review_by: 2026-12-10"), "{text}");
    std::fs::write(
        &path,
        text.replacen("review_by: 2026-12-10", "review_by: 2020-01-01", 1),
    )
    .unwrap();
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
}

/// A page on another site whose name points at 127.0.0.1 (DNS rebinding)
/// gets nothing; and a connection that never finishes its headers is
/// closed.
#[test]
fn only_local_names_are_answered_and_slow_headers_are_cut_off() {
    let server = Server::start(Path::new(&sample()), &[]);
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "LOCALHOST".to_string(),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(server.get_as(&host, &server.base).0, 200, "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        "localhost.evil.example".to_string(),
        "127.0.0.1.nip.io".to_string(),
    ] {
        let (code, body) =
            server.get_as(&host, &format!("{}__policybook/status.json", server.base));
        assert_eq!(code, 421, "{host}");
        assert!(!body.contains("lone-working"), "{host}: {body}");
    }
    // Headers begun and never finished: the server hangs up.
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").unwrap();
    let started = Instant::now();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let waited = started.elapsed();
    assert!(
        waited < Duration::from_secs(25),
        "the connection stayed open {waited:?}"
    );
}

/// A link to `/` in the handbook does not stop the preview starting (its
/// watcher does not follow links), nor is anything behind it served.
#[cfg(unix)]
#[test]
fn a_link_to_the_root_folder_does_not_stop_serve() {
    let (_dir, hb) = handbook_copy("clean");
    std::fs::create_dir_all(hb.join("assets")).unwrap();
    std::os::unix::fs::symlink("/", hb.join("assets/root")).unwrap();
    let server = Server::start(&hb, &[]);
    assert_eq!(server.page("index.html").0, 200);
    assert_eq!(server.page("assets/root/etc/passwd").0, 404);
}

/// `policybook` with no arguments, as a double-click runs it: in a
/// handbook folder, or in a folder holding one handbook, it previews that
/// handbook in the browser and says what it is doing; anywhere else it
/// prints a short help and exits 2.
#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn no_arguments_previews_the_handbook_here_or_prints_a_short_help() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let opened = dir.path().join("opened.txt");
    std::fs::write(
        bin.join("xdg-open"),
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > '{0}.part' && mv '{0}.part' '{0}'\n",
            opened.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(bin.join("xdg-open"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let parent = dir.path().join("shared drive");
    let hb = parent.join("Handbook");
    copy_tree(Path::new(&fixture("clean")), &hb);
    for cwd in [&hb, &parent] {
        let _ = std::fs::remove_file(&opened);
        let mut child = Command::new(env!("CARGO_BIN_EXE_policybook"))
            .current_dir(cwd)
            .env("PATH", &path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().unwrap().unwrap();
        assert!(first.starts_with("Serving "), "{first}");
        assert!(first.contains("Handbook"), "{first}");
        let rest: Vec<String> = lines.by_ref().take(4).map_while(Result::ok).collect();
        let words = rest.join("\n");
        assert!(words.contains("To stop, close this window"), "{words}");
        let start = Instant::now();
        while !opened.exists() && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let url = std::fs::read_to_string(&opened).expect("the browser was opened");
        assert!(first.contains(&url), "{first} / {url}");
        let _ = child.kill();
        let _ = child.wait();
    }
    // Where there is no handbook (or more than one): a short help, exit 2.
    let other = parent.join("Other");
    copy_tree(Path::new(&fixture("clean")), &other);
    for cwd in [dir.path(), parent.as_path()] {
        let out = Command::new(env!("CARGO_BIN_EXE_policybook"))
            .current_dir(cwd)
            .env("PATH", &path)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let help = String::from_utf8_lossy(&out.stderr);
        assert!(help.contains("There is no handbook here"), "{help}");
        assert!(help.contains("policybook init NEW-FOLDER"), "{help}");
        assert!(!help.contains("Usage:"), "not clap's error: {help}");
    }
}

#[test]
fn serve_refuses_a_folder_that_is_not_a_handbook() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_policybook"))
        .args(["serve", dir.path().to_str().unwrap(), "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no handbook here"));
}

/// The sample handbook, copied to be edited.
fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    copy_tree(Path::new(&sample()), &hb);
    (dir, hb)
}

/// Replaces the first `from` in the handbook file `rel` with `to`.
fn edit_file(hb: &Path, rel: &str, from: &str, to: &str) {
    let path = hb.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn retiring_a_policy_it_does_not_touch_rebuilds_what_shows_it() {
    // A new supersedes retires a much-linked policy: its linkers' badges
    // and warnings change, on pages the edit did not touch.
    let (_d, hb) = sample_copy();
    let server = Server::start(&hb, &[]);
    let mut events = server.events();
    let front = |to: &str| format!("\n{to}\n---\n");
    edit_file(
        &hb,
        "health-and-safety/first-aid.md",
        "\n---\n",
        &front("supersedes: safeguarding"),
    );
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    // A circle of four, closed by one edit: all four change.
    edit_file(
        &hb,
        "health-and-safety/first-aid.md",
        &front("supersedes: safeguarding"),
        "\n---\n",
    );
    assert!(events.reload());
    edit_file(
        &hb,
        "people/whistleblowing.md",
        "\n---\n",
        &front("superseded_by: first-aid"),
    );
    edit_file(
        &hb,
        "communications/complaints.md",
        "\n---\n",
        &front("superseded_by: whistleblowing"),
    );
    edit_file(
        &hb,
        "data-protection/confidentiality.md",
        "\n---\n",
        &front("superseded_by: complaints"),
    );
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
    edit_file(
        &hb,
        "health-and-safety/first-aid.md",
        "\n---\n",
        &front("superseded_by: confidentiality"),
    );
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
}

#[test]
fn a_retitled_policy_is_searched_by_its_new_title_where_others_link_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    std::fs::create_dir_all(&hb).unwrap();
    std::fs::write(hb.join("handbook.yaml"), "title: T\n").unwrap();
    let policy = |title: &str, body: &str| {
        format!("---\ntitle: {title}\nowner: X\nreview_by: 2030-01-01\n---\n{body}\n")
    };
    std::fs::write(hb.join("a.md"), policy("Alpha", "See [[b]] please.")).unwrap();
    std::fs::write(hb.join("b.md"), policy("Bravo", "Body.")).unwrap();
    let server = Server::start(&hb, &[]);
    let mut events = server.events();
    assert_eq!(search_titles(&server, "bravo"), ["Bravo", "Alpha"]);
    std::fs::write(hb.join("b.md"), policy("Zebrafish", "Body.")).unwrap();
    assert!(events.reload());
    // Alpha's text says "See Zebrafish please." now, as its page does.
    let site = dir.path().join("site");
    build_into(&hb, &site, &[]);
    for q in ["zebrafish", "bravo"] {
        let built = titles(&search(site.to_str().unwrap(), &[q])[0]);
        assert_eq!(search_titles(&server, q), built, "{q}");
    }
    assert_eq!(search_titles(&server, "zebrafish"), ["Zebrafish", "Alpha"]);
}

#[test]
fn old_names_follow_edits_as_a_build_would() {
    let (_dir, hb) = handbook_copy("aliases");
    let server = Server::start(&hb, &[]);
    let mut events = server.events();
    assert_eq!(server.page("policies/internet-use.html").0, 200);
    assert_eq!(server.page("it/internet-and-email/").0, 200);
    assert_same_as_build(&server, &hb);
    // The old id renamed, the old page dropped: their pages go, the link
    // by the old id breaks, and the clash in visitors.md (a file not
    // saved) is gone from its page.
    let file = hb.join("it/internet.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text
        .replace("  - internet-use\n", "  - internet-usage\n")
        .replace("  - /it/internet-and-email/\n", "");
    std::fs::write(&file, text).unwrap();
    assert!(events.reload());
    let (code, _) = server.wait_page("policies/internet-usage.html", |c, _| c == 200);
    assert_eq!(code, 200);
    let (code, _) = server.wait_page("it/internet-and-email/index.html", |c, _| c == 404);
    assert_eq!(code, 404);
    assert_eq!(
        server.page("policies/internet-use.html").0,
        200,
        "visitors.md has it now"
    );
    let (_, visitors) = server.page("policies/visitors.html");
    assert!(!visitors.contains("already an old name"), "{visitors}");
    let (_, safeguarding) = server.page("policies/safeguarding.html");
    assert!(safeguarding.contains("broken-ref"), "{safeguarding}");
    assert_same_as_build(&server, &hb);
    // visitors.md deleted: the old id it held goes with it.
    std::fs::remove_file(hb.join("visitors.md")).unwrap();
    let (code, _) = server.wait_page("policies/internet-use.html", |c, _| c == 404);
    assert_eq!(code, 404);
    assert_same_as_build(&server, &hb);
}

#[test]
fn a_picture_beside_a_policy_follows_its_edits() {
    let (_dir, hb) = handbook_copy("beside");
    let server = Server::start(&hb, &[]);
    let picture = "files/safeguarding/img/team photo.png";
    assert_eq!(server.page(picture).0, 200);
    assert_eq!(server.page("files/safeguarding/private-notes.pdf").0, 404);
    // The form replaced, then deleted: the new one is served, then none,
    // and the link to it is marked.
    let form = hb.join("safeguarding/consent-form.pdf");
    std::fs::write(&form, "%PDF-1.4 the new form\n").unwrap();
    let (_, body) = server.wait_page("files/safeguarding/consent-form.pdf", |_, b| {
        b.contains("the new form")
    });
    assert!(body.contains("the new form"), "{body}");
    std::thread::sleep(Duration::from_millis(300));
    std::fs::remove_file(&form).unwrap();
    let (code, _) = server.wait_page("files/safeguarding/consent-form.pdf", |c, _| c == 404);
    assert_eq!(code, 404);
    let (_, page) = server.page("policies/photos.html");
    assert!(page.contains("consent-form.pdf points at"), "{page}");
    // Linked from the policy now: published.
    let text = std::fs::read_to_string(hb.join("safeguarding/photos.md")).unwrap();
    std::fs::write(
        hb.join("safeguarding/photos.md"),
        format!("{text}\nSee [the notes](private-notes.pdf).\n"),
    )
    .unwrap();
    let (code, _) = server.wait_page("files/safeguarding/private-notes.pdf", |c, _| c == 200);
    assert_eq!(code, 200);
    assert_same_as_build(&server, &hb);
}

/// `--quiet` keeps serve to its address and its errors; `--verbose` lists
/// every problem after each rebuild too, where serve normally counts them.
#[test]
fn quiet_and_verbose_serve() {
    let edit_and_print = |flag: &str| {
        let dir = tempfile::tempdir().unwrap();
        let hb = dir.path().join("hb");
        copy_tree(Path::new(&sample()), &hb);
        let server = Server::start(&hb, &[flag]);
        let at_start = server.printed(Duration::from_millis(1000));
        let mut events = server.events();
        let path = hb.join("people/whistleblowing.md");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}\nEdited.\n")).unwrap();
        assert!(events.reload(), "a reload event arrives");
        let after_edit = server.printed(Duration::from_millis(1000));
        server.stop();
        (at_start, after_edit)
    };
    let (start, edit) = edit_and_print("--quiet");
    assert_eq!(start, Vec::<String>::new());
    assert_eq!(edit, Vec::<String>::new());
    let (start, edit) = edit_and_print("--verbose");
    assert!(
        start
            .iter()
            .any(|l| l.starts_with("error: people/lone-working.md:9")),
        "{start:?}"
    );
    assert!(
        edit[0].starts_with("Rebuilt after a change to people/whistleblowing.md in "),
        "{edit:?}"
    );
    assert!(
        edit.iter()
            .any(|l| l.starts_with("error: people/lone-working.md:9")),
        "{edit:?}"
    );
    assert!(
        !edit.iter().any(|l| l.contains("problems panel")),
        "{edit:?}"
    );
}

/// The long sentences `serve` hands a policy page's script, as JSON.
fn long_sentences(server: &Server, page: &str) -> serde_json::Value {
    let (code, body) = server.page(&format!("__policybook/sentences/{page}"));
    assert_eq!(code, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// [`long_sentences`] once `done` holds of them, or after five seconds
/// (a rebuild may still be on its way).
fn long_sentences_when(
    server: &Server,
    page: &str,
    done: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let started = Instant::now();
    let mut now = long_sentences(server, page);
    while !done(&now) && started.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(100));
        now = long_sentences(server, page);
    }
    now
}

/// How many long sentences a page's list has.
fn how_many(sentences: &serde_json::Value) -> usize {
    sentences["sentences"].as_array().map_or(0, Vec::len)
}

#[test]
fn the_long_sentences_of_a_page_are_handed_to_its_script_and_follow_edits() {
    // The sample's retired fax policy has 13 long sentences (check's
    // count); every other sample policy none, at the default severity
    // (info), which a built page never shows.
    let (_d, hb) = sample_copy();
    let server = Server::start(&hb, &[]);
    let page = "policies/fax-and-post.html";
    let (_, html) = server.page(page);
    assert!(
        html.contains(r#"data-page="policies/fax-and-post.html"></script>"#),
        "the script is told which page it is on"
    );
    assert!(!html.contains("pb-long"), "the page itself is the build's");
    let got = long_sentences(&server, page);
    assert_eq!(got["file"], "communications/fax-and-post.md");
    assert_eq!(got["max_words"], 25);
    let sentences = got["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 13, "{got:#}");
    let first = &sentences[0];
    assert_eq!(first["line"], 18);
    assert_eq!(first["words"], 55);
    let text = first["text"].as_str().unwrap();
    assert!(
        text.starts_with("It should be noted that this policy has been formally retired,")
            && text.ends_with("solely for the purpose of reference."),
        "{text}"
    );
    // The same words as `check`'s note on that line.
    let r = run(&[
        "check",
        hb.to_str().unwrap(),
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let noted = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "long_sentence" && f["line"] == 18)
        .expect("check notes line 18");
    assert_eq!(first["message"], noted["message"]);
    assert_eq!(
        long_sentences(&server, "policies/lone-working.html")["sentences"],
        serde_json::json!([])
    );
    // Splitting the sentence: the page's list follows the edit.
    let mut events = server.events();
    edit_file(
        &hb,
        "communications/fax-and-post.md",
        "formally retired, the centre's",
        "formally retired. The centre's",
    );
    assert!(events.reload());
    let now = long_sentences_when(&server, page, |v| {
        !v["sentences"][0]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("It should"))
    });
    let first = &now["sentences"][0];
    assert_eq!(first["line"], 18);
    assert!(
        first["text"]
            .as_str()
            .unwrap()
            .starts_with("The centre's facsimile machine"),
        "{now:#}"
    );
    // An edit to another policy makes only its page's list again: the
    // fax policy's is as it was, and a sentence made long on the other
    // policy's page is handed out.
    let long = "Every member of staff who works alone in the building after six must tell the manager before they start and must ring the manager again as soon as they leave.";
    let path = hb.join("people/lone-working.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n{long}\n")).unwrap();
    assert!(events.reload());
    let other = long_sentences_when(&server, "policies/lone-working.html", |v| how_many(v) > 0);
    assert_eq!(other["sentences"][0]["text"], long, "{other:#}");
    assert_eq!(long_sentences(&server, page), now);
}

#[test]
fn a_draft_left_out_of_the_preview_hands_out_no_sentences() {
    let (_d, hb) = sample_copy();
    let long = "Every member of staff who decides to use one of these tools for any piece of work that involves a child or a family must first ask the manager and must then write down what the tool was asked and what it gave back.";
    let path = hb.join("communications/artificial-intelligence-tools.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n{long}\n")).unwrap();
    let page = "policies/artificial-intelligence-tools.html";
    let with_drafts = Server::start(&hb, &[]);
    let got = long_sentences(&with_drafts, page);
    assert_eq!(got["sentences"][0]["text"], long, "{got:#}");
    drop(with_drafts);
    let without = Server::start(&hb, &["--no-drafts"]);
    assert_eq!(without.page(page).0, 404);
    assert_eq!(
        long_sentences(&without, page)["sentences"],
        serde_json::json!([])
    );
}

#[test]
fn a_page_moved_by_another_files_id_takes_its_long_sentences_with_it() {
    // A file earlier in path order with the fax policy's id keeps the id,
    // so the fax policy's page is `fax-and-post-2`; when that file's id
    // changes, the fax policy's page is `fax-and-post` again, though its
    // own file was not touched, and its sentences go with it.
    let (_d, hb) = sample_copy();
    std::fs::create_dir_all(hb.join("aaa")).unwrap();
    let copy = "aaa/copy.md";
    std::fs::write(
        hb.join(copy),
        "---\ntitle: A Copy\nid: fax-and-post\nowner: Centre Manager\nreview_by: 2027-01-01\n---\n\nShort.\n",
    )
    .unwrap();
    let server = Server::start(&hb, &[]);
    let moved = "policies/fax-and-post-2.html";
    let home = "policies/fax-and-post.html";
    assert_eq!(how_many(&long_sentences(&server, moved)), 13);
    assert_eq!(how_many(&long_sentences(&server, home)), 0);
    let mut events = server.events();
    edit_file(&hb, copy, "id: fax-and-post", "id: a-copy");
    assert!(events.reload());
    let now = long_sentences_when(&server, home, |v| how_many(v) > 0);
    assert_eq!(how_many(&now), 13, "{now:#}");
    assert_eq!(now["file"], "communications/fax-and-post.md");
    assert_eq!(how_many(&long_sentences(&server, moved)), 0);
}

#[test]
fn a_title_that_changes_the_a_to_z_letters_remakes_every_letter_page() {
    // "Lone Working" is the sample's only L; as "Working Alone" it takes
    // L off every A–Z page's letters and puts W on.
    let (_d, hb) = sample_copy();
    let server = Server::start(&hb, &[]);
    let mut events = server.events();
    edit_file(
        &hb,
        "people/lone-working.md",
        "title: Lone Working",
        "title: Working Alone",
    );
    assert!(events.reload());
    assert_same_as_build(&server, &hb);
}
