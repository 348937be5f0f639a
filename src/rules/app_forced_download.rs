//! Rule `app-forced-download`: notices and messages that force downloads, installs or
//! regular logins, or rank units by install rates.

use super::text::Practice;
use super::{flag_by_notes_and_documents, CoverageCounts, Finding, Rule, RuleInput};
use crate::model::Msg;

const ID: &str = "app-forced-download";
const PRACTICES: [Practice; 2] = [Practice::DownloadInstall, Practice::RegularLogin];

declare_rule! {
    /// ## What it checks
    /// Apps and mini programs whose use is pushed by quota: download, install,
    /// registration or activation rates, rankings of installs, or daily/weekly login
    /// demands.
    ///
    /// ## Why it matters
    /// 办法(三) forbids “强制推广下载使用政务应用程序,考核通报用户安装使用率,强制要求定期登录”;
    /// 意见“防止强制使用”; 规定·五.
    ///
    /// ## Evidence
    /// A sentence of a document attributed to the app (its folder, or naming it), or of
    /// its `notes`, that demands 下载率/安装率/注册率/激活率, ranks or reports installs,
    /// or demands 每日/每周登录, outside any prohibition (严禁强制下载 is compliance).
    ///
    /// ## Example
    /// “各乡镇掌上云溪App下载率须达到90%，每周通报排名” → flagged. “严禁以下载量排名通报” → not.
    ///
    /// ## Configuration
    /// No thresholds. Needs documents: without any document or notes about the app the
    /// rule reports insufficient data.
    pub struct AppForcedDownload;
}

impl Rule for AppForcedDownload {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        flag_by_notes_and_documents(
            input,
            out,
            ID,
            |kind| kind.is_app_like(),
            &PRACTICES,
            |name| {
                Msg::new(
                    format!("“{}”被强制推广下载、考核安装使用率或要求定期登录", name),
                    format!(
                        "“{}” is pushed by download/install quotas or forced logins",
                        name
                    ),
                )
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::rules::testing::{doc, platform, Case};

    #[test]
    fn violating() {
        let a = platform("A1", "掌上云溪App", Kind::App);
        let mut b = platform("A2", "云溪通", Kind::MiniProgram);
        b.notes = Some("要求网格员每天登录云溪通。".into());
        let case = Case::new(vec![a, b]).docs(vec![doc(
            "documents/推广通知.txt",
            None,
            "关于推广掌上云溪App的通知\n各乡镇下载率须达到90%，每周通报排名。",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let a = platform("A1", "掌上云溪App", Kind::App);
        let b = platform("A2", "云溪通", Kind::App);
        let case = Case::new(vec![a, b]).docs(vec![doc(
            "documents/规范通知.txt",
            None,
            "掌上云溪App由群众自愿下载。\n严禁以下载量、注册率排名通报，不得强制要求每日登录。",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }
}
