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
    let painted = |text: &str| text.contains("\x1b[");
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
