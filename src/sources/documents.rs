//! Text evidence from `documents/`: notices, assessment rules and chat exports as
//! `.txt`, `.md` or `.html`, in UTF-8 or GBK. HTML loses its markup but keeps its line
//! structure, so a line number in evidence points at the same line of the file.
//! Lines are kept as written (not NFKC-normalised) so quotes in reports match the file;
//! matching code normalises for itself.

use crate::model::Document;

use super::text::decode;

/// Whether a file name is a document we read, by extension.
pub fn is_document(name: &str) -> bool {
    doc_type(name).is_some()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DocType {
    Text,
    Html,
}

fn doc_type(name: &str) -> Option<DocType> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "md" | "markdown" | "text" => Some(DocType::Text),
        "html" | "htm" | "xhtml" => Some(DocType::Html),
        _ => None,
    }
}

/// Builds a document from a file's bytes. `path` is relative to the inventory root with
/// `/` separators and starts with `documents/`.
pub fn read_document(path: &str, bytes: &[u8]) -> Document {
    let decoded = decode(bytes);
    let text = match doc_type(path) {
        Some(DocType::Html) => strip_html(&decoded.text),
        _ => decoded.text.into_owned(),
    };
    let lines = text
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line).to_owned())
        .collect::<Vec<_>>();
    // A final newline does not start another line.
    let lines = match lines.split_last() {
        Some((last, rest)) if last.is_empty() => rest.to_vec(),
        _ => lines,
    };
    Document {
        path: path.to_owned(),
        platform_dir: platform_dir(path),
        lines,
    }
}

/// The first folder under `documents/` when the file sits in one.
fn platform_dir(path: &str) -> Option<String> {
    let rest = path.strip_prefix("documents/")?;
    let (dir, _) = rest.split_once('/')?;
    (!dir.is_empty()).then(|| dir.to_owned())
}

/// Inline elements that sit inside a sentence ("<b>不得</b>要求打卡"): removing them
/// must not split the words around them. Every other tag becomes one space.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "font", "i", "kbd", "mark", "q", "s",
    "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "ins", "del",
];

/// Removes markup from HTML, keeping every line break (including those inside tags,
/// comments and scripts) so that line numbers still point into the file. Script and
/// style contents are dropped; entities are decoded.
pub fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(pos) = rest.find(['<', '&']) {
        let (text, tail) = rest.split_at(pos);
        out.push_str(text);
        rest = tail;
        if rest.starts_with('&') {
            let (decoded, used) = decode_entity(rest);
            out.push_str(&decoded);
            rest = rest.get(used..).unwrap_or_default();
            continue;
        }
        // rest starts with '<'.
        let after = rest.get(1..).unwrap_or_default();
        let Some(next) = after.chars().next() else {
            out.push('<');
            rest = after;
            continue;
        };
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(rest.len(), |e| e + 3);
            keep_newlines(rest.get(..end).unwrap_or_default(), &mut out);
            rest = rest.get(end..).unwrap_or_default();
            continue;
        }
        if !(next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?')) {
            // "a < b" is text, not a tag.
            out.push('<');
            rest = after;
            continue;
        }
        let end = tag_end(rest);
        let tag = rest.get(..end).unwrap_or_default();
        keep_newlines(tag, &mut out);
        let name = tag_name(tag);
        if !INLINE_TAGS.contains(&name.as_str()) && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        rest = rest.get(end..).unwrap_or_default();
        if (name == "script" || name == "style") && !tag.starts_with("</") {
            // Skip raw text up to the closing tag, keeping its newlines.
            let close = format!("</{name}");
            let end = find_ascii_case_insensitive(rest, &close).unwrap_or(rest.len());
            keep_newlines(rest.get(..end).unwrap_or_default(), &mut out);
            rest = rest.get(end..).unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

fn keep_newlines(skipped: &str, out: &mut String) {
    for _ in skipped.matches('\n') {
        out.push('\n');
    }
}

/// The byte length of the tag at the start of `text`, honouring quoted attributes.
fn tag_end(text: &str) -> usize {
    let mut quote: Option<char> = None;
    for (index, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return index + 1,
            _ => {}
        }
    }
    text.len()
}

fn tag_name(tag: &str) -> String {
    tag.trim_start_matches(['<', '/'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

/// Decodes the entity at the start of `text` (which starts with '&'). Returns the text
/// and the bytes consumed; an unknown entity is kept as a literal '&'.
fn decode_entity(text: &str) -> (String, usize) {
    let literal = ("&".to_owned(), 1);
    let Some(semi) = text
        .get(..text.len().min(12))
        .and_then(|head| head.find(';'))
    else {
        return literal;
    };
    let Some(body) = text.get(1..semi) else {
        return literal;
    };
    let decoded = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse::<u32>().ok(),
        };
        match code.and_then(char::from_u32) {
            // An encoded line break must not add a line: evidence cites file lines.
            Some('\n' | '\r') => " ".to_owned(),
            Some(c) => c.to_string(),
            None => return literal,
        }
    } else {
        let c = match body {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
            "ldquo" => "“",
            "rdquo" => "”",
            "lsquo" => "‘",
            "rsquo" => "’",
            "mdash" => "—",
            "ndash" => "–",
            "hellip" => "…",
            "middot" => "·",
            "times" => "×",
            "copy" => "©",
            "reg" => "®",
            "yen" => "¥",
            _ => return literal,
        };
        c.to_owned()
    };
    (decoded, semi + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_keeps_lines_and_drops_markup() {
        let html = "<html><head><title>通知</title>\n<style>\np { color: red }\n</style></head>\n<body><p>各单位：<b>不得</b>要求打卡&amp;排名</p>\n<!-- 注释\n多行 -->\n<script>var a = \"<p>\";\n</script><div\n class=\"x\">第二条&nbsp;严禁强制下载&#x4E00;</div>\n</body></html>\n";
        let doc = read_document("documents/p001/notice.html", html.as_bytes());
        assert_eq!(doc.platform_dir.as_deref(), Some("p001"));
        assert_eq!(doc.lines.len(), html.lines().count());
        assert_eq!(doc.lines[4].trim(), "各单位：不得要求打卡&排名");
        let line = doc
            .lines
            .iter()
            .position(|l| l.contains("严禁强制下载"))
            .unwrap();
        assert_eq!(line, 9);
        assert!(doc.lines[9].contains("第二条 严禁强制下载一"));
        assert!(!doc
            .lines
            .iter()
            .any(|l| l.contains("color") || l.contains("var a")));
    }

    #[test]
    fn text_documents_in_gbk_and_paths() {
        let text = "第一行\r\n不得要求打卡\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let doc = read_document("documents/notice.txt", &gbk);
        assert_eq!(doc.platform_dir, None);
        assert_eq!(doc.lines, ["第一行", "不得要求打卡"]);
        assert!(is_document("a.MD"));
        assert!(!is_document("a.pdf"));
    }

    #[test]
    fn stray_angle_brackets_and_entities() {
        assert_eq!(strip_html("a < b &unknown; c"), "a < b &unknown; c");
        assert_eq!(strip_html("x &lt;script&gt; y"), "x <script> y");
        assert_eq!(strip_html("<br/>"), " ");
        assert_eq!(strip_html("tail <"), "tail <");
        assert_eq!(strip_html("a&#10;b&#x0D;c"), "a b c");
    }
}
