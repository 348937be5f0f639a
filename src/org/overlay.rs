//! Overlays: fictional or missing places (the sample city, a new development zone, the
//! villages of a county) described in settings and merged into a [`Gazetteer`].

use serde::{Deserialize, Deserializer};

use super::divisions::Gazetteer;
use crate::model::Level;
use crate::normalize::normalize_text;

/// Places to add to the gazetteer. In TOML, one `[[areas]]` table per place:
///
/// ```toml
/// [[areas]]
/// code = "90"
/// name = "岚江省"
/// level = "province"
///
/// [[areas]]
/// code = "9001"
/// name = "澄岚市"
/// level = "city"
/// parent = "90"
/// aliases = ["澄岚"]
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// The places, parents before children or in any order (they are sorted by code).
    #[serde(default)]
    pub areas: Vec<OverlayArea>,
}

/// One place of an [`Overlay`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlayArea {
    /// Its code: digits, unique in the gazetteer (a code already there is an error unless
    /// the name is the same, in which case the row only adds aliases).
    pub code: String,
    /// Its official name (云栖县, 雾溪镇, 雾岭村).
    pub name: String,
    /// Its level, as `model::Level::parse` reads it (province, city, county, township,
    /// village, or 省, 市, 县, 乡镇, 村 …).
    #[serde(deserialize_with = "deserialize_level")]
    pub level: Level,
    /// The code of the enclosing area (builtin or from this overlay); none for a province.
    #[serde(default)]
    pub parent: Option<String>,
    /// Other names it goes by, matched like its full name.
    #[serde(default)]
    pub aliases: Vec<String>,
}

fn deserialize_level<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Level, D::Error> {
    let text = String::deserialize(deserializer)?;
    Level::parse(&text).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "unknown level {text:?}; expected province, city, county, township or village"
        ))
    })
}

/// Why an overlay could not be read or merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OverlayError {
    /// The TOML text does not parse or has unknown keys.
    #[error("区划补充表第 {line} 行第 {column} 列无法解析：{message}")]
    Syntax {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) of the problem.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// An area's code is empty or not all digits.
    #[error("区划补充表中“{name}”的代码“{code}”不是数字代码")]
    BadCode {
        /// The code as given.
        code: String,
        /// The area's name.
        name: String,
    },
    /// An area's name is empty.
    #[error("区划补充表中代码 {code} 的名称为空")]
    EmptyName {
        /// The area's code.
        code: String,
    },
    /// A code is already used by another area.
    #[error("区划补充表中代码 {code} 的名称“{name}”与已有区划“{existing}”冲突")]
    DuplicateCode {
        /// The code.
        code: String,
        /// The overlay's name for it.
        name: String,
        /// The name already in the gazetteer.
        existing: String,
    },
    /// The parent code is in neither the gazetteer nor the overlay.
    #[error("区划补充表中“{name}”的上级代码 {parent} 不存在")]
    UnknownParent {
        /// The area's name.
        name: String,
        /// The parent code as given.
        parent: String,
    },
    /// The area is not below its parent (a county whose parent is a township), or a
    /// non-province has no parent.
    #[error("区划补充表中“{name}”的层级与上级不符：{reason}")]
    BadLevel {
        /// The area's name.
        name: String,
        /// What is wrong, in Chinese.
        reason: String,
    },
}

impl Overlay {
    /// Parses an overlay from a TOML fragment holding `[[areas]]` tables. Errors carry
    /// the line and column.
    pub fn from_toml_str(text: &str) -> Result<Overlay, OverlayError> {
        toml::from_str(text).map_err(|e| {
            let (line, column) = match e.span() {
                Some(span) => line_column(text, span.start),
                None => (1, 1),
            };
            OverlayError::Syntax {
                line,
                column,
                message: e.message().to_string(),
            }
        })
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

impl Gazetteer {
    /// A copy of this gazetteer with the overlay's areas added. Areas may come in any
    /// order; a parent must be in the gazetteer or the overlay, and a child's level must
    /// lie below its parent's. Nothing is added when any area is wrong: every problem is
    /// returned.
    pub fn with_overlay(&self, overlay: &Overlay) -> Result<Gazetteer, Vec<OverlayError>> {
        let mut out = self.clone();
        let mut errors = Vec::new();
        let mut rows: Vec<&OverlayArea> = overlay.areas.iter().collect();
        // Parents first: by level, then code, so any order in the file works.
        rows.sort_by(|a, b| (a.level, &a.code).cmp(&(b.level, &b.code)));
        let mut aliases: Vec<(u32, String)> = Vec::new();
        for row in rows {
            let code = row.code.trim();
            let name = normalize_text(&row.name);
            if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
                errors.push(OverlayError::BadCode {
                    code: row.code.clone(),
                    name: name.clone(),
                });
                continue;
            }
            if name.is_empty() {
                errors.push(OverlayError::EmptyName { code: code.into() });
                continue;
            }
            if let Some(existing) = out.index_of(code) {
                let existing_name = out.area_at(existing).name().to_string();
                if existing_name == name {
                    aliases.extend(row.aliases.iter().map(|a| (existing, normalize_text(a))));
                } else {
                    errors.push(OverlayError::DuplicateCode {
                        code: code.into(),
                        name,
                        existing: existing_name,
                    });
                }
                continue;
            }
            let parent = match row.parent.as_deref().map(str::trim) {
                None | Some("") => {
                    if row.level != Level::Province && row.level != Level::National {
                        errors.push(OverlayError::BadLevel {
                            name,
                            reason: "非省级区划必须填写上级代码".into(),
                        });
                        continue;
                    }
                    None
                }
                Some(parent) => match out.index_of(parent) {
                    Some(index) => {
                        let parent_level = out.area_at(index).level();
                        if parent_level >= row.level {
                            errors.push(OverlayError::BadLevel {
                                name,
                                reason: format!(
                                    "{}不能隶属于{}",
                                    row.level.label_zh(),
                                    parent_level.label_zh()
                                ),
                            });
                            continue;
                        }
                        Some(index)
                    }
                    None => {
                        errors.push(OverlayError::UnknownParent {
                            name,
                            parent: parent.into(),
                        });
                        continue;
                    }
                },
            };
            let index = out.push_area(code, &name, row.level, parent);
            aliases.extend(row.aliases.iter().map(|a| (index, normalize_text(a))));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        out.index_names();
        for (index, alias) in aliases {
            if !alias.is_empty() {
                out.add_alias(index, &alias);
            }
        }
        Ok(out)
    }
}

/// The overlay describing the fictional sample city (岚江省澄岚市), as shipped in
/// `data/divisions/sample_overlay.toml`.
pub const SAMPLE_OVERLAY_TOML: &str = include_str!("../../data/divisions/sample_overlay.toml");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::Resolution;

    fn sample() -> Gazetteer {
        let overlay = Overlay::from_toml_str(SAMPLE_OVERLAY_TOML).expect("sample overlay parses");
        Gazetteer::builtin()
            .with_overlay(&overlay)
            .expect("sample overlay merges")
    }

    #[test]
    fn sample_city_places_resolve() {
        let g = sample();
        let village = g.resolve("云栖县雾溪镇雾岭村").area().unwrap();
        assert_eq!(village.level(), Level::Village);
        assert_eq!(village.full_name(), "岚江省澄岚市云栖县雾溪镇雾岭村");
        assert_eq!(village.government(), "云栖县雾溪镇人民政府");
        let community = g.resolve("望澜区澜湖街道澄湖社区").area().unwrap();
        assert_eq!(community.government(), "望澜区澜湖街道办事处");
        assert_eq!(g.resolve("澄岚").area().unwrap().name(), "澄岚市");
        assert_eq!(
            g.resolve("岚江省").area().unwrap().government(),
            "岚江省人民政府"
        );
        // Every region spelling of the sample inventory resolves.
        for region in [
            "岚江省",
            "澄岚市",
            "云栖县",
            "望澜区",
            "青枫县",
            "白鹭县",
            "云栖县雾溪镇",
            "云栖县栖云街道",
            "望澜区澜湖街道",
            "望澜区鹭汀街道",
            "青枫县枫岚镇",
            "青枫县岚坪乡",
            "白鹭县翠鹭镇",
            "白鹭县栖鹭乡",
            "云栖县雾溪镇雾岭村",
            "望澜区澜湖街道澄湖社区",
            "望澜区鹭汀街道汀兰社区",
            "青枫县枫岚镇枫林村",
            "白鹭县翠鹭镇桃溪村",
            "白鹭县栖鹭乡鹭鸣村",
        ] {
            let area = g.resolve(region).area();
            assert!(area.is_some(), "{region}: {:?}", g.resolve(region));
            assert!(area.unwrap().is_within(g.resolve("岚江省").area().unwrap()));
        }
        // The builtin gazetteer is untouched.
        assert_eq!(Gazetteer::builtin().resolve("澄岚市"), Resolution::NotFound);
    }

    #[test]
    fn bad_overlays_are_reported_not_merged() {
        let text = r#"
[[areas]]
code = "11"
name = "岚江省"
level = "province"

[[areas]]
code = "9101"
name = "某市"
level = "city"
parent = "91"

[[areas]]
code = "910"
name = "某县"
level = "county"
parent = "360732101"

[[areas]]
code = "91x"
name = "坏码"
level = "county"
parent = "36"

[[areas]]
code = "92"
name = ""
level = "province"

[[areas]]
code = "9301"
name = "无上级市"
level = "city"
"#;
        let overlay = Overlay::from_toml_str(text).unwrap();
        let errors = Gazetteer::builtin().with_overlay(&overlay).unwrap_err();
        assert_eq!(errors.len(), 6, "{errors:?}");
        assert!(errors.iter().any(
            |e| matches!(e, OverlayError::DuplicateCode { existing, .. } if existing == "北京市")
        ));
        assert!(errors
            .iter()
            .any(|e| matches!(e, OverlayError::UnknownParent { parent, .. } if parent == "91")));
        assert!(errors
            .iter()
            .any(|e| matches!(e, OverlayError::BadLevel { name, .. } if name == "某县")));
        assert!(errors
            .iter()
            .any(|e| matches!(e, OverlayError::BadCode { .. })));
        assert!(errors
            .iter()
            .any(|e| matches!(e, OverlayError::EmptyName { .. })));
        assert!(errors
            .iter()
            .any(|e| matches!(e, OverlayError::BadLevel { name, .. } if name == "无上级市")));
        // The same code with the same name only adds aliases.
        let alias = Overlay::from_toml_str(
            "[[areas]]\ncode = \"360732\"\nname = \"兴国县\"\nlevel = \"county\"\nparent = \"3607\"\naliases = [\"将军县\"]\n",
        )
        .unwrap();
        let g = Gazetteer::builtin().with_overlay(&alias).unwrap();
        assert_eq!(g.resolve("将军县").area().unwrap().code(), "360732");
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = Overlay::from_toml_str(
            "[[areas]]\ncode = \"90\"\nname = \"岚江省\"\nlevel = \"planet\"\n",
        )
        .unwrap_err();
        let OverlayError::Syntax { line, message, .. } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(*line, 4);
        assert!(message.contains("planet"), "{message}");
        let err = Overlay::from_toml_str(
            "[[areas]]\ncode = \"90\"\nname = \"x\"\nlevel = \"city\"\ncolour = 1\n",
        )
        .unwrap_err();
        assert!(
            matches!(err, OverlayError::Syntax { line: 5, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("第 5 行"));
        assert_eq!(Overlay::from_toml_str("").unwrap(), Overlay::default());
    }
}
