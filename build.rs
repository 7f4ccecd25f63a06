//! Records the commit policybook is built from, for `policybook
//! --version` ("policybook 0.1.0 (commit 1a2b3c4d5e6f)"): asked of git
//! when the source is a git checkout, left out when it is not (a crate
//! unpacked from crates.io). Nothing else is done at build time.

use std::process::Command;

fn main() {
    // Again when HEAD moves: a commit, a checkout.
    for path in [".git/HEAD", ".git/refs/heads", ".git/packed-refs"] {
        println!("cargo:rerun-if-changed={path}");
    }
    let commit = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_hexdigit()));
    let version = env!("CARGO_PKG_VERSION");
    let shown = match commit {
        Some(c) => format!("{version} (commit {c})"),
        None => version.to_string(),
    };
    println!("cargo:rustc-env=POLICYBOOK_VERSION={shown}");
}
