//! The release workflow, `.github/workflows/release.yml`, has the shape a
//! release needs: it runs on version tags only; the tests pass on Windows,
//! macOS and Linux before anything is built; exactly the five targets are
//! built, each with the dist profile; every archive gets a SHA-256 file;
//! and the release is published only after every build.
//!
//! `problems` reads the parsed workflow and lists what is wrong with it;
//! `each_broken_workflow_is_caught` breaks the real file in each way that
//! matters and checks that `problems` says so, so these tests can fail.
//! On Unix the packaging and smoke-test steps' own shell scripts are run
//! too, on a stand-in build tree and on the real binary.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const TARGETS: [&str; 5] = [
    "x86_64-pc-windows-msvc",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
];

fn workflow_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/release.yml")
}

fn workflow() -> Value {
    let text =
        std::fs::read_to_string(workflow_path()).expect("read .github/workflows/release.yml");
    serde_saphyr::from_str(&text).expect("release.yml is YAML")
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn steps<'a>(w: &'a Value, job: &str) -> &'a [Value] {
    w["jobs"][job]["steps"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn run_of(step: &Value) -> &str {
    step["run"].as_str().unwrap_or("")
}

fn uses_of(step: &Value) -> &str {
    step["uses"].as_str().unwrap_or("")
}

/// The step of `job` whose `name` is `name`.
fn named_step<'a>(w: &'a Value, job: &str, name: &str) -> Option<&'a Value> {
    steps(w, job)
        .iter()
        .find(|s| s["name"].as_str() == Some(name))
}

fn matrix_entries(w: &Value) -> &[Value] {
    w["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Everything wrong with the workflow `w`, in words; empty when it is right.
fn problems(w: &Value) -> Vec<String> {
    let mut p = Vec::new();

    // Version tags, and nothing else, start a release.
    let on = &w["on"];
    let triggers: Vec<&String> = on
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    if triggers != ["push"] {
        p.push(format!(
            "the workflow must run on push (of a tag) only, not on {triggers:?}"
        ));
    }
    if strings(&on["push"]["tags"]) != ["v*"] {
        p.push(format!(
            "on.push.tags must be [\"v*\"], not {}",
            on["push"]["tags"]
        ));
    }
    if !on["push"]["branches"].is_null() {
        p.push("a push to a branch must not start a release".into());
    }

    // The tests, on the three systems, with Node for the search client.
    let test = &w["jobs"]["test"];
    let oses = strings(&test["strategy"]["matrix"]["os"]);
    for os in ["windows-latest", "macos-latest", "ubuntu-latest"] {
        if !oses.iter().any(|o| o == os) {
            p.push(format!(
                "the test job does not run on {os} (it runs on {oses:?})"
            ));
        }
    }
    if test["runs-on"].as_str() != Some("${{ matrix.os }}") {
        p.push("the test job must run on ${{ matrix.os }}".into());
    }
    if !steps(w, "test")
        .iter()
        .any(|s| run_of(s).trim_start().starts_with("cargo test"))
    {
        p.push("the test job runs no `cargo test`".into());
    }
    if !steps(w, "test")
        .iter()
        .any(|s| uses_of(s).starts_with("actions/setup-node@"))
    {
        p.push("the test job does not set up Node (tests/js/query.mjs needs it)".into());
    }

    // The build: exactly the five targets, each on a runner that can build it.
    let entries = matrix_entries(w);
    let targets: Vec<&str> = entries
        .iter()
        .filter_map(|e| e["target"].as_str())
        .collect();
    let set: BTreeSet<&str> = targets.iter().copied().collect();
    let wanted: BTreeSet<&str> = TARGETS.into_iter().collect();
    if targets.len() != TARGETS.len() || set != wanted {
        p.push(format!(
            "the build matrix must have exactly the targets {TARGETS:?}, not {targets:?}"
        ));
    }
    for e in entries {
        let target = e["target"].as_str().unwrap_or("?");
        let os = e["os"].as_str().unwrap_or("");
        let want_os = if target.contains("windows") {
            "windows"
        } else if target.contains("apple") {
            "macos"
        } else {
            "ubuntu"
        };
        if !os.starts_with(want_os) {
            p.push(format!(
                "{target} must build on a {want_os} runner, not {os:?}"
            ));
        }
        let want_archive = if target.contains("windows") {
            "zip"
        } else {
            "tar.gz"
        };
        if e["archive"].as_str() != Some(want_archive) {
            p.push(format!(
                "{target} must be packaged as {want_archive}, not {}",
                e["archive"]
            ));
        }
        if target.contains("musl") && e["cargo"].as_str() != Some("cross") {
            p.push(format!(
                "{target} needs a C cross compiler for mimalloc and libdeflate: build it with cross"
            ));
        }
    }
    let build = &w["jobs"]["build"];
    if build["runs-on"].as_str() != Some("${{ matrix.os }}") {
        p.push("the build job must run on ${{ matrix.os }}".into());
    }
    if !strings(&build["needs"]).iter().any(|n| n == "test") {
        p.push("the build job must need the test job".into());
    }
    let builds: Vec<&str> = steps(w, "build")
        .iter()
        .map(run_of)
        .filter(|r| r.contains(" build ") && (r.contains("cargo") || r.contains("cross")))
        .collect();
    if builds.is_empty() {
        p.push("the build job has no build step".into());
    }
    for b in &builds {
        if !b.contains("--profile dist") {
            p.push(format!("`{b}` does not use --profile dist"));
        }
        if !b.contains("--target ${{ matrix.target }}") {
            p.push(format!(
                "`{b}` does not build --target ${{{{ matrix.target }}}}"
            ));
        }
    }
    if steps(w, "build").iter().any(|s| {
        let r = run_of(s);
        r.contains("build ") && r.contains("--release")
    }) {
        p.push("the build job builds with --release instead of the dist profile".into());
    }

    // Every archive is written with its checksum, and both are uploaded.
    match named_step(w, "build", "Package") {
        None => p.push("the build job has no step named Package".into()),
        Some(pkg) => {
            if !pkg["if"].is_null() {
                p.push("the Package step must run for every target (it has an `if`)".into());
            }
            let r = run_of(pkg);
            if !r.contains("target/${{ matrix.target }}/dist/policybook") {
                p.push(
                    "the Package step does not take the binary from target/<target>/dist/".into(),
                );
            }
            for file in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
                if !r.contains(file) {
                    p.push(format!("the archives do not include {file}"));
                }
            }
            if !r.contains("> \"$archive.sha256\"") {
                p.push("the Package step does not write \"$archive.sha256\"".into());
            }
        }
    }
    match steps(w, "build")
        .iter()
        .find(|s| uses_of(s).starts_with("actions/upload-artifact@"))
    {
        None => p.push("the build job uploads nothing".into()),
        Some(up) => {
            let paths = up["with"]["path"].as_str().unwrap_or("");
            let lines: Vec<&str> = paths
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            for want in ["dist/${{ env.ARCHIVE }}", "dist/${{ env.ARCHIVE }}.sha256"] {
                if !lines.contains(&want) {
                    p.push(format!("the upload does not include {want}"));
                }
            }
            if up["with"]["if-no-files-found"].as_str() != Some("error") {
                p.push(
                    "the upload must fail when a file is missing (if-no-files-found: error)".into(),
                );
            }
        }
    }

    // Published only after every build, with every archive and checksum.
    let publish = &w["jobs"]["publish"];
    if !strings(&publish["needs"]).iter().any(|n| n == "build") {
        p.push("the publish job must need the build job".into());
    }
    if publish["permissions"]["contents"].as_str() != Some("write") {
        p.push("the publish job needs permissions: contents: write".into());
    }
    if !steps(w, "publish")
        .iter()
        .any(|s| run_of(s).contains("sha256sum --check"))
    {
        p.push("the publish job does not check the archives against their checksums".into());
    }
    match steps(w, "publish")
        .iter()
        .find(|s| uses_of(s).starts_with("softprops/action-gh-release@"))
    {
        None => p.push("the publish job does not create the release".into()),
        Some(rel) => {
            if rel["with"]["files"].as_str().map(str::trim) != Some("dist/*") {
                p.push(format!(
                    "the release must carry dist/*, not {}",
                    rel["with"]["files"]
                ));
            }
        }
    }

    // Well-known actions at a pinned major version.
    for (name, job) in w["jobs"].as_object().into_iter().flatten() {
        for s in job["steps"].as_array().into_iter().flatten() {
            let u = uses_of(s);
            if u.is_empty() {
                continue;
            }
            let Some((action, version)) = u.split_once('@') else {
                p.push(format!("{name}: `{u}` is not pinned to a version"));
                continue;
            };
            let pinned = if action == "dtolnay/rust-toolchain" {
                // Its refs name the toolchain; `master` takes it as an input.
                version == "stable" || version == "master"
            } else {
                version
                    .strip_prefix('v')
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            };
            if !pinned {
                p.push(format!("{name}: `{u}` is not pinned to a major version"));
            }
            if action.starts_with("actions/") && version != "v4" {
                p.push(format!("{name}: `{u}` should be at v4"));
            }
        }
    }
    p
}

#[test]
fn the_release_workflow_has_the_shape_the_release_needs() {
    let p = problems(&workflow());
    assert!(
        p.is_empty(),
        "{}:\n  {}",
        workflow_path().display(),
        p.join("\n  ")
    );
}

/// Each way of breaking the workflow that would make a worse release is
/// reported.
#[test]
fn each_broken_workflow_is_caught() {
    type Break = fn(&mut Value);
    let breaks: [(&str, Break); 16] = [
        ("drop a target", |w| {
            w["jobs"]["build"]["strategy"]["matrix"]["include"]
                .as_array_mut()
                .unwrap()
                .pop();
        }),
        ("repeat a target instead of another", |w| {
            let inc = w["jobs"]["build"]["strategy"]["matrix"]["include"]
                .as_array_mut()
                .unwrap();
            inc[4] = inc[3].clone();
        }),
        ("build a glibc binary instead of a static one", |w| {
            w["jobs"]["build"]["strategy"]["matrix"]["include"][3]["target"] =
                "x86_64-unknown-linux-gnu".into();
        }),
        ("build musl without cross", |w| {
            w["jobs"]["build"]["strategy"]["matrix"]["include"][4]["cargo"] = "cargo".into();
        }),
        ("build with --release", |w| {
            for s in w["jobs"]["build"]["steps"].as_array_mut().unwrap() {
                if let Some(r) = s["run"]
                    .as_str()
                    .map(|r| r.replace("--profile dist", "--release"))
                {
                    s["run"] = r.into();
                }
            }
        }),
        ("run on branches too", |w| {
            w["on"]["push"]["branches"] = serde_json::json!(["main"]);
        }),
        ("run on every tag", |w| {
            w["on"]["push"]["tags"] = serde_json::json!(["*"]);
        }),
        ("run on pull requests too", |w| {
            w["on"]["pull_request"] = serde_json::json!({});
        }),
        ("test on Linux only", |w| {
            w["jobs"]["test"]["strategy"]["matrix"]["os"] = serde_json::json!(["ubuntu-latest"]);
        }),
        ("build before the tests pass", |w| {
            w["jobs"]["build"]["needs"] = serde_json::json!(["msrv"]);
        }),
        ("publish before the builds end", |w| {
            w["jobs"]["publish"]
                .as_object_mut()
                .unwrap()
                .remove("needs");
        }),
        ("write no checksum", |w| {
            for s in w["jobs"]["build"]["steps"].as_array_mut().unwrap() {
                if let Some(r) = s["run"]
                    .as_str()
                    .map(|r| r.replace("> \"$archive.sha256\"", ""))
                {
                    s["run"] = r.into();
                }
            }
        }),
        ("upload no checksum", |w| {
            for s in w["jobs"]["build"]["steps"].as_array_mut().unwrap() {
                if let Some(p) = s["with"]["path"]
                    .as_str()
                    .map(|p| p.replace("dist/${{ env.ARCHIVE }}.sha256", ""))
                {
                    s["with"]["path"] = p.into();
                }
            }
        }),
        ("package only some targets", |w| {
            for s in w["jobs"]["build"]["steps"].as_array_mut().unwrap() {
                if s["name"] == "Package" {
                    s["if"] = "matrix.run".into();
                }
            }
        }),
        ("ship no licence", |w| {
            for s in w["jobs"]["build"]["steps"].as_array_mut().unwrap() {
                if let Some(r) = s["run"].as_str().map(|r| r.replace(" LICENSE-APACHE", "")) {
                    s["run"] = r.into();
                }
            }
        }),
        ("use an action at a moving ref", |w| {
            w["jobs"]["publish"]["steps"][0]["uses"] = "actions/download-artifact@main".into();
        }),
    ];
    let clean = workflow();
    assert!(problems(&clean).is_empty());
    for (what, break_it) in breaks {
        let mut w = clean.clone();
        break_it(&mut w);
        assert_ne!(
            w, clean,
            "{what}: the change did not apply to release.yml (has the file changed shape?)"
        );
        assert!(
            !problems(&w).is_empty(),
            "{what}: problems() did not notice"
        );
    }
}

/// A step's `run` script with `${{ matrix.KEY }}` replaced by the matrix
/// entry's value. Any other expression fails the test, so that a new one
/// gets a stand-in here rather than running as written.
#[cfg(unix)]
fn script_for(step: &Value, entry: &Value) -> String {
    let mut s = run_of(step).to_string();
    while let Some(start) = s.find("${{") {
        let end = start + s[start..].find("}}").expect("unclosed ${{") + 2;
        let expr = s[start + 3..end - 2].trim();
        let key = expr
            .strip_prefix("matrix.")
            .unwrap_or_else(|| panic!("no stand-in for ${{{{ {expr} }}}}"));
        let value = match &entry[key] {
            Value::String(v) => v.clone(),
            Value::Bool(b) => b.to_string(),
            // GitHub gives a property an entry does not have as "".
            Value::Null => String::new(),
            other => panic!("matrix.{key} is {other}"),
        };
        s.replace_range(start..end, &value);
    }
    s
}

#[cfg(unix)]
fn bash(
    script: &str,
    dir: &Path,
    envs: &[(&str, &str)],
    path_prefix: Option<&Path>,
) -> std::process::Output {
    let mut cmd = std::process::Command::new("bash");
    cmd.arg("-eo")
        .arg("pipefail")
        .arg("-c")
        .arg(script)
        .current_dir(dir);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    if let Some(prefix) = path_prefix {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut paths = vec![prefix.to_path_buf()];
        paths.extend(std::env::split_paths(&path));
        cmd.env("PATH", std::env::join_paths(paths).unwrap());
    }
    cmd.output().expect("run bash")
}

/// The Package step, run as written for each of the five targets on a
/// stand-in build (a fake binary under target/<target>/dist/), writes the
/// archive, a checksum that checks, and ARCHIVE= for the upload step. The
/// zip is made by PowerShell on Windows; here a stand-in `pwsh` makes it.
#[cfg(unix)]
#[test]
fn the_package_step_writes_an_archive_and_its_checksum_for_every_target() {
    let w = workflow();
    let step = named_step(&w, "build", "Package").expect("a Package step");
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let pwsh = bin.join("pwsh");
    std::fs::write(
        &pwsh,
        "#!/bin/sh\n# stand-in: Compress-Archive -Path 'X' -DestinationPath 'Y'\n\
         dest=$(printf '%s' \"$*\" | sed -n \"s/.*-DestinationPath '\\([^']*\\)'.*/\\1/p\")\n\
         [ -n \"$dest\" ] && printf 'zip of %s\\n' \"$dest\" > \"$dest\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pwsh, std::fs::Permissions::from_mode(0o755)).unwrap();
    let check = if std::process::Command::new("sha256sum")
        .arg("--version")
        .output()
        .is_ok()
    {
        "sha256sum --check"
    } else {
        "shasum -a 256 --check"
    };

    for entry in matrix_entries(&w) {
        let target = entry["target"].as_str().unwrap();
        let exe = entry["exe"].as_str().unwrap_or("");
        let tree = tmp.path().join(target);
        let dist = tree.join("target").join(target).join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::create_dir_all(tree.join("docs")).unwrap();
        std::fs::write(
            dist.join(format!("policybook{exe}")),
            format!("binary for {target}"),
        )
        .unwrap();
        for f in [
            "README.md",
            "LICENSE-MIT",
            "LICENSE-APACHE",
            "docs/hosting.md",
        ] {
            std::fs::write(tree.join(f), f).unwrap();
        }
        let github_env = tree.join("github-env");
        let out = bash(
            &script_for(step, entry),
            &tree,
            &[
                ("GITHUB_REF_NAME", "v9.8.7"),
                ("GITHUB_ENV", github_env.to_str().unwrap()),
            ],
            Some(&bin),
        );
        assert!(
            out.status.success(),
            "{target}: the Package step failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let archive = format!(
            "policybook-v9.8.7-{target}.{}",
            entry["archive"].as_str().unwrap()
        );
        let env = std::fs::read_to_string(&github_env).unwrap();
        assert_eq!(env.trim(), format!("ARCHIVE={archive}"), "{target}");
        let out_dir = tree.join("dist");
        assert!(out_dir.join(&archive).is_file(), "{target}: no {archive}");
        let sum = std::fs::read_to_string(out_dir.join(format!("{archive}.sha256"))).unwrap();
        assert!(
            sum.trim_end().ends_with(&archive),
            "{target}: {sum:?} does not name {archive}"
        );
        let verify = bash(
            &format!("{check} --strict '{archive}.sha256'"),
            &out_dir,
            &[],
            None,
        );
        assert!(
            verify.status.success(),
            "{target}: {}",
            String::from_utf8_lossy(&verify.stderr)
        );
        if archive.ends_with(".tar.gz") {
            let list = std::process::Command::new("tar")
                .arg("-tzf")
                .arg(out_dir.join(&archive))
                .output()
                .unwrap();
            let list = String::from_utf8_lossy(&list.stdout);
            let top = format!("policybook-v9.8.7-{target}/");
            for f in [
                "policybook",
                "README.md",
                "LICENSE-MIT",
                "LICENSE-APACHE",
                "docs/hosting.md",
            ] {
                assert!(
                    list.lines().any(|l| l == format!("{top}{f}")),
                    "{target}: {f} is not in {archive}:\n{list}"
                );
            }
        }
    }
}

/// The smoke-test step, run as written on the binary this test suite
/// built, starts it and builds the sample handbook.
#[cfg(unix)]
#[test]
fn the_smoke_test_step_passes_on_the_real_binary() {
    let w = workflow();
    let step = named_step(&w, "build", "Smoke test").expect("a Smoke test step");
    let entry = matrix_entries(&w)
        .iter()
        .find(|e| e["target"] == "x86_64-unknown-linux-musl")
        .expect("the x86_64 musl target");
    assert_eq!(
        entry["run"], true,
        "the x86_64 Linux binary runs on the Linux runner: smoke-test it"
    );
    let tmp = tempfile::tempdir().unwrap();
    let dist = tmp.path().join("target/x86_64-unknown-linux-musl/dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_policybook"), dist.join("policybook")).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook");
    for e in walkdir::WalkDir::new(&src) {
        let e = e.unwrap();
        let to = tmp
            .path()
            .join("handbook")
            .join(e.path().strip_prefix(&src).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    let out = bash(&script_for(step, entry), tmp.path(), &[], None);
    assert!(
        out.status.success(),
        "the smoke test failed on the real binary:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(tmp.path().join("smoke-site/index.html").is_file());
}
