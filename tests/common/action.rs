//! The steps of `action.yml`, run as the GitHub runner runs a composite
//! action: each `run:` with bash (`-eo pipefail`), its `env:` and `if:`
//! filled in from the inputs (or their defaults), the `github` context
//! given, and the outputs of earlier steps; `GITHUB_OUTPUT` a fresh file
//! per step, `GITHUB_PATH` put before PATH for the steps after it.
//! `uses:` steps (actions/cache) are not run: their `with:` is returned
//! for the test to look at.

use super::TODAY;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a run of the action did.
pub struct Ran {
    /// `(step id or name, exit code, stdout, stderr)` of each step run.
    pub steps: Vec<(String, i32, String, String)>,
    /// The `with:` of each `uses:` step, filled in.
    pub uses: Vec<(String, BTreeMap<String, String>)>,
    /// The action's outputs, filled in.
    pub outputs: BTreeMap<String, String>,
}

/// How the action is run.
pub struct Runner<'a> {
    /// The folder the runner unpacked the action into, which is
    /// `GITHUB_ACTION_PATH` (…/_actions/OWNER/NAME/REF).
    pub action_path: &'a Path,
    pub inputs: &'a [(&'a str, String)],
    /// The `github` context: `action_repository`, `action_ref`,
    /// `api_url`, `token`.
    pub github: &'a [(&'a str, String)],
    /// The job's environment (PATH included), and its folder.
    pub env: &'a [(String, String)],
    pub cwd: &'a Path,
    /// Files the job's steps share: GITHUB_PATH, GITHUB_STEP_SUMMARY.
    pub github_path: &'a Path,
}

pub fn action() -> Value {
    let text = include_str!("../../action.yml");
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("action.yml is not YAML: {e}"))
}

impl Runner<'_> {
    pub fn run(&self) -> Ran {
        let action = action();
        assert_eq!(action["runs"]["using"], "composite");
        let mut inputs: BTreeMap<String, String> = BTreeMap::new();
        for (name, spec) in action["inputs"].as_object().unwrap() {
            inputs.insert(
                name.clone(),
                spec["default"].as_str().unwrap_or_default().to_string(),
            );
        }
        for (name, value) in self.inputs {
            assert!(inputs.contains_key(*name), "the action has no input {name}");
            inputs.insert(name.to_string(), value.clone());
        }
        let mut outputs_of: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        let mut ran = Ran {
            steps: Vec::new(),
            uses: Vec::new(),
            outputs: BTreeMap::new(),
        };
        for (n, step) in action["runs"]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            let fill = |text: &str| fill(text, &inputs, self.github, &outputs_of);
            if let Some(condition) = step["if"].as_str() {
                // The one form the action uses: an input compared to a word.
                let (left, right) = condition.split_once(" == ").expect("if: a == 'b'");
                let name = left
                    .trim()
                    .strip_prefix("inputs.")
                    .expect("if: inputs.NAME");
                if inputs[name] != right.trim().trim_matches('\'') {
                    continue;
                }
            }
            let with: BTreeMap<String, String> = step["with"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), fill(v.as_str().unwrap())))
                .collect();
            if let Some(uses) = step["uses"].as_str() {
                ran.uses.push((uses.to_string(), with));
                continue;
            }
            assert_eq!(step["shell"], "bash", "step {n} runs in bash");
            let id = step["id"]
                .as_str()
                .map(str::to_string)
                .unwrap_or(format!("step {n}"));
            let output = self.github_path.with_file_name(format!("output-{n}"));
            std::fs::write(&output, "").unwrap();
            let mut env: Vec<(String, String)> = self.env.to_vec();
            let path_dirs = std::fs::read_to_string(self.github_path).unwrap_or_default();
            let base_path = env
                .iter()
                .find(|(k, _)| k == "PATH")
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| std::env::var("PATH").unwrap());
            let mut path: Vec<&str> = path_dirs.lines().rev().collect();
            path.push(&base_path);
            env.retain(|(k, _)| k != "PATH");
            env.push(("PATH".into(), path.join(":")));
            env.push(("GITHUB_OUTPUT".into(), output.display().to_string()));
            env.push(("GITHUB_PATH".into(), self.github_path.display().to_string()));
            env.push((
                "GITHUB_ACTION_PATH".into(),
                self.action_path.display().to_string(),
            ));
            for (k, v) in step["env"].as_object().into_iter().flatten() {
                env.push((k.clone(), fill(v.as_str().unwrap())));
            }
            let script = fill(step["run"].as_str().unwrap());
            let out = Command::new("bash")
                .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &script])
                .current_dir(self.cwd)
                .env_clear()
                .envs(env)
                .output()
                .expect("bash runs");
            let code = out.status.code().unwrap_or(-1);
            let written = std::fs::read_to_string(&output).unwrap();
            outputs_of.insert(
                id.clone(),
                written
                    .lines()
                    .filter_map(|l| l.split_once('='))
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            );
            ran.steps.push((
                id,
                code,
                String::from_utf8_lossy(&out.stdout).into_owned(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            ));
            if code != 0 {
                break;
            }
        }
        for (name, spec) in action["outputs"].as_object().unwrap() {
            let value = fill(
                spec["value"].as_str().unwrap(),
                &inputs,
                self.github,
                &outputs_of,
            );
            ran.outputs.insert(name.clone(), value);
        }
        ran
    }
}

/// `text` with its `${{ … }}` expressions filled in; one the test does
/// not know is a failure.
fn fill(
    text: &str,
    inputs: &BTreeMap<String, String>,
    github: &[(&str, String)],
    steps: &BTreeMap<String, BTreeMap<String, String>>,
) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("an expression ends") + start;
        let expression = rest[start + 3..end].trim();
        let value = if let Some(name) = expression.strip_prefix("inputs.") {
            inputs
                .get(name)
                .cloned()
                .unwrap_or_else(|| panic!("no input {name}"))
        } else if let Some(name) = expression.strip_prefix("github.") {
            github
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("the test gives no github.{name}"))
        } else if let Some(path) = expression.strip_prefix("steps.") {
            let (id, key) = path.split_once(".outputs.").expect("steps.ID.outputs.KEY");
            steps
                .get(id)
                .and_then(|o| o.get(key))
                .cloned()
                .unwrap_or_default()
        } else {
            panic!("an expression the test does not know: {expression}")
        };
        out.push_str(&value);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// A folder shaped as the runner unpacks `OWNER/NAME@REF` into, holding
/// this repository's action.yml and scripts/.
pub fn unpacked_action(under: &Path, owner: &str, name: &str, reference: &str) -> PathBuf {
    let dir = under
        .join("_actions")
        .join(owner)
        .join(name)
        .join(reference);
    std::fs::create_dir_all(&dir).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in ["action.yml", "scripts"] {
        std::os::unix::fs::symlink(root.join(entry), dir.join(entry)).unwrap();
    }
    dir
}

pub const TARGET: &str = "x86_64-unknown-linux-musl";

pub fn write_exe(path: &Path, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A release on disk, shaped as release.yml publishes one: for each
/// version, `policybook-VERSION-TARGET.tar.gz` holding
/// `policybook-VERSION-TARGET/policybook`, beside its `.sha256`; and the
/// API's answer naming the latest.
pub struct Release {
    pub dir: tempfile::TempDir,
}

impl Release {
    /// A release of `version` whose binary runs `body` (a shell script).
    pub fn new(version: &str, body: &str) -> Release {
        let dir = tempfile::tempdir().unwrap();
        let name = format!("policybook-{version}-{TARGET}");
        let pkg = dir.path().join("pkg");
        write_exe(&pkg.join(&name).join("policybook"), body);
        let download = dir.path().join("download").join(version);
        std::fs::create_dir_all(&download).unwrap();
        let archive = format!("{name}.tar.gz");
        run_ok(
            Command::new("tar")
                .args(["-czf", download.join(&archive).to_str().unwrap(), &name])
                .current_dir(&pkg),
        );
        let sum = run_ok(
            Command::new("sha256sum")
                .arg(&archive)
                .current_dir(&download),
        );
        std::fs::write(download.join(format!("{archive}.sha256")), sum).unwrap();
        let api = dir.path().join("api/repos/policybook/policybook/releases");
        std::fs::create_dir_all(&api).unwrap();
        std::fs::write(
            api.join("latest"),
            format!("{{\n  \"url\": \"https://example.org\",\n  \"tag_name\": \"{version}\",\n  \"name\": \"policybook {version}\"\n}}\n"),
        )
        .unwrap();
        Release { dir }
    }

    /// Writes the `.sha256` of `version`'s archive as it now is.
    pub fn sign(&self, version: &str) {
        let archive = self.archive(version);
        let sum = run_ok(
            Command::new("sha256sum")
                .arg(archive.file_name().unwrap())
                .current_dir(archive.parent().unwrap()),
        );
        std::fs::write(archive.with_extension("gz.sha256"), sum).unwrap();
    }

    pub fn archive(&self, version: &str) -> PathBuf {
        self.dir.path().join(format!(
            "download/{version}/policybook-{version}-{TARGET}.tar.gz"
        ))
    }

    /// The settings that point the script at this release.
    pub fn env(&self, cache: &Path) -> Vec<(String, String)> {
        let url = |p: &str| format!("file://{}/{p}", self.dir.path().display());
        vec![
            ("PB_RELEASES_URL".into(), url("download")),
            ("PB_API_URL".into(), url("api")),
            ("PB_TARGET".into(), TARGET.into()),
            ("PB_CACHE_DIR".into(), cache.display().to_string()),
        ]
    }
}

pub fn run_ok(command: &mut Command) -> String {
    let out = command.output().unwrap();
    assert!(out.status.success(), "{command:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// A release whose binary is the real policybook, pinned to the tests' day.
pub fn real_release(version: &str) -> Release {
    let real = env!("CARGO_BIN_EXE_policybook");
    Release::new(
        version,
        &format!(
            "case \"$1\" in --version) exec '{real}' --version ;; esac\ncommand=\"$1\"; shift; exec '{real}' \"$command\" --today {TODAY} \"$@\""
        ),
    )
}
