//! Rule `monitoring-order-unhandled`: accounts, websites and apps that left a
//! monitoring work order (监测工单) of the supervising platform unhandled.

use super::deficiency::{self, Deficiency};
use super::{CoverageCounts, Finding, Rule, RuleInput};
use crate::model::{Kind, Msg};

const ID: &str = "monitoring-order-unhandled";

declare_rule! {
    /// ## What it checks
    /// Accounts, websites, apps and mini programs that received a work order from the
    /// provincial or national monitoring platform (内容监测工单, 问题工单) and did not handle
    /// it as required.
    ///
    /// ## Why it matters
    /// “未按要求处理监测工单”. 政府网站与政务新媒体监管工作年度考核指标（国办秘函〔2019〕19号）
    /// counts the handling of the monitoring platform's work orders; 三明 2021Q3 named
    /// 水清三明 for a 内容监测工单 of 8月23日 “未按要求在规定时间内处理”.
    ///
    /// ## Evidence
    /// Notes, inspection cells or the platform's own documents stating 工单未按要求处理,
    /// 监测工单逾期未办结, 未及时处理工单, outside a ban and not marked fixed. Text is the only
    /// evidence; a platform with no text counts as insufficient data.
    ///
    /// ## Example
    /// 水清三明, 备注 “8月23日收到省政务新媒体监管平台内容监测工单，未按要求处理” → flagged, rectify.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct MonitoringOrderUnhandled;
}

impl Rule for MonitoringOrderUnhandled {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        deficiency::flag(
            input,
            out,
            ID,
            |k| {
                matches!(
                    k,
                    Kind::Account | Kind::Website | Kind::App | Kind::MiniProgram
                )
            },
            Deficiency::WorkOrder,
            None,
            |name| {
                Msg::new(
                    format!("“{name}”未按要求处理监管平台的监测工单"),
                    format!("“{name}” left a monitoring work order unhandled"),
                )
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{platform, Case};

    #[test]
    fn violating() {
        let mut a = platform("C1", "云溪水清", Kind::Account);
        a.notes = Some("8月23日收到省政务新媒体监管平台内容监测工单，未按要求处理".into());
        let mut b = platform("W1", "云溪县人民政府网", Kind::Website);
        b.extra
            .insert("问题描述".into(), "监测工单逾期未办结".into());
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("C1", "云溪发布", Kind::Account);
        a.notes = Some("收到监测工单后及时处理".into());
        let mut b = platform("C2", "云溪文旅", Kind::Account);
        b.notes = Some("工单未处理，现已整改".into());
        let c = platform("C3", "信息不明号", Kind::Account);
        insta::assert_snapshot!(Case::new(vec![a, b, c]).check(ID));
    }
}
