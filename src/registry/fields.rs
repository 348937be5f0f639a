//! The registry's canonical form of a record: a sorted map from field name to text
//! value, the stable hash used to skip unchanged records, and the way back to a
//! [`Record`] when platforms are read out of the store.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::{Kind, Level, MatterStatus, Record};

/// Field name → value text. Lists are stored as JSON arrays, booleans as
/// `true`/`false`, dates as `YYYY-MM-DD`, extra columns as `extra.<header>`. Empty
/// values are absent.
pub type FieldMap = BTreeMap<String, String>;

fn put(map: &mut FieldMap, key: &str, value: Option<String>) {
    if let Some(v) = value {
        let v = v.trim().to_string();
        if !v.is_empty() {
            map.insert(key.to_string(), v);
        }
    }
}

fn list(values: &[String]) -> Option<String> {
    let mut items: Vec<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    if items.is_empty() {
        return None;
    }
    // The order of a multi-valued cell carries no meaning, so a reordered cell is not
    // a change.
    items.sort_unstable();
    items.dedup();
    serde_json::to_string(&items).ok()
}

/// The canonical field map of a record (its id and provenance excluded).
pub fn record_fields(r: &Record) -> FieldMap {
    let mut m = FieldMap::new();
    put(&mut m, "name", r.name.clone());
    put(&mut m, "kind", r.kind.map(|k| k.code().to_string()));
    put(&mut m, "channel", r.channel.clone());
    put(&mut m, "owner", r.owner.clone());
    put(&mut m, "department", r.department.clone());
    put(&mut m, "level", r.level.map(|l| l.code().to_string()));
    put(&mut m, "region", r.region.clone());
    put(&mut m, "description", r.description.clone());
    put(&mut m, "functions", list(&r.functions));
    put(&mut m, "data_fields", list(&r.data_fields));
    put(&mut m, "users", r.users.map(|v| v.to_string()));
    put(
        &mut m,
        "monthly_active",
        r.monthly_active.map(|v| v.to_string()),
    );
    put(&mut m, "members", r.members.map(|v| v.to_string()));
    put(&mut m, "created", r.created.map(|d| d.to_string()));
    put(&mut m, "last_update", r.last_update.map(|d| d.to_string()));
    put(&mut m, "last_active", r.last_active.map(|d| d.to_string()));
    put(&mut m, "mandatory", r.mandatory.map(|b| b.to_string()));
    put(
        &mut m,
        "assessment_linked",
        r.assessment_linked.map(|b| b.to_string()),
    );
    put(&mut m, "checkin", r.checkin.clone());
    put(&mut m, "matter", r.matter.clone());
    put(
        &mut m,
        "matter_status",
        r.matter_status.map(|s| s.code().to_string()),
    );
    put(&mut m, "filing_no", r.filing_no.clone());
    put(&mut m, "notes", r.notes.clone());
    for (k, v) in &r.extra {
        put(&mut m, &format!("extra.{k}"), Some(v.clone()));
    }
    m
}

/// A 64-bit FNV-1a hash of a field map. Stable across builds and platforms (unlike
/// `DefaultHasher`), because it is stored in the registry.
pub fn fields_hash(map: &FieldMap) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (k, v) in map {
        for b in k.bytes().chain([0u8]).chain(v.bytes()).chain([1u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    i64::from_ne_bytes(h.to_ne_bytes())
}

fn date(v: Option<&String>) -> Option<NaiveDate> {
    v.and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

fn items(v: Option<&String>) -> Vec<String> {
    v.and_then(|s| serde_json::from_str::<Vec<String>>(s).ok())
        .unwrap_or_default()
}

/// Rebuilds a record from a stored field map (the inverse of [`record_fields`]).
pub fn fields_record(m: &FieldMap) -> Record {
    let text = |k: &str| m.get(k).cloned();
    let num = |k: &str| m.get(k).and_then(|v| v.parse::<u64>().ok());
    let flag = |k: &str| m.get(k).and_then(|v| v.parse::<bool>().ok());
    Record {
        id: None,
        name: text("name"),
        kind: m.get("kind").and_then(|k| Kind::parse(k)),
        channel: text("channel"),
        owner: text("owner"),
        department: text("department"),
        level: m.get("level").and_then(|l| Level::parse(l)),
        region: text("region"),
        description: text("description"),
        functions: items(m.get("functions")),
        data_fields: items(m.get("data_fields")),
        users: num("users"),
        monthly_active: num("monthly_active"),
        members: num("members"),
        created: date(m.get("created")),
        last_update: date(m.get("last_update")),
        last_active: date(m.get("last_active")),
        mandatory: flag("mandatory"),
        assessment_linked: flag("assessment_linked"),
        checkin: text("checkin"),
        matter: text("matter"),
        matter_status: m.get("matter_status").and_then(|s| MatterStatus::parse(s)),
        filing_no: text("filing_no"),
        notes: text("notes"),
        extra: m
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("extra.").map(|h| (h.to_string(), v.clone())))
            .collect(),
        provenance: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_stable_hash() {
        let mut r = Record {
            name: Some("掌上办".into()),
            kind: Some(Kind::App),
            functions: vec!["b".into(), "a".into(), "a".into()],
            users: Some(12),
            created: NaiveDate::from_ymd_opt(2024, 5, 1),
            mandatory: Some(true),
            matter_status: Some(MatterStatus::Finished),
            ..Record::default()
        };
        r.extra.insert("网址".into(), "x.gov.cn".into());
        let m = record_fields(&r);
        assert_eq!(m["functions"], r#"["a","b"]"#);
        let back = fields_record(&m);
        assert_eq!(back.functions, vec!["a".to_string(), "b".to_string()]);
        assert_eq!(back.extra, r.extra);
        assert_eq!(back.created, r.created);
        assert_eq!(back.matter_status, r.matter_status);
        assert_eq!(record_fields(&back), m);
        let mut reordered = r.clone();
        reordered.functions = vec!["a".into(), "b".into()];
        assert_eq!(fields_hash(&record_fields(&reordered)), fields_hash(&m));
        reordered.users = Some(13);
        assert_ne!(fields_hash(&record_fields(&reordered)), fields_hash(&m));
    }
}
