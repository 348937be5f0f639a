//! A proposal for something new (an app, mini program, platform, account, work group or
//! form), as `fingertip check` answers it: the plain value [`Proposal`] with its declared
//! [`Feature`]s (功能设置情况) and the unit's existing apps of the same kind. The value
//! lives here, between the loader (`sources::proposal`, TOML and the XLSX filing form)
//! and the check (`recommend::check`), so that neither imports the other.

use crate::model::{Kind, Level};
use crate::normalize::normalize_text;

/// A feature the filing form asks about (功能设置情况).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Feature {
    /// 打卡签到.
    Checkin,
    /// 排名 / 排行榜.
    Ranking,
    /// 在线时长统计.
    OnlineTime,
    /// 积分.
    Points,
    /// 强制下载 / 下载安装率要求.
    ForcedDownload,
    /// 位置上传 / 定位 / 轨迹.
    LocationUpload,
    /// 照片视频上传 (留痕).
    PhotoUpload,
    /// 商业广告 / 经营性活动.
    Commercial,
}

impl Feature {
    /// Every feature, in the filing form's order.
    pub const ALL: [Feature; 8] = [
        Feature::Checkin,
        Feature::Ranking,
        Feature::OnlineTime,
        Feature::Points,
        Feature::ForcedDownload,
        Feature::LocationUpload,
        Feature::PhotoUpload,
        Feature::Commercial,
    ];

    /// Stable code (the TOML key).
    pub fn code(self) -> &'static str {
        match self {
            Feature::Checkin => "checkin",
            Feature::Ranking => "ranking",
            Feature::OnlineTime => "online_time",
            Feature::Points => "points",
            Feature::ForcedDownload => "forced_download",
            Feature::LocationUpload => "location_upload",
            Feature::PhotoUpload => "photo_upload",
            Feature::Commercial => "commercial",
        }
    }

    /// The Chinese label of the filing form.
    pub fn label_zh(self) -> &'static str {
        match self {
            Feature::Checkin => "打卡签到",
            Feature::Ranking => "排名",
            Feature::OnlineTime => "在线时长统计",
            Feature::Points => "积分",
            Feature::ForcedDownload => "强制下载",
            Feature::LocationUpload => "位置上传",
            Feature::PhotoUpload => "照片视频上传",
            Feature::Commercial => "商业广告",
        }
    }

    /// Words that name the feature in labels and reasons.
    pub fn keywords(self) -> &'static [&'static str] {
        match self {
            Feature::Checkin => &["打卡", "签到", "接龙"],
            Feature::Ranking => &["排名", "排行"],
            Feature::OnlineTime => &["在线时长", "在线时间", "学习时长", "时长"],
            Feature::Points => &["积分"],
            Feature::ForcedDownload => &["下载", "安装", "注册率", "激活"],
            Feature::LocationUpload => &["定位", "位置", "轨迹"],
            Feature::PhotoUpload => &["照片", "拍照", "视频", "截图"],
            Feature::Commercial => &["广告", "商城", "经营", "收费", "会员"],
        }
    }

    /// Parses a code or a label (打卡签到, 积分排名 → ranking …); `None` when unknown.
    pub fn parse(text: &str) -> Option<Feature> {
        let t = normalize_text(text).to_ascii_lowercase();
        let t = t.trim_end_matches("功能").trim_end_matches("情况");
        if let Some(f) = Feature::ALL.into_iter().find(|f| f.code() == t) {
            return Some(f);
        }
        if t.is_empty() {
            return None;
        }
        // Ranking before points: 积分排名 is a ranking.
        [
            Feature::Checkin,
            Feature::Ranking,
            Feature::OnlineTime,
            Feature::Points,
            Feature::ForcedDownload,
            Feature::LocationUpload,
            Feature::PhotoUpload,
            Feature::Commercial,
        ]
        .into_iter()
        .find(|f| f.keywords().iter().any(|k| t.contains(k)))
    }
}

/// One answer of the 功能设置情况 table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredFeature {
    /// The feature.
    pub feature: Feature,
    /// The label as written.
    pub label: String,
    /// 是 / 否, when answered.
    pub enabled: Option<bool>,
    /// The reason or note, as written (normalised).
    pub reason: String,
    /// Where it was read: `features.checkin` (TOML) or `Sheet1!A12` (XLSX).
    pub place: String,
}

/// A proposal to build something new.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Proposal {
    /// The file it was read from, as given.
    pub path: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// Owning unit (主办单位).
    pub owner: String,
    /// Level of the owner.
    pub level: Option<Level>,
    /// Region.
    pub region: Option<String>,
    /// Channel (微信, 抖音 … for accounts).
    pub channel: Option<String>,
    /// Free-text description.
    pub description: Option<String>,
    /// Functions as written.
    pub functions: Vec<String>,
    /// Data fields as written.
    pub data_fields: Vec<String>,
    /// Expected users.
    pub expected_users: Option<u64>,
    /// 功能设置情况.
    pub features: Vec<DeclaredFeature>,
    /// 本单位同类政务应用程序情况 as declared.
    pub same_unit: Vec<String>,
}
