//! Turning a fetched listing page into [`Record`]s: character decoding (BOM, header,
//! `<meta>`, then sniffing), CSS-selector extraction with scraper (html5ever is lenient, so
//! malformed HTML still yields its valid rows), cell parsing, and the pagination link.
//!
//! Cells are read by the same row builder and cell rules (`sources::cells`) as the table
//! importers, so a crawled 注册用户数 or 上线时间 is parsed exactly like a spreadsheet's.

use std::borrow::Cow;

use encoding_rs::Encoding;
use scraper::{ElementRef, Html};
use url::Url;

use crate::model::{Kind, Problem, Record};
use crate::sources::columns::HeaderMatch;
use crate::sources::{Cell, RowBuilder, RowPlace};

use super::config::{FieldSelector, PageConfig, Pagination};

/// What one page yielded.
#[derive(Debug, Default)]
pub struct PageExtract {
    /// Records in row order.
    pub records: Vec<Record>,
    /// Cells that could not be read.
    pub problems: Vec<Problem>,
    /// The next-page link, resolved against the page URL, if the page has one.
    pub next: Option<String>,
}

/// Decodes a body: BOM first, then the configured override, the `Content-Type` charset,
/// a `<meta>` charset in the first 4 KiB, and finally sniffing (valid UTF-8, else GB18030,
/// the superset of GBK used by Chinese government sites).
pub fn decode<'a>(
    body: &'a [u8],
    content_type: Option<&str>,
    configured: Option<&'static Encoding>,
) -> (Cow<'a, str>, &'static Encoding) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(body) {
        let rest = body.get(bom_len..).unwrap_or(&[]);
        let (text, _) = encoding.decode_without_bom_handling(rest);
        return (text, encoding);
    }
    let encoding = configured
        .or_else(|| content_type.and_then(charset_from_content_type))
        .or_else(|| charset_from_meta(body))
        .unwrap_or_else(|| {
            if std::str::from_utf8(body).is_ok() {
                encoding_rs::UTF_8
            } else {
                encoding_rs::GB18030
            }
        });
    // A declared GBK is read as GB18030: it is a strict superset, and sites that say GBK
    // often contain GB18030-only characters (rare surnames in owner names).
    let encoding = if encoding == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        encoding
    };
    let (text, _) = encoding.decode_without_bom_handling(body);
    (text, encoding)
}

fn charset_from_content_type(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        if key.trim().eq_ignore_ascii_case("charset") {
            Encoding::for_label(value.trim().trim_matches(['"', '\'']).as_bytes())
        } else {
            None
        }
    })
}

/// Finds `charset=` inside a `<meta …>` tag near the top of the page: both
/// `<meta charset="gbk">` and `<meta http-equiv="Content-Type" content="…; charset=gbk">`.
fn charset_from_meta(body: &[u8]) -> Option<&'static Encoding> {
    let head = body.get(..body.len().min(4096)).unwrap_or(body);
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + "charset".len()..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
                let rest = rest.strip_prefix(b"'").unwrap_or(rest);
                let label_end = rest
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(b)))
                    .unwrap_or(rest.len());
                if let Some(encoding) = Encoding::for_label(&rest[..label_end]) {
                    return Some(encoding);
                }
            }
        }
        from = end.max(start + 1);
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[skip..]
}

/// Context stamped on every record of a page.
#[derive(Debug, Clone)]
pub struct PageContext<'a> {
    /// The page URL (provenance).
    pub url: &'a Url,
    /// Name of the crawl source.
    pub source_name: &'a str,
    /// Fetch time, RFC 3339 UTC.
    pub fetched_at: &'a str,
    /// Kind for rows that show none.
    pub default_kind: Option<Kind>,
}

/// Extracts the records of one decoded page.
pub fn extract(html: &str, page: &PageConfig, cx: &PageContext<'_>) -> PageExtract {
    let document = Html::parse_document(html);
    let mut out = PageExtract::default();
    let page_url = cx.url.to_string();
    // Rows are numbered before deciding whether a row is empty, so that row numbers match
    // the page's own rows (a header row is row 1).
    for (row_idx, row) in document.select(&page.rows).enumerate() {
        let row_no = row_idx + 1;
        let mut builder = RowBuilder::new(RowPlace {
            file: &page_url,
            sheet: None,
            row: row_no,
        });
        for (column, selector) in &page.fields {
            let Some(text) = select_value(row, selector, cx.url) else {
                continue;
            };
            builder.put(
                HeaderMatch {
                    column: *column,
                    unit: 1,
                },
                column.code(),
                Cell::Text(Cow::Owned(text)),
                &mut out.problems,
            );
        }
        // Header rows and spacer rows have no selected cells.
        let Some(mut record) = builder.finish() else {
            continue;
        };
        if record.kind.is_none() {
            record.kind = cx.default_kind;
        }
        record
            .extra
            .insert("crawl_source".to_string(), cx.source_name.to_string());
        record
            .extra
            .insert("fetched_at".to_string(), cx.fetched_at.to_string());
        out.records.push(record);
    }
    if let Pagination::Next(next) = &page.pagination {
        out.next = document
            .select(&next.selector)
            .find_map(|element| attribute_or_text(element, next))
            .and_then(|href| cx.url.join(&href).ok())
            .map(|mut url| {
                url.set_fragment(None);
                url.to_string()
            });
    }
    out
}

/// The first matching element's value inside `row`; attributes that are links
/// (`href`, `src`) are resolved against the page URL.
fn select_value(row: ElementRef<'_>, selector: &FieldSelector, page_url: &Url) -> Option<String> {
    // `select` only walks the row's descendants, so `:scope` (the row itself) is read
    // directly: `<tr data-id="…">` with `id = ":scope@data-id"`.
    let value = if selector.is_row_itself() {
        attribute_or_text(row, selector)?
    } else {
        row.select(&selector.selector)
            .find_map(|element| attribute_or_text(element, selector))?
    };
    match selector.attr.as_deref() {
        Some("href") | Some("src") => Some(
            page_url
                .join(&value)
                .map(|u| u.to_string())
                .unwrap_or(value),
        ),
        _ => Some(value),
    }
}

fn attribute_or_text(element: ElementRef<'_>, selector: &FieldSelector) -> Option<String> {
    let raw = match &selector.attr {
        Some(attr) => element.value().attr(attr)?.to_string(),
        // Text nodes are joined without a separator: `甲<b>APP</b>` is one name.
        None => element.text().collect::<String>(),
    };
    let clean = collapse_whitespace(&raw);
    (!clean.is_empty()).then_some(clean)
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    use crate::sources::crawl::config::CrawlConfig;

    #[test]
    fn decode_prefers_header_then_meta_then_sniffs() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<p>政务服务</p>");
        let (text, enc) = decode(&gbk, Some("text/html; charset=GBK"), None);
        assert_eq!(text, "<p>政务服务</p>");
        assert_eq!(enc, encoding_rs::GB18030);

        let mut with_meta = b"<html><head><meta charset=\"gbk\"></head>".to_vec();
        with_meta.extend_from_slice(&gbk);
        let (text, _) = decode(&with_meta, Some("text/html"), None);
        assert!(text.contains("政务服务"));

        let mut http_equiv =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">".to_vec();
        http_equiv.extend_from_slice(&gbk);
        let (text, _) = decode(&http_equiv, None, None);
        assert!(text.contains("政务服务"));

        let (text, enc) = decode(&gbk, None, None);
        assert_eq!(text, "<p>政务服务</p>");
        assert_eq!(enc, encoding_rs::GB18030);

        let (text, enc) = decode("<p>政务服务</p>".as_bytes(), None, None);
        assert_eq!(text, "<p>政务服务</p>");
        assert_eq!(enc, encoding_rs::UTF_8);
    }

    #[test]
    fn malformed_rows_still_extract_and_bad_cells_become_problems() {
        let config = CrawlConfig::parse(
            Path::new("s.toml"),
            r#"
[crawler]
contact = "mailto:a@example.gov.cn"
[[source]]
name = "s"
start_urls = ["http://127.0.0.1/list"]
allowed_hosts = ["127.0.0.1"]
kind = "app"
[source.page]
rows = "tr.item"
name = ".name"
users = ".users"
filing_no = "a.detail@href"
next = "a.next"
"#,
        )
        .unwrap();
        let html = r#"<table><tr><th>名称</th></tr>
<tr class="item"><td class="name">甲<b>APP</td><td class="users">很多<td><a class="detail" href="/d/1">详情</a>
<tr class="item"><td class="name">乙APP<td class="users">1,200
</table><a class="next" href="?page=2#top">下一页</a>"#;
        let url = Url::parse("http://127.0.0.1/list").unwrap();
        let out = extract(
            html,
            &config.sources[0].page,
            &PageContext {
                url: &url,
                source_name: "s",
                fetched_at: "2026-01-01T00:00:00Z",
                default_kind: Some(Kind::App),
            },
        );
        assert_eq!(out.records.len(), 2);
        assert_eq!(out.records[0].name.as_deref(), Some("甲APP"));
        assert_eq!(out.records[0].users, None);
        assert_eq!(
            out.records[0].filing_no.as_deref(),
            Some("http://127.0.0.1/d/1")
        );
        assert_eq!(out.records[1].users, Some(1200));
        assert_eq!(out.records[1].kind, Some(Kind::App));
        assert_eq!(out.problems.len(), 1);
        assert_eq!(out.problems[0].column.as_deref(), Some("users"));
        assert_eq!(out.next.as_deref(), Some("http://127.0.0.1/list?page=2"));
    }

    /// Ids kept as an attribute of the row itself (`<tr data-id="…">`) are read with
    /// `:scope@data-id` or the bare `@data-id` (issue 18; they used to come out empty).
    #[test]
    fn row_attributes_are_read_from_the_row_itself() {
        for id_selector in [":scope@data-id", "@data-id"] {
            let config = CrawlConfig::parse(
                Path::new("s.toml"),
                &format!(
                    r#"
[crawler]
contact = "mailto:a@example.gov.cn"
[[source]]
name = "s"
start_urls = ["http://127.0.0.1/list"]
allowed_hosts = ["127.0.0.1"]
kind = "app"
[source.page]
rows = "tr.item"
id = "{id_selector}"
name = ".name"
"#
                ),
            )
            .unwrap();
            let html = r#"<table><tr class="item" data-id="YX-001"><td class="name">甲APP</td></tr>
<tr class="item" data-id=" YX-002 "><td class="name">乙APP</td></tr>
<tr class="item"><td class="name">丙APP</td></tr></table>"#;
            let url = Url::parse("http://127.0.0.1/list").unwrap();
            let out = extract(
                html,
                &config.sources[0].page,
                &PageContext {
                    url: &url,
                    source_name: "s",
                    fetched_at: "2026-01-01T00:00:00Z",
                    default_kind: Some(Kind::App),
                },
            );
            let ids: Vec<Option<&str>> = out.records.iter().map(|r| r.id.as_deref()).collect();
            assert_eq!(
                ids,
                vec![Some("YX-001"), Some("YX-002"), None],
                "{id_selector}"
            );
        }
    }
}
