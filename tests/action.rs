//! The ready CI step: `scripts/install-policybook` run against a fake
//! release on disk (file:// URLs, as curl reads them), and the steps of
//! the GitHub Action (`action.yml`) run with bash as the runner would run
//! them, with the expressions they use filled in. Only GitHub itself is a
//! stand-in: its API answer and its release downloads are files.
#![cfg(unix)]

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::action::{Release, TARGET, real_release, write_exe};

/// Runs the install script with `env` (and PATH put first with `path`);
/// exit code, stdout, stderr.
fn install(env: &[(String, String)], path: Option<&Path>, args: &[&str]) -> (i32, String, String) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/install-policybook");
    let mut command = Command::new(which("bash").unwrap());
    command.arg(script).args(args);
    for key in [
        "PB_VERSION",
        "PB_REPOSITORY",
        "GITHUB_PATH",
        "GITHUB_OUTPUT",
        "GITHUB_TOKEN",
    ] {
        command.env_remove(key);
    }
    if let Some(dir) = path {
        let old = std::env::var("PATH").unwrap_or_default();
        command.env("PATH", format!("{}:{old}", dir.display()));
    }
    let out = command.envs(env.iter().cloned()).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The `key=value` lines of a script's output (and of GITHUB_OUTPUT).
fn outputs(text: &str) -> std::collections::BTreeMap<String, String> {
    text.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn the_latest_release_is_downloaded_checked_and_cached() {
    let release = Release::new("v0.3.0", "echo 'policybook 0.3.0 (commit abc)'");
    let work = tempfile::tempdir().unwrap();
    let cache = work.path().join("cache");
    let github_path = work.path().join("github_path");
    let github_output = work.path().join("github_output");
    let bin_dir = work.path().join("bin");
    let mut env = release.env(&cache);
    env.push(("GITHUB_PATH".into(), github_path.display().to_string()));
    env.push(("GITHUB_OUTPUT".into(), github_output.display().to_string()));
    env.push(("PB_BIN_DIR".into(), bin_dir.display().to_string()));

    let started = std::time::Instant::now();
    let (code, stdout, stderr) = install(&env, None, &[]);
    eprintln!("install from an empty cache: {:?}", started.elapsed());
    assert_eq!(code, 0, "{stderr}");
    let dir = cache.join("policybook/policybook/v0.3.0").join(TARGET);
    let expected = format!(
        "repository=policybook/policybook\nversion=v0.3.0\ntarget={TARGET}\ndir={}\n",
        dir.display()
    );
    assert_eq!(stdout, expected);
    assert!(
        stderr.contains("install-policybook: checksum matches: "),
        "{stderr}"
    );
    assert!(stderr.contains("policybook 0.3.0 (commit abc)"), "{stderr}");
    assert!(dir.join("policybook").is_file());
    assert!(bin_dir.join("policybook").is_file());
    // On GitHub: the folder is on PATH for the next steps, and the
    // values are the step's outputs.
    assert_eq!(
        std::fs::read_to_string(&github_path).unwrap(),
        format!("{}\n", dir.display())
    );
    assert_eq!(std::fs::read_to_string(&github_output).unwrap(), expected);

    // The next run finds it in the cache and downloads nothing.
    std::fs::remove_file(release.archive("v0.3.0")).unwrap();
    let (code, stdout, stderr) = install(&env, None, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, expected);
    assert!(stderr.contains("is in the cache"), "{stderr}");
    assert!(!stderr.contains("downloading"), "{stderr}");
}

#[test]
fn an_archive_that_does_not_match_its_checksum_is_not_installed() {
    let release = Release::new("v0.3.0", "echo policybook");
    let archive = release.archive("v0.3.0");
    let mut bytes = std::fs::read(&archive).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&archive, bytes).unwrap();
    let work = tempfile::tempdir().unwrap();
    let cache = work.path().join("cache");
    let mut env = release.env(&cache);
    env.push(("PB_VERSION".into(), "v0.3.0".into()));
    let (code, stdout, stderr) = install(&env, None, &[]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: policybook-v0.3.0-{TARGET}.tar.gz does not match its checksum (expected "
        )),
        "{stderr}"
    );
    assert!(
        !cache
            .join("v0.3.0")
            .join(TARGET)
            .join("policybook")
            .exists()
    );

    // No checksum at all: refused too.
    std::fs::remove_file(archive.with_extension("gz.sha256")).unwrap();
    let (code, _, stderr) = install(&env, None, &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(".tar.gz.sha256 to check it against: not installed"),
        "{stderr}"
    );
}

#[test]
fn with_no_release_to_match_it_is_built_with_cargo() {
    let release = Release::new("v0.3.0", "echo policybook");
    let work = tempfile::tempdir().unwrap();
    let cache = work.path().join("cache");
    let stubs = work.path().join("stubs");
    let log = work.path().join("cargo.log");
    // cargo install, as far as the script can tell: it writes the binary
    // under --root.
    write_exe(
        &stubs.join("cargo"),
        &format!(
            "echo \"cargo $*\" >> '{}'\nwhile [ \"$1\" != --root ]; do shift; done\nmkdir -p \"$2/bin\"\nprintf '#!/bin/sh\\necho policybook built\\n' > \"$2/bin/policybook\"\nchmod +x \"$2/bin/policybook\"",
            log.display()
        ),
    );
    let mut env = release.env(&cache);
    env.push(("PB_VERSION".into(), "v9.9.9".into()));
    let (code, stdout, stderr) = install(&env, Some(&stubs), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "no release v9.9.9 of policybook/policybook for {TARGET}"
        )),
        "{stderr}"
    );
    let cargo = std::fs::read_to_string(&log).unwrap();
    assert!(
        cargo.starts_with("cargo install --locked --root ")
            && cargo.ends_with(
                " --git https://github.com/policybook/policybook --tag v9.9.9 policybook\n"
            ),
        "{cargo}"
    );
    assert!(stderr.contains("policybook built"), "{stderr}");
    assert!(outputs(&stdout)["dir"].ends_with(&format!("v9.9.9/{TARGET}")));

    // Without cargo: what to do, and exit 1. (PATH keeps what bash needs.)
    let bare = work.path().join("bare");
    std::fs::create_dir_all(&bare).unwrap();
    for tool in [
        "curl", "uname", "mktemp", "rm", "cut", "tr", "sed", "head", "basename", "dirname",
        "mkdir", "cat",
    ] {
        if let Ok(found) = which(tool) {
            std::os::unix::fs::symlink(found, bare.join(tool)).unwrap();
        }
    }
    let mut env = env.clone();
    env.push(("PATH".into(), bare.display().to_string()));
    env.push((
        "PB_CACHE_DIR".into(),
        work.path().join("cache2").display().to_string(),
    ));
    let (code, _, stderr) = install(&env, None, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "error: and cargo is not installed to build it: install Rust (https://rustup.rs)"
        ),
        "{stderr}"
    );
}

fn which(tool: &str) -> Result<PathBuf, ()> {
    std::env::var("PATH")
        .unwrap_or_default()
        .split(':')
        .map(|d| Path::new(d).join(tool))
        .find(|p| p.is_file())
        .ok_or(())
}

#[test]
fn the_target_is_the_release_built_for_this_system() {
    let work = tempfile::tempdir().unwrap();
    let stubs = work.path().join("stubs");
    for (system, machine, target) in [
        ("Linux", "x86_64", "x86_64-unknown-linux-musl"),
        ("Linux", "aarch64", "aarch64-unknown-linux-musl"),
        ("Darwin", "arm64", "aarch64-apple-darwin"),
        ("Darwin", "x86_64", "x86_64-apple-darwin"),
        ("MINGW64_NT-10.0-20348", "x86_64", "x86_64-pc-windows-msvc"),
        ("FreeBSD", "amd64", "source"),
    ] {
        write_exe(
            &stubs.join("uname"),
            &format!("case \"$1\" in -s) echo {system} ;; -m) echo {machine} ;; esac"),
        );
        let env = vec![
            ("PB_VERSION".to_string(), "v1.2.3".to_string()),
            ("PB_CACHE_DIR".to_string(), "/cache".to_string()),
        ];
        let (code, stdout, stderr) = install(&env, Some(&stubs), &["--plan"]);
        assert_eq!(code, 0, "{stderr}");
        let plan = outputs(&stdout);
        assert_eq!(plan["target"], target, "{system} {machine}");
        assert_eq!(
            plan["dir"],
            format!("/cache/policybook/policybook/v1.2.3/{target}")
        );
    }
    // Settings that are not one: what to write instead.
    for (key, value, says) in [
        (
            "PB_VERSION",
            "1.0",
            "PB_VERSION must be a release tag such as v0.2.0, or latest (it is \"1.0\")",
        ),
        (
            "PB_VERSION",
            "v1;rm -rf /",
            "PB_VERSION must be a release tag",
        ),
        (
            "PB_REPOSITORY",
            "policybook",
            "PB_REPOSITORY must be owner/name",
        ),
    ] {
        let (code, _, stderr) = install(&[(key.to_string(), value.to_string())], None, &["--plan"]);
        assert_eq!(code, 1, "{key}={value}");
        assert!(stderr.contains(says), "{stderr}");
    }
}

/// A job's folder holding the sample handbook, and its environment.
struct Job {
    dir: tempfile::TempDir,
}

impl Job {
    fn new() -> Job {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(Path::new(&sample()), &dir.path().join("repo/handbook"));
        Job { dir }
    }

    fn cwd(&self) -> PathBuf {
        self.dir.path().join("repo")
    }

    fn env(&self) -> Vec<(String, String)> {
        vec![
            ("HOME".into(), self.dir.path().display().to_string()),
            ("PATH".into(), std::env::var("PATH").unwrap()),
            (
                "RUNNER_TOOL_CACHE".into(),
                self.dir.path().join("toolcache").display().to_string(),
            ),
            (
                "GITHUB_STEP_SUMMARY".into(),
                self.dir.path().join("summary.md").display().to_string(),
            ),
            ("PB_TARGET".into(), TARGET.into()),
            ("NO_COLOR".into(), "1".into()),
        ]
    }

    /// Runs the action as used at `reference` (`@v0.3.0`, `@main`),
    /// with `release` as its releases and the API's answer; the github
    /// context names the action's repository and ref only when `named`.
    fn action(
        &self,
        release: &Release,
        reference: &str,
        named: bool,
        inputs: &[(&str, String)],
    ) -> common::action::Ran {
        let action_path =
            common::action::unpacked_action(self.dir.path(), "policybook", "policybook", reference);
        let url = |p: &str| format!("file://{}/{p}", release.dir.path().display());
        let mut inputs = inputs.to_vec();
        inputs.push(("releases-url", url("download")));
        let (repository, reference) = if named {
            ("policybook/policybook".to_string(), reference.to_string())
        } else {
            (String::new(), String::new())
        };
        common::action::Runner {
            action_path: &action_path,
            inputs: &inputs,
            github: &[
                ("action_repository", repository),
                ("action_ref", reference),
                ("api_url", url("api")),
                ("token", "test-token".to_string()),
            ],
            env: &self.env(),
            cwd: &self.cwd(),
            github_path: &self.github_path(),
        }
        .run()
    }

    fn github_path(&self) -> PathBuf {
        self.dir.path().join("github_path")
    }
}

#[test]
fn the_action_installs_the_release_it_is_used_at_and_checks_the_handbook() {
    let release = real_release("v0.3.0");
    let job = Job::new();
    let started = std::time::Instant::now();
    let ran = job.action(
        &release,
        "v0.3.0",
        true,
        &[("handbook", "handbook".to_string())],
    );
    eprintln!("the action, from an empty cache: {:?}", started.elapsed());
    let steps: Vec<(&str, i32)> = ran
        .steps
        .iter()
        .map(|(id, code, _, _)| (id.as_str(), *code))
        .collect();
    assert_eq!(
        steps,
        [("plan", 0), ("install", 0), ("step 3", 1)],
        "{:#?}",
        ran.steps
    );
    let dir = job
        .dir
        .path()
        .join("toolcache/policybook/policybook/policybook/v0.3.0")
        .join(TARGET);
    // Cached under the version and target it installed.
    let (uses, with) = &ran.uses[0];
    assert!(uses.starts_with("actions/cache@"), "{uses}");
    assert_eq!(with["path"], dir.display().to_string());
    assert_eq!(
        with["key"],
        format!("policybook-policybook/policybook-v0.3.0-{TARGET}")
    );
    assert_eq!(ran.outputs["version"], "v0.3.0");
    assert_eq!(ran.outputs["path"], dir.display().to_string());
    // The check: annotations on the files, the report on the summary
    // page, and a failing step for the sample's overdue review.
    let (_, _, stdout, stderr) = &ran.steps[2];
    assert!(
        stdout.contains("::error file=handbook/people/lone-working.md,line=9"),
        "{stdout}{stderr}"
    );
    let summary = std::fs::read_to_string(job.dir.path().join("summary.md")).unwrap();
    assert!(
        summary.starts_with("## Policy handbook check fails\n"),
        "{summary}"
    );
}

#[test]
fn the_action_used_at_a_branch_installs_the_latest_release_and_can_only_install() {
    let release = real_release("v0.4.1");
    let job = Job::new();
    // Some runners leave github.action_repository and action_ref empty in
    // a composite action: they are read from where it was unpacked.
    let ran = job.action(&release, "main", false, &[("check", "false".to_string())]);
    let steps: Vec<(&str, i32)> = ran
        .steps
        .iter()
        .map(|(id, code, _, _)| (id.as_str(), *code))
        .collect();
    assert_eq!(steps, [("plan", 0), ("install", 0)], "{:#?}", ran.steps);
    assert_eq!(ran.outputs["version"], "v0.4.1");
    // policybook is on PATH for the steps after it.
    let on_path = std::fs::read_to_string(job.github_path()).unwrap();
    assert_eq!(
        on_path.trim_end(),
        job.dir
            .path()
            .join("toolcache/policybook/policybook/policybook/v0.4.1")
            .join(TARGET)
            .display()
            .to_string()
    );
    assert!(!job.dir.path().join("summary.md").exists());
}

#[test]
fn the_action_names_this_repository_and_the_scripts_it_runs() {
    let action = common::action::action();
    let text = include_str!("../action.yml");
    // One repository everywhere: Cargo.toml's, which the script and
    // README's snippets name too.
    let repository = env!("CARGO_PKG_REPOSITORY")
        .strip_prefix("https://github.com/")
        .unwrap();
    let script = include_str!("../scripts/install-policybook");
    assert!(script.contains(&format!("repository=\"${{PB_REPOSITORY:-{repository}}}\"")));
    assert!(
        text.contains(&format!("uses: {repository}@")),
        "the example in action.yml"
    );
    let readme = include_str!("../README.md");
    assert!(
        readme.contains(&format!("uses: {repository}@")),
        "README's workflow uses the action"
    );
    for input in [
        "handbook",
        "args",
        "check",
        "summary",
        "version",
        "releases-url",
    ] {
        assert!(
            action["inputs"][input]["description"].is_string(),
            "{input}"
        );
    }
    assert!(action["branding"]["icon"].is_string());
}

#[test]
fn a_broken_download_or_cache_is_never_used() {
    let release = Release::new("v0.3.0", "echo 'policybook 0.3.0'");
    let work = tempfile::tempdir().unwrap();
    let cache = work.path().join("cache");
    let mut env = release.env(&cache);
    env.push(("PB_VERSION".into(), "v0.3.0".into()));
    let bin = cache
        .join("policybook/policybook/v0.3.0")
        .join(TARGET)
        .join("policybook");

    // A cut-short archive whose checksum matches it: it does not unpack,
    // and nothing is kept.
    let archive = release.archive("v0.3.0");
    let bytes = std::fs::read(&archive).unwrap();
    std::fs::write(&archive, &bytes[..bytes.len() / 2]).unwrap();
    release.sign("v0.3.0");
    let (code, _, stderr) = install(&env, None, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("error: could not unpack"), "{stderr}");
    assert!(!bin.exists());
    assert!(
        !stderr.contains("cargo"),
        "a broken download is not a missing release: {stderr}"
    );

    // A copy in the cache that does not run is fetched again.
    std::fs::write(&archive, &bytes).unwrap();
    release.sign("v0.3.0");
    write_exe(&bin, "exit 3");
    let (code, _, stderr) = install(&env, None, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("does not run: fetching it again"),
        "{stderr}"
    );
    assert!(stderr.contains("policybook 0.3.0"), "{stderr}");

    // A network that fails is said, not taken for a missing release.
    let mut offline = env.clone();
    offline.push(("PB_RELEASES_URL".into(), "nosuch://example.org".into()));
    offline.push((
        "PB_CACHE_DIR".into(),
        work.path().join("other").display().to_string(),
    ));
    let (code, _, stderr) = install(&offline, None, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error: could not download nosuch://"),
        "{stderr}"
    );
}

#[test]
fn the_latest_tag_found_is_remembered_and_odd_ones_are_refused() {
    let release = Release::new("v0.3.0", "echo 'policybook 0.3.0'");
    let work = tempfile::tempdir().unwrap();
    let cache = work.path().join("cache");
    let env = release.env(&cache);
    assert_eq!(install(&env, None, &[]).0, 0);
    // The API cannot be asked: the tag found before is used.
    let mut no_api = env.clone();
    no_api.push(("PB_API_URL".into(), "file:///nonexistent".into()));
    let (code, stdout, stderr) = install(&no_api, None, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("using v0.3.0, the latest found before"),
        "{stderr}"
    );
    assert!(stdout.contains("version=v0.3.0\n"), "{stdout}");
    // A tag that would lead out of the cache is not a tag.
    let api = release
        .dir
        .path()
        .join("api/repos/policybook/policybook/releases/latest");
    std::fs::write(&api, "{\"tag_name\":\"v0/../../../../tmp/evil\"}").unwrap();
    let fresh = vec![
        ("PB_API_URL".to_string(), env[1].1.clone()),
        (
            "PB_CACHE_DIR".to_string(),
            work.path().join("fresh").display().to_string(),
        ),
        ("PB_TARGET".to_string(), TARGET.to_string()),
    ];
    let (code, stdout, stderr) = install(&fresh, None, &["--plan"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("which is not a tag such as v0.2.0"),
        "{stderr}"
    );
    assert!(
        stdout.contains("version=latest\n") && !stdout.contains(".."),
        "{stdout}"
    );
    for (key, value) in [
        ("PB_TARGET", "../../x"),
        ("PB_REPOSITORY", "../.."),
        ("PB_REPOSITORY", "a/b/c"),
    ] {
        let (code, _, stderr) = install(&[(key.to_string(), value.to_string())], None, &["--plan"]);
        assert_eq!(code, 1, "{key}={value}: {stderr}");
        assert!(stderr.contains(&format!("{key} must be")), "{stderr}");
    }
}

#[test]
fn args_on_several_lines_reach_check_and_a_floating_tag_installs_the_latest() {
    let release = real_release("v0.3.0");
    let job = Job::new();
    let ran = job.action(
        &release,
        "v1",
        true,
        &[
            ("handbook", "handbook".to_string()),
            ("args", "--strict\n--grace-days 100\n".to_string()),
        ],
    );
    assert_eq!(ran.outputs["version"], "v0.3.0", "{:#?}", ran.steps);
    let (_, code, stdout, stderr) = &ran.steps[2];
    assert_eq!(*code, 1, "{stderr}");
    // 54 days overdue is within --grace-days 100: a warning, not an error.
    assert!(
        stdout.contains("::warning file=handbook/people/lone-working.md,line=9"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("::error file=handbook/people/lone-working.md"),
        "{stdout}"
    );
}
