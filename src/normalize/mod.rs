//! Text normalisation (NFKC, trimming, full-width/half-width, traditional → simplified
//! where cheap) and the tag taxonomy that maps the many ways 台账 write a function or
//! data field to one canonical tag.
//!
//! - [`normalize_text`] / [`normalize_cow`] clean one cell, [`fold_key`] makes a
//!   matching key for headers and ids (`text`).
//! - [`Taxonomy`] maps function and data-field spellings to canonical tags, knows their
//!   [`Trait`]s and finds tags in free text (`taxonomy`, `free_text`). Its data lives in
//!   `data/taxonomy.toml` and `data/t2s.txt`, compiled in.

mod free_text;
pub mod names;
mod taxonomy;
mod text;

pub use taxonomy::{TagEntry, TagKind, TagMemo, Taxonomy, Trait};
pub use text::{fold_key, normalize_cell, normalize_cow, normalize_text};

#[cfg(test)]
mod tests;
