//! Canonical tag sets the rules look for in a platform's functions and data fields,
//! with substring-tolerant matching so that 每日打卡, 打卡签到 and 定位打卡 all count as
//! check-in functions whatever spelling the taxonomy settled on.
//!
//! A tag belongs to a set when the taxonomy gives it one of the set's traits (checkin,
//! ranking, online-time, learning-time, trace, reporting, feedback, scoring, engagement,
//! commercial) or when it contains one of the set's fragments. The fragments catch the
//! tags the taxonomy does not know, which are kept as their own text (每日定位打卡上报).

use rustc_hash::FxHashMap;

use crate::model::Platform;
use crate::normalize::{Taxonomy, Trait};

/// A set of tag fragments: a tag belongs to the set when it contains a fragment.
#[derive(Debug, Clone, Copy)]
pub struct TagSet {
    /// The set's bit in a [`TagIndex`] classification.
    pub bit: u16,
    /// Name of the set (and of the taxonomy trait it mirrors).
    pub name: &'static str,
    /// Fragments: a tag containing any of them is in the set.
    pub fragments: &'static [&'static str],
    /// Tags containing any of these are excluded (人脸照片 is not a work photo).
    pub except: &'static [&'static str],
    /// Taxonomy traits that put a known tag in the set.
    pub traits: &'static [Trait],
}

impl TagSet {
    /// Whether `tag` belongs to the set.
    pub fn matches(&self, tag: &str) -> bool {
        self.fragments.iter().any(|f| tag.contains(f))
            && !self.except.iter().any(|e| tag.contains(e))
    }

    /// The tags of `tags` in the set, in their order.
    pub fn find<'t>(&self, tags: &'t [String]) -> Vec<&'t str> {
        tags.iter()
            .map(String::as_str)
            .filter(|t| self.matches(t))
            .collect()
    }

    /// Whether any of `tags` is in the set.
    pub fn any(&self, tags: &[String]) -> bool {
        tags.iter().any(|t| self.matches(t))
    }
}

/// Coercive functions of app-forced-checkin (traits: checkin, ranking, online-time,
/// learning-time).
pub const COERCIVE_FUNCTIONS: TagSet = TagSet {
    bit: 1 << 0,
    name: "checkin/ranking/online-time/learning-time",
    fragments: &[
        "打卡",
        "签到",
        "积分排名",
        "积分排行",
        "排行榜",
        "在线时长",
        "学习时长",
    ],
    except: &["打卡点"],
    traits: &[
        Trait::Checkin,
        Trait::Ranking,
        Trait::OnlineTime,
        Trait::LearningTime,
    ],
};

/// Engagement metrics of assess-by-engagement (traits: engagement, ranking,
/// learning-time, online-time).
pub const ENGAGEMENT: TagSet = TagSet {
    bit: 1 << 1,
    name: "engagement",
    fragments: &[
        "积分排名",
        "积分排行",
        "学习时长",
        "点赞",
        "转发",
        "阅读量",
        "在线时长",
        "投票",
        "学习积分",
    ],
    except: &[],
    traits: &[Trait::Engagement, Trait::LearningTime, Trait::OnlineTime],
};

/// Assessment modules of app-as-assessment-vehicle (trait: scoring).
pub const ASSESSMENT_VEHICLE: TagSet = TagSet {
    bit: 1 << 2,
    name: "scoring",
    fragments: &[
        "日常打分",
        "线上督查",
        "任务完成率排名",
        "完成率排名",
        "考核评分",
        "考核打分",
        "在线考核",
        "督查考核",
        "考核排名",
        "工作评分",
    ],
    except: &[],
    traits: &[Trait::Scoring],
};

/// Trace data fields of forced-trace-upload (trait: trace).
pub const TRACE: TagSet = TagSet {
    bit: 1 << 3,
    name: "trace",
    fragments: &[
        "定位轨迹",
        "轨迹",
        "实时定位",
        "定位打卡",
        "现场照片",
        "工作照片",
        "现场拍照",
        "巡查照片",
        "工作视频",
        "现场视频",
        "视频",
        "截图",
        "GPS",
        "位置信息",
        "工作留痕",
    ],
    except: &["人脸", "证件", "身份证", "视频会议", "监控视频"],
    traits: &[Trait::Trace],
};

/// Feedback channels of no-feedback-channel (trait: feedback).
pub const FEEDBACK: TagSet = TagSet {
    bit: 1 << 4,
    name: "feedback",
    fragments: &[
        "投诉",
        "建议",
        "反馈",
        "留言",
        "咨询",
        "信箱",
        "好差评",
        "12345",
    ],
    except: &[],
    traits: &[Trait::Feedback],
};

/// Commercial functions of app-commercial-use and account-commercial-ads (trait:
/// commercial).
pub const COMMERCIAL: TagSet = TagSet {
    bit: 1 << 5,
    name: "commercial",
    fragments: &[
        "广告",
        "商城",
        "商品",
        "会员充值",
        "付费会员",
        "收费服务",
        "付费",
        "电商",
        "购物",
        "团购",
        "带货",
        "促销",
        "商业推广",
    ],
    except: &["禁止广告", "无广告"],
    traits: &[Trait::Commercial],
};

/// Interaction entries of account-no-interaction.
pub const INTERACTION: TagSet = TagSet {
    bit: 1 << 6,
    name: "interaction",
    fragments: &[
        "留言",
        "私信",
        "互动",
        "评论",
        "在线咨询",
        "菜单",
        "问答",
        "咨询",
    ],
    except: &[],
    traits: &[],
};

/// Reporting functions of reporting-depth (trait: reporting).
pub const REPORTING: TagSet = TagSet {
    bit: 1 << 7,
    name: "reporting",
    fragments: &[
        "填报",
        "上报",
        "报送",
        "报表",
        "数据采集",
        "信息采集",
        "统计报送",
    ],
    except: &[],
    traits: &[Trait::Reporting],
};

/// Every tag set, for [`TagIndex`].
pub const ALL_SETS: [&TagSet; 8] = [
    &COERCIVE_FUNCTIONS,
    &ENGAGEMENT,
    &ASSESSMENT_VEHICLE,
    &TRACE,
    &FEEDBACK,
    &COMMERCIAL,
    &INTERACTION,
    &REPORTING,
];

/// The sets `tag` belongs to, by fragment or by one of its taxonomy `traits`.
fn classify(tag: &str, traits: &[Trait]) -> u16 {
    ALL_SETS
        .iter()
        .filter(|set| {
            let by_trait = set.traits.iter().any(|t| traits.contains(t))
                && !set.except.iter().any(|e| tag.contains(e));
            by_trait || set.matches(tag)
        })
        .fold(0, |bits, set| bits | set.bit)
}

/// Every distinct function and data-field tag of an inventory classified once against
/// all tag sets, so rules look a tag up in a hash map instead of scanning fragments
/// for each of a million platforms.
#[derive(Debug, Default)]
pub struct TagIndex<'a> {
    classes: FxHashMap<&'a str, u16>,
}

impl<'a> TagIndex<'a> {
    /// Classifies every tag of `platforms`.
    pub fn build(platforms: &'a [Platform]) -> TagIndex<'a> {
        let taxonomy = Taxonomy::builtin();
        // Each distinct tag is classified once per group (a spelling can be both a
        // function and a data field); the two classifications are then merged.
        let mut functions: FxHashMap<&'a str, u16> = FxHashMap::default();
        let mut data_fields: FxHashMap<&'a str, u16> = FxHashMap::default();
        for p in platforms {
            for tag in &p.functions {
                functions
                    .entry(tag.as_str())
                    .or_insert_with(|| classify(tag, taxonomy.function_traits(tag)));
            }
            for tag in &p.data_fields {
                data_fields
                    .entry(tag.as_str())
                    .or_insert_with(|| classify(tag, taxonomy.data_field_traits(tag)));
            }
        }
        let mut classes = functions;
        for (tag, bits) in data_fields {
            *classes.entry(tag).or_default() |= bits;
        }
        TagIndex { classes }
    }

    fn is_in(&self, set: &TagSet, tag: &str) -> bool {
        match self.classes.get(tag) {
            Some(bits) => bits & set.bit != 0,
            None => set.matches(tag),
        }
    }

    /// The tags of `tags` in `set`, in their order.
    pub fn find<'t>(&self, set: &TagSet, tags: &'t [String]) -> Vec<&'t str> {
        tags.iter()
            .map(String::as_str)
            .filter(|t| self.is_in(set, t))
            .collect()
    }

    /// Whether any of `tags` is in `set`.
    pub fn any(&self, set: &TagSet, tags: &[String]) -> bool {
        tags.iter().any(|t| self.is_in(set, t))
    }
}

/// Text markers of a grassroots-facing app (grassroots-app-quota).
pub const GRASSROOTS_MARKERS: [&str; 10] = [
    "基层",
    "网格",
    "村干部",
    "社区干部",
    "乡镇干部",
    "村（社区）",
    "村(社区)",
    "驻村",
    "村级",
    "乡镇",
];

/// Text markers that the matter a group or form serves has ended.
pub const ENDED_MARKERS: [&str; 10] = [
    "已结束",
    "已完结",
    "已完成",
    "已办结",
    "结束",
    "完结",
    "撤销",
    "已撤",
    "期满",
    "已收尾",
];

/// Text markers that a group has already been dissolved.
pub const DISSOLVED_MARKERS: [&str; 4] = ["已解散", "解散", "已注销", "已关停"];

/// Whether any of `texts` contains any of `markers`.
pub fn text_has(texts: &[Option<&str>], markers: &[&str]) -> bool {
    texts
        .iter()
        .flatten()
        .any(|t| markers.iter().any(|m| t.contains(m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_agrees_with_sets() {
        let mut p = crate::rules::testing::platform("A1", "x", crate::model::Kind::App);
        p.functions = crate::rules::testing::tags("每日打卡、投诉建议、通知公告");
        p.data_fields = crate::rules::testing::tags("现场照片、人脸照片");
        let platforms = vec![p];
        let index = TagIndex::build(&platforms);
        for set in ALL_SETS {
            assert_eq!(
                index.find(set, &platforms[0].functions),
                set.find(&platforms[0].functions)
            );
            assert_eq!(
                index.find(set, &platforms[0].data_fields),
                set.find(&platforms[0].data_fields)
            );
        }
        assert_eq!(
            index.find(&TRACE, &platforms[0].data_fields),
            vec!["现场照片"]
        );
        // A tag not seen at build time falls back to the fragments.
        assert!(index.any(&FEEDBACK, &["意见反馈".to_string()]));
    }

    #[test]
    fn substring_tolerant() {
        assert!(COERCIVE_FUNCTIONS.matches("每日打卡"));
        assert!(COERCIVE_FUNCTIONS.matches("打卡签到"));
        assert!(COERCIVE_FUNCTIONS.matches("学习时长统计"));
        assert!(!COERCIVE_FUNCTIONS.matches("通知公告"));
        assert!(TRACE.matches("现场照片"));
        assert!(TRACE.matches("定位轨迹"));
        assert!(!TRACE.matches("人脸照片"));
        assert!(FEEDBACK.matches("投诉建议"));
        assert!(FEEDBACK.matches("意见反馈"));
        assert!(!FEEDBACK.matches("办事指南"));
    }
}
