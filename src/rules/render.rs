//! Rendering of `fingertip rules` and `fingertip rules explain <id>`: pure functions
//! returning the text or JSON to print.

use serde_json::{json, Value};

use super::catalog::{self, RuleMeta, CATALOG};
use super::RuleSettings;
use crate::model::Lang;

/// The rule list as text: one line per rule with id, severity, object, status and
/// clause.
pub fn list_text(lang: Lang) -> String {
    let mut out = String::new();
    let header = match lang {
        Lang::Zh => "规则编号                    严重程度  对象          状态      条款\n",
        Lang::En => "id                          severity  object        status    clause\n",
    };
    out.push_str(header);
    for meta in CATALOG {
        let local = if meta.local {
            match lang {
                Lang::Zh => "（地方性，默认关闭）",
                Lang::En => " (local, off by default)",
            }
        } else {
            ""
        };
        out.push_str(&format!(
            "{:<27} {:<9} {:<13} {:<9} {}{local}\n",
            meta.id,
            meta.severity.code(),
            meta.object,
            meta.status.code(),
            meta.clause
        ));
    }
    out
}

fn meta_json(meta: &RuleMeta) -> Value {
    json!({
        "id": meta.id,
        "name": meta.name,
        "severity": meta.severity.code(),
        "object": meta.object,
        "status": meta.status.code(),
        "since": meta.since,
        "local": meta.local,
        "clause": meta.clause,
        "source": meta.source,
    })
}

/// The rule list as a JSON array.
pub fn list_json() -> String {
    let items: Vec<Value> = CATALOG.iter().map(meta_json).collect();
    serde_json::to_string_pretty(&items).unwrap_or_default() + "\n"
}

/// One rule in full: clause, source, evidence, thresholds, data needed and the rule's
/// documentation (what it checks, why, evidence, example, configuration).
pub fn explain_text(meta: &RuleMeta, settings: &RuleSettings, lang: Lang) -> String {
    let labels = match lang {
        Lang::Zh => [
            "规则",
            "严重程度",
            "对象",
            "状态",
            "条款",
            "依据",
            "违规证据",
            "阈值（当前默认值）",
            "所需数据",
            "无",
            "地方性规则，默认关闭；在 fingertip.toml 的 [rules] enabled_local_rules 中启用",
        ],
        Lang::En => [
            "Rule",
            "Severity",
            "Object",
            "Status",
            "Clause",
            "Source",
            "Violation evidence",
            "Thresholds (current defaults)",
            "Data needed",
            "none",
            "Local rule, off by default; enable it in [rules] enabled_local_rules",
        ],
    };
    let mut out = String::new();
    out.push_str(&format!("{}: {} ({})\n", labels[0], meta.id, meta.name));
    out.push_str(&format!("{}: {}\n", labels[1], meta.severity.code()));
    out.push_str(&format!("{}: {}\n", labels[2], meta.object));
    out.push_str(&format!(
        "{}: {} (since {})\n",
        labels[3],
        meta.status.code(),
        meta.since
    ));
    if meta.local {
        out.push_str(&format!("{}\n", labels[10]));
    }
    out.push_str(&format!("{}: “{}”\n", labels[4], meta.clause));
    out.push_str(&format!("{}: {}\n", labels[5], meta.source));
    out.push_str(&format!("{}: {}\n", labels[6], meta.evidence));
    out.push_str(&format!("{}:", labels[7]));
    let thresholds = meta.rule.thresholds(settings);
    if thresholds.is_empty() {
        out.push_str(&format!(" {}\n", labels[9]));
    } else {
        out.push('\n');
        for (key, value) in &thresholds {
            out.push_str(&format!("  {key} = {value}\n"));
        }
    }
    out.push_str(&format!("{}:\n", labels[8]));
    for need in meta.needs {
        let label = need.label();
        out.push_str(&format!("  - {}\n", label.get(lang)));
    }
    out.push('\n');
    for line in meta.doc.lines() {
        // Doc comments start with one space after `///`.
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    out
}

/// One rule in full as JSON.
pub fn explain_json(meta: &RuleMeta, settings: &RuleSettings) -> String {
    let mut value = meta_json(meta);
    let thresholds: serde_json::Map<String, Value> = meta
        .rule
        .thresholds(settings)
        .into_iter()
        .map(|(k, v)| (k.to_string(), Value::String(v)))
        .collect();
    let needs: Vec<Value> = meta
        .needs
        .iter()
        .map(|n| {
            let label = n.label();
            json!({"zh": label.zh, "en": label.en})
        })
        .collect();
    let doc: String = meta
        .doc
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    if let Value::Object(map) = &mut value {
        map.insert("evidence".into(), Value::String(meta.evidence.into()));
        map.insert("thresholds".into(), Value::Object(thresholds));
        map.insert("needs".into(), Value::Array(needs));
        map.insert("doc".into(), Value::String(doc));
    }
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// The message for an unknown rule id, listing close ids.
pub fn unknown_rule_message(id: &str) -> String {
    let close = catalog::close_ids(id);
    if close.is_empty() {
        format!("未知规则“{id}”；运行 `fingertip rules` 查看全部规则")
    } else {
        format!("未知规则“{id}”；相近的规则：{}", close.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_has_every_rule() {
        let text = list_text(Lang::Zh);
        for meta in CATALOG {
            assert!(text.contains(meta.id));
        }
        let json: Vec<Value> = serde_json::from_str(&list_json()).unwrap();
        assert_eq!(json.len(), CATALOG.len());
    }

    #[test]
    fn explain_snapshot() {
        let meta = catalog::get("zombie-app").unwrap();
        insta::assert_snapshot!(explain_text(meta, &RuleSettings::default(), Lang::Zh));
    }

    #[test]
    fn explain_json_has_thresholds() {
        let meta = catalog::get("group-24h-media").unwrap();
        let v: Value = serde_json::from_str(&explain_json(meta, &RuleSettings::default())).unwrap();
        assert_eq!(v["thresholds"]["work_start"], "08:30");
        assert!(v["doc"].as_str().unwrap().contains("## Example"));
    }
}
