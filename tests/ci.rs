//! The CI jobs in README.md, run as far as this machine allows: each
//! workflow is read as YAML, and the commands of its steps are run with
//! bash in a git repository made by the test, holding the sample handbook
//! and a change to it, as GitHub Actions and GitLab would run them.
//! The GitHub Action's steps (action.yml) and the GitLab template
//! (ci/policybook.gitlab-ci.yml) run too, installing policybook from a
//! fake release on disk (tests/common/action.rs). Only what cannot run
//! here is a stand-in on the PATH: `gh` and `curl` sending an email
//! (which would post an issue or send it; they record what they were
//! given), and `apt-get`. `policybook` is the real binary, with every run
//! pinned to the tests' day.
#![cfg(unix)]

mod common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The YAML block after `marker` in README.md.
fn readme_block(marker: &str) -> String {
    let readme = include_str!("../README.md");
    let after = readme
        .split(marker)
        .nth(1)
        .unwrap_or_else(|| panic!("README.md has no {marker}"));
    let body = after
        .split("```yaml\n")
        .nth(1)
        .expect("a yaml block after the marker");
    body.split("\n```").next().unwrap().to_string()
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("not YAML ({e}):\n{text}"))
}

/// A repository holding the sample handbook in `handbook/` on `main`
/// (and as `origin/main`), checked out on a branch whose one commit
/// gives one policy a broken link; and a folder of commands for the PATH.
struct Repo {
    _dir: tempfile::TempDir,
    root: PathBuf,
    bin: PathBuf,
    /// What the stand-ins were given.
    log: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        copy_tree(Path::new(&sample()), &root.join("handbook"));
        git(&root, &["init", "-q"]);
        git(&root, &["add", "-A"]);
        git(&root, &["commit", "-q", "-m", "the handbook"]);
        let origin = root.to_str().unwrap().to_string();
        git(&root, &["remote", "add", "origin", &origin]);
        git(&root, &["fetch", "-q", "origin"]);
        git(&root, &["checkout", "-q", "-b", "change"]);
        let file = root.join("handbook/people/whistleblowing.md");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, format!("{text}\nSee also [[no-such-policy]].\n")).unwrap();
        git(&root, &["commit", "-q", "-am", "a broken link"]);

        let bin = dir.path().join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let log = dir.path().join("log.txt");
        let script = |name: &str, body: &str| {
            let path = bin.join(name);
            std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        };
        let real = env!("CARGO_BIN_EXE_policybook");
        script(
            "policybook",
            &format!("command=\"$1\"; shift; exec '{real}' \"$command\" --today {TODAY} \"$@\""),
        );
        let log_arg = log.to_str().unwrap();
        script("cargo", &format!("echo \"cargo $*\" >> '{log_arg}'"));
        script("apt-get", &format!("echo \"apt-get $*\" >> '{log_arg}'"));
        // gh and curl: their arguments, then the file they would send.
        script(
            "gh",
            &format!(
                "echo \"gh $*\" >> '{log_arg}'\nwhile [ $# -gt 0 ]; do [ \"$1\" = --body-file ] && cat \"$2\" >> '{log_arg}'; shift; done"
            ),
        );
        // curl sends no email; anything else (the action's downloads) it
        // does for real.
        let real_curl = std::env::var("PATH")
            .unwrap_or_default()
            .split(':')
            .map(|d| Path::new(d).join("curl"))
            .find(|p| p.is_file())
            .expect("curl is installed");
        script(
            "curl",
            &format!(
                "case \"$*\" in *--mail-rcpt*) ;; *) exec '{}' \"$@\" ;; esac\necho \"curl $*\" >> '{log_arg}'\nwhile [ $# -gt 0 ]; do [ \"$1\" = --upload-file ] && cat \"$2\" >> '{log_arg}'; shift; done",
                real_curl.display()
            ),
        );
        Repo {
            _dir: dir,
            root,
            bin,
            log,
        }
    }

    /// Runs `script` as a CI runner's shell would (bash, stopping at the
    /// first failing command), with `env`; its exit code and output.
    fn run(&self, script: &str, env: &[(String, String)]) -> (i32, String, String) {
        let path = format!(
            "{}:{}",
            self.bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let out = Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .current_dir(&self.root)
            .env("PATH", path)
            .env("NO_COLOR", "1")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .output()
            .expect("bash runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// The distinct owners (and emails) with reviews due within 60 days.
fn owners_due() -> Vec<(String, Option<String>)> {
    let r = run(&[
        "report",
        &sample(),
        "--today",
        TODAY,
        "--format",
        "json",
        "--within",
        "60",
    ]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let mut owners: Vec<(String, Option<String>)> = v["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["owner"].as_str().unwrap().to_string(),
                r["owner_email"].as_str().map(str::to_string),
            )
        })
        .collect();
    owners.sort();
    owners.dedup();
    owners
}

/// GitHub's `${{ … }}` expressions that the workflow uses, as a pull
/// request into main would give them; any other is a test failure.
fn github_expressions(text: &str) -> String {
    let text = text
        .replace("${{ github.base_ref }}", "main")
        .replace("${{ github.token }}", "test-token");
    assert!(
        !text.contains("${{"),
        "an expression the test does not know: {text}"
    );
    text
}

#[test]
fn the_github_workflow_checks_a_pull_request_and_reminds_owners() {
    let workflow = yaml(&readme_block(
        "<!-- tests/ci.rs runs this workflow's commands -->",
    ));
    assert!(
        workflow["on"]["pull_request"].is_null() && workflow["on"].get("pull_request").is_some()
    );
    let crons: Vec<&str> = workflow["on"]["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["cron"].as_str().unwrap())
        .collect();
    assert_eq!(crons, ["0 7 * * 1", "0 7 1 * *"]);
    // Only the scheduled job may open issues.
    assert_eq!(workflow["permissions"]["issues"], Value::Null);
    assert_eq!(
        workflow["jobs"]["schedule"]["permissions"]["issues"],
        "write"
    );
    let repo = Repo::new();
    let summary = repo.root.join("summary.md");
    let mut results = std::collections::BTreeMap::new();
    // The action installs this release (the real binary) from disk.
    let release = common::action::real_release("v0.3.0");
    let url = |p: &str| format!("file://{}/{p}", release.dir.path().display());
    let outside = repo.root.parent().unwrap().to_path_buf();
    for (job_name, job) in workflow["jobs"].as_object().unwrap() {
        let github_path = outside.join(format!("github_path-{job_name}"));
        let job_path = || {
            let added = std::fs::read_to_string(&github_path).unwrap_or_default();
            let mut dirs: Vec<String> = added.lines().rev().map(str::to_string).collect();
            dirs.push(repo.bin.display().to_string());
            dirs.push(std::env::var("PATH").unwrap_or_default());
            dirs.join(":")
        };
        for step in job["steps"].as_array().unwrap() {
            if let Some(reference) = step["uses"]
                .as_str()
                .and_then(|u| u.strip_prefix("policybook/policybook@"))
            {
                let inputs: Vec<(&str, String)> = step["with"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| {
                        let v = match v {
                            Value::String(s) => github_expressions(s),
                            other => other.to_string(),
                        };
                        (k.as_str(), v)
                    })
                    .chain([("releases-url", url("download"))])
                    .collect();
                let action_path = common::action::unpacked_action(
                    &outside.join(job_name),
                    "policybook",
                    "policybook",
                    reference,
                );
                let env: Vec<(String, String)> = vec![
                    ("HOME".into(), outside.display().to_string()),
                    ("PATH".into(), job_path()),
                    (
                        "RUNNER_TOOL_CACHE".into(),
                        outside.join("toolcache").display().to_string(),
                    ),
                    ("GITHUB_STEP_SUMMARY".into(), summary.display().to_string()),
                    ("PB_TARGET".into(), common::action::TARGET.into()),
                    ("NO_COLOR".into(), "1".into()),
                ];
                let ran = common::action::Runner {
                    action_path: &action_path,
                    inputs: &inputs,
                    github: &[
                        ("action_repository", "policybook/policybook".to_string()),
                        ("action_ref", reference.to_string()),
                        ("api_url", url("api")),
                        ("token", "test-token".to_string()),
                    ],
                    env: &env,
                    cwd: &repo.root,
                    github_path: &github_path,
                }
                .run();
                for (id, code, stdout, stderr) in ran.steps {
                    results.insert(
                        format!("{job_name}: policybook {id}"),
                        (code, stdout, stderr),
                    );
                }
                continue;
            }
            if let Some(uses) = step["uses"].as_str() {
                if uses.starts_with("actions/checkout") && job_name == "check" {
                    assert_eq!(
                        step["with"]["fetch-depth"], 0,
                        "--changed-since needs history"
                    );
                }
                continue;
            }
            let script = github_expressions(step["run"].as_str().unwrap());
            let mut env: Vec<(String, String)> = step["env"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), github_expressions(v.as_str().unwrap())))
                .collect();
            env.push(("GITHUB_STEP_SUMMARY".into(), summary.display().to_string()));
            env.push(("PATH".into(), job_path()));
            let name = step["name"].as_str().unwrap_or("install").to_string();
            let (code, stdout, stderr) = repo.run(&script, &env);
            results.insert(format!("{job_name}: {name}"), (code, stdout, stderr));
        }
    }
    let result = |key: &str| {
        results
            .get(key)
            .unwrap_or_else(|| panic!("no step {key}: {:?}", results.keys()))
    };
    // The pull request: its broken link fails it, annotated, and the
    // summary lists it; the old overdue review elsewhere is not judged.
    assert_eq!(
        result("check: policybook install").0,
        0,
        "{:?}",
        result("check: policybook install")
    );
    let (code, stdout, stderr) = result("check: policybook step 3");
    assert_eq!(*code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains("::error file=handbook/people/whistleblowing.md,line="),
        "{stdout}"
    );
    assert!(!stdout.contains("lone-working"), "{stdout}");
    let summaries = std::fs::read_to_string(&summary).unwrap();
    assert!(
        summaries.starts_with("## Policy handbook check fails\n"),
        "{summaries}"
    );
    assert!(summaries.contains("no-such-policy"), "{summaries}");
    // The schedule: policybook installed (and not run), the site rebuilt, an issue per owner with a review
    // within 60 days, then the overdue reviews by owner, failing.
    assert_eq!(result("schedule: policybook install").0, 0);
    assert!(!results.contains_key("schedule: policybook step 3"));
    let installed = outside
        .join("toolcache/policybook/policybook/policybook/v0.3.0")
        .join(common::action::TARGET);
    assert_eq!(
        std::fs::read_to_string(outside.join("github_path-schedule")).unwrap(),
        format!("{}\n", installed.display())
    );
    assert_eq!(result("schedule: Rebuild the site").0, 0);
    assert!(repo.root.join("site/reviews.ics").is_file());
    let (code, _, stderr) = result("schedule: Remind each owner");
    assert_eq!(*code, 0, "{stderr}");
    let log = repo.log();
    let owners = owners_due();
    assert!(owners.len() > 1, "{owners:?}");
    for (owner, _) in &owners {
        assert!(
            log.contains(&format!(
                "gh issue create --title Policy reviews for {owner} --body-file reminder.md"
            )),
            "{owner}: {log}"
        );
    }
    assert_eq!(
        log.matches("gh issue create").count(),
        owners.len(),
        "{log}"
    );
    assert!(log.contains("# Policy reviews as of 2026-11-23"), "{log}");
    let (code, stdout, _) = result("schedule: Overdue reviews by owner");
    assert_eq!(*code, 1, "an overdue review fails the scheduled run");
    assert!(
        stdout.contains("::error file=handbook/people/lone-working.md"),
        "{stdout}"
    );
    let summaries = std::fs::read_to_string(&summary).unwrap();
    assert!(summaries.contains("## Centre Manager"), "{summaries}");
}

#[test]
fn the_gitlab_pipeline_checks_a_merge_request_and_emails_owners() {
    let pipeline = yaml(&readme_block(
        "<!-- tests/ci.rs runs this pipeline's commands -->",
    ));
    // The template it includes, from this repository.
    let included = pipeline["include"][0]["remote"].as_str().unwrap();
    assert_eq!(
        included,
        format!(
            "https://raw.githubusercontent.com/{}/main/ci/policybook.gitlab-ci.yml",
            env!("CARGO_PKG_REPOSITORY")
                .strip_prefix("https://github.com/")
                .unwrap()
        )
    );
    let template = yaml(include_str!("../ci/policybook.gitlab-ci.yml"));
    let base = &template[".policybook"];
    let repo = Repo::new();
    // policybook comes from this release, on disk.
    let release = common::action::real_release("v0.3.0");
    let url = |p: &str| format!("file://{}/{p}", release.dir.path().display());
    let project = repo.root.display().to_string();
    // A job as GitLab runs it: the template's before_script (for a job
    // that extends .policybook), then its script.
    let lines = |job: &Value| -> String {
        assert_eq!(job["extends"], ".policybook");
        let before = base["before_script"].as_array().unwrap();
        before
            .iter()
            .chain(job["script"].as_array().unwrap())
            .map(|l| l.as_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    // Its variables: the template's, the pipeline's, .policybook's, the
    // job's, then the project's CI/CD variables; $CI_PROJECT_DIR in a
    // value expanded, as GitLab does.
    let variables = |job: &Value| -> Vec<(String, String)> {
        let mut env: Vec<(String, String)> = [
            &template["variables"],
            &pipeline["variables"],
            &base["variables"],
            &job["variables"],
        ]
        .into_iter()
        .flat_map(|vars| vars.as_object().into_iter().flatten())
        .map(|(k, v)| {
            let v = v.to_string().trim_matches('"').to_string();
            (k.clone(), v.replace("$CI_PROJECT_DIR", &project))
        })
        .collect();
        let installer = format!(
            "file://{}/scripts/install-policybook",
            env!("CARGO_MANIFEST_DIR")
        );
        for (k, v) in [
            ("CI_PROJECT_DIR", project.clone()),
            ("POLICYBOOK_INSTALLER", installer),
            ("PB_RELEASES_URL", url("download")),
            ("PB_API_URL", url("api")),
            ("PB_TARGET", common::action::TARGET.to_string()),
        ] {
            env.push((k.to_string(), v));
        }
        for (k, v) in [
            ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
            ("SMTP_URL", "smtps://mail.example.org:465"),
            ("SMTP_USER", "ci"),
            ("SMTP_PASSWORD", "secret"),
            ("MAIL_FROM", "policies@example.org"),
        ] {
            env.push((k.to_string(), v.to_string()));
        }
        env
    };

    let policies = &template["policybook:check"];
    assert_eq!(policies["artifacts"]["reports"]["junit"], "policybook.xml");
    assert_eq!(policies["artifacts"]["when"], "always");
    assert_eq!(policies["variables"]["GIT_DEPTH"], 0);
    assert_eq!(
        policies["rules"][0]["if"],
        "$CI_PIPELINE_SOURCE == \"merge_request_event\""
    );
    let (code, stdout, stderr) = repo.run(&lines(policies), &variables(policies));
    assert_eq!(code, 1, "{stdout}{stderr}");
    // The release was downloaded, checked and cached in the project.
    assert!(stderr.contains("checksum matches"), "{stderr}");
    assert!(
        repo.root
            .join(".policybook-cache/policybook/policybook/v0.3.0")
            .is_dir()
    );
    assert_eq!(base["cache"]["paths"][0], ".policybook-cache/");
    // The text report is in the job's log too.
    assert!(stdout.contains("people/whistleblowing.md:"), "{stdout}");
    let junit = std::fs::read_to_string(repo.root.join("policybook.xml")).unwrap();
    assert!(
        junit.contains("<failure message=\"broken_reference\""),
        "{junit}"
    );
    assert!(
        junit.contains("classname=\"people/whistleblowing.md\""),
        "{junit}"
    );
    assert!(
        !junit.contains("lone-working"),
        "only the change is judged: {junit}"
    );

    let reminders = &pipeline["reminders"];
    let (code, stdout, stderr) = repo.run(&lines(reminders), &variables(reminders));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(repo.root.join("site/index.html").is_file());
    let log = repo.log();
    let mut emails: Vec<String> = owners_due().into_iter().filter_map(|(_, e)| e).collect();
    emails.sort();
    emails.dedup();
    assert!(!emails.is_empty());
    assert_eq!(log.matches("curl -sS").count(), emails.len(), "{log}");
    for email in &emails {
        assert!(
            log.contains(&format!("--mail-rcpt {email} --upload-file mail.txt")),
            "{email}: {log}"
        );
        assert!(
            log.contains(&format!("To: {email}\nSubject: Policy reviews due\nDate: ")),
            "{email}: {log}"
        );
    }
    assert!(
        log.contains("MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8"),
        "{log}"
    );
    assert!(
        log.contains("--crlf --url smtps://mail.example.org:465 --user ci:secret"),
        "{log}"
    );
    // Each email holds that owner's reviews and no one else's.
    for mail in log.split("From: policies@example.org").skip(1) {
        assert!(mail.contains("# Policy reviews as of 2026-11-23"), "{mail}");
        assert_eq!(mail.matches("\n## ").count(), 1, "{mail}");
    }
}

#[test]
fn the_pre_commit_hooks_check_the_handbook() {
    let hooks = yaml(include_str!("../.pre-commit-hooks.yaml"));
    let hooks = hooks.as_array().unwrap();
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["policybook-check", "policybook-check-system"]);
    let repo = Repo::new();
    for hook in hooks {
        // pre-commit builds a `rust` hook from this repository's
        // Cargo.toml, and runs `entry` with the hook's args, here
        // [handbook], and no file names.
        assert!(["rust", "system"].contains(&hook["language"].as_str().unwrap()));
        assert_eq!(hook["pass_filenames"], false);
        assert_eq!(hook["files"], "\\.(md|markdown|ya?ml)$");
        let command = format!("{} handbook", hook["entry"].as_str().unwrap());
        let (code, stdout, stderr) = repo.run(&command, &[]);
        assert_eq!(code, 1, "{stdout}{stderr}");
        assert!(
            stdout.contains("people/lone-working.md:9: review was due"),
            "{stdout}"
        );
        assert!(
            stdout.contains("people/whistleblowing.md"),
            "the whole handbook is checked: {stdout}"
        );
    }
}
