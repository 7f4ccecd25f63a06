//! Fitting the tools people use (issue #29): shell completion scripts
//! and the manual page, from the real binary.

mod common;
use common::*;

#[test]
fn completion_scripts_load_and_complete_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains("policybook"), "{shell}");
        assert!(r.stdout.contains("new"), "{shell}: the commands are in it");
    }
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("policybook.bash");
    std::fs::write(&script, run(&["completions", "bash"]).stdout).unwrap();
    let bash = |code: &str| {
        std::process::Command::new("bash")
            .args(["-c", code])
            .output()
            .unwrap()
    };
    let syntax = bash(&format!("bash -n '{}'", script.display()));
    assert!(syntax.status.success(), "{syntax:?}");
    // Sourced, it completes `policybook ne` to `new`, and `check --fo` to
    // `--format`.
    let out = bash(&format!(
        "source '{}'; complete -p policybook; COMP_WORDS=(policybook ne); COMP_CWORD=1; _policybook policybook ne policybook; echo \"[${{COMPREPLY[*]}}]\"; COMP_WORDS=(policybook check --fo); COMP_CWORD=2; _policybook policybook --fo check; echo \"[${{COMPREPLY[*]}}]\"",
        script.display()
    ));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("complete -o bashdefault -o default -o nosort -F _policybook policybook"),
        "{text}"
    );
    assert!(text.contains("[new]"), "{text}");
    assert!(text.contains("[--format]"), "{text}");
    // A shell it does not know: a usage error.
    let r = run(&["completions", "nosuch"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("possible values: bash, elvish, fish, powershell, zsh"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_manual_page_names_every_command() {
    let r = run(&["man"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(".TH policybook 1"), "{}", r.stdout);
    for command in [
        "build",
        "check",
        "serve",
        "init",
        "new",
        "import",
        "report",
        "completions",
        "man",
    ] {
        assert!(
            r.stdout.contains(&format!("policybook\\-{command}(1)")),
            "{command} in {}",
            r.stdout
        );
    }
    // man reads it (where man is installed, as on the CI machine).
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("policybook.1");
    std::fs::write(&page, &r.stdout).unwrap();
    if let Ok(out) = std::process::Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
    {
        assert!(out.status.success(), "{out:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("SUBCOMMANDS"), "{text}");
    }
    // Each command the top page names has a page of its own.
    let check = run(&["man", "check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stdout.contains(".TH policybook-check 1"),
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.contains("\\-\\-changed\\-since"),
        "{}",
        check.stdout
    );
    for wrong in ["nosuch", "help"] {
        let r = run(&["man", wrong]);
        assert_eq!(r.code, 2, "{wrong}");
        assert!(
            r.stderr.contains(&format!(
                "policybook has no command \"{wrong}\": give one of build, check,"
            )),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn the_version_names_the_commit_it_was_built_from() {
    let r = run(&["--version"]);
    assert_eq!(r.code, 0);
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        r.stdout.starts_with(&format!("policybook {version}")),
        "{}",
        r.stdout
    );
    // Built from a git checkout (as here and in CI): its commit.
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    if repo.join(".git").exists() {
        let head = std::process::Command::new("git")
            .args(["rev-parse", "--short=12", "HEAD"])
            .current_dir(repo)
            .output()
            .unwrap();
        let head = String::from_utf8_lossy(&head.stdout).trim().to_string();
        assert_eq!(
            r.stdout.trim(),
            format!("policybook {version} (commit {head})")
        );
    }
}

#[test]
fn colour_follows_the_terminal_no_color_and_the_color_option() {
    let hb = sample();
    let check = |extra: &[&str]| {
        let mut args = vec!["check", hb.as_str(), "--today", TODAY];
        args.extend_from_slice(extra);
        run(&args).stdout
    };
    // The report's own colour (an error in bold red), not any escape: on a
    // busy machine the check runs past a second and the progress bar,
    // which moves the cursor, is drawn too.
    let painted = |text: &str| text.contains("\x1b[1;31merror");
    // Piped (as here): plain, unless told.
    assert!(!painted(&check(&[])));
    assert!(painted(&check(&["--color", "always"])));
    assert!(!painted(&check(&["--color", "never"])));
    let r = run(&["check", hb.as_str(), "--color", "sometimes"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("possible values: auto, always, never"),
        "{}",
        r.stderr
    );
    // On a terminal (util-linux's script gives it one): colour, unless
    // NO_COLOR is set.
    let on_terminal = |no_color: bool| {
        let command = format!(
            "{} check {hb} --today {TODAY}",
            env!("CARGO_BIN_EXE_policybook")
        );
        let mut script = std::process::Command::new("script");
        script.args(["-qec", &command, "/dev/null"]);
        if no_color {
            script.env("NO_COLOR", "1");
        } else {
            script.env_remove("NO_COLOR");
        }
        script
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
    };
    match on_terminal(false) {
        Ok(text) => {
            assert!(painted(&text), "{text}");
            assert!(!painted(&on_terminal(true).unwrap()));
        }
        // In CI the test must run.
        Err(e) => assert!(
            std::env::var_os("CI").is_none(),
            "script (util-linux) is needed: {e}"
        ),
    }
}

/// `args` on the sample, pinned to the tests' day.
fn on_sample(args: &[&str]) -> Run {
    let hb = sample();
    let mut all: Vec<&str> = args.to_vec();
    all.extend_from_slice(&[hb.as_str(), "--today", TODAY]);
    run(&all)
}

#[test]
fn quiet_prints_only_what_fails() {
    let normal = on_sample(&["check"]);
    let quiet = on_sample(&["check", "--quiet"]);
    assert_eq!((normal.code, quiet.code), (1, 1));
    // The errors, each under its file, and nothing else: no warnings, no
    // notes, no summary.
    let errors: Vec<&str> = normal
        .stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("error"))
        .collect();
    let quiet_findings: Vec<&str> = quiet
        .stdout
        .lines()
        .filter(|l| l.starts_with("  "))
        .collect();
    assert!(!errors.is_empty());
    assert_eq!(quiet_findings, errors, "{}", quiet.stdout);
    assert!(
        !quiet.stdout.contains("policies checked"),
        "{}",
        quiet.stdout
    );
    assert!(normal.stdout.contains("policies checked"));
    // -q is --quiet; with --strict the warnings fail, so they are shown.
    let strict = on_sample(&["check", "-q", "--strict"]);
    assert!(strict.stdout.contains("  warning "), "{}", strict.stdout);
    // A report's data is whole: --quiet does not thin out JSON.
    assert_eq!(
        on_sample(&["check", "-q", "--format", "json"]).stdout,
        on_sample(&["check", "--format", "json"]).stdout
    );
    // A clean handbook says nothing at all.
    let (_dir, hb) = handbook_of(&[(
        "a.md",
        "---\ntitle: A\nowner: O\nlast_reviewed: 2026-01-01\nreview_by: 2027-01-01\n---\nText.\n",
    )]);
    let clean = run(&["check", hb.to_str().unwrap(), "-q", "--today", TODAY]);
    assert_eq!(
        (clean.code, clean.stdout.as_str(), clean.stderr.as_str()),
        (0, "", "")
    );

    // build: no summary; the errors still go to stderr.
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let built = on_sample(&["build", "-q", "-o", site.to_str().unwrap()]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert_eq!(built.stdout, "");
    assert!(
        built
            .stderr
            .contains("error   communications/social-media.md:49"),
        "{}",
        built.stderr
    );
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
    assert!(site.join("index.html").is_file());

    // --quiet and --verbose together make no sense.
    let both = on_sample(&["check", "-q", "-v"]);
    assert_eq!(both.code, 2);
    assert!(
        both.stderr.contains("cannot be used with"),
        "{}",
        both.stderr
    );
}

#[test]
fn verbose_says_how_long_each_stage_took_and_what_was_not_read() {
    let (_dir, hb) = handbook_of(&[
        ("handbook.yaml", "title: T\nexclude:\n  - \"drafts/\"\n"),
        (
            "a.md",
            "---\ntitle: A\nowner: O\nlast_reviewed: 2026-01-01\nreview_by: 2027-01-01\n---\nText.\n",
        ),
        ("_template.md", "---\ntitle: T\n---\n"),
        (".obsidian/app.json", "{}"),
        ("people/notes.txt", "notes"),
        ("drafts/b.md", "---\ntitle: B\n---\n"),
        ("people/photo.png", "png"),
    ]);
    let hb = hb.to_str().unwrap();
    let plain = run(&["check", hb, "--today", TODAY, "--format", "json"]);
    let verbose = run(&[
        "check",
        hb,
        "--today",
        TODAY,
        "--format",
        "json",
        "--verbose",
    ]);
    assert_eq!(verbose.code, 0, "{}", verbose.stderr);
    // The details go to stderr: stdout is the same JSON.
    assert_eq!(verbose.stdout, plain.stdout);
    assert_eq!(plain.stderr, "");
    let e = &verbose.stderr;
    assert!(e.starts_with("Timings (1 policy file read):\n"), "{e}");
    for stage in [
        "read and parse the files",
        "link the policies",
        "check reviews and references",
    ] {
        assert!(
            e.lines()
                .any(|l| l.starts_with(&format!("  {stage} ")) && l.ends_with(" ms")),
            "{stage} in {e}"
        );
    }
    assert!(e.contains("Not read (4):\n"), "{e}");
    assert!(
        e.contains("  .obsidian/: its name starts with a dot, so it is hidden\n"),
        "{e}"
    );
    assert!(
        e.contains(
            "  _template.md: its name starts with _, which keeps templates and notes off the site\n"
        ),
        "{e}"
    );
    assert!(
        e.contains("  drafts/: left out by exclude: in handbook.yaml\n"),
        "{e}"
    );
    assert!(e.contains("  people/notes.txt: it is not a policy (.md) nor a picture or document a policy could link to\n"), "{e}");
    // A picture beside a policy is not "not read": it is published when linked to.
    assert!(!e.contains("photo.png"), "{e}");

    // build adds its own stages, and a site it wrote before is not read.
    let site = std::path::Path::new(hb).join("site");
    let first = run(&["build", hb, "--today", TODAY]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stderr.is_empty(), "{}", first.stderr);
    let again = run(&["build", hb, "--today", TODAY, "-v"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stdout.starts_with("Built 1 policy"),
        "{}",
        again.stdout
    );
    for stage in [
        "render and write the pages",
        "build the search index",
        "in all",
    ] {
        assert!(
            again.stderr.contains(&format!("  {stage}")),
            "{stage} in {}",
            again.stderr
        );
    }
    assert!(
        again
            .stderr
            .contains("  site/: it is a site policybook built\n"),
        "{}",
        again.stderr
    );
    assert!(site.join("index.html").is_file());
}

#[test]
fn new_with_quiet_prints_only_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    assert_eq!(
        run(&["init", hb.to_str().unwrap(), "-q", "--today", TODAY]).stdout,
        ""
    );
    assert!(hb.join("handbook.yaml").is_file());
    let r = run(&[
        "new",
        "Lone Working",
        hb.to_str().unwrap(),
        "--owner",
        "Centre Manager",
        "--quiet",
        "--today",
        TODAY,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let path = r.stdout.strip_suffix('\n').unwrap();
    assert!(!path.contains('\n'), "{}", r.stdout);
    assert!(std::path::Path::new(path).is_file(), "{path}");
    assert!(path.ends_with("lone-working.md"), "{path}");
}

#[test]
fn a_long_build_shows_its_progress_on_a_terminal_and_nowhere_else() {
    // Big enough that this (debug) build runs well over a second.
    let (dir, hb) = generate(&Options::new(4000));
    let hb = hb.to_str().unwrap();
    let site = dir.path().join("site");
    let site = site.to_str().unwrap();
    let bin = env!("CARGO_BIN_EXE_policybook");
    // Piped (as here): no progress at all.
    let piped = run(&["build", hb, "-o", site, "--today", TODAY]);
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    assert!(
        !piped.stderr.contains("Writing the pages"),
        "{}",
        piped.stderr
    );
    // On a terminal (util-linux's script gives it one): a bar for the
    // pages, cleared before the summary; none with --quiet.
    let on_terminal = |extra: &str| {
        let command = format!("{bin} build {hb} -o {site} --today {TODAY} {extra}");
        std::process::Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .env("NO_COLOR", "1")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
    };
    match on_terminal("") {
        Ok(text) => {
            assert!(
                text.contains("Writing the pages [") && text.contains("/3,982 ("),
                "{}",
                &text[text.len().saturating_sub(2000)..]
            );
            assert!(text.contains(" policies into "), "the summary still comes");
            let quiet = on_terminal("--quiet").unwrap();
            assert!(!quiet.contains("Writing the pages"), "{quiet}");
        }
        Err(e) => assert!(
            std::env::var_os("CI").is_none(),
            "script (util-linux) is needed: {e}"
        ),
    }
}

#[test]
fn verbose_output_into_a_closed_pipe_is_no_panic() {
    let hb = sample();
    let bin = env!("CARGO_BIN_EXE_policybook");
    for command in ["check", "build -o /dev/null/not-a-folder"] {
        let script = format!(
            "set -o pipefail; '{bin}' -v {command} '{hb}' --today {TODAY} 2>&1 | head -c 10 > /dev/null"
        );
        let out = std::process::Command::new("bash")
            .args(["-c", &script])
            .output()
            .unwrap();
        let code = out.status.code().unwrap_or(-1);
        assert!([0, 1, 2, 141].contains(&code), "{command}: exit {code}");
    }
}
