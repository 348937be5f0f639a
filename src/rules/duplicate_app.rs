//! Rule `duplicate-app`: apps whose functions and data duplicate a merge target.

use super::{overlap_findings, CoverageCounts, Finding, Rule, RuleInput};
use crate::model::Kind;

const ID: &str = "duplicate-app";

declare_rule! {
    /// ## What it checks
    /// Apps, mini programs and work platforms that are members (not the target) of an
    /// overlap cluster: their functions and data fields largely duplicate another
    /// platform's, or are contained in a larger one.
    ///
    /// ## Why it matters
    /// 办法: “对功能相近、重复的政务应用程序进行整合迁移”; 意见 立项审核 asks “是否与已有政务应用程序存在功能交叉重复”;
    /// 123号 “一事一端、一单位一应用”.
    ///
    /// ## Evidence
    /// Membership of a cluster found by the overlap stage (IDF-weighted Jaccard ≥ 0.5 or
    /// containment ≥ 0.8 with the target); the finding names the target, the
    /// similarity and the shared functions and data fields.
    ///
    /// The exact definitions, within the family {app, mini_program, platform} of `N`
    /// platforms, where tag `t` is held by `df(t)` of them:
    ///
    /// ```text
    /// w(t)     = g · ln(1 + N / df(t))       g = function_weight (functions)
    ///                                          or 1 - function_weight (data fields)
    /// W(X)     = Σ w(t) over t in X,  O = W(A ∩ B)
    /// J(A, B)  = O / (W(A) + W(B) - O)       weighted Jaccard similarity
    /// C(A ⊂ B) = O / W(A)                     weighted containment of A in B
    /// pair     ⇔ J ≥ similarity (0.5), or max C ≥ containment (0.8) with at least
    ///            min_shared_distinctive (3) shared tags that are not ubiquitous
    ///            (df < max(5 % of N, 10))
    /// ```
    ///
    /// Clusters are stars: each member is a verified pair with the target, chosen by
    /// level, unified-platform status, kind, monthly active users, users, age and id.
    /// A borderline pair (J < similarity + corroboration_margin (0.05) and max C <
    /// containment + corroboration_margin) puts a member in the cluster only when something
    /// else corroborates it: the same owner or region as the target, or a pair with another
    /// member. One borderline overlap alone is reported as a pair, not as a merge.
    ///
    /// ## Example
    /// 云溪县政务App whose functions are all in 云溪市一网通办 → flagged, target 一网通办.
    ///
    /// ## Configuration
    /// The `[overlap]` thresholds.
    pub struct DuplicateApp;
}

impl Rule for DuplicateApp {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let family = |k: Kind| matches!(k, Kind::App | Kind::MiniProgram | Kind::Platform);
        overlap_findings(input, out, ID, family, family)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{cluster, platform, tags, Case};

    fn app(id: &str, name: &str, kind: Kind, functions: &str) -> crate::model::Platform {
        let mut p = platform(id, name, kind);
        p.functions = tags(functions);
        p.data_fields = tags("姓名、身份证号、社保卡号");
        p
    }

    #[test]
    fn violating() {
        let a = app("A1", "云溪县政务App", Kind::App, "社保查询、公积金查询");
        let b = app("A2", "云溪社保小程序", Kind::MiniProgram, "社保查询");
        let t = app(
            "P1",
            "云溪市一网通办",
            Kind::Platform,
            "社保查询、公积金查询、医保查询",
        );
        let case = Case::new(vec![a, b, t]).clusters(vec![cluster(2, &[0, 1, 2], 0.8)]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let a = app("A1", "云溪县政务App", Kind::App, "社保查询");
        let t = app("P1", "云溪市一网通办", Kind::Platform, "社保查询、医保查询");
        let g1 = platform("G1", "防汛群", Kind::Group);
        let g2 = platform("G2", "防汛群二", Kind::Group);
        // A group cluster is not an app duplicate; the target itself is never flagged.
        let case = Case::new(vec![a, t, g1, g2]).clusters(vec![cluster(2, &[2, 3], 0.9)]);
        insta::assert_snapshot!(case.check(ID));
    }
}
