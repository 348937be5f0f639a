//! Cell parsing: the spellings a bureau's 台账 uses for text, lists, booleans, dates and
//! counts, turned into typed values. Every parser here is pure and takes text that has
//! already been through [`normalize_cell`] (the one text normalisation, line by line); a parser that cannot read its
//! input returns `None` so the caller can report a problem instead of guessing.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

/// Longest cell text kept, in bytes. Longer cells are cut at a character boundary and
/// reported, so a 5 MB cell costs one copy and never a quadratic scan.
pub const MAX_CELL_BYTES: usize = 64 * 1024;

/// Earliest year accepted in a date. Government platforms did not exist before this;
/// an earlier year is a typo that should be reported, not silently kept.
const MIN_YEAR: i32 = 1900;
/// Latest year accepted in a date.
const MAX_YEAR: i32 = 2100;

pub use crate::normalize::normalize_cell;

/// Cuts `text` to at most [`MAX_CELL_BYTES`] bytes at a character boundary. Returns the
/// kept prefix and whether anything was cut.
pub fn cap_cell(text: &str) -> (&str, bool) {
    if text.len() <= MAX_CELL_BYTES {
        return (text, false);
    }
    let mut end = MAX_CELL_BYTES;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    (text.get(..end).unwrap_or(""), true)
}

/// Whether a normalised cell is one of the "no value" marks 台账 use (`-`, `/`, `暂无`,
/// `不详`, …). Such a cell is empty, not an unreadable value. `无` is not here: in a
/// yes/no column it means "no".
pub fn is_null_marker(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "" | "-"
            | "--"
            | "---"
            | "—"
            | "——"
            | "/"
            | "\\"
            | "n/a"
            | "na"
            | "null"
            | "none"
            | "nil"
            | "nan"
            | "暂无"
            | "不详"
            | "未知"
            | "空"
            | "待定"
            | "待补充"
            | "#n/a"
    )
}

/// Whether `c` separates the values of a multi-valued cell: `、 , ; | /` and line breaks
/// (after NFKC, full-width `，；｜／` are their ASCII forms).
fn is_multi_separator(c: char) -> bool {
    matches!(
        c,
        '、' | ',' | ';' | '|' | '/' | '\n' | '\r' | '，' | '；' | '｜' | '／'
    )
}

/// Splits a multi-valued cell (functions, data fields) into trimmed, non-empty values in
/// their original order.
pub fn split_multi(text: &str) -> Vec<String> {
    text.split(is_multi_separator)
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads a yes/no cell: 是/否, 有/无, Y/N, yes/no, true/false, 1/0, √/×, ✓/✗ and
/// `是（…）`-style answers with an explanation after the first character.
pub fn parse_bool(text: &str) -> Option<bool> {
    let lower = text.trim().to_lowercase();
    let value = match lower.as_str() {
        "是" | "有" | "y" | "yes" | "true" | "t" | "1" | "√" | "✓" | "✔" | "☑" | "对" => {
            true
        }
        "否" | "无" | "没有" | "n" | "no" | "false" | "f" | "0" | "×" | "✗" | "✘" | "☐"
        | "不是" => false,
        _ => {
            // "是（每日打卡）", "否,已取消": the answer comes first, the rest explains it.
            let mut chars = lower.chars();
            let first = chars.next()?;
            let second = chars.next()?;
            let explained = matches!(
                second,
                '(' | '[' | ',' | ';' | ':' | '、' | '。' | '.' | ' ' | '-' | '【'
            );
            match first {
                '是' | '有' if explained => true,
                '否' | '无' if explained => false,
                _ => return None,
            }
        }
    };
    Some(value)
}

/// Converts an Excel serial day number (1900 date system) to a date.
///
/// Excel counts 1900-01-01 as day 1 and wrongly treats 1900 as a leap year, so from day
/// 61 on the epoch is 1899-12-30; day 60 (the phantom 1900-02-29) is rejected. A time
/// of day in the fraction is dropped.
pub fn excel_serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let epoch = if days >= 61 {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    } else if days == 60 {
        return None;
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    };
    let date = epoch.checked_add_signed(chrono::Duration::days(days))?;
    in_year_range(date)
}

fn in_year_range(date: NaiveDate) -> Option<NaiveDate> {
    (MIN_YEAR..=MAX_YEAR).contains(&date.year()).then_some(date)
}

fn ymd(year: &str, month: &str, day: Option<&str>) -> Option<NaiveDate> {
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if year.len() != 4 || !all_digits(year) || !all_digits(month) || month.len() > 2 {
        return None;
    }
    let day = match day {
        Some(d) if all_digits(d) && d.len() <= 2 => d.parse().ok()?,
        Some(_) => return None,
        None => 1,
    };
    let date = NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day)?;
    in_year_range(date)
}

/// Reads a date: 2024-05-01, 2024/5/1, 2024.5.1, 2024年5月1日, 2024-05 and 2024年5月
/// (the 1st of the month), 20240501, 202405, and, when `allow_serial`, an Excel serial
/// such as 45413 (a number or numeric string in a date column). A time of day after the
/// date (`2024-05-01 10:30`, `2024-05-01T10:30:00`) is ignored. Impossible dates
/// (2024-02-30) and years outside 1900–2100 are rejected.
pub fn parse_date(text: &str, allow_serial: bool) -> Option<NaiveDate> {
    let text = text.trim();
    let first = text.split_whitespace().next()?;
    // An ISO datetime: "2024-05-01T10:30:00".
    let first = match first.find('T') {
        Some(pos) if pos >= 8 => first.get(..pos)?,
        _ => first,
    };
    if let Some(year_end) = first.find('年') {
        let year = first.get(..year_end)?;
        let rest = first.get(year_end + '年'.len_utf8()..)?;
        let month_end = rest.find('月')?;
        let month = rest.get(..month_end)?;
        let rest = rest.get(month_end + '月'.len_utf8()..)?;
        let day = rest
            .strip_suffix('日')
            .or_else(|| rest.strip_suffix('号'))
            .map(str::trim);
        return match day {
            Some(day) => ymd(year, month, Some(day)),
            None if rest.is_empty() => ymd(year, month, None),
            None => None,
        };
    }
    if first.bytes().all(|b| b.is_ascii_digit()) {
        return match first.len() {
            8 => ymd(first.get(..4)?, first.get(4..6)?, Some(first.get(6..)?)),
            6 => ymd(first.get(..4)?, first.get(4..)?, None),
            1..=5 if allow_serial => excel_serial_to_date(first.parse::<f64>().ok()?),
            _ => None,
        };
    }
    let separator = first.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = first.split(separator).collect();
    match parts.as_slice() {
        [year, month] if year.len() == 4 => ymd(year, month, None),
        [year, month, day] => ymd(year, month, Some(day)),
        // "45413.5": an Excel serial with a time of day.
        [whole, fraction]
            if allow_serial
                && separator == '.'
                && whole.len() <= 5
                && fraction.bytes().all(|b| b.is_ascii_digit()) =>
        {
            excel_serial_to_date(first.parse::<f64>().ok()?)
        }
        _ => None,
    }
}

/// Reads a count (users, monthly active users, members): `1234`, `1,234`, `1.2万`,
/// `3千`, `2亿`, `1.5w`, `3k`, `约500`, `500余`, `500+`, `1,000人`, and a whole number
/// written as `1234.0`. `unit` multiplies the value (a header `注册用户数（万人）`
/// gives 10 000). Fractions that do not come out whole are rounded only when a
/// multiplier is involved (`1.23456万` is an estimate); a plain `12.5` is rejected, as
/// are negative numbers.
pub fn parse_count(text: &str, unit: u64) -> Option<u64> {
    let mut rest = text.trim();
    for prefix in ["大约", "超过", "约", "近", "逾", "超", "~", "≈"] {
        if let Some(stripped) = rest.strip_prefix(prefix) {
            rest = stripped.trim_start();
            break;
        }
    }
    for suffix in ["以上", "左右", "余", "多", "+"] {
        if let Some(stripped) = rest.strip_suffix(suffix) {
            rest = stripped.trim_end();
            break;
        }
    }
    for suffix in ["人次", "人", "个", "户", "名", "位", "次", "家"] {
        if let Some(stripped) = rest.strip_suffix(suffix) {
            rest = stripped.trim_end();
            break;
        }
    }
    // "500余人": the approximation mark may sit before the unit.
    for suffix in ["余", "多"] {
        if let Some(stripped) = rest.strip_suffix(suffix) {
            rest = stripped.trim_end();
            break;
        }
    }
    let mut multiplier = unit.max(1);
    for (suffix, factor) in [
        ("亿", 100_000_000u64),
        ("万", 10_000),
        ("千", 1_000),
        ("w", 10_000),
        ("W", 10_000),
        ("k", 1_000),
        ("K", 1_000),
    ] {
        if let Some(stripped) = rest.strip_suffix(suffix) {
            rest = stripped.trim_end();
            multiplier = multiplier.checked_mul(factor)?;
            break;
        }
    }
    let (whole, fraction) = match rest.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (rest, ""),
    };
    let whole = strip_thousands(whole)?;
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) || fraction.len() > 9 {
        return None;
    }
    let whole_value: u64 = whole.parse().ok()?;
    let base = whole_value.checked_mul(multiplier)?;
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        return Some(base);
    }
    if multiplier == 1 {
        return None;
    }
    // Exact decimal arithmetic: fraction digits × multiplier / 10^len, rounded.
    let scale = 10u128.pow(fraction.len() as u32);
    let numerator = u128::from(fraction.parse::<u64>().ok()?) * u128::from(multiplier);
    let added = (numerator + scale / 2) / scale;
    base.checked_add(u64::try_from(added).ok()?)
}

/// Removes thousands separators from the whole part of a number, accepting only
/// well-formed groups ("1,234,567"), so that "1,2,3" is not read as 123.
fn strip_thousands(whole: &str) -> Option<Cow<'_, str>> {
    if !whole.contains([',', ' ', '\'']) {
        return Some(Cow::Borrowed(whole));
    }
    let separator = whole.chars().find(|c| matches!(c, ',' | ' ' | '\''))?;
    let mut groups = whole.split(separator);
    let head = groups.next()?;
    if head.is_empty() || head.len() > 3 {
        return None;
    }
    let mut out = String::with_capacity(whole.len());
    out.push_str(head);
    for group in groups {
        if group.len() != 3 {
            return None;
        }
        out.push_str(group);
    }
    Some(Cow::Owned(out))
}

/// Shortens a value for quoting in a problem message, so a 5 MB cell does not end up
/// in `problems.json`.
pub fn quote_value(text: &str) -> String {
    const LIMIT: usize = 60;
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(LIMIT).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// The platform a channel spelling runs on, for the one-account-per-platform rule and
/// for reports: 微信订阅号, 服务号, 视频号, 政务微信 and 公众号 are all 微信; 新浪微博 and
/// 政务微博 are 微博; 抖音号 is 抖音 … `None` for a channel this table does not know,
/// which is kept as written. The input is a normalised cell.
pub fn platform_of_channel(text: &str) -> Option<&'static str> {
    let t = text.trim().to_ascii_lowercase();
    let t = t.trim_end_matches("账号").trim_end_matches("帐号");
    // Exact spellings first, then the platform's name anywhere in a longer spelling
    // (微信公众号（服务号）). Group and work-platform channels are not accounts'
    // platforms but are normalised the same way.
    const PLATFORMS: &[(&str, &[&str])] = &[
        (
            "微信",
            &[
                "微信",
                "公众号",
                "微信公众号",
                "微信公众平台",
                "订阅号",
                "服务号",
                "视频号",
                "微信订阅号",
                "微信服务号",
                "微信视频号",
                "政务微信",
                "微信号",
                "wechat",
            ],
        ),
        ("微博", &["微博", "新浪微博", "政务微博", "weibo", "新浪"]),
        ("抖音", &["抖音", "抖音号", "政务抖音", "douyin"]),
        ("快手", &["快手", "快手号", "kuaishou"]),
        ("头条号", &["头条", "头条号", "今日头条", "今日头条号"]),
        ("百家号", &["百家号", "百度百家号", "百度"]),
        ("小红书", &["小红书"]),
        ("B站", &["b站", "哔哩哔哩", "bilibili"]),
        ("网易号", &["网易号", "网易"]),
        ("企鹅号", &["企鹅号"]),
        ("人民号", &["人民号"]),
        ("学习强国", &["学习强国", "学习强国号"]),
        ("钉钉", &["钉钉", "钉钉群", "dingtalk"]),
        ("浙政钉", &["浙政钉", "浙政钉群"]),
        ("政务钉", &["政务钉", "政务钉钉", "政务钉群"]),
        ("企业微信", &["企业微信", "企业微信群", "政务企业微信"]),
        ("QQ", &["qq", "qq群"]),
        ("网站", &["网站", "门户网站", "政府网站"]),
    ];
    if let Some((platform, _)) = PLATFORMS.iter().find(|(_, s)| s.contains(&t)) {
        return Some(platform);
    }
    const CONTAINED: &[(&str, &str)] = &[
        ("企业微信", "企业微信"),
        ("浙政钉", "浙政钉"),
        ("政务钉", "政务钉"),
        ("公众号", "微信"),
        ("订阅号", "微信"),
        ("服务号", "微信"),
        ("视频号", "微信"),
        ("微信", "微信"),
        ("微博", "微博"),
        ("抖音", "抖音"),
        ("快手", "快手"),
        ("头条", "头条号"),
        ("百家号", "百家号"),
        ("小红书", "小红书"),
        ("哔哩哔哩", "B站"),
        ("钉钉", "钉钉"),
    ];
    CONTAINED
        .iter()
        .find(|(needle, _)| t.contains(needle))
        .map(|(_, platform)| *platform)
}

/// The kind a channel spelling implies when the kind column is empty: account
/// platforms (公众号, 视频号, 微博, 抖音 …) give an account, 网站 a website, anything
/// ending in 群 a work group, 小程序 a mini program, APP/客户端 an app. A bare 微信 or 钉钉
/// says nothing (an account or a group), nor does 政务钉 (a work platform or a group).
pub fn kind_of_channel(text: &str) -> Option<crate::model::Kind> {
    use crate::model::Kind;
    let t = text.trim().to_ascii_lowercase();
    if t.is_empty() {
        return None;
    }
    if t.ends_with('群') || t.contains("群组") {
        return Some(Kind::Group);
    }
    if t.contains("小程序") || t.contains("快应用") {
        return Some(Kind::MiniProgram);
    }
    if t.contains("网站") || t.contains("门户") {
        return Some(Kind::Website);
    }
    if t.contains("app") || t.contains("客户端") || t.contains("应用商店") {
        return Some(Kind::App);
    }
    if matches!(
        t.as_str(),
        "微信" | "钉钉" | "qq" | "企业微信" | "政务钉" | "浙政钉" | "政务微信"
    ) {
        // 政务微信 is a government WeChat *account* in new-media registers, but the
        // same words name the enterprise-WeChat work platform; the sheet or file decides.
        return None;
    }
    match platform_of_channel(&t) {
        Some(
            "微信" | "微博" | "抖音" | "快手" | "头条号" | "百家号" | "小红书" | "B站" | "网易号"
            | "企鹅号" | "人民号" | "学习强国",
        ) => Some(Kind::Account),
        _ => None,
    }
}

/// The kind a sheet or file name implies (政务新媒体账号台账.xlsx holds accounts,
/// 工作群清查登记表.csv groups). Register words (台账, 清单, 登记表, 统计表) say nothing
/// about the kind of the rows; a name that points at two kinds (应用与平台台账) gives none.
pub fn kind_of_title(title: &str) -> Option<crate::model::Kind> {
    use crate::model::Kind;
    let mut t = title.trim().to_ascii_lowercase();
    for ext in [".xlsx", ".csv", ".jsonl", ".json", ".ndjson"] {
        if let Some(stripped) = t.strip_suffix(ext) {
            t = stripped.to_owned();
        }
    }
    for register_word in [
        "台账",
        "清单",
        "登记表",
        "统计表",
        "汇总表",
        "一览表",
        "明细表",
        "情况表",
        "名录",
        "目录",
    ] {
        t = t.replace(register_word, " ");
    }
    let markers: &[(Kind, &[&str])] = &[
        (
            Kind::Account,
            &["新媒体", "公众号", "账号", "帐号", "微博", "抖音", "视频号"],
        ),
        (
            Kind::Group,
            &["工作群", "微信群", "钉钉群", "qq群", "群组", "建群"],
        ),
        (Kind::MiniProgram, &["小程序"]),
        (
            Kind::App,
            &["app", "应用程序", "移动应用", "客户端", "政务应用"],
        ),
        (Kind::Website, &["网站"]),
        (Kind::Form, &["报表", "填报任务", "表格"]),
        (Kind::Platform, &["工作平台", "信息系统", "业务系统"]),
    ];
    let mut found = markers
        .iter()
        .filter(|(_, words)| words.iter().any(|w| t.contains(w)))
        .map(|(kind, _)| *kind);
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn normalize_folds_width_and_trims() {
        assert_eq!(normalize_cell("  ＡＢＣ１２３ "), "ABC123");
        assert_eq!(
            normalize_cell("\u{3000}注册用户数（人）\u{3000}"),
            "注册用户数(人)"
        );
        assert_eq!(normalize_cell("\u{FEFF}名称"), "名称");
        assert_eq!(normalize_cell("a\u{200B}b"), "ab");
        assert!(matches!(normalize_cell(" plain "), Cow::Borrowed("plain")));
        assert!(matches!(normalize_cell("澄岚市政务服务"), Cow::Borrowed(_)));
        assert!(matches!(
            normalize_cell("收入·影像、《通知》"),
            Cow::Borrowed(_)
        ));
        assert_eq!(normalize_cell("１．２万"), "1.2万");
    }

    #[test]
    fn cap_cuts_at_char_boundary() {
        let big = "中".repeat(MAX_CELL_BYTES);
        let (kept, cut) = cap_cell(&big);
        assert!(cut);
        assert!(kept.len() <= MAX_CELL_BYTES);
        assert_eq!(kept.len() % 3, 0);
        assert_eq!(cap_cell("short"), ("short", false));
    }

    #[test]
    fn split_multi_on_every_separator() {
        let text = normalize_cell("预约挂号、在线缴费，查询；投诉|登记/审批\n打卡\r\n 签到 ,,");
        assert_eq!(
            split_multi(&text),
            [
                "预约挂号",
                "在线缴费",
                "查询",
                "投诉",
                "登记",
                "审批",
                "打卡",
                "签到"
            ]
        );
        assert_eq!(split_multi("a;b,c"), ["a", "b", "c"]);
        assert!(split_multi(" 、 ,").is_empty());
    }

    #[test]
    fn bool_spellings() {
        for yes in [
            "是",
            "有",
            "Y",
            "y",
            "yes",
            "YES",
            "true",
            "True",
            "1",
            "√",
            "✓",
            "是(每日打卡)",
        ] {
            assert_eq!(parse_bool(yes), Some(true), "{yes}");
        }
        for no in [
            "否",
            "无",
            "N",
            "no",
            "No",
            "false",
            "FALSE",
            "0",
            "×",
            "✗",
            "否,已取消",
        ] {
            assert_eq!(parse_bool(no), Some(false), "{no}");
        }
        for bad in ["也许", "2", "否定", "yes!", ""] {
            assert_eq!(parse_bool(bad), None, "{bad}");
        }
    }

    #[test]
    fn date_spellings() {
        for (text, want) in [
            ("2024-05-01", d(2024, 5, 1)),
            ("2024/5/1", d(2024, 5, 1)),
            ("2024.5.1", d(2024, 5, 1)),
            ("2024年5月1日", d(2024, 5, 1)),
            ("2024年05月01号", d(2024, 5, 1)),
            ("2024-05", d(2024, 5, 1)),
            ("2024/5", d(2024, 5, 1)),
            ("2024年5月", d(2024, 5, 1)),
            ("20240501", d(2024, 5, 1)),
            ("202405", d(2024, 5, 1)),
            ("2024-05-01 10:30:00", d(2024, 5, 1)),
            ("2024-05-01T10:30:00", d(2024, 5, 1)),
            ("2024-02-29", d(2024, 2, 29)),
        ] {
            assert_eq!(parse_date(text, false), Some(want), "{text}");
        }
        for bad in [
            "2024-02-30",
            "2023-02-29",
            "2024-13-01",
            "2024-13-45",
            "2024年13月",
            "24-5-1",
            "昨天",
            "45413",
            "1024-05-01",
            "2024-05-01-02",
            "2024年5月1",
            "",
        ] {
            assert_eq!(parse_date(bad, false), None, "{bad}");
        }
    }

    #[test]
    fn excel_serials() {
        assert_eq!(parse_date("45413", true), Some(d(2024, 5, 1)));
        assert_eq!(parse_date("45413.75", true), Some(d(2024, 5, 1)));
        assert_eq!(excel_serial_to_date(45413.0), Some(d(2024, 5, 1)));
        assert_eq!(excel_serial_to_date(61.0), Some(d(1900, 3, 1)));
        assert_eq!(excel_serial_to_date(59.0), Some(d(1900, 2, 28)));
        assert_eq!(excel_serial_to_date(1.0), Some(d(1900, 1, 1)));
        assert_eq!(excel_serial_to_date(60.0), None);
        assert_eq!(excel_serial_to_date(0.0), None);
        assert_eq!(excel_serial_to_date(-5.0), None);
        assert_eq!(excel_serial_to_date(f64::NAN), None);
        assert_eq!(excel_serial_to_date(1e12), None);
    }

    #[test]
    fn count_spellings() {
        for (text, want) in [
            ("1234", 1234),
            ("1,234", 1234),
            ("1,234,567", 1_234_567),
            ("1.2万", 12_000),
            ("3千", 3_000),
            ("2亿", 200_000_000),
            ("1.5w", 15_000),
            ("3k", 3_000),
            ("约500", 500),
            ("500余", 500),
            ("500余人", 500),
            ("500+", 500),
            ("1,000人", 1_000),
            ("1234.0", 1234),
            ("0", 0),
            ("1.23456万", 12_346),
        ] {
            assert_eq!(parse_count(text, 1), Some(want), "{text}");
        }
        assert_eq!(parse_count("1.2", 10_000), Some(12_000));
        for bad in [
            "12.5",
            "-3",
            "1,2,3",
            "12,34",
            "很多",
            "",
            "1.2.3",
            "万",
            "99999999999999999999",
        ] {
            assert_eq!(parse_count(bad, 1), None, "{bad}");
        }
    }

    #[test]
    fn null_markers() {
        for text in ["-", "/", "暂无", "N/A", "不详", ""] {
            assert!(is_null_marker(text), "{text}");
        }
        assert!(!is_null_marker("无"));
        assert!(!is_null_marker("0"));
    }

    #[test]
    fn quote_value_shortens() {
        let long = "字".repeat(100);
        let quoted = quote_value(&long);
        assert_eq!(quoted.chars().count(), 61);
        assert!(quoted.ends_with('…'));
    }

    #[test]
    fn channels_normalise_to_their_platform() {
        for (text, platform) in [
            ("微信订阅号", Some("微信")),
            ("微信服务号", Some("微信")),
            ("微信视频号", Some("微信")),
            ("微信公众号", Some("微信")),
            ("政务微信", Some("微信")),
            ("新浪微博", Some("微博")),
            ("政务微博", Some("微博")),
            ("抖音号", Some("抖音")),
            ("快手", Some("快手")),
            ("今日头条", Some("头条号")),
            ("百家号", Some("百家号")),
            ("B站", Some("B站")),
            ("小红书", Some("小红书")),
            ("浙政钉", Some("浙政钉")),
            ("企业微信群", Some("企业微信")),
            ("微信公众号（服务号）", Some("微信")),
            ("自建平台", None),
        ] {
            assert_eq!(platform_of_channel(text), platform, "{text}");
        }
    }

    #[test]
    fn kinds_from_channels_and_titles() {
        use crate::model::Kind;
        for (text, kind) in [
            ("微信订阅号", Some(Kind::Account)),
            ("新浪微博", Some(Kind::Account)),
            ("快手", Some(Kind::Account)),
            ("网站", Some(Kind::Website)),
            ("钉钉群", Some(Kind::Group)),
            ("微信小程序", Some(Kind::MiniProgram)),
            ("微信", None),
            ("政务钉", None),
        ] {
            assert_eq!(kind_of_channel(text), kind, "{text}");
        }
        for (title, kind) in [
            ("政务新媒体账号台账.xlsx", Some(Kind::Account)),
            ("工作群清查登记表.csv", Some(Kind::Group)),
            ("政务应用程序清单", Some(Kind::App)),
            ("报表填报任务.jsonl", Some(Kind::Form)),
            ("应用与平台台账.xlsx", None),
            ("Sheet1", None),
        ] {
            assert_eq!(kind_of_title(title), kind, "{title}");
        }
    }
}
