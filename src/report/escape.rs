//! Escaping for every output syntax the reports write: HTML text and attributes, JSON
//! embedded in `<script>`, XML (GraphML), DOT strings, Markdown table cells, and the
//! spreadsheet-formula guard for CSV cells (OWASP "CSV injection").
//!
//! Every value that comes from the input passes through one of these before it reaches a
//! file, so a platform named `<script>alert(1)</script>` or `=HYPERLINK(…)` stays text.

use std::borrow::Cow;

/// Escapes text for HTML element content and quoted attribute values alike.
pub(crate) fn html(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Makes serialized JSON safe to embed inside a `<script>` element: `<`, `>` and `&`
/// become `\u` escapes (so `</script>` and `<!--` cannot appear), and so do U+2028 and
/// U+2029, which older JavaScript engines treat as line breaks inside strings. The
/// result parses to the same value.
pub(crate) fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether a character is allowed in XML 1.0 documents.
fn xml_char_ok(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// Escapes text for XML element content and attributes; characters XML 1.0 forbids
/// (control characters) become U+FFFD so the document stays well-formed.
pub(crate) fn xml(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) && text.chars().all(xml_char_ok) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if !xml_char_ok(c) => out.push('\u{FFFD}'),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Escapes text for a double-quoted DOT id or label: backslash and quote are escaped,
/// line breaks become `\n`, other control characters are dropped.
pub(crate) fn dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            _ => out.push(c),
        }
    }
    out
}

/// Makes text safe inside a Markdown table cell: `|` is escaped, line breaks become
/// spaces, and `<`, `>`, `&` become entities so renderers that allow inline HTML show the
/// text instead of interpreting it.
pub(crate) fn md_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '`' => out.push_str("\\`"),
            c if c.is_control() => {}
            _ => out.push(c),
        }
    }
    out
}

/// Whether a spreadsheet would read a cell starting like this as a formula (OWASP: `=`,
/// `+`, `-`, `@`, tab, carriage return). Full-width `＝＋－＠` are included because
/// some spreadsheet programs normalise them.
pub(crate) fn looks_like_formula(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠')
    )
}

/// Prefixes a CSV cell that a spreadsheet would run as a formula with a single quote,
/// as OWASP's CSV injection guidance recommends.
pub(crate) fn csv_cell(text: &str) -> Cow<'_, str> {
    if looks_like_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Excel's limit on the characters in one cell.
pub(crate) const XLSX_MAX_CHARS: usize = 32_767;

/// Cuts text to what one spreadsheet cell can hold, marking the cut with an ellipsis.
pub(crate) fn xlsx_cell(text: &str) -> Cow<'_, str> {
    // Cheap byte-length check first; only long texts need the char count.
    if text.len() <= XLSX_MAX_CHARS || text.chars().count() <= XLSX_MAX_CHARS {
        return Cow::Borrowed(text);
    }
    let mut out: String = text.chars().take(XLSX_MAX_CHARS - 1).collect();
    out.push('…');
    Cow::Owned(out)
}

/// Cuts text to at most `max` characters for display, with an ellipsis when cut.
pub(crate) fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((byte, _)) => Cow::Owned(format!("{}…", &text[..byte])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            html("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert!(matches!(html("政务服务"), Cow::Borrowed(_)));
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let json = serde_json::to_string("</script><!-- & \u{2028}").unwrap();
        let safe = script_json(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        assert!(!safe.contains('\u{2028}'));
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "</script><!-- & \u{2028}");
    }

    #[test]
    fn xml_replaces_forbidden_control_characters() {
        assert_eq!(xml("a\u{1}<b>"), "a\u{FFFD}&lt;b&gt;");
        assert_eq!(xml("tab\tok"), "tab\tok");
    }

    #[test]
    fn dot_and_markdown_escape_their_delimiters() {
        assert_eq!(dot("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
        assert_eq!(md_cell("a|b\n<i>"), "a\\|b &lt;i&gt;");
    }

    #[test]
    fn csv_guard_prefixes_formula_starts() {
        for hostile in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "＝1"] {
            assert_eq!(csv_cell(hostile), format!("'{hostile}"));
        }
        assert_eq!(csv_cell("政务服务"), "政务服务");
    }

    #[test]
    fn long_cells_are_cut_for_excel() {
        let long = "字".repeat(XLSX_MAX_CHARS + 10);
        assert_eq!(xlsx_cell(&long).chars().count(), XLSX_MAX_CHARS);
        assert_eq!(truncate("一二三四", 2), "一二…");
        assert_eq!(truncate("一二", 2), "一二");
    }
}
