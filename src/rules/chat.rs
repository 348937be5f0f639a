//! Group-chat exports: WeChat, DingTalk and QQ text exports parsed into messages with
//! time, sender, text and line numbers. Pure; a document that does not look like a
//! chat export is left to the ordinary text path.
//!
//! Recognised message headers:
//! - WeChat, one line per message: `2026-11-03 21:47 张三: text` (also `：`, seconds
//!   optional, `/` or `.` date separators).
//! - DingTalk with brackets: `【2026-11-10 08:40】吴科长：` (text on the same line or
//!   the lines after).
//! - QQ and DingTalk, header line then text lines: `2026-11-03 21:47:12 李四(12345678)`,
//!   `2026-11-03 21:47:12 李四<li@x.cn>`, or `李四 2026-11-03 21:47:12`.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;

/// One chat message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    /// When it was sent.
    pub time: NaiveDateTime,
    /// Who sent it (without the QQ number or e-mail).
    pub sender: String,
    /// Its text lines with their 1-based line numbers in the document.
    pub lines: Vec<(usize, String)>,
}

/// A parsed chat export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatExport {
    /// Number of lines before the first message (a title such as "群聊：…").
    pub preamble_lines: usize,
    /// The messages, in document order.
    pub messages: Vec<ChatMessage>,
}

static TIME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(.*)$",
    )
    .unwrap_or_else(|e| panic!("bad built-in pattern: {e}"))
});

static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*[【\[](\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?[】\]]\s*(.*)$",
    )
    .unwrap_or_else(|e| panic!("bad built-in pattern: {e}"))
});

static SENDER_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(\S.{0,30}?)\s+(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$",
    )
    .unwrap_or_else(|e| panic!("bad built-in pattern: {e}"))
});

/// A parsed header line: time, sender, and the text on the same line (WeChat).
fn parse_header(line: &str) -> Option<(NaiveDateTime, String, Option<String>)> {
    let num = |s: Option<regex::Match<'_>>| s.and_then(|m| m.as_str().parse::<u32>().ok());
    if let Some(c) = BRACKETED
        .captures(line)
        .or_else(|| TIME_FIRST.captures(line))
    {
        let date = NaiveDate::from_ymd_opt(num(c.get(1))? as i32, num(c.get(2))?, num(c.get(3))?)?;
        let time =
            NaiveTime::from_hms_opt(num(c.get(4))?, num(c.get(5))?, num(c.get(6)).unwrap_or(0))?;
        let rest = c.get(7).map(|m| m.as_str().trim()).unwrap_or("");
        if rest.is_empty() {
            return None;
        }
        // WeChat puts the text after "sender:"; QQ/DingTalk headers end with the sender.
        if let Some(pos) = rest
            .find([':', '：'])
            .filter(|&p| !rest[..p].trim().is_empty())
        {
            let sender = rest[..pos].trim();
            let colon_len = rest[pos..].chars().next().map(char::len_utf8).unwrap_or(1);
            let text = rest[pos + colon_len..].trim();
            if !sender.is_empty() && sender.chars().count() <= 30 {
                return Some((
                    date.and_time(time),
                    clean_sender(sender),
                    Some(text.to_string()),
                ));
            }
        }
        if rest.chars().count() <= 40 {
            return Some((date.and_time(time), clean_sender(rest), None));
        }
        return None;
    }
    if let Some(c) = SENDER_FIRST.captures(line) {
        let date = NaiveDate::from_ymd_opt(num(c.get(2))? as i32, num(c.get(3))?, num(c.get(4))?)?;
        let time =
            NaiveTime::from_hms_opt(num(c.get(5))?, num(c.get(6))?, num(c.get(7)).unwrap_or(0))?;
        let sender = c.get(1).map(|m| m.as_str()).unwrap_or("");
        return Some((date.and_time(time), clean_sender(sender), None));
    }
    None
}

/// Drops a QQ number `(12345678)` or e-mail `<a@b>` after the name.
fn clean_sender(sender: &str) -> String {
    let s = sender.trim();
    let cut = s
        .find(['(', '（', '<'])
        .filter(|&i| i > 0)
        .map(|i| &s[..i])
        .unwrap_or(s);
    cut.trim().to_string()
}

/// Parses a chat export. Returns `None` when the lines do not look like one: there must
/// be at least one message header, and either two messages or at most five lines
/// before the first header.
pub fn parse_chat(lines: &[String]) -> Option<ChatExport> {
    let mut messages: Vec<ChatMessage> = Vec::new();
    let mut preamble_lines = 0;
    for (i, line) in lines.iter().enumerate() {
        let line_no = i + 1;
        match parse_header(line) {
            Some((time, sender, text)) => {
                let mut msg = ChatMessage {
                    time,
                    sender,
                    lines: Vec::new(),
                };
                if let Some(text) = text.filter(|t| !t.is_empty()) {
                    msg.lines.push((line_no, text));
                }
                messages.push(msg);
            }
            None => match messages.last_mut() {
                Some(msg) => {
                    let text = line.trim();
                    if !text.is_empty() {
                        msg.lines.push((line_no, text.to_string()));
                    }
                }
                None => preamble_lines = line_no,
            },
        }
    }
    let is_chat = !messages.is_empty() && (messages.len() >= 2 || preamble_lines <= 5);
    is_chat.then_some(ChatExport {
        preamble_lines,
        messages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn wechat_one_line_messages() {
        let chat = parse_chat(&lines(
            "群聊：城东防汛工作群\n2026-11-03 21:47 张三: 收到请回复\n2026-11-03 21:50 李四：收到\n",
        ))
        .unwrap();
        assert_eq!(chat.preamble_lines, 1);
        assert_eq!(chat.messages.len(), 2);
        assert_eq!(chat.messages[0].sender, "张三");
        assert_eq!(chat.messages[0].lines, vec![(2, "收到请回复".to_string())]);
        assert_eq!(chat.messages[1].time.to_string(), "2026-11-03 21:50:00");
        assert_eq!(chat.messages[1].lines[0].1, "收到");
    }

    #[test]
    fn qq_and_dingtalk_header_lines() {
        let chat = parse_chat(&lines(
            "2026-11-03 21:47:12 李四(12345678)\n请各村今晚十点前接龙\n第二行\n\n王五 2026/11/04 07:05:00\n收到\n",
        ))
        .unwrap();
        assert_eq!(chat.messages.len(), 2);
        assert_eq!(chat.messages[0].sender, "李四");
        assert_eq!(
            chat.messages[0].lines,
            vec![(2, "请各村今晚十点前接龙".into()), (3, "第二行".into())]
        );
        assert_eq!(chat.messages[1].sender, "王五");
        assert_eq!(chat.messages[1].time.to_string(), "2026-11-04 07:05:00");
        assert_eq!(chat.messages[1].lines, vec![(6, "收到".into())]);
    }

    #[test]
    fn dingtalk_bracketed_headers() {
        let chat = parse_chat(&lines(
            "钉钉群聊天记录\n群名称：安全生产检查群\n【2026-11-10 08:40】县应急局吴科长：\n请各乡镇每天上午9点前在群里接龙。\n【2026-11-10 08:52】刘强：1家\n",
        ))
        .unwrap();
        assert_eq!(chat.preamble_lines, 2);
        assert_eq!(chat.messages.len(), 2);
        assert_eq!(chat.messages[0].sender, "县应急局吴科长");
        assert_eq!(chat.messages[0].lines[0].0, 4);
        assert_eq!(chat.messages[1].lines, vec![(5, "1家".to_string())]);
    }

    #[test]
    fn notices_are_not_chats() {
        assert!(parse_chat(&lines("关于规范工作群管理的通知\n一、不得要求打卡。\n")).is_none());
        let long_preamble = "标题\n\n一\n二\n三\n四\n五\n2026-11-03 21:47 张三: 好\n";
        assert!(parse_chat(&lines(long_preamble)).is_none());
        // A bad date is not a header.
        assert!(parse_chat(&lines("2026-13-40 21:47 张三: 好\n")).is_none());
    }
}
