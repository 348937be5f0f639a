//! `fingertip forms`: the sample city's master forms and reduction figures against the
//! answers in `inventory/expected.json` (`forms`, written by tools/gen_inventory.py's
//! own re-implementation of the grouping), the files `--out` writes, and bad input.

use std::path::Path;

use serde_json::Value;

use super::{fingertip, repo_root};

fn forms_json(args: &[&str]) -> Value {
    let out = fingertip()
        .current_dir(repo_root())
        .args(["forms"])
        .args(args)
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("forms --format json prints JSON")
}

#[test]
fn sample_city_master_forms_and_figures_are_the_expected_ones() {
    let got = forms_json(&["inventory"]);
    let text = std::fs::read_to_string(repo_root().join("inventory/expected.json")).unwrap();
    let expected: Value = serde_json::from_str(&text).unwrap();
    let expected = &expected["forms"];
    for key in [
        "forms_before",
        "forms_after",
        "fields_before",
        "fields_after",
        "prefillable",
    ] {
        assert_eq!(
            got["summary"][key], expected["summary"][key],
            "summary.{key}"
        );
    }
    let minutes = |v: &Value| v.as_f64().expect("minutes are a number");
    assert!(
        (minutes(&got["summary"]["saved_minutes_per_month"])
            - minutes(&expected["summary"]["saved_minutes_per_month"]))
        .abs()
            < 0.15,
        "saved minutes {} vs {}",
        got["summary"]["saved_minutes_per_month"],
        expected["summary"]["saved_minutes_per_month"]
    );
    let groups = got["groups"].as_array().unwrap();
    let want = expected["groups"].as_array().unwrap();
    assert_eq!(groups.len(), want.len(), "{groups:#?}");
    for (g, w) in groups.iter().zip(want) {
        assert_eq!(g["id"], w["id"]);
        assert_eq!(g["forms"], w["forms"], "{}", g["id"]);
        // Every field of the master form with its source (一数一源), and nothing else.
        let fields: serde_json::Map<String, Value> = g["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["field"].as_str().unwrap().to_owned(), f["source"].clone()))
            .collect();
        assert_eq!(
            Value::Object(fields),
            w["fields"],
            "{} fields and sources",
            g["id"]
        );
        assert!(
            (minutes(&g["saved_minutes_per_month"]) - minutes(&w["saved_minutes_per_month"])).abs()
                < 0.15,
            "{} minutes",
            g["id"]
        );
    }
    // 云栖县's and 白鹭县's 关爱 forms share one core but are issued in two counties.
    let areas: Vec<&str> = groups.iter().map(|g| g["area"].as_str().unwrap()).collect();
    assert!(
        areas.contains(&"云栖县") && areas.contains(&"白鹭县"),
        "{areas:?}"
    );
}

#[test]
fn without_the_divisions_overlay_the_fictional_counties_are_not_placed() {
    // The overlay is what places the fictional city: without it 云栖县, 青枫县 and 望澜区
    // are unknown, so their forms are never grouped (白鹭县 is read as the real 白鹭乡).
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo_root().join("inventory/报表填报任务.jsonl"),
        dir.path().join("报表填报任务.jsonl"),
    )
    .unwrap();
    let got = forms_json(&[dir.path().to_str().unwrap()]);
    for g in got["groups"].as_array().unwrap() {
        let area = g["area"].as_str().unwrap();
        assert!(
            !["云栖县", "青枫县", "望澜区"].contains(&area),
            "{area} placed without the overlay"
        );
    }
    assert!(got["summary"]["forms_after"].as_u64().unwrap() > 52);
}

#[test]
fn out_writes_forms_json_and_xlsx_and_text_names_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = fingertip()
        .current_dir(repo_root())
        .args(["forms", "inventory", "--out"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("一表通：报表 59 → 52"), "{text}");
    assert!(
        text.contains("MF-002") && text.contains("forms.xlsx"),
        "{text}"
    );
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("forms.json")).unwrap())
            .unwrap();
    assert_eq!(json["summary"]["forms_after"], 52);
    let xlsx = dir.path().join("forms.xlsx");
    assert!(is_zip(&xlsx), "forms.xlsx is an XLSX (zip) file");

    let en = fingertip()
        .current_dir(repo_root())
        .args(["--lang", "en", "forms", "inventory"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let en = String::from_utf8(en).unwrap();
    assert!(en.starts_with("Master forms: forms 59 → 52"), "{en}");
}

fn is_zip(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|b| b.starts_with(b"PK\x03\x04"))
}

/// Runs `forms <dir>` expecting exit 2 with every `needle` in the message.
fn forms_fails(dir: &Path, needles: &[&str]) {
    let out = fingertip()
        .arg("forms")
        .arg(dir)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    for needle in needles {
        assert!(err.contains(needle), "{needle} not in: {err}");
    }
}

#[test]
fn bad_input_is_a_clear_error_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    // No such inventory.
    forms_fails(&dir.path().join("missing"), &["missing"]);
    // A table without a single form.
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "apps.csv",
        "id,name,kind,owner\nA1,某县政务APP,app,某县数据局\n",
    );
    forms_fails(dir.path(), &["没有报表"]);
    // A [divisions] overlay that does not hold together names the settings file.
    write(
        "forms.csv",
        "id,name,kind,owner,data_fields\nF1,甲表,报表,某县民政局,甲、乙、丙\n",
    );
    write(
        "fingertip.toml",
        "[divisions]\nareas = [{ code = \"9901\", name = \"虚构市\", level = \"city\", parent = \"77\" }]\n",
    );
    forms_fails(dir.path(), &["fingertip.toml", "77"]);
    // An unknown key in [divisions] is named.
    write("fingertip.toml", "[divisions]\nregions = []\n");
    forms_fails(dir.path(), &["fingertip.toml", "regions"]);
}

#[test]
fn form_columns_are_kept_without_an_unknown_column_warning() {
    // 发文部门, 填报对象 and 填报频次 are read by `forms`: the importer keeps them as known
    // columns, so the audit lists no problem for them (JSONL and CSV alike).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("forms.jsonl"),
        "{\"id\": \"F1\", \"name\": \"甲月报\", \"kind\": \"报表\", \"owner\": \"兴国县潋江镇人民政府\", \"data_fields\": [\"甲数\", \"乙数\", \"丙数\"], \"发文部门\": \"兴国县民政局\", \"填报对象\": \"各村\", \"填报频次\": \"月报\", \"发文字号\": \"兴民发〔2026〕1号\"}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("forms2.csv"),
        "编号,名称,类型,主办单位,采集数据项,发文部门,填报频次\nF2,乙季报,报表,兴国县民政局,甲数、乙数、丙数,兴国县民政局,季报\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    fingertip()
        .args(["audit"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .args(["--as-of", "2026-11-20", "--quiet"])
        .assert()
        .success();
    let problems: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("problems.json")).unwrap()).unwrap();
    let unknown: Vec<&str> = problems["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "unknown-column")
        .filter_map(|p| p["column"].as_str())
        .collect();
    // Only the column nothing reads is reported.
    assert_eq!(unknown, vec!["发文字号"], "{problems:#}");
}
