//! The one integration test binary: a module per subcommand or area, sharing the
//! helpers below. Tests run the real `fingertip` binary in temp dirs with a cleared
//! environment.

use std::path::PathBuf;

use assert_cmd::Command;

/// The `fingertip` binary with a clean environment.
pub fn fingertip() -> Command {
    let mut cmd = Command::cargo_bin("fingertip").expect("binary built");
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    cmd
}

/// Path of the repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Path of a fixture under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    repo_root().join("tests").join("fixtures").join(rel)
}

mod assign;
mod audit;
mod check;
mod crawl;
mod forms;
mod realworld;
mod registry;
mod report;
mod rules;
mod smoke;
mod sources;
mod tidy;
