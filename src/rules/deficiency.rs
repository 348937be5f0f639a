//! Deficiency statements in free text: what an inspection found wrong with an account,
//! app or website (未开通留言功能, 3个月无原创, 链接失效, 未按要求转发重要信息, 私自开设,
//! 注销后重新上线). Unlike the coercive practices of [`super::text`], these sentences are
//! negative by nature — the negation *is* the finding — so each deficiency is one
//! pattern of its own, and a match does not count when its clause bans or questions it
//! (不得出现链接失效, 是否存在…) or says it has been fixed (已整改, 已修复, 已开通).
//!
//! Sources read: `notes`, `description`, the inspection columns kept in `extra`
//! (检查发现问题, 问题描述, 检查结果), and documents in `documents/<platform id>/`.

use std::sync::LazyLock;

use regex::Regex;

use super::{Evidence, RuleInput};
use crate::model::KeptColumn;
use crate::model::Platform;

/// A deficiency an inspection reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Deficiency {
    /// No working interaction: 未开通留言功能, 留言未回复.
    NoInteraction,
    /// No original content: 3个月无原创, 仅转发.
    NoOriginal,
    /// Broken links or functions: 链接失效, 功能无法使用.
    Broken,
    /// Columns not updated: 栏目长期未更新, 空白栏目.
    StaleColumns,
    /// Important information the superior required was not reposted: 未按要求转发.
    MissingRepost,
    /// Opened without filing: 私自开设, 未备案, 未在系统填报登记.
    Unfiled,
    /// Not updated for two weeks or longer: 监测点前两周内未更新, 长期内容不更新.
    NotUpdated,
    /// Ordered closed but still operating, reopened after deregistration, closed but
    /// still listed.
    StillRunning,
    /// A serious wording error in published content: 严重表述错误, 表述严重不规范,
    /// 政治性错误 (a single-item veto; ordinary typos are not this).
    WordingError,
    /// A monitoring work order (监测工单) of the supervising platform left unhandled.
    WorkOrder,
}

const NUM: &str = r"(\d+|[一二三四五六七八九十两半]+)";

fn re(pattern: &str) -> Regex {
    // The patterns are constants of this file and covered by its tests.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

static PATTERNS: LazyLock<Vec<(Deficiency, Regex)>> = LazyLock::new(|| {
    vec![
        (
            Deficiency::NoInteraction,
            re(
                r"(未|没有|无|不具备|未能|缺少)(开通|开设|设置|提供|开放|设立)?(有效)?(的)?(留言|互动|私信|评论|咨询)(功能|入口|渠道|栏目)?|(留言|互动|评论|私信)(功能|入口|渠道)?(未开通|未开放|已关闭|被关闭|关闭|失效|不可用|无法使用)|(留言|咨询|网民留言|群众留言)[^，,。；;]{0,8}(未|没有|不|无人)(及时)?(回复|答复|回应|处理)|互动回应差|(无|缺乏|没有)有效互动",
            ),
        ),
        (
            Deficiency::NoOriginal,
            re(&format!(
                r"(无|没有|未)(发布)?原创|原创(内容|信息)?(为零|缺失|不足)|{NUM}个?月(以上|内|来)?(无|未|没有)(发布)?原创|仅转(发|载)|均为转(发|载)"
            )),
        ),
        (
            Deficiency::Broken,
            re(
                r"(链接|外链|功能|栏目|页面|菜单|服务|入口|按钮|二维码)[^，,。；;]{0,6}(失效|打不开|无法(打开|访问|使用|正常使用|跳转)|不能(打开|访问|使用)|不可用|报错|无响应)|错链|断链|死链|链接错误|功能异常|功能失效",
            ),
        ),
        (
            Deficiency::StaleColumns,
            re(&format!(
                r"栏目[^，,。；;]{{0,8}}(长期|{NUM}个?月)?(未|不|没有)(及时)?更新|空白栏目|栏目(为空|空白)|栏目内容(陈旧|过时)"
            )),
        ),
        (
            Deficiency::MissingRepost,
            re(
                r"(未|没有|未能)(按(要求|规定)|及时)?(转发|转载|发布|推送)[^，,。；;]{0,10}(重要|上级|规定|政策|权威|重大|信息|内容|稿件|文章)",
            ),
        ),
        (
            Deficiency::Unfiled,
            re(
                r"私自开设|擅自开设|瞒报|未经(申请|审批|审核|备案|批准)(开设|开通|上线)?|(未|没有)(按(要求|规定|程序))?(报备|备案|登记备案|审批)|(未|没有)在[^，,。；;]{0,12}(填报|登记|备案|报备)|(未|没有)(进行)?(填报登记|登记|填报)",
            ),
        ),
        (
            Deficiency::NotUpdated,
            re(&format!(
                r"(两|2|二)周(内|以上|以来)?(未|没有|无)(更新|发布|发文)|(超过|逾|已)?{NUM}(个)?(周|天|日|月)(以上|内|来)?(未|没有|无)(更新|发布|发文)|长期(内容)?(未|不|无|没有)(更新|发布|发文)|更新不及时|停更|长期无更新|(未|没有)(按要求)?(做到)?每(两|2|二)周(至少)?更新|更新频(次|率|度)(不足|不够|偏低|过低)"
            )),
        ),
        (
            Deficiency::StillRunning,
            re(
                r"(私自|擅自|违规)重新(上线|开通|启用|运行)|(注销|关停|关闭|停用)[^，,。；;]{0,6}后[^，,。；;]{0,4}(重新|又|再次|擅自)(上线|开通|启用|运行|注册|开设|发布|更新)|(责令|要求|通知|应)(关停|关闭|注销|停用)[^。；;]{0,14}(至今)?(仍|仍在|仍然|继续|未)(运行|运营|更新|发布|关停|关闭|注销|使用)|(抽查|检查|监测)发现[^，,。；;]{0,6}重新(上线|开通|启用|运行)|(已|均已)?(关停|注销|关闭|停更)[^，,。；;]{0,6}(但|却)?(仍|仍在|仍然|继续)(更新|发布|运行|运营|在|显示|列)|应关未关",
            ),
        ),
        (
            Deficiency::WorkOrder,
            re(
                r"工单[^。；;]{0,16}(逾期)?(未|没有|未能)(按要求|及时|按时|按期)?(在[^，,。；;]{0,8})?(处理|办理|处置|反馈|回复|整改|办结)|(未|没有|未能)(按要求|及时|按时|按期)?(处理|办理|处置|反馈|回复|办结)[^，,。；;]{0,12}工单|工单[^，,。；;]{0,6}(超期|逾期|超时)",
            ),
        ),
        (
            Deficiency::WordingError,
            re(
                r"严重(的)?(错误)?表述(错误|不规范|不当|失误)?|表述[^，,。；;]{0,2}(严重)?(错误|不规范|不当|失误)|(政治性|原则性|导向性)(表述)?(错误|差错)|(错误|不当)表述",
            ),
        ),
    ]
});

/// A ban or question before the match in its clause: the sentence is about the rule,
/// not a finding (不得出现链接失效, 是否存在未开通留言功能).
static BANNED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"不得|严禁|禁止|防止|避免|杜绝|确保|是否|有无|要求不|切实|坚决|切勿|不要")
});

/// A fix after the match in its clause or the next (未开通留言功能，现已整改).
static FIXED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"已(整改|修复|恢复|开通|完成整改|补充|备案|报备|处理|解决)|整改(完成|到位)")
});

/// Splits text into clauses at sentence and clause punctuation.
fn clauses(text: &str) -> Vec<&str> {
    text.split(['。', '！', '？', '；', '!', '?', ';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The sentences of `text` stating `deficiency`, outside a ban and not marked fixed.
pub fn statements(text: &str, deficiency: Deficiency) -> Vec<&str> {
    let Some((_, pattern)) = PATTERNS.iter().find(|(d, _)| *d == deficiency) else {
        return Vec::new();
    };
    clauses(text)
        .into_iter()
        .filter(|sentence| {
            pattern.find_iter(sentence).any(|m| {
                let clause_start = sentence
                    .get(..m.start())
                    .and_then(|head| head.rfind([',', '，', ':', '：']))
                    .map_or(0, |i| i + 1);
                let before = sentence.get(clause_start..m.start()).unwrap_or_default();
                let after = sentence.get(m.end()..).unwrap_or_default();
                // 栏目长期未更新 is about columns (columns-not-updated), not the account.
                let about_columns =
                    deficiency == Deficiency::NotUpdated && sentence.contains("栏目");
                !BANNED.is_match(before) && !FIXED.is_match(after) && !about_columns
            })
        })
        .collect()
}

/// The free-text fields of a platform an inspection finding may be written in:
/// `(column, text)`.
pub fn texts(platform: &Platform) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    if let Some(notes) = platform.notes.as_deref() {
        out.push(("notes", notes));
    }
    if let Some(description) = platform.description.as_deref() {
        out.push(("description", description));
    }
    for (header, value) in &platform.extra {
        let kept = KeptColumn::of_header(header).is_some_and(|column| {
            matches!(
                column,
                KeptColumn::InspectionIssue
                    | KeptColumn::InspectionResult
                    | KeptColumn::Rectification
                    | KeptColumn::Interaction
                    | KeptColumn::LinkStatus
                    | KeptColumn::FilingStatus
                    | KeptColumn::OperatingStatus
            )
        });
        if kept {
            out.push((header.as_str(), value.as_str()));
        }
    }
    out
}

/// Evidence of `deficiency` for platform `idx`: sentences in its free-text fields and
/// lines of the documents in its own folder.
pub fn evidence(input: &RuleInput<'_>, idx: usize, deficiency: Deficiency) -> Vec<Evidence> {
    let Some(platform) = input.ctx.platforms.get(idx) else {
        return Vec::new();
    };
    let mut out: Vec<Evidence> = texts(platform)
        .into_iter()
        .flat_map(|(column, text)| {
            statements(text, deficiency)
                .into_iter()
                .map(move |s| Evidence::field(column, s))
        })
        .collect();
    for document in input.ctx.documents {
        if document.platform_dir.as_deref() != Some(platform.id.as_str()) {
            continue;
        }
        for (i, line) in document.lines.iter().enumerate() {
            for sentence in statements(line, deficiency) {
                out.push(Evidence {
                    source: document.path.clone(),
                    line: Some(i + 1),
                    text: sentence.to_owned(),
                });
            }
        }
    }
    out
}

/// Whether the platform has any free text or own document to read.
pub fn has_text(input: &RuleInput<'_>, idx: usize) -> bool {
    input.ctx.platforms.get(idx).is_some_and(|p| {
        !texts(p).is_empty()
            || input
                .ctx
                .documents
                .iter()
                .any(|d| d.platform_dir.as_deref() == Some(p.id.as_str()))
    })
}

/// Whether a yes/no cell of a kept column says no (否, 无, ×, 失效, 未备案 …).
pub fn says_no(value: &str) -> bool {
    let v = value.trim().to_ascii_lowercase();
    matches!(
        v.as_str(),
        "否" | "无"
            | "没有"
            | "n"
            | "no"
            | "false"
            | "0"
            | "×"
            | "✗"
            | "失效"
            | "不可用"
            | "无效"
            | "未开通"
            | "关闭"
            | "已关闭"
            | "未备案"
            | "未报备"
            | "未登记"
    ) || v.starts_with("否")
        || v.starts_with("未")
}

/// Reads a date cell of a kept column (2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日).
pub fn parse_day(value: &str) -> Option<chrono::NaiveDate> {
    let t = value
        .trim()
        .replace(['/', '.', '年', '月'], "-")
        .replace('日', "");
    chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()
}

/// The shared check of the inspection-indicator rules read from text (and, where an
/// office keeps one, a yes/no column): platforms of the kinds `applies` accepts whose
/// column `column` says no, or whose free text or own documents state `deficiency`, are
/// flagged with `message(name)`. A platform with neither the column nor any text counts
/// as insufficient data.
pub(crate) fn flag(
    input: &RuleInput<'_>,
    out: &mut Vec<super::Finding>,
    rule: &'static str,
    applies: impl Fn(crate::model::Kind) -> bool,
    deficiency: Deficiency,
    column: Option<KeptColumn>,
    message: impl Fn(&str) -> crate::model::Msg,
) -> super::CoverageCounts {
    let mut counts = super::CoverageCounts::default();
    for (idx, p) in input.ctx.platforms.iter().enumerate() {
        if !applies(p.kind) {
            continue;
        }
        let cell = column.and_then(|c| crate::model::kept_value(&p.extra, c));
        let mut evidence = Vec::new();
        if let Some((header, value)) = cell {
            if says_no(value) {
                evidence.push(Evidence::field(header, value));
            }
        }
        evidence.extend(self::evidence(input, idx, deficiency));
        counts.count(evidence.is_empty() && cell.is_none() && !has_text(input, idx));
        if !evidence.is_empty() {
            out.push(super::Finding::new(idx, rule, message(&p.name), evidence));
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, d: Deficiency) -> bool {
        !statements(text, d).is_empty()
    }

    #[test]
    fn statements_of_inspection_notices() {
        use Deficiency::*;
        for (text, d) in [
            ("未开通留言功能", NoInteraction),
            ("留言功能已关闭", NoInteraction),
            ("网民留言长期未回复", NoInteraction),
            ("3个月无原创内容", NoOriginal),
            ("近一个月未发布原创信息，仅转发上级稿件", NoOriginal),
            ("菜单栏链接失效", Broken),
            ("“办事服务”功能无法正常使用", Broken),
            ("部分栏目长期未更新", StaleColumns),
            ("未按要求转发重要信息", MissingRepost),
            ("私自开设，未在系统填报登记", Unfiled),
            ("未按规定报备", Unfiled),
            ("2020年11月已注销后重新上线", StillRunning),
            ("责令关停后仍在更新", StillRunning),
            ("9月检查发现未经申请备案私自重新上线", StillRunning),
            ("9月检查发现未经申请备案私自重新上线", Unfiled),
            ("未进行填报登记", Unfiled),
            (
                "2025年第四季度市通报要求关停注销，至今仍在更新",
                StillRunning,
            ),
            ("2026年8月抽查发现以原名重新上线发文", StillRunning),
            ("监测点前两周内未更新，经多次督促仍长期无更新", NotUpdated),
            ("长期内容不更新", NotUpdated),
            ("未按要求做到每两周至少更新一次", NotUpdated),
            ("更新频次不足", NotUpdated),
            ("超过3个月未更新", NotUpdated),
            ("文章中出现严重错误表述", WordingError),
            ("9月检查发现推文出现严重表述不规范", WordingError),
            ("仍将“党史教育”表述错误", WordingError),
            ("推文出现政治性错误", WordingError),
            (
                "8月23日收到省政务新媒体监管平台内容监测工单，未按要求处理",
                WorkOrder,
            ),
            ("监测工单逾期未办结", WorkOrder),
        ] {
            assert!(found(text, d), "{text} should state {d:?}");
        }
    }

    #[test]
    fn bans_questions_fixes_and_other_findings_do_not_count() {
        use Deficiency::*;
        for (text, d) in [
            ("已开通留言功能，回复及时", NoInteraction),
            ("不得出现链接失效、功能无法使用等问题", Broken),
            ("检查是否存在未开通留言功能的情况", NoInteraction),
            ("未开通留言功能，现已整改", NoInteraction),
            ("原创内容丰富", NoOriginal),
            ("按要求转发重要信息", MissingRepost),
            ("已在系统填报登记", Unfiled),
            ("已注销", StillRunning),
            ("部分栏目长期未更新", NotUpdated),
            ("更新及时", NotUpdated),
            ("杜绝出现严重错误表述及泄露个人信息的情况", WordingError),
            ("切勿出现错敏词及表述错误", WordingError),
            ("存在错别字3处", WordingError),
            ("严重表述错误已整改", WordingError),
            ("收到监测工单后及时处理", WorkOrder),
            ("工单未处理，现已整改", WorkOrder),
        ] {
            assert!(!found(text, d), "{text} should not state {d:?}");
        }
        // 未按要求转发 is the account's own deficiency, not forced promotion.
        assert!(!super::super::text::verdict("未按要求转发重要信息")
            .violations()
            .contains(super::super::text::Practice::Promotion));
    }

    #[test]
    fn kept_cells() {
        assert!(says_no("否"));
        assert!(says_no("未备案"));
        assert!(says_no("失效"));
        assert!(!says_no("是"));
        assert!(!says_no("正常"));
        let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 30);
        assert_eq!(parse_day("2026-06-30"), day);
        assert_eq!(parse_day("2026/6/30"), day);
        assert_eq!(parse_day("2026年6月30日"), day);
        assert_eq!(parse_day("不详"), None);
    }
}
