//! Text evidence in one sentence: which coercive practices it mentions, whether each
//! mention is demanded, and whether it sits in the scope of a Chinese negation or
//! prohibition (不得, 严禁, 禁止, 不要, 不再, 取消, 杜绝, 防止, 避免, 无需, 不作为…依据,
//! 不将…作为, 一律不 …). Pure and linear in the length of the text.
//!
//! The model, in order:
//! 1. Phrases that look negative but demand the practice (不得少于, 不要忘记, 不得迟于)
//!    are found first; they count as demands and are never negations.
//! 2. The sentence is cut into clauses at `，,：:` and at contrast markers (但, 但是, 仍,
//!    还是, 却, 照常 …) unless the marker directly follows a negation (不得继续).
//! 3. A mention is negated when a negation cue precedes it in its clause, or a
//!    post-positioned cue follows it in its clause (打卡不再作为考核依据), or when the
//!    clause inherits the negation of the previous clause (不得要求打卡，上传照片) — a
//!    clause does not inherit across a contrast marker or when it has its own explicit
//!    demand (要求, 必须, 务必, 请, 确保). A mention of *not doing* the practice
//!    (未打卡的, 没有接龙的) that is punished is a demand, so post-positioned cues such as
//!    取消 (对未打卡人员取消评优资格) do not negate it.
//! 4. A mention that is not negated is a violation when the sentence carries the
//!    practice's demand cue (a general demand, an assessment cue, a deadline …) or when
//!    the practice demands by itself (接龙, 收到请回复, 下载率).
//!
//! So "虽然上级规定不得强制打卡，但本单位仍要求每日打卡" is a violation: the ban is quoted
//! in the first clause, the demand sits after 但 in the second.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A coercive practice a sentence can mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Practice {
    /// Check-ins, sign-ins, 接龙.
    CheckIn,
    /// Instant-response demands: 收到请回复, X分钟内回复.
    InstantReply,
    /// A reply or report demanded by a short deadline (今晚十点前反馈).
    ReplyDeadline,
    /// Forced scoring functions: 积分排名, 排行榜, 在线时长, 学习时长.
    CoerciveMetric,
    /// Download, install, registration or activation rates and quotas.
    DownloadInstall,
    /// Daily or weekly login demands.
    RegularLogin,
    /// Likes, shares, reads, votes, study time or points used in assessment.
    EngagementScored,
    /// Follow/share/like tasks for public accounts.
    Promotion,
    /// Uploading photos, screenshots, videos or location tracks.
    TraceUpload,
    /// Forms or materials handed down with a deadline.
    FormTask,
    /// The same data requested again or through a second channel.
    RepeatRequest,
    /// Photos, ledgers, notes or other traces counted in assessment scores.
    TraceScored,
    /// Advertising, sales or paid services.
    Commercial,
}

impl Practice {
    /// All practices, in a fixed order.
    pub const ALL: [Practice; 13] = [
        Practice::CheckIn,
        Practice::InstantReply,
        Practice::ReplyDeadline,
        Practice::CoerciveMetric,
        Practice::DownloadInstall,
        Practice::RegularLogin,
        Practice::EngagementScored,
        Practice::Promotion,
        Practice::TraceUpload,
        Practice::FormTask,
        Practice::RepeatRequest,
        Practice::TraceScored,
        Practice::Commercial,
    ];

    /// Stable code used in the negation corpus and in tests.
    pub fn code(self) -> &'static str {
        match self {
            Practice::CheckIn => "checkin",
            Practice::InstantReply => "instant-reply",
            Practice::ReplyDeadline => "reply-deadline",
            Practice::CoerciveMetric => "coercive-metric",
            Practice::DownloadInstall => "download",
            Practice::RegularLogin => "login",
            Practice::EngagementScored => "engagement",
            Practice::Promotion => "promotion",
            Practice::TraceUpload => "trace-upload",
            Practice::FormTask => "form-task",
            Practice::RepeatRequest => "repeat-request",
            Practice::TraceScored => "trace-scored",
            Practice::Commercial => "commercial",
        }
    }

    /// Parses [`Practice::code`].
    pub fn parse(code: &str) -> Option<Practice> {
        Practice::ALL.into_iter().find(|p| p.code() == code)
    }

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// A small set of practices (a bit set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct PracticeSet(u32);

impl PracticeSet {
    /// Adds a practice.
    pub fn insert(&mut self, practice: Practice) {
        self.0 |= practice.bit();
    }

    /// Whether the set holds `practice`.
    pub fn contains(self, practice: Practice) -> bool {
        self.0 & practice.bit() != 0
    }

    /// Whether the set holds any of `practices`.
    pub fn any(self, practices: &[Practice]) -> bool {
        practices.iter().any(|p| self.contains(*p))
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The practices in the set, in [`Practice::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Practice> {
        Practice::ALL.into_iter().filter(move |p| self.contains(*p))
    }
}

/// One mention of a practice in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The practice.
    pub practice: Practice,
    /// Byte range of the matched term in the sentence.
    pub span: Range<usize>,
    /// Whether a negation or prohibition covers the mention.
    pub negated: bool,
    /// Whether the sentence demands the practice (its cue is present).
    pub demanded: bool,
}

/// The verdict on one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The sentence demands at least one practice outside any prohibition.
    Violation(PracticeSet),
    /// The sentence mentions practices only to ban, cancel or question them.
    Compliance,
    /// No demanded or banned practice.
    Neutral,
}

impl Verdict {
    /// `violation`, `compliance` or `neutral`.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Violation(_) => "violation",
            Verdict::Compliance => "compliance",
            Verdict::Neutral => "neutral",
        }
    }

    /// The practices violated (empty unless a violation).
    pub fn violations(self) -> PracticeSet {
        match self {
            Verdict::Violation(set) => set,
            _ => PracticeSet::default(),
        }
    }
}

/// Which cue makes a mention of a practice a demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// The term demands by itself.
    Itself,
    /// A general demand (要求, 必须, 请, 每日 …).
    General,
    /// An assessment or ranking cue (考核, 排名, 通报, 计分 …).
    Assessment,
    /// A scoring cue (计分, 得分, 加分, 每…分).
    Scoring,
    /// A deadline (今天下班前, 3点前, 2小时内 …).
    Deadline,
    /// A task cue for promotion (任务, 每人, 截图, 不少于 …).
    Task,
}

fn re(pattern: &str) -> Regex {
    // The patterns are constants of this file and covered by its tests.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

const DEADLINE: &str = r"\d{1,2}[:：]\d{2}\s*(前|之前|以前)|(\d+|[一二三四五六七八九十两半]+)\s*(点|时|日|号)(半|\d+分|[一二三四五六七八九十]+分)?(前|之前|以前)|下班前|上班前|午饭前|今天|今日|今晚|明天|明日|明早|本周[一二三四五六日天]?|下周|周[一二三四五六日天]前|(月底|月末|周末|年底|月中)前|立即|马上|尽快|限时|截止|截至|(\d+|[一二三四五六七八九十两半]+)\s*(分钟|小时|个小时|天|日)内|当天|当日";

struct PracticeDef {
    practice: Practice,
    term: Regex,
    cue: Cue,
    /// Terms that demand by themselves even when the practice's cue is absent.
    strong: Option<Regex>,
}

static PRACTICES: LazyLock<Vec<PracticeDef>> = LazyLock::new(|| {
    let def = |practice, term: &str, cue, strong: Option<&str>| PracticeDef {
        practice,
        term: re(term),
        cue,
        strong: strong.map(re),
    };
    vec![
        def(Practice::CheckIn, r"打卡|签到|接龙", Cue::General, Some(r"接龙")),
        def(
            Practice::InstantReply,
            r"收到请回复|收到请回|请回复“?收到”?|回复“?收到”?|收到回复|(\d+|[一二三四五六七八九十两半]+)\s*(分钟|个小时|小时)内(回复|反馈|响应|答复|回应|报到|接龙|确认)|立即回复|马上回复|第一时间(回复|反馈|响应)|秒回|及时回复|即时响应|即时回复|随时在线|24小时在线",
            Cue::Itself,
            None,
        ),
        def(
            Practice::ReplyDeadline,
            &format!("({DEADLINE})[^，,。；;]{{0,12}}(回复|反馈|报送|上报|提交|完成|接龙|确认|回执|报到|响应|打卡|报)"),
            Cue::Itself,
            None,
        ),
        def(
            Practice::CoerciveMetric,
            r"积分排名|积分排行|排行榜|在线时长|学习时长|学习积分|登录时长|在线率",
            Cue::General,
            None,
        ),
        def(
            Practice::DownloadInstall,
            r"(下载|安装|注册|激活|装机)(率|量|数|人数|排名)|下载安装|安装使用|下载使用|下载注册|注册激活|下载并(注册|安装|使用|登录)|扫码下载|推广下载|下载[^，,。；;]{0,6}(App|APP|app|客户端)",
            Cue::General,
            Some(r"(下载|安装|注册|激活|装机)(率|排名)"),
        ),
        def(
            Practice::RegularLogin,
            r"(每日|每天|每周|每月|天天|定期|按时)(都)?(要|需|须|必须)?(登录|登陆|上线)|登录(天数|次数|率|情况)",
            Cue::General,
            Some(r"(每日|每天|每周|每月|天天|定期|按时)(都)?(要|需|须|必须)?(登录|登陆|上线)"),
        ),
        def(
            Practice::EngagementScored,
            r"点赞(量|数|次数)?|转发(量|数|次数)?|阅读(量|数|率)|浏览(量|数)|投票(数)?|学习时长|学习积分|积分|在线时长|答题(成绩|分数|得分|参与率)?|参与率|关注(数|量)|粉丝(数|量)|评论(数|量)",
            Cue::Assessment,
            None,
        ),
        def(
            Practice::Promotion,
            r"关注|转发|点赞|集赞|刷屏|分享",
            Cue::Task,
            None,
        ),
        def(
            Practice::TraceUpload,
            r"(上传|提交|发送|发到|发至|发群|晒|报送|拍摄|拍)[^，,。；;]{0,8}(照片|截图|截屏|视频|轨迹|定位|图片|相片|合影)|(照片|截图|截屏|视频|轨迹|定位|图片|相片)[^，,。；;]{0,6}(上传|发群|发到群|报送|发送|提交)|现场照片|工作照片|定位打卡|拍照留痕|开启定位|共享位置|位置共享|实时定位",
            Cue::General,
            None,
        ),
        def(
            Practice::FormTask,
            r"(报送|填报|上报|提交|交|填写|填好|汇总|补报|补交|发送)[^。；;]{0,20}(表|材料|报告|总结|台账|数据|清单|名单|方案|信息)|(表格|材料|报表|统计表|台账|总结|表》|清单》|台账》|名单》)[^。；;]{0,20}(报送|上报|提交|发|交|报)",
            Cue::Deadline,
            None,
        ),
        def(
            Practice::RepeatRequest,
            r"(重复|再次|另行|同时|分别|重新|还要|还需|也要|也需|另外|再)[^，,。；;]{0,10}(报送|填报|上报|提交|录入|报)|纸质[^，,。；;]{0,8}电子|电子[^，,。；;]{0,8}纸质|多头填报|一式[两二三四]份",
            Cue::General,
            None,
        ),
        def(
            Practice::TraceScored,
            r"照片|图片|台账|笔记|留痕|会议记录|学习记录|工作记录|发文|开会|佐证材料",
            Cue::Scoring,
            None,
        ),
        def(
            Practice::Commercial,
            r"商业广告|广告位|广告推送|插播广告|广告|流量主|商城|带货|团购|促销|会员充值|付费会员|收费服务|商品销售|商业推广|购物",
            Cue::Itself,
            None,
        ),
    ]
});

/// Negative-looking phrases that demand the practice (不得少于, 不要忘记 …).
static DEMANDING_NEGATIONS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"不要忘|别忘|不要漏|不得漏|不能漏|不准漏|不得缺|不能缺|不得少于|不能少于|不少于|不得低于|不能低于|不低于|不得迟于|不能迟于|不迟于|不晚于|不得晚于|不得超过|不能超过|不超过|不得无故|不能无故|不得拖延|不要拖|不得延误|不得推诿|不得缺席|不落一人|不漏一人|无一遗漏|不得遗漏|不要遗漏|不能遗漏",
    )
});

/// Negation cues that cover a mention after them in the clause.
static NEG_PRE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"不得|严禁|禁止|不要|不再|取消|杜绝|防止|避免|无需|无须|不需要|不需|不必|不准|不允许|不能|不应|切勿|请勿|停止|废除|废止|叫停|不搞|一律不|不作为|不将|不把|不以|不纳入|不计入|不列入|不与|不强制|不硬性|不用|不做|不作|整治|纠正|清理|整改|查处|是否|有无|反对|破除|减少|精简|压减|自愿|免于|免除|遏制|纠治|治理|不提倡|不鼓励|不宜|摒弃|清除|不存在",
    )
});

/// Negation cues that cover a mention before them in the clause (打卡不再作为考核依据).
static NEG_POST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"不作为|不再|不纳入|不计入|不列入|不与|不得|严禁|禁止|取消|无需|无须|不需要|不做要求|不作要求|不作硬性要求|不作强制要求|不强制|除外|自愿|不要求|停止|废止|废除|一律不|不予|不挂钩|不考核|整治|纠正|清理|整改|问题|现象|不存在",
    )
});

/// Post-positioned cues that do not negate a punished non-compliance (未打卡…取消评优).
static NEG_POST_WEAK: LazyLock<Regex> = LazyLock::new(|| re(r"^(取消|不予|停止)"));

/// Markers of not doing the practice, right before the term (未打卡, 没有接龙).
static NOT_DONE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(未|没有|没|拒绝|拒不|不按时|不按要求|不及时|漏)[^，,。；;]{0,3}$"));

/// Words right before a commercial mention saying it is absent or switched off.
static ABSENT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(无|没有|未发现|未见|未设置|未开通|已关闭|关闭了|关闭|已取消|已停用|不含)$")
});

/// Consequences that make a not-done mention a demand (未转发的通报批评).
static PUNISHED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"通报|扣分|考核|排名|问责|追责|批评|约谈|处理|处分|追究|计入|纳入|挂钩|督办")
});

/// Contrast markers that start a new scope (但, 但是, 仍, 还是 …).
static CONTRAST: LazyLock<Regex> =
    LazyLock::new(|| re(r"但是|但|却|仍然|仍|还是|然而|可是|而是|依然|照样|照常|照旧|继续"));

/// Explicit demands that stop a clause from inheriting the previous clause's negation.
static STRONG_DEMAND: LazyLock<Regex> =
    LazyLock::new(|| re(r"要求|必须|务必|须|请|确保|一律要|抓紧|限时"));

static GENERAL_CUE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"要求|必须|务必|须|需|请|应当|应该|应于|应在|确保|一律|纳入|计入|作为|通报|排名|排行|考核|扣分|加分|计分|督促|按时|按要求|每日|每天|每周|每月|每晚|每早|天天|日日|定期|截止|统一|全员|各单位|各村|各乡镇|各部门|所有人|@所有人|落实|至少|达到|完成率|继续|照常|照旧|抓紧|及时|挂钩|考评|评比|未[^，,。；;]{{0,6}}的|{DEADLINE}"
    ))
});

static ASSESSMENT_CUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"考核|考评|评比|排名|排行|通报|计分|得分|分值|扣分|加分|评分|依据|评优|评先|绩效|挂钩|纳入|赋分|打分|指标",
    )
});

static SCORING_CUE: LazyLock<Regex> =
    LazyLock::new(|| re(r"计分|得分|分值|加分|扣分|评分|赋分|打分|每[^，,。；;]{0,8}分|数量"));

static DEADLINE_CUE: LazyLock<Regex> = LazyLock::new(|| re(DEADLINE));

static TASK_CUE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"任务|每人|人人|不少于|至少|截图|必须|要求|务必|请|确保|完成率|数量|次数|全员|摊派")
});

static CLAUSE_DELIM: LazyLock<Regex> = LazyLock::new(|| re(r"[，,：:]"));

/// Splits a line into sentences at 。！？；!?; (the delimiters are dropped; empty
/// sentences are skipped). Sentences never cross lines, so each cites one line.
pub fn split_sentences(line: &str) -> Vec<&str> {
    line.split(['。', '！', '？', '；', '!', '?', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn spans(regex: &Regex, text: &str) -> Vec<Range<usize>> {
    regex.find_iter(text).map(|m| m.range()).collect()
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// A clause of a sentence: its byte range and whether it starts at a contrast marker.
struct Clause {
    range: Range<usize>,
    contrast: bool,
}

/// Finds every practice mention in `sentence` and decides for each whether it is
/// demanded and whether a negation covers it.
pub fn mentions(sentence: &str) -> Vec<Mention> {
    let demanding_negations = spans(&DEMANDING_NEGATIONS, sentence);
    let not_inside = |r: &Range<usize>| !demanding_negations.iter().any(|d| overlaps(d, r));
    let neg_pre: Vec<Range<usize>> = spans(&NEG_PRE, sentence)
        .into_iter()
        .filter(not_inside)
        .collect();
    let neg_post: Vec<Range<usize>> = spans(&NEG_POST, sentence)
        .into_iter()
        .filter(not_inside)
        .collect();

    // Clauses: cut at punctuation, and at contrast markers that do not directly follow
    // a negation cue (不得继续 is still a ban).
    let mut cuts: Vec<(usize, bool)> = Vec::new();
    for m in CLAUSE_DELIM.find_iter(sentence) {
        cuts.push((m.end(), false));
    }
    for m in CONTRAST.find_iter(sentence) {
        let after_negation = neg_pre.iter().any(|n| n.end == m.start());
        if !after_negation {
            cuts.push((m.start(), true));
        }
    }
    cuts.sort();
    let mut clauses: Vec<Clause> = Vec::new();
    let mut start = 0;
    let mut contrast = false;
    for (cut, is_contrast) in cuts {
        if cut > start {
            clauses.push(Clause {
                range: start..cut,
                contrast,
            });
            start = cut;
            contrast = is_contrast;
        } else {
            contrast = contrast || is_contrast;
        }
    }
    clauses.push(Clause {
        range: start..sentence.len(),
        contrast,
    });

    // Negation state per clause: own cue, or inherited from the previous clause.
    let strong: Vec<Range<usize>> = spans(&STRONG_DEMAND, sentence)
        .into_iter()
        .filter(|r| !neg_pre.iter().any(|n| overlaps(n, r)))
        .chain(demanding_negations.iter().cloned())
        .collect();
    let mut inherited = vec![false; clauses.len()];
    let mut active_prev = false;
    for (i, clause) in clauses.iter().enumerate() {
        let own = neg_pre
            .iter()
            .chain(neg_post.iter())
            .any(|n| n.start >= clause.range.start && n.end <= clause.range.end);
        let has_strong = strong
            .iter()
            .any(|s| s.start >= clause.range.start && s.end <= clause.range.end);
        inherited[i] = active_prev && !clause.contrast && !has_strong;
        active_prev = own || inherited[i];
    }

    let mut out = Vec::new();
    for def in PRACTICES.iter() {
        for m in def.term.find_iter(sentence) {
            let span = m.range();
            if def.practice == Practice::CheckIn && is_place_checkin(sentence, &span) {
                continue;
            }
            // 转发量, 点赞数 are metrics (assess-by-engagement), not promotion tasks.
            if def.practice == Practice::Promotion && is_metric(sentence, &span) {
                continue;
            }
            let Some(ci) = clauses
                .iter()
                .position(|c| span.start >= c.range.start && span.start < c.range.end)
            else {
                continue;
            };
            let clause = &clauses[ci].range;
            let pre = neg_pre
                .iter()
                .any(|n| n.start >= clause.start && n.end <= span.start);
            let before = &sentence[clause.start..span.start];
            let not_done = NOT_DONE.is_match(before);
            let post = neg_post.iter().any(|n| {
                n.start >= span.end
                    && n.end <= clause.end
                    && !(not_done && NEG_POST_WEAK.is_match(&sentence[n.start..]))
            });
            // 无商业广告, 已关闭流量主: the state of an account, said of the mention itself.
            let absent = def.practice == Practice::Commercial && ABSENT.is_match(before);
            let negated = pre || post || inherited[ci] || absent;
            // Punishing those who did not do it (未打卡的扣分) and quotas phrased as
            // negations (不少于3次) are general demands; practices with their own cue
            // (assessment, scoring, deadline) still need that cue.
            let general = matches!(def.cue, Cue::General | Cue::Task);
            // 未按要求转发重要信息 in a register is the account's own deficiency (it did not
            // repost what it had to), not coercion, unless the sentence punishes it.
            let own_deficiency =
                def.practice == Practice::Promotion && not_done && !PUNISHED.is_match(sentence);
            let demanded = !own_deficiency
                && (is_demanded(def, sentence, &span)
                    || (general && (not_done || !demanding_negations.is_empty())));
            out.push(Mention {
                practice: def.practice,
                span,
                negated,
                demanded,
            });
        }
    }
    out.sort_by_key(|m| (m.span.start, m.practice));
    out
}

/// 打卡点 / 打卡地 (a sightseeing spot) is not a check-in.
fn is_place_checkin(sentence: &str, span: &Range<usize>) -> bool {
    let rest = &sentence[span.end..];
    rest.starts_with('点') || rest.starts_with('地') || rest.starts_with("景")
}

/// 转发量, 点赞数, 关注率, 转发情况: a metric rather than an action.
fn is_metric(sentence: &str, span: &Range<usize>) -> bool {
    let rest = &sentence[span.end..];
    ["量", "数", "率", "情况", "次数"]
        .iter()
        .any(|m| rest.starts_with(m))
}

fn is_demanded(def: &PracticeDef, sentence: &str, span: &Range<usize>) -> bool {
    if let Some(strong) = &def.strong {
        if strong.is_match(&sentence[span.clone()]) {
            return true;
        }
    }
    // The cue must lie outside the term itself, so 排名 in 积分排名 does not demand it.
    let outside = |regex: &Regex| {
        regex
            .find_iter(sentence)
            .any(|m| !overlaps(&m.range(), span))
    };
    match def.cue {
        Cue::Itself => true,
        Cue::General => outside(&GENERAL_CUE),
        Cue::Assessment => outside(&ASSESSMENT_CUE),
        Cue::Scoring => outside(&SCORING_CUE),
        // A form demand's deadline may sit inside the matched span.
        Cue::Deadline => DEADLINE_CUE.is_match(sentence),
        Cue::Task => outside(&TASK_CUE),
    }
}

/// The verdict on one sentence: a violation when any practice is demanded outside a
/// prohibition, compliance when practices are only mentioned under a prohibition.
pub fn verdict(sentence: &str) -> Verdict {
    let mut violations = PracticeSet::default();
    let mut banned = false;
    for mention in mentions(sentence) {
        if mention.negated {
            banned = true;
        } else if mention.demanded {
            violations.insert(mention.practice);
        }
    }
    if !violations.is_empty() {
        Verdict::Violation(violations)
    } else if banned {
        Verdict::Compliance
    } else {
        Verdict::Neutral
    }
}

/// Whether a check-in requirement cell (`checkin` / 打卡要求) demands check-ins:
/// `Some(true)` for 是 / 每日打卡 / 上下班打卡, `Some(false)` for 否 / 无 / 不要求 /
/// 取消打卡, `None` for an empty cell.
pub fn checkin_demanded(cell: &str) -> Option<bool> {
    let t = cell.trim();
    if t.is_empty() {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    match lower.as_str() {
        "是" | "有" | "y" | "yes" | "true" | "1" | "√" | "要求" | "需要" | "必须" => {
            return Some(true)
        }
        "否" | "无" | "n" | "no" | "false" | "0" | "×" | "不要求" | "不需要" | "无要求" | "—"
        | "-" | "/" | "不" => return Some(false),
        _ => {}
    }
    let mentions = mentions(t);
    let checkins: Vec<&Mention> = mentions
        .iter()
        .filter(|m| matches!(m.practice, Practice::CheckIn | Practice::InstantReply))
        .collect();
    if checkins.is_empty() {
        // Free text without a check-in word (e.g. "按需") does not demand check-ins.
        return Some(false);
    }
    // The cell is itself a requirement, so a mention that is not negated demands it.
    Some(checkins.iter().any(|m| !m.negated))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> &'static str {
        verdict(s).code()
    }

    #[test]
    fn basic_verdicts() {
        assert_eq!(v("要求全体干部每日打卡"), "violation");
        assert_eq!(v("不得要求基层干部每日打卡"), "compliance");
        assert_eq!(v("打卡情况不作为考核依据"), "compliance");
        assert_eq!(
            v("虽然上级规定不得强制打卡，但本单位仍要求每日打卡"),
            "violation"
        );
        assert_eq!(v("今天天气很好"), "neutral");
        assert_eq!(v("对未打卡人员取消评优资格"), "violation");
        assert_eq!(v("每人转发不得少于3次"), "violation");
    }

    #[test]
    fn practices_not_confused() {
        // A quota phrased as 不少于 demands uploads but does not score them.
        let v = verdict("每发现一处违建，须在系统内上传不少于3张现场照片").violations();
        assert!(v.contains(Practice::TraceUpload) && !v.contains(Practice::TraceScored));
        // Ranking likes and shares is assessment by engagement, not a promotion task.
        let v = verdict("干部的点赞、转发情况按月排名，纳入部门年度绩效考核").violations();
        assert!(v.contains(Practice::EngagementScored) && !v.contains(Practice::Promotion));
        // An inspection question is not a ban on what follows it as an object.
        assert_eq!(v_code("所有人30分钟内回复是否在岗"), "violation");
    }

    fn v_code(s: &str) -> &'static str {
        verdict(s).code()
    }

    #[test]
    fn sentences_split_on_chinese_punctuation() {
        assert_eq!(
            split_sentences("一、不得打卡。二、请接龙！ 三？"),
            vec!["一、不得打卡", "二、请接龙", "三"]
        );
    }

    #[test]
    fn checkin_cells() {
        assert_eq!(checkin_demanded("每日打卡"), Some(true));
        assert_eq!(checkin_demanded("上下班定位打卡"), Some(true));
        assert_eq!(checkin_demanded("是"), Some(true));
        assert_eq!(checkin_demanded("无"), Some(false));
        assert_eq!(checkin_demanded("不要求打卡"), Some(false));
        assert_eq!(checkin_demanded("已取消打卡"), Some(false));
        assert_eq!(checkin_demanded(""), None);
    }

    /// The negation corpus: every sentence's verdict must match, and every practice
    /// listed for a violation must be among those detected. Prints the accuracy.
    #[test]
    fn negation_corpus() {
        let corpus = include_str!("../../tests/fixtures/rules/negation_corpus.tsv");
        let mut total = 0;
        let mut correct = 0;
        let mut failures = Vec::new();
        for line in corpus.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.splitn(3, '\t');
            let (Some(expected), Some(practices), Some(sentence)) =
                (cols.next(), cols.next(), cols.next())
            else {
                panic!("bad corpus line: {line}");
            };
            total += 1;
            let got = verdict(sentence);
            let mut ok = got.code() == expected;
            if ok && practices != "-" {
                for code in practices.split(',') {
                    let practice =
                        Practice::parse(code).unwrap_or_else(|| panic!("bad practice {code}"));
                    ok &= got.violations().contains(practice);
                }
            }
            if ok {
                correct += 1;
            } else {
                let found: Vec<&str> = got.violations().iter().map(Practice::code).collect();
                failures.push(format!(
                    "{expected} [{practices}] got {} {found:?}: {sentence}",
                    got.code()
                ));
            }
        }
        println!(
            "negation corpus: {correct}/{total} correct ({:.1}%)",
            100.0 * correct as f64 / total as f64
        );
        assert!(total >= 60, "corpus has only {total} sentences");
        assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
    }

    #[test]
    fn practice_codes_round_trip() {
        for p in Practice::ALL {
            assert_eq!(Practice::parse(p.code()), Some(p));
        }
    }

    #[test]
    fn account_states_in_registers() {
        let commercial = |t: &str| verdict(t).violations().contains(Practice::Commercial);
        let promotion = |t: &str| verdict(t).violations().contains(Practice::Promotion);
        assert!(!commercial("已关闭流量主，无商业广告"));
        assert!(commercial("开通了流量主"));
        assert!(commercial("推文底部插入商业广告"));
        // The account's own deficiency, not forced promotion …
        assert!(!promotion("未按要求转发重要信息"));
        // … unless failing to repost is punished.
        assert!(promotion("未按要求转发的单位予以通报批评"));
        assert!(promotion("要求每人转发并截图"));
    }
}
