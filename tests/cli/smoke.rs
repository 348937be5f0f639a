//! Basic CLI behaviour: help, version and exit codes for bad options.

use super::fingertip;

#[test]
fn help_lists_audit() {
    let out = fingertip().arg("--help").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("audit"));
}

#[test]
fn bad_option_exits_2() {
    let out = fingertip().args(["audit"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_inventory_exits_2_with_cause() {
    let dir = tempfile::tempdir().unwrap();
    let out = fingertip()
        .current_dir(dir.path())
        .args(["audit", "no-such-folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no-such-folder"), "{err}");
}

/// README points only at files a user of the repository has: every relative link and
/// every path written in backticks with a `/` exists, and nothing reaches above the
/// repository.
#[test]
fn readme_links_only_to_files_in_the_repository() {
    let root = super::repo_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        !readme.contains("../"),
        "README reaches outside the repository"
    );
    let mut checked = 0;
    for target in readme.split("](").skip(1) {
        let target = &target[..target.find(')').unwrap()];
        if target.starts_with('#') || target.contains("://") {
            continue;
        }
        assert!(
            root.join(target).exists(),
            "README links to missing {target}"
        );
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} links checked");
}

/// The README starts with its two commands, and the test command reuses the release
/// build of the first (one compile of the dependencies on a fresh clone); CI runs the
/// same test command.
#[test]
fn readme_starts_with_the_two_commands_ci_runs() {
    let root = super::repo_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let block = readme
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .unwrap();
    assert_eq!(
        block,
        "cargo run --release -- audit inventory/\ncargo test --release\n"
    );
    let ci = std::fs::read_to_string(root.join(".ci/run")).unwrap();
    assert!(ci.lines().any(|l| l == "cargo test --release"), "{ci}");
}
