//! The registry's canonical form of a record: a sorted map from field name to text
//! value, the stable hash used to skip unchanged records, and the way back to a
//! [`Record`] when platforms are read out of the store. The fields and their text forms
//! come from `model::record_schema!` and [`FieldText`], so nothing here lists them.

use std::collections::BTreeMap;

use crate::model::{FieldText, Record};

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

/// The canonical field map of a record (its id and provenance excluded): `name`, `kind`,
/// every shared field in its [`FieldText`] form, and `extra.<header>`.
pub fn record_fields(r: &Record) -> FieldMap {
    let mut m = FieldMap::new();
    put(&mut m, "name", r.name.to_text());
    put(&mut m, "kind", r.kind.to_text());
    for (key, text) in r.shared_fields_text() {
        put(&mut m, key, text);
    }
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

/// Rebuilds a record from a stored field map (the inverse of [`record_fields`]).
pub fn fields_record(m: &FieldMap) -> Record {
    let text = |k: &str| m.get(k).map(String::as_str);
    Record {
        name: FieldText::from_text(text("name")),
        kind: FieldText::from_text(text("kind")),
        extra: m
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("extra.").map(|h| (h.to_string(), v.clone())))
            .collect(),
        ..Record::from_shared_fields_text(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, MatterStatus};
    use chrono::NaiveDate;

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
