//! Rule `app-commercial-use`: government apps used for business.

use super::{flag_commercial, CoverageCounts, Finding, Rule, RuleInput};
use crate::model::{Kind, Msg};

const ID: &str = "app-commercial-use";

declare_rule! {
    /// ## What it checks
    /// Apps and mini programs with advertising, shops, paid memberships or other paid
    /// services.
    ///
    /// ## Why it matters
    /// 办法(五) forbids “使用政务应用程序从事经营性活动”.
    ///
    /// ## Evidence
    /// `functions` contain 广告/商城/商品/会员充值/收费服务/带货; or the description,
    /// notes or an attributed document state that the app carries ads or sells goods,
    /// outside a prohibition (“严禁发布商业广告” is compliance).
    ///
    /// ## Example
    /// 云溪生活App, functions 政务服务、积分商城、广告位 → flagged.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct AppCommercialUse;
}

impl Rule for AppCommercialUse {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        flag_commercial(input, out, ID, Kind::is_app_like, |name| {
            Msg::new(
                format!("“{name}”含广告、商品销售或收费服务等经营性内容"),
                format!("“{name}” carries ads, sales or paid services"),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::rules::testing::{platform, tags, Case};

    #[test]
    fn violating() {
        let mut a = platform("A1", "云溪生活App", Kind::App);
        a.functions = tags("政务服务、积分商城、广告位");
        let mut b = platform("A2", "云溪停车", Kind::MiniProgram);
        b.functions = tags("停车缴费");
        b.description = Some("首页推送商业广告。".into());
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("A1", "云溪办事App", Kind::App);
        a.functions = tags("政务服务、投诉建议");
        a.notes = Some("严禁发布商业广告。".into());
        let b = platform("A2", "未知App", Kind::App);
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }
}
