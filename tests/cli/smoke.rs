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
