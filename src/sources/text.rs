//! Decoding text files whose encoding nobody wrote down: UTF-8 with or without a BOM,
//! or GB18030 (a superset of GBK, what Excel on a Chinese Windows saves as "CSV").

use std::borrow::Cow;

use encoding_rs::GB18030;

/// Which encoding a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-8.
    Utf8,
    /// GB18030 / GBK.
    Gb18030,
    /// UTF-16 with a byte-order mark (Excel's "Unicode text" export).
    Utf16,
}

/// A decoded file.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text, without a BOM.
    pub text: Cow<'a, str>,
    /// The encoding it was read as.
    pub encoding: TextEncoding,
    /// When some bytes could not be decoded and were replaced by U+FFFD: the 1-based
    /// line of the first such place and how many there were.
    pub replaced: Option<(usize, usize)>,
}

/// Decodes `bytes`, detecting the encoding.
///
/// Valid UTF-8 is UTF-8. Otherwise the file is GB18030 when it decodes cleanly as such.
/// A file that is neither is decoded in whichever encoding explains more of it: mostly
/// valid UTF-8 with a few bad bytes stays UTF-8 (so one corrupt cell does not turn the
/// whole file into mojibake), and the bad places are reported through `replaced`.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest, TextEncoding::Utf8Bom);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        // encoding_rs picks LE or BE from the BOM and strips it.
        let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes);
        let replaced = first_replacement(&text);
        return Decoded {
            text,
            encoding: TextEncoding::Utf16,
            replaced,
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: Cow::Borrowed(text),
            encoding: TextEncoding::Utf8,
            replaced: None,
        };
    }
    if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        // Mostly-UTF-8 files with a stray bad byte can still decode as GB18030, since
        // GB18030 accepts most byte pairs. Prefer UTF-8 when it explains far more.
        let (valid_multibyte, invalid) = utf8_stats(bytes);
        if valid_multibyte <= invalid.saturating_mul(4) {
            return Decoded {
                text,
                encoding: TextEncoding::Gb18030,
                replaced: None,
            };
        }
        return decode_utf8(bytes, TextEncoding::Utf8);
    }
    let (valid_multibyte, invalid) = utf8_stats(bytes);
    if valid_multibyte > invalid.saturating_mul(4) {
        return decode_utf8(bytes, TextEncoding::Utf8);
    }
    let (text, _) = GB18030.decode_without_bom_handling(bytes);
    let replaced = first_replacement(&text);
    Decoded {
        text,
        encoding: TextEncoding::Gb18030,
        replaced,
    }
}

fn decode_utf8(bytes: &[u8], encoding: TextEncoding) -> Decoded<'_> {
    let text = String::from_utf8_lossy(bytes);
    let replaced = match &text {
        Cow::Borrowed(_) => None,
        Cow::Owned(text) => first_replacement(text),
    };
    Decoded {
        text,
        encoding,
        replaced,
    }
}

/// The line of the first U+FFFD and how many there are.
fn first_replacement(text: &str) -> Option<(usize, usize)> {
    let first = text.find('\u{FFFD}')?;
    let line = text
        .get(..first)
        .map_or(1, |head| head.matches('\n').count() + 1);
    Some((line, text.matches('\u{FFFD}').count()))
}

/// Counts valid multi-byte UTF-8 sequences and invalid bytes, to judge which encoding
/// explains a file better.
fn utf8_stats(bytes: &[u8]) -> (usize, usize) {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (valid_multibyte, invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_encoding() {
        let text = "名称,主管单位\n澄岚通,澄岚市大数据局\n";
        let utf8 = decode(text.as_bytes());
        assert_eq!(utf8.encoding, TextEncoding::Utf8);
        assert_eq!(utf8.text, text);

        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let with_bom = decode(&bom);
        assert_eq!(with_bom.encoding, TextEncoding::Utf8Bom);
        assert_eq!(with_bom.text, text);

        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let from_gbk = decode(&gbk);
        assert_eq!(from_gbk.encoding, TextEncoding::Gb18030);
        assert_eq!(from_gbk.text, text);
        assert!(from_gbk.replaced.is_none());
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "名称\t主管单位\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, TextEncoding::Utf16);
        assert_eq!(decoded.text, "名称\t主管单位\n");
    }

    #[test]
    fn mostly_utf8_with_a_bad_byte_stays_utf8() {
        let mut bytes = "名称,主管单位\n澄岚通,澄岚市大数据局\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"bad\xFF\xFEcell,x\n");
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, TextEncoding::Utf8);
        assert!(decoded.text.contains("澄岚通"));
        assert_eq!(decoded.replaced.map(|r| r.0), Some(3));
    }
}
