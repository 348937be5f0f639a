//! Pipeline tests: the mapping between the registry's rows and the stages' values, on
//! real SQLite files in temp dirs.

use super::*;
use crate::recommend::follow::{follow_through, FollowSettings};
use crate::recommend::FollowStatus;
use crate::registry::{Decision, DecisionAction, PlatformStatus, SavedRecommendation};

// The registry tests' fixtures: the same three apps, dates and store.
use crate::registry::tests::{at, base, day, ok, open, rec};

#[test]
fn decisions_survive_a_refresh_and_apply_to_audits() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store.ingest("s", &base(), ok(), at("2026-01-01")).unwrap();
    let decision = |id: &str, action, into: Option<&str>, rule: Option<&str>| Decision {
        platform_id: id.into(),
        action,
        into: into.map(str::to_string),
        rule: rule.map(str::to_string),
        reason: "经研判".into(),
        until: None,
        decided_at: "2026-01-05T00:00:00".into(),
        origin: "cli".into(),
    };
    store
        .decide(&decision("A1", DecisionAction::Keep, None, None))
        .unwrap();
    store
        .decide(&decision("A2", DecisionAction::Merge, Some("A1"), None))
        .unwrap();
    store
        .decide(&decision(
            "A3",
            DecisionAction::Waive,
            None,
            Some("zombie-app"),
        ))
        .unwrap();
    assert!(store
        .decide(&decision("A2", DecisionAction::Merge, Some("nope"), None))
        .is_err());
    assert!(store
        .decide(&decision("X9", DecisionAction::Keep, None, None))
        .is_err());
    let mut renamed = base();
    renamed[0].name = Some("城区社保通（新版）".into());
    store.ingest("s", &renamed, ok(), at("2026-02-01")).unwrap();
    drop(store);
    let store = open(&dir);
    let decisions = store.decisions().unwrap();
    assert_eq!(decisions.len(), 3);
    assert_eq!(waivers(&decisions)[0].rule, "zombie-app");

    let taxonomy = crate::normalize::Taxonomy::builtin();
    let mut problems = Vec::new();
    let platforms: Vec<crate::model::Platform> = store
        .platforms(false)
        .unwrap()
        .into_iter()
        .map(|p| registry::record_to_platform(p.id, p.record, &taxonomy, &mut problems))
        .collect();
    let blank = |platform, action, rules: Vec<&'static str>| crate::recommend::Recommendation {
        platform,
        action,
        into: None,
        rules,
        reasons: Vec::new(),
        assignees: Default::default(),
        deadline: Some(day("2026-03-01")),
        burden_minutes_per_month: 0.0,
        saved_minutes_per_month: 0.0,
        cadres: None,
        disposition: Default::default(),
    };
    let mut recs = vec![
        blank(0, Action::Shutdown, vec!["zombie-app"]),
        blank(1, Action::Keep, vec![]),
        blank(2, Action::Shutdown, vec!["zombie-app"]),
    ];
    let mut findings = vec![crate::rules::Finding {
        platform: 2,
        rule: "zombie-app",
        severity: crate::rules::Severity::Medium,
        message: Default::default(),
        evidence: Vec::new(),
        waived: None,
    }];
    apply_decisions(
        &decisions,
        &platforms,
        &mut recs,
        &mut findings,
        day("2026-02-01"),
    );
    assert_eq!(recs[0].action, Action::Keep);
    assert!(recs[0].reasons[0].zh.contains("人工决定保留"));
    assert_eq!((recs[1].action, recs[1].into), (Action::Merge, Some(0)));
    assert_eq!(recs[2].action, Action::Keep);
    assert!(recs[2].reasons[0].zh.contains("豁免"));
    assert_eq!(findings[0].waived.as_deref(), Some("经研判"));
}

#[test]
fn follow_through_on_a_staged_registry() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let mut first = base();
    first.push(rec(Some("A4"), "城区养老认证", "城区民政局", 5));
    store.ingest("s", &first, ok(), at("2026-01-01")).unwrap();
    let saved = |id: &str, name: &str, action: Action, deadline: &str| SavedRecommendation {
        platform_id: id.into(),
        name: name.into(),
        kind: Kind::App,
        owner: Some(
            if id == "A4" {
                "城区民政局"
            } else {
                "城区人社局"
            }
            .into(),
        ),
        functions: vec!["社保查询".into(), "养老认证".into()],
        action: action.code().to_string(),
        into: None,
        rules: vec!["zombie-app".into()],
        deadline: Some(day(deadline)),
        first_on: None,
        reasons: vec!["长期无人使用".into()],
    };
    store
        .save_audit(
            None,
            day("2026-01-01"),
            at("2026-01-01"),
            &[
                saved("A1", "城区社保通", Action::Shutdown, "2026-02-01"),
                saved("A2", "城区医保掌上办", Action::Shutdown, "2026-02-01"),
                saved("A3", "城区就业服务", Action::Shutdown, "2026-12-01"),
                saved("A4", "城区养老认证", Action::Shutdown, "2026-02-01"),
            ],
            &[],
            &[],
        )
        .unwrap();
    // A1 is shut down, then comes back renamed under a new id (matched to A1 by name,
    // owner and kind, so it reappears); A2 stays; A4 is gone.
    let gone = vec![base()[1].clone(), base()[2].clone()];
    store.ingest("s", &gone, ok(), at("2026-02-10")).unwrap();
    let mut later = gone.clone();
    later.push(rec(Some("B7"), "城区社保通（新版）", "城区人社局", 5));
    store.ingest("s", &later, ok(), at("2026-02-20")).unwrap();
    let earlier =
        earlier_recommendations(store.earlier_recommendations(day("2026-03-01")).unwrap());
    assert_eq!(earlier.len(), 4);
    assert!(store
        .earlier_recommendations(day("2026-01-01"))
        .unwrap()
        .is_empty());
    let reappeared = store.reappearances().unwrap();
    let states: Vec<PlatformState> = store
        .platforms(true)
        .unwrap()
        .into_iter()
        .map(|p| PlatformState {
            name: p.record.name.clone().unwrap_or_default(),
            owner: p.record.owner.clone(),
            kind: p.record.kind.unwrap_or(Kind::App),
            functions: p.record.functions.clone(),
            presence: match p.status {
                PlatformStatus::Active => Presence::Active,
                PlatformStatus::Missing => Presence::Missing,
                PlatformStatus::Retired => Presence::Retired,
            },
            first_seen: day(&p.first_seen),
            reappeared_on: reappeared.get(&p.id).copied(),
            fired_rules: vec!["zombie-app".into()],
            id: p.id,
        })
        .collect();
    let out = follow_through(
        &earlier,
        &states,
        day("2026-03-01"),
        &FollowSettings::default(),
    );
    let got: Vec<(&str, FollowStatus)> = out
        .iter()
        .map(|f| (f.platform_id.as_str(), f.status))
        .collect();
    assert_eq!(
        got,
        [
            ("A1", FollowStatus::Rebounded),
            ("A2", FollowStatus::Overdue),
            ("A3", FollowStatus::Pending),
            ("A4", FollowStatus::Done),
        ]
    );
    assert!(out[0].note.zh.contains("2026-02-20"), "{}", out[0].note.zh);
    assert_eq!(out[0].rebound_as.as_deref(), Some("A1"));
    // Saved with the next audit, the follow-ups show in the diff.
    store
        .save_audit(
            Some(3),
            day("2026-03-01"),
            at("2026-03-01"),
            &[],
            &[],
            &saved_follow_ups(&out),
        )
        .unwrap();
    let diff = store.diff(Some(0), None).unwrap();
    assert_eq!(diff.follow_ups.len(), 4);
    assert_eq!(diff.follow_ups[0].status, "rebounded");
}

#[test]
fn earlier_keep_and_unknown_actions_are_not_followed_through() {
    let row = |id: &str, action: &str| registry::EarlierRow {
        recommendation: SavedRecommendation {
            platform_id: id.into(),
            name: id.into(),
            kind: Kind::App,
            owner: None,
            functions: Vec::new(),
            action: action.into(),
            into: None,
            rules: Vec::new(),
            deadline: None,
            first_on: None,
            reasons: Vec::new(),
        },
        recommended_on: day("2026-01-01"),
    };
    let earlier = earlier_recommendations(vec![
        row("A", "keep"),
        row("B", "shutdown"),
        row("C", "bogus"),
        row("D", "merge"),
    ]);
    let got: Vec<(&str, Action)> = earlier
        .iter()
        .map(|e| (e.platform_id.as_str(), e.action))
        .collect();
    assert_eq!(got, [("B", Action::Shutdown), ("D", Action::Merge)]);
}

/// Work groups of one unit for one stock purpose but different audiences, written as
/// offices write them (a JSON `audience` key; a CSV 群成员 column naming people), are
/// never clustered together by a whole audit.
#[test]
fn groups_of_different_audiences_stay_apart_in_an_audit() {
    let dir = tempfile::tempdir().unwrap();
    let group = |id: &str, audience: &str| {
        format!(
            "{{\"id\": \"{id}\", \"kind\": \"group\", \"name\": \"应急局防汛群{id}\", \
             \"owner\": \"杭州市上城区应急管理局\", \"region\": \"330102\", \
             \"functions\": [\"值班值守\", \"信息报送\", \"防汛抢险\"], \
             \"data_fields\": [\"水位\", \"雨量\"], \"matter\": \"防汛\", \
             \"audience\": \"{audience}\"}}\n"
        )
    };
    let jsonl: String = [
        group("j1", "领导班子成员"),
        group("j2", "领导班子成员"),
        group("j3", "全体干部职工"),
        group("j4", "全体干部职工"),
    ]
    .concat();
    std::fs::write(dir.path().join("groups.jsonl"), jsonl).unwrap();
    let csv = "群编号,群名称,类型,主管单位,所属地区,功能,关联事项,群成员\n\
               c1,水利局防汛群,工作群,杭州市上城区水利局,330102,值班值守;信息报送;防汛抢险,防汛,领导班子成员\n\
               c2,水利局防汛群二,工作群,杭州市上城区水利局,330102,值班值守;信息报送;防汛抢险,防汛,全体干部职工\n\
               c3,水利局防汛群三,工作群,杭州市上城区水利局,330102,值班值守;信息报送;防汛抢险,防汛,全体干部职工\n";
    std::fs::write(dir.path().join("工作群.csv"), csv).unwrap();
    let date = AuditDate {
        cli: NaiveDate::from_ymd_opt(2026, 11, 20),
        today: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
    };
    let audit = audit_inventory(dir.path(), date, &crate::progress::NoProgress).unwrap();
    let ids = |c: &crate::overlap::Cluster| -> Vec<&str> {
        c.members
            .iter()
            .map(|&m| audit.platforms[m].id.as_str())
            .collect()
    };
    let mut clusters: Vec<Vec<&str>> = audit.overlap.clusters.iter().map(ids).collect();
    clusters.sort();
    assert_eq!(
        clusters,
        vec![vec!["c2", "c3"], vec!["j1", "j2"], vec!["j3", "j4"]],
        "{:?}",
        audit.problems
    );
}
