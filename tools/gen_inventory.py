#!/usr/bin/env python3
"""Deterministic generator of the sample city inventory in ``inventory/``.

The city is fictional: 岚江省 / 澄岚市 with the counties 云栖县, 青枫县, 白鹭县 and the
district 望澜区, their towns, streets, villages and communities. Every name is invented.

Each planted case declares the action, merge target and flags a careful auditor applying
``docs/AUDIT_POLICY.md`` would give it. An independent re-implementation of the policy in
this file (field rules, IDF-weighted overlap under several weighting variants, document
evidence) recomputes every expectation and the run fails when the two disagree, when an
unplanned overlap appears, or when a document names a platform it was not written about.

Usage: python3 tools/gen_inventory.py            (writes inventory/)
Needs: Python 3.11, openpyxl.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import shutil
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

AS_OF = dt.date(2026, 11, 20)
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "inventory"


def ago(days: int) -> dt.date:
    """The date `days` before the audit date."""
    return AS_OF - dt.timedelta(days=days)


def D(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# ------------------------------------------------------------------ tag vocabulary
# Canonical tag -> spellings a 台账 may use. The generator writes the spellings; the
# checker maps them back, as the project's taxonomy should.
SYNONYMS = {
    "打卡签到": ["签到打卡", "每日打卡"],
    "身份证号": ["身份证号码", "公民身份号码"],
    "手机号": ["手机号码", "联系电话"],
    "通知公告": ["通知通告"],
    "消息推送": ["消息提醒"],
    "网格巡查": ["网格巡检"],
    "事件上报": ["问题上报"],
    "积分排名": ["积分排行"],
    "定位轨迹": ["GPS轨迹", "巡查轨迹"],
    "现场照片": ["现场图片"],
    "即时通讯": ["即时消息"],
    "公文流转": ["公文收发"],
    "待办审批": ["移动审批"],
    "预约取号": ["线上取号"],
    "办件查询": ["办件进度查询"],
}
CANON = {s: c for c, ss in SYNONYMS.items() for s in ss}


def canon(tag: str) -> str:
    t = tag.strip()
    return CANON.get(t, t)


UBI_F = ["登录", "个人中心", "消息推送", "通知公告"]
UBI_D = ["姓名", "手机号", "身份证号"]
FEEDBACK = {"投诉建议", "意见反馈", "留言咨询"}
COERCIVE = {"打卡签到", "积分排名", "在线时长统计", "学习时长", "排行榜"}
ENGAGEMENT = {"积分排名", "学习时长", "点赞", "转发", "阅读量", "在线时长统计"}
VEHICLE = {"日常打分", "线上督查", "任务完成率排名", "考核评分"}
TRACE = {"定位轨迹", "现场照片", "工作照片", "视频", "截图"}

# ------------------------------------------------------------------ records
RECORDS: list[dict] = []
BY_ID: dict[str, dict] = {}
PREFIX = {"app": "APP", "mini_program": "MP", "account": "ACC", "group": "GRP",
          "platform": "PLT", "form": "FORM"}
COUNTERS: Counter = Counter()
_spell_turn = Counter()


def spell(tags: list[str], variety: int) -> list[str]:
    """Writes canonical tags in one of their spellings, varying by record."""
    out = []
    for i, t in enumerate(tags):
        forms = [t] + SYNONYMS.get(t, [])
        out.append(forms[(variety + i) % len(forms)] if variety else t)
    return out


def add(kind: str, name: str, owner: str, level: str, region: str, *, plan=None, **f) -> str:
    """Adds one record; `plan` = (action, into_id_or_None, [flags]) for planted cases."""
    COUNTERS[kind] += 1
    rid = f"{PREFIX[kind]}-{COUNTERS[kind]:03d}"
    rec = dict(id=rid, kind=kind, name=name, owner=owner, level=level, region=region)
    rec.update(f)
    rec.setdefault("functions", [])
    rec.setdefault("data_fields", [])
    rec["plan"] = plan
    RECORDS.append(rec)
    BY_ID[rid] = rec
    return rid


def appf(specific, fb="投诉建议", ubi=4, v=0):
    """A function list: domain tags, some ubiquitous ones and a feedback channel."""
    tags = list(specific) + UBI_F[:ubi]
    if fb:
        tags.append(fb)
    return spell(tags, v)


def appd(specific, ubi=3, v=0):
    return spell(list(specific) + UBI_D[:ubi], v)


def desc(owner, funcs):
    shown = [f for f in funcs if f not in UBI_F and f not in FEEDBACK][:3]
    return f"{owner}建设，主要用于{'、'.join(shown)}。"


PROV = "岚江省"
CITY = "澄岚市"
COUNTIES = ["云栖县", "望澜区", "青枫县", "白鹭县"]


def filing(n: int) -> str:
    return f"岚ICP备{2021 + n % 5}{n:06d}号-{n % 7 + 1}A"


_filing_n = [100]


def fno() -> str:
    _filing_n[0] += 37
    return filing(_filing_n[0])


def app(kind, name, owner, level, region, funcs, data, *, users=20000, mau=3000,
        created=D("2022-03-15"), upd=None, act=None, filed=True, mandatory=None,
        assess=None, checkin=None, notes=None, channel=None, plan=None, dept=None,
        description=None):
    if channel is None:
        channel = {"app": "独立App", "mini_program": "微信小程序", "platform": "Web"}[kind]
    return add(kind, name, owner, level, region, plan=plan,
               channel=channel, department=dept,
               description=description or desc(owner, funcs),
               functions=funcs, data_fields=data, users=users, monthly_active=mau,
               created=created, last_update=upd or ago(4 + (COUNTERS[kind] * 7) % 50),
               last_active=act or ago(COUNTERS[kind] % 6),
               mandatory=mandatory, assessment_linked=assess, checkin=checkin,
               filing_no=(fno() if filed and kind != "platform" else None), notes=notes)


# ---- the unified platforms and the overlap clusters (app / mini program / platform)
P_GRID = app("platform", "澄岚市城市一网统管平台", "澄岚市城市运行管理中心", "city", CITY,
             appf(["网格巡查", "事件上报", "隐患排查", "任务派发", "巡查日志", "指挥调度",
                   "城市部件管理", "视频监控调度", "数据驾驶舱"], fb=None),
             appd(["网格编号", "事件位置", "事件类型", "巡查时间", "处置结果", "部件编码",
                   "监控点位"]),
             users=26000, mau=15800, created=D("2021-06-30"),
             description="全市一网统管平台，统一承载网格巡查、事件上报、隐患排查、指挥调度。")
P_DING = app("platform", "岚江政务钉", "岚江省大数据发展管理局", "province", PROV,
             appf(["即时通讯", "视频会议", "公文流转", "通讯录", "待办审批", "日程管理"],
                  fb="意见反馈"),
             appd(["组织架构", "职务", "工号", "办公电话"], ubi=2),
             users=420000, mau=310000, created=D("2020-09-01"), mandatory=True,
             channel="政务钉", description="全省统一的政务协同办公平台（政务钉）。")
A_ZWT = app("app", "澄岚政务通", "澄岚市数据局", "city", CITY,
            appf(["办事指南", "在线预约", "办件查询", "预约取号", "电子证照", "好差评",
                  "事项申报", "证明开具"], fb="投诉建议"),
            appd(["办件编号", "证照编号", "预约时段", "事项名称"]),
            users=1350000, mau=286000, created=D("2020-05-20"),
            description="澄岚市一网通办移动端，统一提供办事指南、在线预约、办件查询。")
P_YBT = app("platform", "澄岚市基层报表一表通平台", "澄岚市数据局", "city", CITY,
            spell(["报表填报", "数据共享复用", "报表目录管理", "登录"], 0),
            ["低保户数", "特困供养人数", "残疾人数", "独居老人数", "留守儿童数", "常住人口数",
             "流动人口数", "出租房屋数", "耕地面积", "粮食播种面积", "农机总动力",
             "规上企业数", "个体工商户数", "退役军人数", "适龄儿童数"],
            users=9800, mau=7600, created=D("2024-10-08"),
            description="基层报表一表通：同一数据一次采集、多方复用。")

# grid: the same 网格巡查 app built by three counties, plus a township mini program
GRID_F = ["网格巡查", "事件上报", "隐患排查", "任务派发", "巡查日志"]
GRID_D = ["网格编号", "事件位置", "事件类型", "巡查时间", "处置结果"]
A_GRID1 = app("app", "云栖县网格通APP", "中共云栖县委政法委员会", "county", "云栖县",
              appf(GRID_F, fb="投诉建议", v=0), appd(GRID_D), users=1800, mau=1500,
              created=D("2022-04-11"), plan=("merge", P_GRID, ["duplicate-app"]))
A_GRID2 = app("app", "青枫智慧网格", "中共青枫县委政法委员会", "county", "青枫县",
              appf(GRID_F[:4] + ["巡查日志"], fb="意见反馈", v=1), appd(GRID_D, v=1),
              users=2100, mau=1720, created=D("2022-09-02"),
              plan=("merge", P_GRID, ["duplicate-app"]))
A_GRID3 = app("app", "白鹭县网格巡查APP", "中共白鹭县委政法委员会", "county", "白鹭县",
              appf(GRID_F, fb="投诉建议", v=2), appd(GRID_D, ubi=2, v=2),
              users=1650, mau=1380, created=D("2023-02-17"),
              plan=("merge", P_GRID, ["duplicate-app"]))
M_GRID4 = app("mini_program", "雾溪镇网格随手拍", "云栖县雾溪镇人民政府", "township",
              "云栖县雾溪镇", spell(["网格巡查", "事件上报", "隐患排查", "登录"], 1),
              spell(["网格编号", "事件位置", "事件类型", "姓名"], 0), users=260, mau=190,
              created=D("2024-05-06"),
              plan=("merge", P_GRID, ["app-below-county", "duplicate-app",
                                      "no-feedback-channel"]))

# one-stop services: a district app and a county mini program inside 澄岚政务通
A_ZWT2 = app("app", "望澜i办事", "望澜区政务服务中心", "county", "望澜区",
             appf(["办事指南", "在线预约", "办件查询", "预约取号"], fb="意见反馈", v=1),
             appd(["办件编号", "预约时段", "事项名称"], ubi=2), users=64000, mau=9100,
             created=D("2021-11-23"), plan=("merge", A_ZWT, ["duplicate-app"]))
M_ZWT3 = app("mini_program", "白鹭预约办", "白鹭县政务服务中心", "county", "白鹭县",
             appf(["在线预约", "预约取号", "办事指南", "办件查询"], fb="投诉建议", ubi=2, v=1),
             appd(["预约时段", "事项名称", "办件编号"], ubi=2), users=23000, mau=2600,
             created=D("2023-03-09"), plan=("merge", A_ZWT, ["duplicate-app"]))

# office collaboration: county OA apps and a city system inside 岚江政务钉
OA_F = ["即时通讯", "公文流转", "通讯录", "待办审批"]
OA_D = ["组织架构", "职务", "工号"]
P_OA1 = app("platform", "澄岚市协同办公系统", "澄岚市人民政府办公室", "city", CITY,
            appf(OA_F + ["日程管理"], fb=None, ubi=2, v=1), appd(OA_D + ["办公电话"], ubi=2),
            users=15000, mau=6200, created=D("2019-08-01"), mandatory=True,
            plan=("merge", P_DING, ["duplicate-app"]))
A_OA2 = app("app", "云栖县移动OA", "云栖县人民政府办公室", "county", "云栖县",
            appf(OA_F, fb="意见反馈", ubi=2), appd(OA_D, ubi=2), users=3200, mau=2500,
            created=D("2020-03-16"), mandatory=True,
            plan=("merge", P_DING, ["duplicate-app"]))
A_OA3 = app("app", "青枫县协同办公", "青枫县人民政府办公室", "county", "青枫县",
            appf(OA_F + ["视频会议"], fb="投诉建议", ubi=3, v=1), appd(OA_D, ubi=1),
            users=2900, mau=2300, created=D("2021-01-05"),
            plan=("merge", P_DING, ["duplicate-app"]))

# party building: a county app contained in the city one; the city one is coercive
PARTY_F = ["三会一课", "党费缴纳", "组织关系转接", "党员学习"]
PARTY_D = ["党员编号", "入党时间", "所在支部"]
A_PARTY = app("app", "澄岚智慧党建", "中共澄岚市委组织部", "city", CITY,
              appf(PARTY_F + ["打卡签到", "积分排名"], fb="意见反馈", v=1),
              appd(PARTY_D), users=98000, mau=61000, created=D("2020-07-01"),
              mandatory=True, assess=True, checkin="党员每日学习打卡",
              plan=("rectify", None, ["app-forced-checkin", "assess-by-engagement"]))
A_PARTY2 = app("app", "红色鹭乡", "中共白鹭县委组织部", "county", "白鹭县",
               spell(PARTY_F + ["积分排名", "登录", "个人中心"], 1),
               spell(PARTY_D + ["姓名"], 0), users=12000, mau=4100, created=D("2022-06-28"),
               mandatory=False, assess=False,
               plan=("merge", A_PARTY, ["duplicate-app", "no-feedback-channel"]))

# mini programs duplicating an app of the same line department
HEALTHINS_F = ["医保缴费", "异地就医备案", "医保电子凭证", "定点机构查询"]
HEALTHINS_D = ["医保卡号", "参保类型", "就医地"]
A_YB = app("app", "澄岚医保", "澄岚市医疗保障局", "city", CITY,
           appf(HEALTHINS_F, fb="投诉建议"), appd(HEALTHINS_D), users=510000, mau=88000,
           created=D("2021-04-12"))
M_YB = app("mini_program", "澄岚医保服务", "澄岚市医疗保障局", "city", CITY,
           appf(HEALTHINS_F, fb="投诉建议", ubi=2, v=1), appd(HEALTHINS_D, v=1),
           users=330000, mau=52000, created=D("2022-08-19"),
           plan=("merge", A_YB, ["duplicate-app"]))
HRSS_F = ["社保缴费查询", "养老金测算", "职业技能培训报名", "就业岗位推荐"]
HRSS_D = ["社保账号", "缴费基数", "求职意向"]
A_HRSS = app("app", "澄岚人社", "澄岚市人力资源和社会保障局", "city", CITY,
             appf(HRSS_F, fb="意见反馈"), appd(HRSS_D), users=620000, mau=97000,
             created=D("2020-11-30"))
M_HRSS = app("mini_program", "云栖社保查询", "云栖县人力资源和社会保障局", "county", "云栖县",
             appf(["社保缴费查询", "养老金测算", "就业岗位推荐"], fb="投诉建议", ubi=2),
             appd(["社保账号", "缴费基数"], v=2), users=41000, mau=5300,
             created=D("2023-05-15"), plan=("merge", A_HRSS, ["duplicate-app"]))
JOB_F = ["岗位发布", "简历投递", "就业见习报名", "创业担保贷款申请"]
A_JOB = app("app", "青枫e就业", "青枫县人力资源和社会保障局", "county", "青枫县",
            appf(JOB_F, fb="留言咨询"), appd(["简历", "见习单位", "贷款额度"]),
            users=26000, mau=3900, created=D("2022-02-14"))
M_JOB = app("mini_program", "青枫零工", "青枫县人力资源和社会保障局", "county", "青枫县",
            appf(JOB_F[:3], fb="留言咨询", ubi=3), appd(["简历", "见习单位"], v=1),
            users=9000, mau=1300, created=D("2024-01-08"),
            plan=("merge", A_JOB, ["duplicate-app"]))

# ---- coercive practices evidenced by fields
P_STUDY = app("platform", "岚江干部在线学院", "中共岚江省委组织部", "province", PROV,
              spell(["在线学习", "课程点播", "考试测评", "学习时长", "积分排名", "登录",
                     "个人中心"], 0),
              spell(["学员编号", "学时记录", "考试成绩", "姓名", "身份证号"], 1),
              users=380000, mau=240000, created=D("2019-03-01"), mandatory=True,
              assess=True,
              plan=("rectify", None, ["app-forced-checkin", "assess-by-engagement"]))
A_DUKAO = app("app", "青枫督考通", "中共青枫县委办公室", "county", "青枫县",
              appf(["日常打分", "线上督查", "任务完成率排名", "考核评分"], fb="投诉建议"),
              appd(["督办事项", "完成时限", "责任单位"], ubi=1), users=1900, mau=1500,
              created=D("2023-04-20"), mandatory=False, assess=True,
              plan=("rectify", None, ["app-as-assessment-vehicle"]))
A_RIVER = app("app", "云栖河湖长巡河", "云栖县水利局", "county", "云栖县",
              appf(["河道巡查", "水质监测上报", "河长公示牌管理", "打卡签到"], fb="投诉建议",
                   v=1),
              spell(["河段编号", "水质等级", "定位轨迹", "现场照片", "姓名"], 1),
              users=1400, mau=1100, created=D("2022-05-05"), mandatory=True,
              checkin="巡河时须签到打卡",
              plan=("rectify", None, ["app-forced-checkin", "forced-trace-upload"]))
A_SANIT = app("app", "澄岚环卫通", "澄岚市城市管理局", "city", CITY,
              appf(["打卡签到", "清扫路段管理", "垃圾清运调度"], fb="意见反馈", v=2),
              appd(["作业路段", "清运车辆", "作业时间"], ubi=2), users=5200, mau=4300,
              created=D("2023-07-07"), mandatory=False, checkin="环卫作业人员每日上下班打卡",
              plan=("rectify", None, ["app-forced-checkin"]))
A_SAFE = app("app", "青枫平安通", "青枫县公安局", "county", "青枫县",
             appf(["反诈预警", "警情速递", "平安志愿者招募"], fb="投诉建议"),
             appd(["预警号码", "涉诈类型"], ubi=2), users=152000, mau=9800,
             created=D("2023-09-12"),
             notes="要求全县机关干部职工100%下载注册，安装率每周通报排名",
             plan=("rectify", None, ["app-forced-download"]))
# ---- coercive practices evidenced by documents (see DOCS below)
A_JCT = app("app", "澄岚基层通", "中共澄岚市委社会工作部", "city", CITY,
            appf(["民情日志", "入户走访", "民情诉求登记", "政策宣讲"], fb="投诉建议"),
            appd(["走访对象", "民情诉求", "走访时间"]), users=42000, mau=21000,
            created=D("2025-03-18"),
            plan=("rectify", None, ["app-forced-download"]))
A_VILLAGE = app("app", "云栖驻村帮扶通", "云栖县农业农村局", "county", "云栖县",
                appf(["驻村日志", "帮扶台账", "产业项目管理", "打卡签到"], fb="留言咨询", v=1),
                appd(["帮扶对象", "帮扶措施", "收入变化"], ubi=2), users=900, mau=700,
                created=D("2022-10-10"), mandatory=False,
                plan=("rectify", None, ["app-forced-checkin"]))
A_ZHIFA = app("app", "望澜城管执法通", "望澜区城市管理局", "county", "望澜区",
              appf(["执法案件办理", "违建巡查", "占道经营处置"], fb="投诉建议"),
              appd(["案件编号", "当事人", "处罚决定书号"], ubi=1), users=650, mau=520,
              created=D("2022-12-01"),
              plan=("rectify", None, ["forced-trace-upload"]))
A_MEDIA = app("app", "望澜融媒", "望澜区融媒体中心", "county", "望澜区",
              appf(["新闻资讯", "直播", "爆料互动"], fb="意见反馈"),
              appd(["爆料线索", "直播场次"], ubi=1), users=88000, mau=12000,
              created=D("2021-08-08"),
              plan=("rectify", None, ["assess-by-engagement"]))

# ---- zombies
A_Z1 = app("app", "云栖县掌上民宗", "云栖县民族宗教事务局", "county", "云栖县",
           appf(["宗教场所查询", "民族政策宣传", "宗教活动备案"], fb="投诉建议"),
           appd(["场所名称", "活动人数"], ubi=1), users=640, mau=12,
           created=D("2021-03-02"), upd=D("2024-08-05"), act=D("2025-01-12"),
           plan=("shutdown", None, ["zombie-app"]))
A_Z2 = app("app", "青枫智慧旅游", "青枫县文化和旅游局", "county", "青枫县",
           appf(["景区导览", "语音讲解", "旅游攻略"], fb="投诉建议"),
           appd(["游览路线", "景区名称"], ubi=1), users=8000, mau=23,
           created=D("2020-06-18"), upd=D("2025-03-10"), act=D("2025-04-02"),
           plan=("shutdown", None, ["zombie-app"]))
A_Z3 = app("app", "白鹭农技通", "白鹭县农业农村局", "county", "白鹭县",
           appf(["农技专家问答", "测土配方", "农资价格行情"], fb="留言咨询"),
           appd(["土壤类型", "施肥量", "农资名称"], ubi=2), users=30000, mau=210,
           created=D("2019-05-20"), upd=D("2025-05-20"), act=D("2025-05-20"),
           plan=("shutdown", None, ["zombie-app"]))
P_Z4 = app("platform", "澄岚市人才服务网", "澄岚市人才发展服务中心", "city", CITY,
           spell(["人才政策申报", "高层次人才认定", "人才公寓申请", "登录"], 0),
           appd(["人才类别", "学历学位", "公寓房号"], ubi=2), users=2600, mau=40,
           created=D("2018-10-10"), upd=D("2025-04-01"), act=D("2025-04-20"),
           plan=("shutdown", None, ["zombie-app"]))
M_Z5 = app("mini_program", "望澜创文随手拍", "望澜区精神文明建设办公室", "county", "望澜区",
           appf(["不文明行为曝光", "文明实践活动"], fb="投诉建议", ubi=2),
           appd(["曝光地点", "问题类别"], ubi=1), users=4200, mau=35,
           created=D("2022-04-01"), upd=D("2025-02-14"), act=D("2025-03-01"),
           plan=("shutdown", None, ["zombie-app"]))
M_Z6 = app("mini_program", "澄岚马拉松", "澄岚市体育局", "city", CITY,
           appf(["赛事报名", "成绩查询", "参赛包领取"], fb="意见反馈", ubi=2),
           appd(["参赛号", "完赛成绩"], ubi=3), users=21000, mau=15,
           created=D("2023-09-01"), upd=D("2024-11-30"), act=D("2025-01-10"),
           plan=("shutdown", None, ["zombie-app"]))

# ---- app-unfiled (no filing number, launched before 2026-01-25)
A_U1 = app("app", "云栖智慧养老", "云栖县民政局", "county", "云栖县",
           appf(["助餐服务预约", "上门照护", "养老补贴申请"], fb="投诉建议"),
           appd(["老人健康状况", "照护等级", "紧急联系人"]), users=5600, mau=1800,
           created=D("2023-06-12"), filed=False, plan=("rectify", None, ["app-unfiled"]))
A_U2 = app("app", "白鹭县就业通", "白鹭县人力资源和社会保障局", "county", "白鹭县",
           appf(["招聘会信息", "零工市场", "技能补贴申领"], fb="意见反馈"),
           appd(["求职岗位", "技能证书编号", "期望薪资"]), users=14000, mau=2300,
           created=D("2024-02-27"), filed=False, plan=("rectify", None, ["app-unfiled"]))
A_U3 = app("app", "澄岚教育", "澄岚市教育局", "city", CITY,
           appf(["义务教育入学报名", "学位查询", "学籍查询", "课后服务选课"], fb="投诉建议"),
           appd(["学生学籍号", "监护人信息", "户籍地址"]), users=310000, mau=45000,
           created=D("2021-09-01"), filed=False, plan=("rectify", None, ["app-unfiled"]))
M_U4 = app("mini_program", "澄岚图书馆", "澄岚市图书馆", "city", CITY,
           appf(["图书借阅", "座位预约", "数字资源阅读", "读者证办理"], fb="留言咨询", ubi=2),
           appd(["读者证号", "借阅记录", "座位号"], ubi=2), users=76000, mau=9400,
           created=D("2022-01-15"), filed=False, plan=("rectify", None, ["app-unfiled"]))
# launched after 2026-01-25: not yet required to have a filing number
M_NEW = app("mini_program", "望澜新能源充电", "望澜区发展和改革局", "county", "望澜区",
            appf(["充电桩地图", "充电预约", "充电订单查询"], fb="投诉建议", ubi=2),
            appd(["充电桩编号", "充电电量"], ubi=1), users=3100, mau=1200,
            created=D("2026-04-18"), filed=False)

# ---- below county (乡镇/街道/村/社区)
A_T1 = app("app", "智慧雾溪", "云栖县雾溪镇人民政府", "township", "云栖县雾溪镇",
           appf(["镇务公开", "便民电话簿", "特色产业展示"], fb="投诉建议", ubi=3),
           appd(["反映事项", "所在村组"], ubi=2), users=3800, mau=620,
           created=D("2024-03-21"), plan=("shutdown", None, ["app-below-county"]))
M_T2 = app("mini_program", "邻里澜湖", "望澜区澜湖街道办事处", "township", "望澜区澜湖街道",
           appf(["邻里议事厅", "共享工具借用", "社区义诊预约"], fb=None, ubi=3),
           appd(["议题内容", "借用物品"], ubi=2), users=5400, mau=900,
           created=D("2024-03-02"), filed=False,
           plan=("shutdown", None, ["app-below-county", "app-unfiled", "no-feedback-channel"]))
M_T3 = app("mini_program", "雾岭村务通", "云栖县雾溪镇雾岭村村民委员会", "village",
           "云栖县雾溪镇雾岭村",
           appf(["村务公开", "三资管理公示", "村民议事"], fb="留言咨询", ubi=2),
           appd(["户主", "家庭人口数"], ubi=1), users=480, mau=150,
           created=D("2025-08-09"), filed=False,
           plan=("shutdown", None, ["app-below-county", "app-unfiled"]))
A_T4 = app("app", "e枫岚", "青枫县枫岚镇人民政府", "township", "青枫县枫岚镇",
           appf(["枫岚资讯", "农家乐导览", "镇长信箱"], fb="投诉建议", ubi=2),
           appd(["来信内容", "来信人"], ubi=0), users=2100, mau=40,
           created=D("2021-05-11"), upd=D("2025-01-08"), act=D("2025-02-19"),
           plan=("shutdown", None, ["app-below-county", "zombie-app"]))
M_T5 = app("mini_program", "智慧桃溪", "白鹭县翠鹭镇桃溪村村民委员会", "village",
           "白鹭县翠鹭镇桃溪村",
           appf(["村级事务代办", "农房建设报备", "村规民约"], fb="投诉建议", ubi=2),
           appd(["代办事项", "农房位置"], ubi=2), users=700, mau=230,
           created=D("2025-02-14"), plan=("shutdown", None, ["app-below-county"]))
M_T6 = app("mini_program", "栖云e家", "云栖县栖云街道办事处", "township", "云栖县栖云街道",
           appf(["辖区商户地图", "社区志愿服务预约", "社区食堂预订"], fb="意见反馈", ubi=3),
           appd(["志愿服务次数", "预订份数"], ubi=2), users=6100, mau=1400,
           created=D("2023-11-20"), plan=("shutdown", None, ["app-below-county"]))
# a township-level *platform* is not covered by app-below-county
P_T7 = app("platform", "鹭汀街道综治信息平台", "望澜区鹭汀街道办事处", "township",
           "望澜区鹭汀街道",
           spell(["矛盾纠纷登记", "调解记录", "信访积案化解", "登录"], 0),
           appd(["纠纷类型", "调解员"], ubi=2), users=80, mau=60, created=D("2022-07-01"))

# ---- traps and clean records
M_FIT = app("mini_program", "澄岚全民健身", "澄岚市体育局", "city", CITY,
            appf(["场馆预约", "运动打卡", "健身赛事活动"], fb="留言咨询", ubi=3),
            appd(["运动项目", "场馆名称"], ubi=2), users=93000, mau=17000,
            created=D("2022-05-01"), mandatory=False, checkin="无")
A_FIRE = app("app", "云栖森林防火", "云栖县林业局", "county", "云栖县",
             appf(["火情上报", "防火卡口登记", "护林员管理"], fb="投诉建议"),
             appd(["卡口名称", "火情位置"], ubi=2), users=900, mau=60,
             created=D("2021-10-15"), upd=D("2025-09-01"), act=ago(5))
A_TRANS = app("app", "澄岚交通", "澄岚市交通运输局", "city", CITY,
              appf(["实时公交", "定制公交预约", "出租车电召", "路况查询"], fb="投诉建议"),
              appd(["乘车站点", "出行时间", "车牌号"], ubi=2), users=520000, mau=48000,
              created=D("2020-04-01"), upd=D("2026-02-01"))
A_PARK = app("app", "云栖智慧停车", "云栖县住房和城乡建设局", "county", "云栖县",
             appf(["停车位查询", "停车缴费", "停车月卡办理"], fb="投诉建议", ubi=4),
             appd(["泊位编号", "入场时间", "停车车牌"], ubi=3), users=36000, mau=8100,
             created=D("2023-03-03"))
M_CARD = app("mini_program", "青枫文旅一卡通", "青枫县文化和旅游局", "county", "青枫县",
             appf(["景点年卡办理", "文旅消费券领取", "乡村民宿预订"], fb="投诉建议", ubi=4,
                  v=1),
             appd(["年卡编号", "消费券编号", "入住日期"], ubi=3, v=1), users=27000, mau=5200,
             created=D("2024-04-25"))
A_GJJ = app("app", "澄岚公积金", "澄岚住房公积金管理中心", "city", CITY,
            appf(["公积金提取", "贷款试算", "缴存明细查询", "账户转移"], fb=None),
            appd(["公积金账号", "缴存基数", "贷款合同号"]), users=280000, mau=39000,
            created=D("2020-08-08"), plan=("keep", None, ["no-feedback-channel"]))
A_SAFEPROD = app("app", "青枫安全生产通", "青枫县应急管理局", "county", "青枫县",
                 appf(["企业安全自查", "执法检查计划", "危化品备案"], fb=None, ubi=3),
                 appd(["企业名称", "危化品种类", "从业人员数"], ubi=1), users=2300, mau=800,
                 created=D("2022-11-11"), plan=("keep", None, ["no-feedback-channel"]))
M_WEATHER = app("mini_program", "澄岚气象", "澄岚市气象局", "city", CITY,
                appf(["天气预报", "灾害预警订阅", "农业气象服务"], fb=None, ubi=2),
                appd(["订阅区域", "预警级别", "关注作物"], ubi=1), users=150000, mau=41000,
                created=D("2021-06-01"), plan=("keep", None, ["no-feedback-channel"]))

CLEAN_APPS = [
    # kind, name, owner, level, region, functions, data fields, users, mau
    ("app", "澄岚健康", "澄岚市卫生健康委员会", "city", CITY,
     ["预约挂号", "检查报告查询", "家庭医生签约", "疫苗接种预约"], ["就诊卡号", "既往病史", "接种记录"], 690000, 120000),
    ("app", "澄岚文旅", "澄岚市文化广电旅游局", "city", CITY,
     ["景区预约", "文化场馆预约", "旅游线路推荐", "非遗展示"], ["预约场次", "游客人数", "入园时间"], 240000, 31000),
    ("app", "澄岚警民通", "澄岚市公安局", "city", CITY,
     ["户籍业务预约", "出入境办证预约", "交通违法处理", "电子身份证"], ["违法记录", "出入境证件号", "驾驶证号"], 870000, 150000),
    ("app", "澄岚农业", "澄岚市农业农村局", "city", CITY,
     ["农技咨询", "农产品溯源", "农机补贴申请", "病虫害预警"], ["种植面积", "作物品种", "农机型号"], 61000, 7200),
    ("app", "澄岚智慧供热", "澄岚市住房和城乡建设局", "city", CITY,
     ["供热报修", "热费缴纳", "室温监测"], ["供热户号", "室内温度", "报修地址"], 210000, 34000),
    ("app", "澄岚水务", "澄岚市水务局", "city", CITY,
     ["水费缴纳", "停水公告", "用水报装"], ["用水户号", "水表读数"], 330000, 42000),
    ("app", "澄岚不动产", "澄岚市自然资源和规划局", "city", CITY,
     ["不动产登记预约", "产权查询", "抵押登记"], ["不动产单元号", "权利人", "抵押金额"], 120000, 15000),
    ("app", "澄岚法律服务", "澄岚市司法局", "city", CITY,
     ["法律援助申请", "公证预约", "人民调解申请"], ["案件类型", "援助事由"], 54000, 6100),
    ("app", "澄岚惠企通", "澄岚市工业和信息化局", "city", CITY,
     ["惠企政策匹配", "奖补资金申报", "企业诉求直通"], ["企业规模", "申报项目", "所属行业"], 38000, 9300),
    ("app", "岚江e税通", "国家税务总局岚江省税务局", "province", PROV,
     ["发票开具", "个税申报", "税费缴纳", "涉税查询"], ["纳税人识别号", "发票代码", "申报期"], 4100000, 1300000),
    ("app", "岚江人社", "岚江省人力资源和社会保障厅", "province", PROV,
     ["社保卡申领", "跨省转移接续", "失业保险金申领"], ["社保卡号", "转移原因"], 5200000, 900000),
    ("app", "云栖数字乡村", "云栖县农业农村局", "county", "云栖县",
     ["农村产权交易", "宅基地审批", "农村集体经济管理"], ["宅基地面积", "集体资产编号"], 8800, 2100),
    ("app", "云栖医共体", "云栖县卫生健康局", "county", "云栖县",
     ["远程会诊", "双向转诊", "慢病随访"], ["转诊单号", "慢病类型", "随访记录"], 17000, 3600),
    ("app", "望澜文化云", "望澜区文化和旅游局", "county", "望澜区",
     ["文化活动预约", "公益培训报名", "场馆导览"], ["培训课程", "文化场馆"], 46000, 7800),
    ("app", "望澜商事通", "望澜区市场监督管理局", "county", "望澜区",
     ["名称自主申报", "经营范围规范表述", "电子营业执照"], ["企业字号", "经营范围", "注册资本"], 22000, 3100),
    ("app", "望澜智慧社区", "望澜区民政局", "county", "望澜区",
     ["社区活动报名", "物业报修", "邻里互助"], ["楼栋单元号", "报修事项"], 57000, 8800),
    ("app", "青枫智慧教育", "青枫县教育局", "county", "青枫县",
     ["课堂直播", "作业提交", "成绩分析"], ["班级编号", "作业成绩"], 31000, 12000),
    ("app", "青枫林权通", "青枫县林业局", "county", "青枫县",
     ["林权登记", "采伐许可申请", "林木流转"], ["林地面积", "林权证号", "树种"], 6400, 900),
    ("app", "白鹭掌上医院", "白鹭县卫生健康局", "county", "白鹭县",
     ["在线问诊", "药品配送", "住院押金缴纳"], ["处方编号", "住院号"], 44000, 9100),
    ("app", "白鹭智慧渔业", "白鹭县农业农村局", "county", "白鹭县",
     ["渔船进出港报告", "捕捞日志", "休渔期管理"], ["渔船编号", "捕捞量"], 2600, 1100),
    ("app", "白鹭文明实践", "中共白鹭县委宣传部", "county", "白鹭县",
     ["文明实践点预约", "理论宣讲点单", "志愿队伍管理"], ["实践站点", "宣讲主题"], 15000, 2600),
    ("mini_program", "澄岚退役军人服务", "澄岚市退役军人事务局", "city", CITY,
     ["优待证申领", "优抚政策查询", "光荣牌申请"], ["退役时间", "服役部队", "优待证号"], 48000, 6900),
    ("mini_program", "澄岚残联服务", "澄岚市残疾人联合会", "city", CITY,
     ["残疾人证办理", "辅具适配申请", "两项补贴申请"], ["残疾类别", "残疾等级", "辅具需求"], 23000, 3100),
    ("mini_program", "澄岚职工之家", "澄岚市总工会", "city", CITY,
     ["职工入会", "困难职工帮扶", "职工疗休养报名"], ["工会会员号", "困难类型"], 160000, 21000),
    ("mini_program", "澄岚青年", "共青团澄岚市委员会", "city", CITY,
     ["志愿服务报名", "青年人才驿站预订", "青少年活动报名"], ["志愿者编号", "服务领域"], 88000, 12000),
    ("mini_program", "澄岚婚姻登记预约", "澄岚市民政局", "city", CITY,
     ["结婚登记预约", "婚姻证明开具", "婚俗文化展示"], ["登记类型", "预约窗口"], 52000, 4300),
    ("mini_program", "澄岚献血", "澄岚市中心血站", "city", CITY,
     ["献血预约", "献血证查询", "用血报销"], ["血型", "献血量"], 67000, 5200),
    ("mini_program", "岚江高速通行", "岚江省交通运输厅", "province", PROV,
     ["ETC办理", "高速路况", "通行费发票", "服务区导航"], ["ETC卡号", "车型", "通行记录"], 2300000, 410000),
    ("mini_program", "岚江防汛", "岚江省水利厅", "province", PROV,
     ["水雨情查询", "山洪预警", "避险转移路线"], ["测站编号", "雨量", "水位"], 380000, 52000),
    ("mini_program", "望澜垃圾分类", "望澜区城市管理局", "county", "望澜区",
     ["分类指引", "大件垃圾预约清运", "回收网点查询"], ["垃圾品类", "清运地址"], 39000, 6000),
    ("mini_program", "青枫公交", "青枫县交通运输局", "county", "青枫县",
     ["县域公交查询", "城乡客运班次", "包车预约"], ["班次号", "乘车日期"], 21000, 6400),
    ("mini_program", "白鹭学前报名", "白鹭县教育局", "county", "白鹭县",
     ["幼儿园入园报名", "学位摇号结果查询", "保育费查询"], ["幼儿出生日期", "意向园所"], 9700, 1600),
    ("mini_program", "澄岚12345", "澄岚市政务服务管理局", "city", CITY,
     ["市民诉求提交", "诉求进度查询", "满意度评价"], ["诉求类别", "诉求编号"], 410000, 38000),
    ("platform", "澄岚市公共资源交易平台", "澄岚市公共资源交易中心", "city", CITY,
     ["招标公告发布", "电子开标", "评标专家抽取"], ["项目编号", "投标保证金", "评标专家"], 18000, 5200),
    ("platform", "澄岚市12345热线工单系统", "澄岚市政务服务管理局", "city", CITY,
     ["工单受理", "工单转办", "工单回访", "知识库管理"], ["工单编号", "来电号码", "来电内容"], 900, 760),
    ("platform", "澄岚市数据共享交换平台", "澄岚市数据局", "city", CITY,
     ["数据目录编制", "接口申请", "数据质量监测"], ["数据资源目录", "接口调用量"], 1300, 640),
    ("platform", "澄岚市社会信用信息平台", "澄岚市发展和改革委员会", "city", CITY,
     ["信用查询", "信用修复", "红黑名单发布"], ["信用主体", "失信行为"], 56000, 8800),
    ("platform", "澄岚市预算管理一体化系统", "澄岚市财政局", "city", CITY,
     ["预算编制", "指标管理", "国库支付"], ["预算单位", "指标文号", "支付金额"], 7400, 5100),
    ("platform", "澄岚市医学检验结果互认平台", "澄岚市卫生健康委员会", "city", CITY,
     ["检验结果共享", "互认项目管理", "影像调阅"], ["检验项目", "检验机构", "影像号"], 5200, 3900),
    ("platform", "澄岚市生态环境监管平台", "澄岚市生态环境局", "city", CITY,
     ["污染源监测", "排污许可管理", "空气质量发布"], ["排放口编号", "监测浓度", "排污许可证号"], 3100, 1700),
    ("platform", "澄岚市电子政务外网运维平台", "澄岚市数据局", "city", CITY,
     ["网络监测", "安全态势感知", "运维派单"], ["设备IP", "告警等级"], 420, 300),
    ("platform", "岚江省投资项目在线审批监管平台", "岚江省发展和改革委员会", "province", PROV,
     ["项目赋码", "并联审批", "审批监管"], ["项目代码", "投资总额", "建设地点"], 96000, 21000),
    ("platform", "岚江省社会救助信息系统", "岚江省民政厅", "province", PROV,
     ["救助申请审核", "低保动态管理", "特困供养管理"], ["家庭收入", "家庭财产", "救助类型"], 31000, 18000),
    ("platform", "岚江省电子证照库", "岚江省大数据发展管理局", "province", PROV,
     ["证照签发", "证照核验", "用证授权"], ["证照类型", "持证主体"], 12000, 7300),
    ("platform", "云栖县智慧工地监管平台", "云栖县住房和城乡建设局", "county", "云栖县",
     ["扬尘监测", "塔吊监控", "劳务实名制管理"], ["工地名称", "PM10浓度", "塔吊编号"], 700, 420),
    ("platform", "望澜区社区矫正管理平台", "望澜区司法局", "county", "望澜区",
     ["矫正方案制定", "教育帮扶记录", "矫正期满解除"], ["矫正类别", "矫正期限"], 260, 190),
    ("platform", "望澜区校园食安监管平台", "望澜区教育局", "county", "望澜区",
     ["后厨直播", "食材溯源", "陪餐记录"], ["食材批次", "供应商", "陪餐人员"], 1200, 800),
    ("platform", "青枫县高标准农田建设管理平台", "青枫县农业农村局", "county", "青枫县",
     ["项目储备", "工程进度管理", "竣工验收"], ["项目区面积", "工程量"], 300, 210),
    ("platform", "青枫县农村饮水安全平台", "青枫县水利局", "county", "青枫县",
     ["水厂运行监测", "水质化验登记", "供水管网管理"], ["水厂名称", "余氯含量", "管网长度"], 240, 170),
    ("platform", "白鹭县智慧水利平台", "白鹭县水利局", "county", "白鹭县",
     ["水库安全监测", "闸站远程控制", "水旱灾害预警"], ["水库名称", "库容", "闸门开度"], 310, 220),
    ("platform", "白鹭县互联网+监管系统", "白鹭县市场监督管理局", "county", "白鹭县",
     ["双随机抽查", "监管事项清单", "检查结果公示"], ["检查对象", "检查结果"], 520, 330),
]
_fb_cycle = ["投诉建议", "意见反馈", "投诉建议", "留言咨询"]
for i, (k, name, owner, level, region, fs, ds, users, mau) in enumerate(CLEAN_APPS):
    if k == "platform":
        funcs = spell(fs + ["登录"] + (["通知公告"] if i % 2 else []), i % 3)
        data = spell(ds + UBI_D[: i % 3], i % 2)
        mandatory = (i % 4 == 0) or None
    else:
        funcs = appf(fs, fb=_fb_cycle[i % 4], ubi=2 + i % 3, v=i % 3)
        data = appd(ds, ubi=1 + i % 3, v=i % 2)
        mandatory = False if i % 3 else None
    app(k, name, owner, level, region, funcs, data, users=users, mau=mau,
        created=D(f"{2019 + i % 6}-{1 + (i * 5) % 12:02d}-{1 + (i * 7) % 27:02d}"),
        upd=ago(3 + i % 25), act=ago(i % 4), mandatory=mandatory)

# ------------------------------------------------------------------ accounts
ACC_TYPES = {"微信公众号": "公众号", "微信视频号": "视频号", "新浪微博": "微博", "抖音": "抖音号",
             "今日头条": "头条号", "快手": "快手号"}
ACC_FUNCS = [["信息发布", "政务公开", "互动留言"], ["政策解读", "信息发布", "在线咨询"],
             ["新闻发布", "办事指引", "互动留言"], ["短视频发布", "直播", "评论互动"]]
ACC = {}
ACCOUNTS = [
    # key, name, owner, level, region, channel, fans, days since last post, plan
    ("fb", "澄岚发布", "澄岚市人民政府新闻办公室", "city", CITY, "微信公众号", 260000, 0, None),
    ("fbwb", "澄岚政务微博", "澄岚市人民政府新闻办公室", "city", CITY, "新浪微博", 180000, 1, None),
    ("wx", "澄岚网信", "澄岚市网信办", "city", CITY, "微信公众号", 42000, 2, None),
    ("mz1", "澄岚民政", "澄岚市民政局", "city", CITY, "微信公众号", 120000, 1, None),
    ("mz2", "澄岚社会救助", "澄岚市民政局", "city", CITY, "微信公众号", 8000, 3,
     ("merge", "mz1", ["account-one-per-platform"])),
    ("mz3", "澄岚养老服务", "澄岚市民政局", "city", CITY, "微信公众号", 3500, 45,
     ("merge", "mz1", ["account-one-per-platform", "account-stale-14d"])),
    ("ga1", "澄岚公安", "澄岚市公安局", "city", CITY, "微信公众号", 350000, 0, None),
    ("ga2", "澄岚警方", "澄岚市公安局", "city", CITY, "抖音", 510000, 1, None),
    ("ga3", "平安澄岚", "澄岚市公安局", "city", CITY, "新浪微博", 220000, 2, None),
    ("rs", "澄岚人社微讯", "澄岚市人力资源和社会保障局", "city", CITY, "微信公众号", 190000, 4, None),
    ("yb", "澄岚医保微讯", "澄岚市医疗保障局", "city", CITY, "微信公众号", 150000, 3, None),
    ("wj", "健康澄岚", "澄岚市卫生健康委员会", "city", CITY, "微信公众号", 230000, 2, None),
    ("jy", "澄岚教育发布", "澄岚市教育局", "city", CITY, "微信公众号", 310000, 1, None),
    ("wl", "游澄岚", "澄岚市文化广电旅游局", "city", CITY, "抖音", 97000, 5, None),
    ("yj", "澄岚应急", "澄岚市应急管理局", "city", CITY, "微信公众号", 36000, 6, None),
    ("st", "澄岚生态环境", "澄岚市生态环境局", "city", CITY, "微信公众号", 21000, 30,
     ("rectify", None, ["account-stale-14d"])),
    ("sj", "澄岚市场监管", "澄岚市市场监督管理局", "city", CITY, "微信公众号", 44000, 7, None),
    ("zj", "澄岚住建", "澄岚市住房和城乡建设局", "city", CITY, "微信公众号", 18000, 130,
     ("shutdown", None, ["account-stale-14d", "zombie-account"])),
    ("jt", "澄岚交通发布", "澄岚市交通运输局", "city", CITY, "新浪微博", 56000, 2, None),
    ("wm", "澄岚文明实践", "澄岚市精神文明建设办公室", "city", CITY, "微信公众号", 67000, 1,
     ("rectify", None, ["assess-by-engagement"])),
    ("tjr", "澄岚退役军人", "澄岚市退役军人事务局", "city", CITY, "微信公众号", 15000, 8, None),
    ("qx", "澄岚天气", "澄岚市气象局", "city", CITY, "新浪微博", 88000, 0, None),
    ("rm", "澄岚融媒", "澄岚市融媒体中心", "city", CITY, "抖音", 620000, 0, None),
    ("sf", "澄岚司法", "澄岚市司法局", "city", CITY, "今日头条", 9000, 60,
     ("rectify", None, ["account-stale-14d"])),
    ("sjj", "澄岚数据", "澄岚市数据局", "city", CITY, "微信公众号", 12000, 9, None),
    ("tj", "澄岚统计", "澄岚市统计局", "city", CITY, "微信公众号", 7000, 4, None),
    ("xf", "澄岚消防", "澄岚市消防救援支队", "city", CITY, "抖音", 330000, 0, None),
    ("gh", "澄岚工人", "澄岚市总工会", "city", CITY, "微信公众号", 26000, 5, None),
    ("tw", "青春澄岚", "共青团澄岚市委员会", "city", CITY, "新浪微博", 54000, 2, None),
    ("jc", "澄岚检察", "澄岚市人民检察院", "city", CITY, "微信公众号", 52000, 2, None),
    ("fy", "澄岚法院", "澄岚市中级人民法院", "city", CITY, "新浪微博", 97000, 1, None),
    ("pfb", "岚江发布", "岚江省人民政府新闻办公室", "province", PROV, "微信公众号", 1800000, 0, None),
    ("pwx", "岚江网信", "岚江省网信办", "province", PROV, "新浪微博", 410000, 1, None),
    ("psw", "岚江税务", "国家税务总局岚江省税务局", "province", PROV, "微信公众号", 1200000, 1, None),
    ("pjt", "岚江交通", "岚江省交通运输厅", "province", PROV, "今日头条", 150000, 3, None),
    # 云栖县
    ("yq1", "云栖发布", "云栖县融媒体中心", "county", "云栖县", "微信公众号", 76000, 0,
     ("rectify", None, ["assess-by-engagement"])),
    ("yq2", "云栖应急", "云栖县应急管理局", "county", "云栖县", "抖音", 12000, 3, None),
    ("yq3", "云栖教育", "云栖县教育局", "county", "云栖县", "微信公众号", 33000, 5, None),
    ("yq4", "云栖卫健", "云栖县卫生健康局", "county", "云栖县", "微信公众号", 21000, 2, None),
    ("yq5", "云栖农业农村", "云栖县农业农村局", "county", "云栖县", "今日头条", 3200, 210,
     ("shutdown", None, ["account-stale-14d", "zombie-account"])),
    ("yq6", "云栖文旅", "云栖县文化和旅游局", "county", "云栖县", "抖音", 45000, 1, None),
    ("yq7", "云栖市场监管", "云栖县市场监督管理局", "county", "云栖县", "微信公众号", 5100, 50,
     ("rectify", None, ["account-stale-14d"])),
    ("yq8", "雾溪发布", "云栖县雾溪镇人民政府", "township", "云栖县雾溪镇", "微信公众号", 4100, 6, None),
    ("yq9", "云栖司法", "云栖县司法局", "county", "云栖县", "微信公众号", 2900, 400,
     ("shutdown", None, ["account-stale-14d", "zombie-account"])),
    ("yq10", "云栖人社", "云栖县人力资源和社会保障局", "county", "云栖县", "微信公众号", 9800, 4, None),
    ("yq11", "云栖职工", "云栖县总工会", "county", "云栖县", "微信公众号", 3900, 5, None),
    ("yq12", "栖云街道发布", "云栖县栖云街道办事处", "township", "云栖县栖云街道", "微信公众号", 4800, 2, None),
    # 望澜区
    ("wl1", "望澜发布", "望澜区融媒体中心", "county", "望澜区", "微信公众号", 98000, 0, None),
    ("wl2", "望澜视界", "望澜区融媒体中心", "county", "望澜区", "抖音", 130000, 1, None),
    ("wl3", "望澜市容", "望澜区城市管理局", "county", "望澜区", "微信公众号", 8800, 2, None),
    ("wl4", "望澜教育", "望澜区教育局", "county", "望澜区", "微信公众号", 41000, 3, None),
    ("wl5", "望澜民政", "望澜区民政局", "county", "望澜区", "微信视频号", 6700, 40,
     ("rectify", None, ["account-stale-14d"])),
    ("lh1", "澜湖发布", "望澜区澜湖街道办事处", "township", "望澜区澜湖街道", "微信公众号", 11000, 2, None),
    ("lh2", "澜湖社区服务", "望澜区澜湖街道办事处", "township", "望澜区澜湖街道", "微信公众号", 900, 160,
     ("shutdown", None, ["account-one-per-platform", "account-stale-14d", "zombie-account"])),
    ("wl6", "鹭汀街道发布", "望澜区鹭汀街道办事处", "township", "望澜区鹭汀街道", "微信公众号", 5200, 5, None),
    ("wl7", "望澜卫健", "望澜区卫生健康局", "county", "望澜区", "今日头条", 2400, 75,
     ("rectify", None, ["account-stale-14d"])),
    ("wl8", "望澜应急", "望澜区应急管理局", "county", "望澜区", "新浪微博", 4300, 9, None),
    ("wl9", "望澜发展", "望澜区发展和改革局", "county", "望澜区", "今日头条", 1100, 6, None),
    # 青枫县
    ("qf1", "青枫发布", "青枫县融媒体中心", "county", "青枫县", "微信公众号", 64000, 0, None),
    ("qf2", "青枫山水", "青枫县文化和旅游局", "county", "青枫县", "抖音", 83000, 1, None),
    ("qf3", "青枫旅游推介", "青枫县文化和旅游局", "county", "青枫县", "抖音", 7600, 4,
     ("merge", "qf2", ["account-one-per-platform"])),
    ("qf4", "青枫乡村游", "青枫县文化和旅游局", "county", "青枫县", "抖音", 2100, 35,
     ("merge", "qf2", ["account-one-per-platform", "account-stale-14d"])),
    ("qf5", "青枫教育", "青枫县教育局", "county", "青枫县", "微信公众号", 28000, 6, None),
    ("qf6", "青枫公安", "青枫县公安局", "county", "青枫县", "微信公众号", 47000, 1, None),
    ("qf7", "青枫应急", "青枫县应急管理局", "county", "青枫县", "今日头条", 1900, 300,
     ("shutdown", None, ["account-stale-14d", "zombie-account"])),
    ("qf8", "枫岚之声", "青枫县枫岚镇人民政府", "township", "青枫县枫岚镇", "微信公众号", 2300, 22,
     ("rectify", None, ["account-stale-14d"])),
    ("qf9", "青枫人社", "青枫县人力资源和社会保障局", "county", "青枫县", "微信公众号", 7800, 3, None),
    ("qf10", "青枫自然资源", "青枫县自然资源局", "county", "青枫县", "微信公众号", 1500, 130,
     ("shutdown", None, ["account-stale-14d", "zombie-account"])),
    ("qf11", "青枫女性", "青枫县妇女联合会", "county", "青枫县", "微信公众号", 8800, 3, None),
    # 白鹭县
    ("bl1", "白鹭发布", "白鹭县融媒体中心", "county", "白鹭县", "微信公众号", 71000, 0, None),
    ("bl2", "白鹭健康", "白鹭县卫生健康局", "county", "白鹭县", "微信公众号", 15000, 40,
     ("rectify", None, ["account-stale-14d"])),
    ("bl3", "白鹭卫健", "白鹭县卫生健康局", "county", "白鹭县", "微信公众号", 2000, 2,
     ("merge", "bl2", ["account-one-per-platform"])),
    ("bl4", "白鹭教育", "白鹭县教育局", "county", "白鹭县", "微信公众号", 30000, 2, None),
    ("bl5", "白鹭公安", "白鹭县公安局", "county", "白鹭县", "抖音", 56000, 1, None),
    ("bl6", "白鹭应急", "白鹭县应急管理局", "county", "白鹭县", "微信公众号", 6100, 7, None),
    ("bl7", "翠鹭发布", "白鹭县翠鹭镇人民政府", "township", "白鹭县翠鹭镇", "微信公众号", 3300, 4, None),
    ("bl8", "白鹭农业", "白鹭县农业农村局", "county", "白鹭县", "快手", 4400, 3, None),
    ("bl9", "白鹭市场监管", "白鹭县市场监督管理局", "county", "白鹭县", "新浪微博", 800, 10, None),
    ("bl10", "桃溪村务", "白鹭县翠鹭镇桃溪村村民委员会", "village", "白鹭县翠鹭镇桃溪村", "微信视频号", 600, 8, None),
    ("bl11", "白鹭助残", "白鹭县残疾人联合会", "county", "白鹭县", "微信公众号", 1700, 9, None),
]
for i, (key, name, owner, level, region, chan, fans, days, plan) in enumerate(ACCOUNTS):
    if plan and plan[1]:
        plan = (plan[0], ACC[plan[1]], plan[2])
    funcs = ACC_FUNCS[3] if chan in ("抖音", "快手", "微信视频号") else ACC_FUNCS[i % 3]
    assess = None
    if key == "wm":
        funcs, assess = ["信息发布", "阅读量排名", "点赞", "转发"], True
    elif i % 5 == 0:
        assess = False
    ACC[key] = add("account", name, owner, level, region, plan=plan, channel=chan,
                   type_label=ACC_TYPES[chan], users=fans, functions=funcs,
                   created=D(f"{2015 + i % 9}-{1 + i % 12:02d}-{1 + (i * 3) % 28:02d}"),
                   last_update=ago(days), assessment_linked=assess)

# ------------------------------------------------------------------ groups
GRP = {}
GROUP_TYPES = {"微信": "微信群", "钉钉": "钉钉群", "QQ": "QQ群", "企业微信": "企业微信群"}
GROUPS = [
    # key, name, owner, level, region, channel, members, created, matter, status, checkin, plan
    ("wuxi", "雾溪镇网格员工作群", "云栖县雾溪镇人民政府", "township", "云栖县雾溪镇", "微信", 46,
     "2023-02-10", "雾溪镇网格化服务管理日常工作", "进行中", "",
     ("rectify", None, ["group-24h-media", "group-forced-checkin"])),
    ("lanhu", "澜湖街道社区工作者群", "望澜区澜湖街道办事处", "township", "望澜区澜湖街道", "企业微信", 88,
     "2022-06-01", "澜湖街道社区事务协调", "进行中", "无",
     ("rectify", None, ["group-task-dumping"])),
    ("cuilu", "翠鹭镇入户走访工作群", "白鹭县翠鹭镇人民政府", "township", "白鹭县翠鹭镇", "微信", 63,
     "2026-10-08", "翠鹭镇冬季困难群众入户走访", "进行中", "",
     ("rectify", None, ["forced-trace-upload"])),
    ("qfsafe", "青枫县安全生产检查群", "青枫县应急管理局", "county", "青枫县", "钉钉", 112,
     "2026-10-20", "青枫县冬春季安全生产大检查", "进行中", "否",
     ("rectify", None, ["group-forced-checkin"])),
    ("cledu", "澄岚市教育系统信息员群", "澄岚市教育局", "city", CITY, "QQ", 240,
     "2019-09-01", "全市教育系统信息报送", "进行中", "",
     ("rectify", None, ["group-24h-media", "group-forced-checkin", "group-task-dumping"])),
    ("luting", "鹭汀街道机关工作群", "望澜区鹭汀街道办事处", "township", "望澜区鹭汀街道", "微信", 57,
     "2021-03-15", "鹭汀街道机关日常工作通知", "进行中", "不要求", None),
    ("forest", "云栖县护林员工作群", "云栖县林业局", "county", "云栖县", "微信", 134,
     "2024-01-05", "云栖县护林员日常巡护管理", "进行中", "护林员每天早上8点前接龙报平安",
     ("rectify", None, ["group-forced-checkin"])),
    ("wlgrid", "望澜区社区网格员群", "望澜区民政局", "county", "望澜区", "钉钉", 310,
     "2023-05-20", "望澜区社区网格员在岗管理", "进行中", "每日打卡上报在岗情况",
     ("rectify", None, ["group-forced-checkin"])),
    # finished matters
    ("f1", "澄岚市文明城市测评迎检工作群", "澄岚市精神文明建设办公室", "city", CITY, "微信", 280,
     "2025-05-06", "2025年全国文明城市测评迎检", "已完结", "",
     ("dissolve", None, ["group-not-dissolved"])),
    ("f2", "白鹭县高考考务保障群", "白鹭县教育局", "county", "白鹭县", "钉钉", 150,
     "2026-05-08", "普通高考考点考务保障（白鹭考区）", "已完结", "无",
     ("dissolve", None, ["group-not-dissolved"])),
    ("f3", "澄岚马拉松赛事保障群", "澄岚市体育局", "city", CITY, "微信", 190,
     "2024-10-15", "2024澄岚马拉松赛事保障", "已结束", "",
     ("dissolve", None, ["group-not-dissolved"])),
    ("f4", "望澜区春节返乡人员服务群", "望澜区卫生健康局", "county", "望澜区", "企业微信", 75,
     "2026-01-10", "2026年春节返乡人员健康服务", "已完结", "",
     ("dissolve", None, ["group-not-dissolved"])),
    ("f5", "云栖县冬季征兵体检工作群", "云栖县人民武装部", "county", "云栖县", "微信", 40,
     "2025-11-02", "2025年冬季征兵体检", "已完成", "否",
     ("dissolve", None, ["group-not-dissolved"])),
    ("f6", "青枫县学业水平考试工作群", "青枫县教育局", "county", "青枫县", "QQ", 95,
     "2026-04-20", "青枫县初中学业水平考试组织（6月已结束）", "", "",
     ("dissolve", None, ["group-not-dissolved"])),
    ("f7", "澄湖社区老旧小区改造一期群", "望澜区澜湖街道办事处", "township", "望澜区澜湖街道", "微信", 130,
     "2025-03-01", "澄湖社区老旧小区改造一期工程", "已完结", "每日接龙报施工进度",
     ("dissolve", None, ["group-forced-checkin", "group-not-dissolved"])),
    # duplicates: the same matter on several channels
    ("d1a", "云栖县防汛抗旱指挥群", "云栖县应急管理局", "county", "云栖县", "微信", 186,
     "2026-04-02", "云栖县2026年防汛抗旱", "进行中", "", None),
    ("d1b", "云栖防汛钉钉群", "云栖县应急管理局", "county", "云栖县", "钉钉", 120,
     "2026-05-10", "云栖县2026年防汛抗旱", "进行中", "", ("merge", "d1a", ["group-duplicate"])),
    ("d2a", "青枫县城乡居民医保征缴工作群", "青枫县医疗保障局", "county", "青枫县", "微信", 230,
     "2025-09-01", "青枫县2026年度城乡居民医保征缴", "进行中", "", None),
    ("d2b", "青枫医保征缴专班", "青枫县医疗保障局", "county", "青枫县", "钉钉", 140,
     "2025-10-15", "青枫县2026年度城乡居民医保征缴", "进行中", "无",
     ("merge", "d2a", ["group-duplicate"])),
    ("d3a", "望澜区燃气安全专项整治群", "望澜区住房和城乡建设局", "county", "望澜区", "钉钉", 95,
     "2026-03-01", "望澜区城镇燃气安全专项整治", "进行中", "", None),
    ("d3b", "望澜燃气整治微信群", "望澜区住房和城乡建设局", "county", "望澜区", "微信", 60,
     "2026-03-20", "望澜区城镇燃气安全专项整治", "进行中", "", ("merge", "d3a", ["group-duplicate"])),
    ("d4a", "白鹭县高标准农田建设推进群", "白鹭县农业农村局", "county", "白鹭县", "微信", 78,
     "2025-11-05", "高标准农田建设项目推进（白鹭片区）", "进行中", "", None),
    ("d4b", "白鹭高标准农田钉钉群", "白鹭县农业农村局", "county", "白鹭县", "钉钉", 52,
     "2026-01-12", "高标准农田建设项目推进（白鹭片区）", "进行中", "", ("merge", "d4a", ["group-duplicate"])),
    ("d5a", "白鹭县控辍保学工作群", "白鹭县教育局", "county", "白鹭县", "微信", 160,
     "2025-08-25", "秋季学期控辍保学动态监测", "进行中", "", None),
    ("d5b", "白鹭控辍保学钉钉群", "白鹭县教育局", "county", "白鹭县", "钉钉", 110,
     "2025-09-03", "秋季学期控辍保学动态监测", "进行中", "", ("merge", "d5a", ["group-duplicate"])),
    ("d5c", "白鹭县控辍保学QQ群", "白鹭县教育局", "county", "白鹭县", "QQ", 90,
     "2025-09-10", "秋季学期控辍保学动态监测", "进行中", "", ("merge", "d5a", ["group-duplicate"])),
    ("d6a", "澄岚市创建国家卫生城市工作群", "澄岚市爱国卫生运动委员会办公室", "city", CITY, "企业微信", 210,
     "2025-06-01", "澄岚市创建国家卫生城市", "进行中", "", None),
    ("d6b", "澄岚创卫钉钉群", "澄岚市爱国卫生运动委员会办公室", "city", CITY, "钉钉", 140,
     "2025-07-01", "澄岚市创建国家卫生城市", "进行中", "", ("merge", "d6a", ["group-duplicate"])),
]
CLEAN_GROUPS = [
    ("澄岚市政务数据共享协调群", "澄岚市数据局", "city", CITY, "政务数据共享目录协调"),
    ("澄岚市等保测评工作群", "澄岚市网信办", "city", CITY, "网络安全等级保护测评"),
    ("澄岚市养老机构安全群", "澄岚市民政局", "city", CITY, "养老机构消防与食品卫生管理"),
    ("澄岚市医保基金监管群", "澄岚市医疗保障局", "city", CITY, "医保基金飞行检查"),
    ("澄岚市流感疫苗接种群", "澄岚市卫生健康委员会", "city", CITY, "流感疫苗冬季接种推进"),
    ("澄岚市春运筹备群", "澄岚市交通运输局", "city", CITY, "2027年春运交通组织筹备"),
    ("澄岚市危化企业监测群", "澄岚市应急管理局", "city", CITY, "危险化学品企业风险监测"),
    ("澄岚市督察整改群", "澄岚市生态环境局", "city", CITY, "中央生态环保督察反馈问题整改"),
    ("澄岚市校园食品安全群", "澄岚市市场监督管理局", "city", CITY, "校园食品安全守护行动"),
    ("澄岚市根治欠薪工作群", "澄岚市人力资源和社会保障局", "city", CITY, "根治欠薪冬季专项行动"),
    ("澄岚市城市更新调度群", "澄岚市住房和城乡建设局", "city", CITY, "城市更新项目调度"),
    ("澄岚市国土空间规划群", "澄岚市自然资源和规划局", "city", CITY, "国土空间总体规划编制"),
    ("澄岚市经普资料开发群", "澄岚市统计局", "city", CITY, "经济普查资料开发"),
    ("澄岚市热线工单督办群", "澄岚市政务服务管理局", "city", CITY, "12345热线工单督办"),
    ("澄岚市年轻干部工作群", "中共澄岚市委组织部", "city", CITY, "年轻干部选育管用"),
    ("澄岚市直机关党建联络群", "中共澄岚市直属机关工作委员会", "city", CITY, "市直机关党建联络"),
    ("岚江省政务大数据体系群", "岚江省大数据发展管理局", "province", PROV, "省级政务大数据体系建设"),
    ("岚江省社会救助改革群", "岚江省民政厅", "province", PROV, "社会救助数字化改革"),
    ("岚江省新媒体规范化群", "岚江省网信办", "province", PROV, "政务新媒体规范化建设"),
    ("云栖县常务会议题群", "云栖县人民政府办公室", "county", "云栖县", "县政府常务会议议题征集"),
    ("云栖县松材线虫防治群", "云栖县林业局", "county", "云栖县", "松材线虫病防治"),
    ("云栖茶文化旅游节筹备群", "云栖县文化和旅游局", "county", "云栖县", "云栖茶文化旅游节筹备"),
    ("云栖县医共体建设群", "云栖县卫生健康局", "county", "云栖县", "县域医共体建设推进"),
    ("云栖县特种设备监管群", "云栖县市场监督管理局", "county", "云栖县", "电梯与锅炉定期检验"),
    ("云栖县优质均衡创建群", "云栖县教育局", "county", "云栖县", "义务教育优质均衡创建"),
    ("雾溪镇茶叶用工对接群", "云栖县雾溪镇人民政府", "township", "云栖县雾溪镇", "春茶采摘用工对接"),
    ("雾岭村人居环境群", "云栖县雾溪镇雾岭村村民委员会", "village", "云栖县雾溪镇雾岭村", "雾岭村人居环境整治"),
    ("栖云街道助餐点运营群", "云栖县栖云街道办事处", "township", "云栖县栖云街道", "老年助餐点运营"),
    ("云栖县小型水库度汛群", "云栖县水利局", "county", "云栖县", "小型水库安全运行管护"),
    ("望澜区重点项目推进群", "望澜区人民政府办公室", "county", "望澜区", "区级重点项目推进"),
    ("望澜区夜间经济管理群", "望澜区城市管理局", "county", "望澜区", "夜间经济街区管理"),
    ("望澜区集团化办学群", "望澜区教育局", "county", "望澜区", "集团化办学推进"),
    ("澄湖社区楼道清理群", "望澜区澜湖街道澄湖社区居民委员会", "village", "望澜区澜湖街道澄湖社区", "楼道堆物清理"),
    ("汀兰社区邻里节群", "望澜区鹭汀街道汀兰社区居民委员会", "village", "望澜区鹭汀街道汀兰社区", "汀兰社区邻里节活动"),
    ("望澜区社工体系建设群", "望澜区民政局", "county", "望澜区", "社区工作者职业体系建设"),
    ("望澜非遗市集群", "望澜区文化和旅游局", "county", "望澜区", "非遗市集筹办"),
    ("望澜区家医签约群", "望澜区卫生健康局", "county", "望澜区", "家庭医生签约服务提质"),
    ("青枫县营商环境群", "青枫县人民政府办公室", "county", "青枫县", "县域营商环境优化"),
    ("青枫县田长制工作群", "青枫县自然资源局", "county", "青枫县", "耕地保护田长制"),
    ("青枫县四好农村路群", "青枫县交通运输局", "county", "青枫县", "四好农村路建设"),
    ("青枫县返乡创业服务群", "青枫县人力资源和社会保障局", "county", "青枫县", "返乡创业服务"),
    ("青枫县反诈劝阻群", "青枫县公安局", "county", "青枫县", "电信网络诈骗劝阻"),
    ("枫岚镇民宿集群群", "青枫县枫岚镇人民政府", "township", "青枫县枫岚镇", "民宿集群培育"),
    ("岚坪乡蔬菜产销群", "青枫县岚坪乡人民政府", "township", "青枫县岚坪乡", "高山蔬菜产销对接"),
    ("枫林村合作社群", "青枫县枫岚镇枫林村村民委员会", "village", "青枫县枫岚镇枫林村", "村集体经济合作社经营"),
    ("白鹭县政务公开群", "白鹭县人民政府办公室", "county", "白鹭县", "政府信息主动公开"),
    ("白鹭县困境儿童关爱群", "白鹭县民政局", "county", "白鹭县", "困境儿童关爱保护"),
    ("白鹭县母婴安全群", "白鹭县卫生健康局", "county", "白鹭县", "母婴安全保障"),
    ("白鹭湖生态补水群", "白鹭县水利局", "county", "白鹭县", "白鹭湖生态补水"),
    ("白鹭观鸟季宣传群", "白鹭县文化和旅游局", "county", "白鹭县", "观鸟季宣传推广"),
    ("翠鹭镇柑橘产业联盟群", "白鹭县翠鹭镇人民政府", "township", "白鹭县翠鹭镇", "柑橘产业联盟"),
    ("栖鹭乡搬迁扶持群", "白鹭县栖鹭乡人民政府", "township", "白鹭县栖鹭乡", "易地搬迁后续扶持"),
    ("鹭鸣村红白理事会群", "白鹭县栖鹭乡鹭鸣村村民委员会", "village", "白鹭县栖鹭乡鹭鸣村", "红白理事会移风易俗"),
    ("桃溪村旅游接待群", "白鹭县翠鹭镇桃溪村村民委员会", "village", "白鹭县翠鹭镇桃溪村", "乡村旅游接待"),
]
_chans = ["微信", "钉钉", "企业微信", "微信", "QQ", "钉钉"]
_checkins = ["", "无", "不要求", "否", ""]
for i, (name, owner, level, region, matter) in enumerate(CLEAN_GROUPS):
    GROUPS.append((f"c{i}", name, owner, level, region, _chans[i % 6], 18 + (i * 37) % 260,
                   f"{2019 + i % 7}-{1 + (i * 5) % 12:02d}-{1 + (i * 11) % 28:02d}", matter,
                   ["进行中", "长期", "进行中", "常态化"][i % 4], _checkins[i % 5], None))
for i, (key, name, owner, level, region, chan, members, created, matter, status, checkin,
        plan) in enumerate(GROUPS):
    if plan and plan[1]:
        plan = (plan[0], GRP[plan[1]], plan[2])
    GRP[key] = add("group", name, owner, level, region, plan=plan, channel=chan,
                   type_label=GROUP_TYPES[chan], members=members, created=D(created),
                   last_active=ago(i % 6) if status not in ("已完结", "已结束", "已完成", "")
                   else ago(20 + i % 40),
                   matter=matter, matter_status=status, checkin=checkin)

# ------------------------------------------------------------------ forms
FRM = {}
FORMS = [
    # key, name, owner, level, region, data fields, matter, status, mandatory, plan
    ("y1", "云栖县困难群众基本情况统计表", "云栖县民政局", "county", "云栖县",
     ["低保户数", "特困供养人数", "残疾人数", "独居老人数"], "困难群众底数摸排", "进行中", None,
     ("merge", P_YBT, ["duplicate-data-entry"])),
    ("y2", "青枫县村（社区）人口基本情况表", "青枫县统计局", "county", "青枫县",
     ["常住人口数", "流动人口数", "出租房屋数", "留守儿童数"], "村社人口底数统计", "进行中", True,
     ("merge", P_YBT, ["duplicate-data-entry"])),
    ("y3", "白鹭县农业生产情况月报", "白鹭县农业农村局", "county", "白鹭县",
     ["耕地面积", "粮食播种面积", "农机总动力"], "农业生产月度统计", "进行中", None,
     ("merge", P_YBT, ["duplicate-data-entry"])),
    ("y4", "雾溪镇退役军人及适龄儿童摸底表", "云栖县雾溪镇人民政府", "township", "云栖县雾溪镇",
     ["退役军人数", "适龄儿童数", "常住人口数"], "镇村基础数据摸底", "进行中", None,
     ("merge", P_YBT, ["duplicate-data-entry"])),
    ("gas", "澄岚市城镇燃气安全排查汇总表", "澄岚市住房和城乡建设局", "city", CITY,
     ["燃气用户数", "瓶装液化气用户数", "燃气报警器安装数", "燃气隐患数", "隐患整改数",
      "燃气管道老化里程"], "城镇燃气安全专项排查", "进行中", None, None),
    ("gas2", "望澜区燃气安全隐患排查表", "望澜区住房和城乡建设局", "county", "望澜区",
     ["燃气用户数", "瓶装液化气用户数", "燃气隐患数", "隐患整改数"], "燃气隐患排查整治", "进行中",
     None, ("merge", "gas", ["duplicate-data-entry"])),
    ("gas3", "澄湖社区燃气入户排查表", "望澜区澜湖街道澄湖社区居民委员会", "village",
     "望澜区澜湖街道澄湖社区", ["燃气用户数", "燃气报警器安装数", "燃气隐患数"], "燃气入户排查",
     "进行中", None, ("merge", "gas", ["duplicate-data-entry"])),
    ("vet", "望澜区退役军人基本信息登记表", "望澜区退役军人事务局", "county", "望澜区",
     ["姓名", "身份证号", "入伍时间", "服役年限", "安置方式", "伤残等级", "退役军人证号", "优抚类别", "就业情况"],
     "退役军人信息建档", "长期", None, None),
    ("vet2", "望澜区退役军人信息采集表", "望澜区退役军人事务局", "county", "望澜区",
     ["姓名", "公民身份号码", "入伍时间", "服役年限", "退役军人证号"], "退役军人信息采集",
     "进行中", None, ("merge", "vet", ["duplicate-data-entry"])),
    ("sch", "澄岚市中小学校舍安全排查表", "澄岚市教育局", "city", CITY,
     ["学校名称", "校舍面积", "危房面积", "消防设施数", "监控覆盖率"], "校舍安全排查", "进行中",
     None, None),
    ("sch2", "青枫县校舍危房排查表", "青枫县教育局", "county", "青枫县",
     ["学校名称", "校舍面积", "危房面积"], "校舍危房排查", "进行中", None,
     ("merge", "sch", ["duplicate-data-entry"])),
    ("fin1", "澄岚市春运返乡人员登记表", "澄岚市交通运输局", "city", CITY,
     ["返乡日期", "出发地", "返乡交通方式"], "2026年春运返乡人员服务", "已完结", None,
     ("shutdown", None, [])),
    ("fin2", "云栖县秋粮收购进度日报", "云栖县发展和改革局", "county", "云栖县",
     ["秋粮收购量", "收购均价", "库容占用率"], "2025年秋粮收购", "已完结", None,
     ("shutdown", None, [])),
    ("tr1", "澄岚市文明城市点位巡查表", "澄岚市精神文明建设办公室", "city", CITY,
     ["点位名称", "问题类别", "现场照片", "整改时限"], "文明城市常态化点位巡查", "进行中", True,
     ("rectify", None, ["forced-trace-upload"])),
    ("tr2", "白鹭县防溺水巡查登记表", "白鹭县应急管理局", "county", "白鹭县",
     ["巡查水域", "巡查人员", "现场照片", "巡查轨迹"], "防溺水安全巡查", "进行中", True,
     ("rectify", None, ["forced-trace-upload"])),
    ("tr3", "澄岚市秸秆禁烧巡查记录表", "澄岚市农业农村局", "city", CITY,
     ["巡查区域", "火点数量", "巡查人"], "秋冬季秸秆禁烧", "进行中", False,
     ("rectify", None, ["forced-trace-upload"])),
    ("trap", "望澜区口袋公园意见征集表", "望澜区住房和城乡建设局", "county", "望澜区",
     ["建议地块", "建议设施", "现场照片"], "口袋公园建设意见征集", "进行中", False, None),
]
CLEAN_FORMS = [
    ("岚江省政务数据资源普查表", "岚江省大数据发展管理局", "province", PROV, ["数据资源名称", "数据量级", "更新频率", "共享属性"]),
    ("岚江省重点项目季度调度表", "岚江省发展和改革委员会", "province", PROV, ["项目名称", "年度投资计划", "完成投资", "形象进度"]),
    ("澄岚市规上工业企业用能月报", "澄岚市工业和信息化局", "city", CITY, ["综合能耗", "用电量", "工业增加值"]),
    ("澄岚市重点人群健康体检台账", "澄岚市卫生健康委员会", "city", CITY, ["体检机构", "体检项目数", "异常指标"]),
    ("澄岚市农民工工资支付监控表", "澄岚市人力资源和社会保障局", "city", CITY, ["在建项目", "农民工人数", "工资专户余额"]),
    ("澄岚市物业服务企业信用评价表", "澄岚市住房和城乡建设局", "city", CITY, ["物业企业", "在管面积", "信用得分"]),
    ("澄岚市政府投资项目审计台账", "澄岚市审计局", "city", CITY, ["审计项目", "审减金额", "整改进度"]),
    ("澄岚市中小学生近视筛查表", "澄岚市教育局", "city", CITY, ["筛查班级", "裸眼视力", "近视检出率"]),
    ("澄岚市公共文化场馆运行月报", "澄岚市文化广电旅游局", "city", CITY, ["接待人次", "开放天数", "活动场次"]),
    ("澄岚市消防重点单位检查表", "澄岚市消防救援支队", "city", CITY, ["重点单位", "消防通道", "灭火器数量"]),
    ("云栖县茶园面积统计表", "云栖县农业农村局", "county", "云栖县", ["茶园面积", "茶叶产量", "茶农户数"]),
    ("云栖县林下经济台账", "云栖县林业局", "county", "云栖县", ["林下种植面积", "林下养殖规模", "林下经济产值"]),
    ("云栖县控辍保学台账", "云栖县教育局", "county", "云栖县", ["失学辍学学生", "劝返情况", "送教上门次数"]),
    ("云栖县特种设备使用登记表", "云栖县市场监督管理局", "county", "云栖县", ["设备类别", "设备代码", "使用单位"]),
    ("望澜区老旧小区改造进度表", "望澜区住房和城乡建设局", "county", "望澜区", ["改造小区", "加装电梯数", "管网改造长度"]),
    ("望澜区夜间经济街区经营情况表", "望澜区商务局", "county", "望澜区", ["夜间营业商户", "夜间客流量", "夜间消费额"]),
    ("望澜区社区养老服务站运营台账", "望澜区民政局", "county", "望澜区", ["服务站名称", "助餐人次", "日间照料床位"]),
    ("青枫县森林防火物资储备表", "青枫县应急管理局", "county", "青枫县", ["风力灭火机", "防火水池", "物资储备点"]),
    ("青枫县农村公路养护台账", "青枫县交通运输局", "county", "青枫县", ["养护路段", "路面病害", "养护里程"]),
    ("青枫县返乡创业人员登记表", "青枫县人力资源和社会保障局", "county", "青枫县", ["创业项目", "带动就业人数", "创业补贴", "姓名", "联系电话"]),
    ("白鹭县柑橘产销情况表", "白鹭县农业农村局", "county", "白鹭县", ["柑橘种植面积", "柑橘产量", "销售均价"]),
    ("白鹭县湿地鸟类监测记录表", "白鹭县林业局", "county", "白鹭县", ["监测样点", "鸟类种类", "鸟类数量"]),
    ("白鹭县困境儿童关爱台账", "白鹭县民政局", "county", "白鹭县", ["困境类型", "监护情况", "关爱措施", "姓名", "身份证号码"]),
    ("雾溪镇茶叶采摘用工登记表", "云栖县雾溪镇人民政府", "township", "云栖县雾溪镇", ["采摘工人数", "用工茶园", "日工资"]),
    ("澜湖街道门前三包责任登记表", "望澜区澜湖街道办事处", "township", "望澜区澜湖街道", ["沿街商户", "责任区域", "责任人", "手机号"]),
    ("枫岚镇民宿经营户登记表", "青枫县枫岚镇人民政府", "township", "青枫县枫岚镇", ["民宿名称", "客房数", "床位数"]),
    ("翠鹭镇柑橘病虫害防控登记表", "白鹭县翠鹭镇人民政府", "township", "白鹭县翠鹭镇", ["防控面积", "防治药剂", "防治次数"]),
    ("雾岭村人居环境整治台账", "云栖县雾溪镇雾岭村村民委员会", "village", "云栖县雾溪镇雾岭村", ["整治点位", "清理垃圾量", "拆除违建面积"]),
    ("桃溪村乡村旅游接待登记表", "白鹭县翠鹭镇桃溪村村民委员会", "village", "白鹭县翠鹭镇桃溪村", ["接待游客数", "农家乐户数", "旅游收入"]),
    ("汀兰社区独居老人走访登记表", "望澜区鹭汀街道汀兰社区居民委员会", "village", "望澜区鹭汀街道汀兰社区", ["走访老人", "身体状况", "服务需求", "手机号码"]),
    ("鹭鸣村红白事报备登记表", "白鹭县栖鹭乡鹭鸣村村民委员会", "village", "白鹭县栖鹭乡鹭鸣村", ["事由类型", "宴席桌数", "办理日期"]),
    ("枫林村集体经济收支台账", "青枫县枫岚镇枫林村村民委员会", "village", "青枫县枫岚镇枫林村", ["经营收入", "发包收入", "投资收益"]),
]
for i, (name, owner, level, region, fields) in enumerate(CLEAN_FORMS):
    FORMS.append((f"c{i}", name, owner, level, region, fields,
                  name.replace("登记表", "").replace("台账", "").replace("表", "") + "填报",
                  ["进行中", "常态化", "长期"][i % 3], [None, False, None, False][i % 4], None))
for i, (key, name, owner, level, region, fields, matter, status, mandatory,
        plan) in enumerate(FORMS):
    if plan and plan[1] and plan[1] in FRM:
        plan = (plan[0], FRM[plan[1]], plan[2])
    FRM[key] = add("form", name, owner, level, region, plan=plan, data_fields=fields,
                   channel=["Excel", "Web", "Excel", "政务钉"][i % 4] if i % 4 != 3 else "Web",
                   matter=matter, matter_status=status, mandatory=mandatory,
                   created=D(f"{2022 + i % 4}-{1 + (i * 7) % 12:02d}-{1 + (i * 5) % 28:02d}"),
                   last_update=ago(2 + i % 20) if status not in ("已完结",) else ago(200 + i))

# pin creation dates where the merge target must be the earlier record
BY_ID[FRM["vet"]]["created"] = D("2024-03-01")
BY_ID[FRM["vet2"]]["created"] = D("2026-05-12")

# ------------------------------------------------------------------ 一表通 forms
# Forms of one issuing area that share a core of fields from several departments and
# cycles, none containing another (so the audit pairs none of them), for `fingertip
# forms` to consolidate into master forms (一表通). The same 关爱 core in 白鹭县 must
# make a group of its own, never one with 云栖县's; 雾溪镇 fills one form that 云栖县乡村振兴局
# issues (发文部门), so it belongs to 云栖县's group. 留守儿童数 and 低保户数 are held by the
# city's 一表通 platform (P_YBT), so they are filled back, not asked again.
CARE_CORE = ["留守老人数", "困境儿童数", "关爱走访次数", "结对帮扶人数"]
FIRE_CORE = ["护林员人数", "防火巡护次数", "火险隐患数", "防火宣传户数"]
TOWNS_Y = "云栖县各乡镇（街道）"
TOWNS_Q = "青枫县各乡镇"
TOWNS_B = "白鹭县各乡镇"
YBT_FORMS = [
    # key, name, owner, level, region, fields, cycle, fillers, issuer, master group.
    # Every member asks the whole core and four fields no other form asks, so no form is
    # more than half contained in another.
    ("yq1", "云栖县农村留守老人关爱服务月报", "云栖县民政局", "county", "云栖县",
     CARE_CORE + ["助餐服务人次", "居家上门服务次数", "养老服务站数", "留守儿童数"], "月报", TOWNS_Y,
     None, "care-y"),
    ("yq2", "云栖县困境儿童保障情况季报", "云栖县妇女联合会", "county", "云栖县",
     CARE_CORE + ["监护缺失儿童数", "心理辅导次数", "儿童之家数", "儿童主任人数"], "季报", TOWNS_Y,
     None, "care-y"),
    ("yq3", "云栖县特殊群体健康随访月报", "云栖县卫生健康局", "county", "云栖县",
     CARE_CORE + ["家庭医生签约数", "慢病随访人次", "上门巡诊次数", "健康档案建档数"], "月报", TOWNS_Y,
     None, "care-y"),
    ("yq4", "雾溪镇关爱帮扶工作台账", "云栖县雾溪镇人民政府", "township", "云栖县雾溪镇",
     CARE_CORE + ["帮扶资金额", "帮扶项目数", "帮扶责任人数", "低保户数"], "月报", None,
     "云栖县乡村振兴局", "care-y"),
    ("bq1", "白鹭县留守老人和困境儿童关爱台账", "白鹭县民政局", "county", "白鹭县",
     CARE_CORE + ["关爱活动场次", "日间照料人数", "探访志愿者数", "爱心餐桌数"], "季报", TOWNS_B,
     None, "care-b"),
    ("bq2", "白鹭县关爱服务对象花名册", "白鹭县妇女联合会", "county", "白鹭县",
     CARE_CORE + ["临时监护人数", "亲情视频次数", "春蕾助学人数", "妇女之家数"], "半年报", TOWNS_B,
     None, "care-b"),
    ("qf1", "青枫县森林防火工作周报", "青枫县林业局", "county", "青枫县",
     FIRE_CORE + ["瞭望塔数", "防火隔离带长度", "扑火队员数", "防火检查站数"], "周报", TOWNS_Q, None,
     "fire-q"),
    ("qf2", "青枫县野外用火管控情况表", "青枫县应急管理局", "county", "青枫县",
     FIRE_CORE + ["野外用火审批数", "违规用火查处数", "祭祀用火劝导数", "计划烧除面积"], "月报", TOWNS_Q,
     None, "fire-q"),
    ("qf3", "青枫县林区安全检查情况表", "青枫县自然资源局", "county", "青枫县",
     FIRE_CORE + ["林区企业数", "林区检查次数", "林区隐患整改数", "林区施工点数"], "季报", TOWNS_Q, None,
     "fire-q"),
    # shares two core fields only: stays on its own
    ("qf4", "青枫县护林员工资发放表", "青枫县林业局", "county", "青枫县",
     FIRE_CORE[:2] + ["护林员工资总额", "护林员社保缴纳人数"], "月报", TOWNS_Q, None, None),
]
YBT_MATTER = {"care-y": "留守老人和困境儿童关爱服务", "care-b": "留守老人和困境儿童关爱服务",
              "fire-q": "森林防火", None: "护林员工资发放"}
YBT_MASTER = {}
for i, (key, name, owner, level, region, fields, cycle, fillers, issuer,
        master) in enumerate(YBT_FORMS):
    FRM[key] = add("form", name, owner, level, region, plan=None, data_fields=fields,
                   channel=["Excel", "Web", "政务钉"][i % 3], matter=YBT_MATTER[master],
                   matter_status="进行中", mandatory=None,
                   created=D(f"{2024 + i % 2}-{1 + (i * 5) % 12:02d}-{1 + (i * 3) % 28:02d}"),
                   last_update=ago(3 + i), cycle=cycle, fillers=fillers, issuer=issuer)
    if master:
        YBT_MASTER.setdefault(master, []).append(FRM[key])
# Existing forms the consolidation groups too: 退役军人 records of one 望澜区 bureau.
YBT_MASTER["vet-w"] = [FRM["vet"], FRM["vet2"]]

# ------------------------------------------------------------------ documents
# Each document: path (relative to inventory/), text, the (platform id, rule) pairs it
# evidences, the ids it names (checked against every platform name and id), negated.
DOCS: list[dict] = []


def doc(path, text, evidence=(), names=(), negated=False):
    DOCS.append(dict(path=path, text=text.strip("\n") + "\n", evidence=list(evidence),
                     names=set(names), negated=negated))


def N(rid):
    return BY_ID[rid]["name"]


doc("documents/澄岚市关于加快推广使用澄岚基层通APP的通知.txt", f"""
中共澄岚市委社会工作部关于加快推广使用“{N(A_JCT)}”APP的通知
澄社工〔2026〕18号

各县（区）委社会工作部，市直有关单位：
为推进基层治理数字化，现就“{N(A_JCT)}”推广使用有关事项通知如下。
一、各县（区）要组织全体村（社区）干部、网格员于11月30日前完成下载注册，下载注册率须达到100%。
二、市委社会工作部每周通报各县（区）激活率排名，排名后三位的县（区）在全市推进会上作表态发言。
三、网格员须每日登录“{N(A_JCT)}”，连续三天未登录的，由所在县（区）督促整改。
四、各县（区）请指定一名联络员，于10月20日前将名单报市委社会工作部基层治理科。

中共澄岚市委社会工作部
2026年10月15日
""", evidence=[(A_JCT, "app-forced-download")], names=[A_JCT])

doc("documents/澄岚基层通推广使用情况通报.html", f"""
<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>关于“{N(A_JCT)}”推广使用情况的通报（第5期）</title></head>
<body>
<h1>关于“{N(A_JCT)}”推广使用情况的通报（第5期）</h1>
<p>截至2026年11月10日，各县（区）“{N(A_JCT)}”下载率、注册率、激活率排名如下：</p>
<table>
<tr><th>排名</th><th>县（区）</th><th>下载率</th><th>注册率</th><th>激活率</th></tr>
<tr><td>1</td><td>云栖县</td><td>98.2%</td><td>97.5%</td><td>91.0%</td></tr>
<tr><td>2</td><td>白鹭县</td><td>95.1%</td><td>93.0%</td><td>86.4%</td></tr>
<tr><td>3</td><td>青枫县</td><td>88.7%</td><td>85.2%</td><td>72.9%</td></tr>
<tr><td>4</td><td>望澜区</td><td>81.3%</td><td>80.6%</td><td>65.0%</td></tr>
</table>
<p>青枫县、望澜区激活率排名靠后，予以通报批评，请于11月25日前将提升安装激活率的整改措施报市委社会工作部。</p>
<p>中共澄岚市委社会工作部办公室 2026年11月12日</p>
</body>
</html>
""", evidence=[(A_JCT, "app-forced-download")], names=[A_JCT])

doc("documents/岚江省干部网络学习考核办法.md", f"""
# 岚江省干部网络学习考核办法（试行）

## 第一章 总则

第一条 为推动干部网络学习制度化，制定本办法。

## 第二章 学时要求

第六条 干部每年通过“{N(P_STUDY)}”完成网络学习不少于50学时，学习时长按月统计，纳入年度考核。

第七条 每季度公布各单位学习积分排名，排名后5%的单位予以通报，积分作为评优评先的计分依据。

## 第三章 附则

第十条 本办法由中共岚江省委组织部负责解释，自印发之日起施行。
""", evidence=[(P_STUDY, "assess-by-engagement"), (P_STUDY, "app-forced-checkin")],
    names=[P_STUDY])

doc("documents/云栖县宣传思想工作考核细则.md", f"""
# 云栖县2026年度宣传思想工作考核细则

一、考核对象：县直各单位、各乡镇（街道）。

二、网络宣传（20分）：各单位干部职工对“{N(ACC['yq1'])}”微信公众号推文的转发量、点赞量按月统计，作为年度宣传工作考核计分依据，每转发1篇计0.1分，每月阅读量排名前三的单位加1分。

三、新闻报送（10分）：按被县级以上媒体采用的稿件数计分。

四、严禁弄虚作假，经查实的取消本年度评先资格。
""", evidence=[(ACC["yq1"], "assess-by-engagement")], names=[ACC["yq1"]])

doc("documents/雾溪镇关于加强驻村帮扶工作管理的通知.txt", f"""
雾溪镇人民政府关于加强驻村帮扶工作管理的通知

各村党组织、各驻村工作队：
虽然上级明确规定不得强制要求打卡，但为确保帮扶工作落到实处，本镇仍要求全体驻村工作队员每日在“{N(A_VILLAGE)}”签到打卡，未打卡的按缺勤处理。
驻村工作队每月底前将帮扶台账报镇乡村振兴办。

云栖县雾溪镇人民政府
2026年9月28日
""", evidence=[(A_VILLAGE, "app-forced-checkin")], names=[A_VILLAGE])

doc("documents/望澜区城市管理局关于规范执法巡查工作的通知.txt", f"""
望澜区城市管理局关于规范执法巡查工作的通知

各执法中队：
一、执法队员每日须在“{N(A_ZHIFA)}”中上传执法记录仪视频和当日巡查轨迹。
二、每发现一处违建，须在系统内上传不少于3张现场照片。
三、各中队长每周五汇总本中队执法情况。

望澜区城市管理局
2026年10月9日
""", evidence=[(A_ZHIFA, "forced-trace-upload")], names=[A_ZHIFA])

doc("documents/望澜区融媒体中心宣传工作考核办法.html", f"""
<html><head><meta charset="utf-8"><title>望澜区宣传工作考核办法</title></head>
<body>
<h2>望澜区2026年宣传工作考核办法</h2>
<p>一、区直各单位干部在“{N(A_MEDIA)}”APP的点赞、转发情况按月排名，纳入部门年度绩效考核。</p>
<p>二、各单位全年在区级媒体发稿不少于12篇。</p>
<p>望澜区融媒体中心 2026年3月1日</p>
</body></html>
""", evidence=[(A_MEDIA, "assess-by-engagement")], names=[A_MEDIA])

doc("documents/澄岚市秋冬季秸秆禁烧工作通知.txt", f"""
澄岚市农业农村局关于做好秋冬季秸秆禁烧工作的通知

各县（区）农业农村局：
一、各乡镇要落实网格化巡查责任，做到早发现、早处置。
二、巡查人员填写《{N(FRM['tr3'])}》时，须附现场照片和GPS轨迹截图，每日18时前上传。
三、各县（区）每周一报送上周火点处置情况。

澄岚市农业农村局
2026年10月20日
""", evidence=[(FRM["tr3"], "forced-trace-upload")], names=[FRM["tr3"]])

# documents that only prohibit or report: they must never yield a flag
doc("documents/澄岚市关于规范政务应用程序使用切实减轻基层负担的通知.txt", f"""
澄岚市整治形式主义为基层减负专项工作机制办公室
关于规范政务应用程序使用切实减轻基层负担的通知

各县（区）、市直各单位：
一、“{N(A_ZWT)}”“{N(P_DING)}”等平台不得设置打卡签到、积分排名等强制性功能，不得要求基层干部每日打卡。
二、严禁强制要求下载安装政务应用程序，不得通报下载率、注册率、激活率排名。
三、取消以学习时长、点赞转发量为内容的积分排名，上述数据不作为考核依据。
四、工作中无需上传截图、现场照片证明工作留痕。
五、非工作时间不得要求工作群成员即时回复。

2026年6月3日
""", names=[A_ZWT, P_DING], negated=True)

doc("documents/望澜区政务新媒体管理考核细则（2026年修订）.md", f"""
# 望澜区政务新媒体管理考核细则（2026年修订）

第五条 不得将“{N(ACC['wl1'])}”等政务新媒体的阅读量、点赞量、转发量作为考核依据。

第六条 取消对各单位转发任务的积分排名，不再要求干部职工转发后上传截图。

第七条 本细则自2026年4月1日起施行，原细则同时废止。
""", names=[ACC["wl1"]], negated=True)

doc("documents/白鹭县关于规范工作群管理的通知.html", """
<html><head><meta charset="utf-8"><title>白鹭县关于规范工作群管理的通知</title></head>
<body>
<h3>白鹭县关于规范工作群管理的通知</h3>
<ol>
<li>严禁在非工作时间要求群成员即时回复。</li>
<li>不得要求群成员接龙、打卡或逐一回复“收到”。</li>
<li>同一事项不得在多个平台重复建群。</li>
<li>工作群不得用于索要系统中已有的数据和材料。</li>
</ol>
<p>中共白鹭县委办公室 2026年5月18日</p>
</body></html>
""", negated=True)

doc("documents/云栖县基层减负十不得清单.md", f"""
# 云栖县基层减负“十不得”清单

1. 不得要求网格员在“{N(A_GRID1)}”上每日打卡。
2. 严禁强制下载任何政务应用程序。
3. 无需上传工作照片、视频证明工作留痕。
4. 不得将在线时长、学习时长作为考核依据。
5. 不得在非工作时间要求即时回复。
""", names=[A_GRID1], negated=True)

stale = [ACC["zj"], ACC["st"], ACC["sf"]]
doc("documents/澄岚市网信办关于第三季度政务新媒体检查情况的通报.txt", f"""
澄岚市网信办关于2026年第三季度政务新媒体检查情况的通报

根据检查，全市政务新媒体总体运行平稳。检查发现以下问题：
一、“{N(stale[0])}”微信公众号最近一次发文为{BY_ID[stale[0]]['last_update'].isoformat()}。
二、“{N(stale[1])}”微信公众号最近一次发文为{BY_ID[stale[1]]['last_update'].isoformat()}。
三、“{N(stale[2])}”头条号最近一次发文为{BY_ID[stale[2]]['last_update'].isoformat()}。
请相关单位对照《政府网站与政务新媒体检查指标》自查整改。

澄岚市网信办
2026年11月18日
""", names=stale, negated=True)

# ---- chat exports, one folder per group
doc(f"documents/{GRP['wuxi']}/微信聊天记录.txt", f"""
微信群聊天记录
群名称：{N(GRP['wuxi'])}
导出时间：2026-11-19 09:12

2026-11-03 10:15 镇综治办王主任: 请各网格员本周内完成辖区出租房屋信息核对。
2026-11-03 21:47 张科长: 各位请于10分钟内回复收到
2026-11-03 21:49 李敏: 收到
2026-11-03 21:52 陈立: 收到
2026-11-07 23:10 张科长: 明天上午县里来检查，所有人30分钟内回复是否在岗
2026-11-08 07:05 张科长: 周日也不能松懈，请各网格员半小时内回复收到
2026-11-10 14:30 镇综治办王主任: 下周一上午九点在镇便民服务中心开例会。
""", evidence=[(GRP["wuxi"], "group-24h-media"), (GRP["wuxi"], "group-forced-checkin")])

doc(f"documents/{GRP['lanhu']}/企业微信聊天记录.txt", f"""
企业微信群聊天记录
群名称：{N(GRP['lanhu'])}

2026-11-04 09:20 街道办刘主任: 请各社区今天下班前报送《辖区重点人员情况统计表》，逾期通报。
2026-11-05 10:05 街道办刘主任: 附件是《冬季取暖安全排查台账》，各社区明天中午12点前交。
2026-11-05 10:30 澄湖社区小赵: 好的。
2026-11-06 15:40 街道办刘主任: 区里要《社区志愿者服务情况表》，请于今天17:30前报送电子版和纸质版。
""", evidence=[(GRP["lanhu"], "group-task-dumping")])

doc(f"documents/{GRP['cuilu']}/微信聊天记录.txt", f"""
2026-11-09 09:30 镇民政办周主任: 各村走访时请拍摄入户现场照片，连同定位截图当天上传到群里。
2026-11-09 11:02 李会计: 好的。
2026-11-12 10:18 镇民政办周主任: 请各位把镇里公众号今天的推文转发到朋友圈，并截图发群里。
2026-11-12 10:40 王书记: 已转。
""", evidence=[(GRP["cuilu"], "forced-trace-upload")])

doc(f"documents/{GRP['qfsafe']}/钉钉聊天记录.txt", f"""
钉钉群聊天记录
群名称：{N(GRP['qfsafe'])}
导出时间：2026-11-18 17:30
----------------------------------------
【2026-11-10 08:40】县应急局吴科长：
请各乡镇安监员每天上午9点前在群里接龙，写明当日检查企业数。
【2026-11-10 08:52】枫岚镇安监站刘强：
1. 枫岚镇 3家
【2026-11-11 08:35】县应急局吴科长：
今天的接龙还有4个乡镇没报，请抓紧。
【2026-11-13 14:20】县应急局吴科长：
周五下午召开检查情况通报会，请各乡镇分管领导参加。
""", evidence=[(GRP["qfsafe"], "group-forced-checkin")])

doc(f"documents/{GRP['cledu']}/QQ聊天记录.txt", f"""
消息记录（此消息记录为文本格式，不支持重新导入）

================================================================
消息分组:我的QQ群
================================================================
消息对象:{N(GRP['cledu'])}
================================================================

2026-11-05 20:31:05 市教育局办公室(10086123)
各校信息员注意：请在30分钟内回复收到。

2026-11-05 20:40:44 实验小学王老师(22334455)
收到

2026-11-08 22:15:37 市教育局办公室(10086123)
周日紧急通知，请各校信息员15分钟内回复收到

2026-11-10 10:12:09 市教育局办公室(10086123)
请各校明天上午10点前报送《冬季校园安全自查表》。

2026-11-12 09:48:51 市教育局办公室(10086123)
请各校本周五下班前报送《寒假课后服务需求统计表》。
""", evidence=[(GRP["cledu"], "group-24h-media"), (GRP["cledu"], "group-forced-checkin"),
               (GRP["cledu"], "group-task-dumping")])

doc(f"documents/{GRP['luting']}/微信聊天记录.txt", f"""
2026-11-02 09:05 街道党工委办公室: 按照区委关于为基层减负的通知要求，今后本群不再要求大家回复“收到”，不再搞接龙打卡，非工作时间原则上不要发布工作信息。
2026-11-02 09:10 街道党工委办公室: 工作信息请通过正式渠道报送，无需在群里上传截图或现场照片。
2026-11-04 10:30 街道办综合科: 本周四下午三点在三楼会议室召开安全生产例会，请相关科室负责人参加。
2026-11-11 15:20 街道办综合科: 例会纪要已发至各科室邮箱。
""", negated=True)

# ------------------------------------------------------------------ the checker
FAMILY = {"app", "mini_program", "platform"}
LEVELS = ["national", "province", "city", "county", "township", "village"]
KIND_RANK = {"platform": 0, "app": 1, "mini_program": 2}
UNIFIED = ["一网通办", "一网统管", "一网协同", "统一", "政务钉", "浙政钉", "一表通", "综合平台"]


def is_unified(r):
    texts = [r["name"], r.get("description") or "", r.get("notes") or ""]
    return any(m in t for t in texts for m in UNIFIED)


def rank_key(r):
    return (LEVELS.index(r["level"]), not is_unified(r), KIND_RANK.get(r["kind"], 3),
            -(r.get("monthly_active") or 0), -(r.get("users") or 0),
            r.get("created") or dt.date.max, r["id"])


def tagsets(r, canonical=True):
    f = {canon(t) if canonical else t.strip() for t in r["functions"]}
    d = {canon(t) if canonical else t.strip() for t in r["data_fields"]}
    return f, d


def idf_table(pop, canonical, variant):
    n = len(pop)
    df = Counter()
    for r in pop:
        f, d = tagsets(r, canonical)
        df.update({"f:" + t for t in f} | {"d:" + t for t in d})
    out = {}
    for t, k in df.items():
        if variant == 1:
            out[t] = math.log(n / k)
        elif variant == 2:
            out[t] = math.log(1 + n / k)
        else:
            out[t] = math.log((n + 1) / (k + 1)) + 1
    return out, df, n


def wsum(tags, w):
    return sum(w.get(t, 0.0) for t in tags)


def sim_measures(a, b, w, canonical, split):
    fa, da = tagsets(a, canonical)
    fb, db = tagsets(b, canonical)
    A = ({"f:" + t for t in fa}, {"d:" + t for t in da})
    B = ({"f:" + t for t in fb}, {"d:" + t for t in db})

    def one(x, y):
        inter, union = wsum(x & y, w), wsum(x | y, w)
        j = inter / union if union else 0.0
        cx = inter / wsum(x, w) if wsum(x, w) else 0.0
        cy = inter / wsum(y, w) if wsum(y, w) else 0.0
        return j, cx, cy

    if split:
        parts = [one(A[0], B[0]), one(A[1], B[1])]
        return tuple(0.5 * parts[0][i] + 0.5 * parts[1][i] for i in range(3))
    return one(A[0] | A[1], B[0] | B[1])


def shared_specific(a, b, df, n, canonical):
    fa, da = tagsets(a, canonical)
    fb, db = tagsets(b, canonical)
    shared = {"f:" + t for t in fa & fb} | {"d:" + t for t in da & db}
    return sum(1 for t in shared if df[t] / n < 0.2)


def family_pairs(recs, canonical, variant, split, scope, sim_t, cont_t):
    pop = recs if scope == "family" else RECORDS
    w, df, n = idf_table(pop, canonical, variant)
    pairs = {}
    for i, a in enumerate(recs):
        for b in recs[i + 1:]:
            j, ca, cb = sim_measures(a, b, w, canonical, split)
            spec = shared_specific(a, b, df, n, canonical)
            if j >= sim_t or (max(ca, cb) >= cont_t and spec >= 3):
                pairs[(a["id"], b["id"])] = (j, ca, cb)
    return pairs


def star_clusters(recs, pairs):
    """Components of the pair graph, each checked to be a star around its best node."""
    adj = defaultdict(set)
    for a, b in pairs:
        adj[a].add(b)
        adj[b].add(a)
    seen, into = set(), {}
    for r in sorted(recs, key=rank_key):
        if r["id"] in seen or r["id"] not in adj:
            continue
        comp, stack = set(), [r["id"]]
        while stack:
            x = stack.pop()
            if x not in comp:
                comp.add(x)
                stack.extend(adj[x])
        seen |= comp
        target = min(comp, key=lambda x: rank_key(BY_ID[x]))
        for m in comp - {target}:
            assert m in adj[target], f"cluster {sorted(comp)} is not a star around {target}"
            into[m] = target
    return into


def days(d):
    return (AS_OF - d).days


def demands_checkin(text):
    t = (text or "").strip()
    return bool(t) and t not in ("无", "否", "不要求", "N", "×") and not t.startswith("不")


def audit():
    """Recomputes flags and actions from the records and documents, per AUDIT_POLICY.md."""
    flags = defaultdict(set)
    doc_rules = defaultdict(set)
    for d in DOCS:
        for rid, rule in d["evidence"]:
            doc_rules[rid].add(rule)
    fam = [r for r in RECORDS if r["kind"] in FAMILY]

    # overlap in the app family: main variant decides, the others must agree
    main = family_pairs(fam, True, 1, False, "family", 0.5, 0.8)
    into = star_clusters(fam, main)
    for canonical in (True, False):
        for variant in (1, 2, 3):
            for split in (False, True):
                for scope in ("family", "all"):
                    weak = family_pairs(fam, canonical, variant, split, scope, 0.35, 0.6)
                    strong = family_pairs(fam, canonical, variant, split, scope, 0.55, 0.85)
                    for (a, b), m in weak.items():
                        same = into.get(a) == b or into.get(b) == a or (
                            a in into and into.get(a) == into.get(b))
                        assert same, f"unplanned overlap {a} {b} {m} in variant " \
                                     f"{canonical, variant, split, scope}"
                    for m, t in into.items():
                        key = (m, t) if (m, t) in strong else (t, m)
                        if key not in strong:
                            msg = f"planted pair {m}->{t} weak in {canonical, variant, split, scope}"
                            assert not canonical, msg
                            WARNINGS.append(msg)

    for r in fam:
        f, d = tagsets(r)
        rid, k = r["id"], r["kind"]
        forced = r.get("mandatory") is True or demands_checkin(r.get("checkin")) \
            or "app-forced-checkin" in doc_rules[rid]
        if f & COERCIVE and forced:
            flags[rid].add("app-forced-checkin")
        if k != "platform" and ("app-forced-download" in doc_rules[rid] or re.search(
                r"下载|安装率|注册率|激活率|每日登录", r.get("notes") or "")):
            flags[rid].add("app-forced-download")
        if (r.get("assessment_linked") is True and f & ENGAGEMENT) or \
                "assess-by-engagement" in doc_rules[rid]:
            flags[rid].add("assess-by-engagement")
        if k != "mini_program" and f & VEHICLE and r.get("assessment_linked") is True:
            flags[rid].add("app-as-assessment-vehicle")
        if (d & TRACE and r.get("mandatory") is True) or "forced-trace-upload" in doc_rules[rid]:
            flags[rid].add("forced-trace-upload")
        if k != "platform" and r["level"] in ("township", "village"):
            flags[rid].add("app-below-county")
        mau, users = r.get("monthly_active"), r.get("users")
        alive = max(x for x in (r.get("last_update"), r.get("last_active")) if x)
        if mau is not None and (mau < 100 or (users and mau < 0.01 * users)) and days(alive) >= 180:
            flags[rid].add("zombie-app")
        if k != "platform" and not r.get("filing_no") and r["created"] < D("2026-01-25"):
            flags[rid].add("app-unfiled")
        if rid in into:
            flags[rid].add("duplicate-app")
        if k != "platform" and f and not f & FEEDBACK:
            flags[rid].add("no-feedback-channel")

    accounts = [r for r in RECORDS if r["kind"] == "account"]
    by_unit = defaultdict(list)
    for r in accounts:
        by_unit[(r["owner"], r["channel"])].append(r)
        wechat = defaultdict(list)
    for r in accounts:  # a coarser channel grouping must give the same result
        wechat[(r["owner"], r["channel"][:2])].append(r)
    assert sorted(len(v) for v in by_unit.values()) == sorted(len(v) for v in wechat.values())
    acc_into = {}
    for rs in by_unit.values():
        if len(rs) > 1:
            primary = min(rs, key=lambda r: (-r["users"], r["created"], r["id"]))
            for r in rs:
                if r is not primary:
                    flags[r["id"]].add("account-one-per-platform")
                    acc_into[r["id"]] = primary["id"]
    for r in accounts:
        n = days(r["last_update"])
        # The two-week veto holds for every account past 14 days (graded 严重逾期 past
        # 30); past 90 days zombie-account also fires and its shutdown wins.
        if n > 14:
            flags[r["id"]].add("account-stale-14d")
        if n > 90:
            flags[r["id"]].add("zombie-account")
        if (r.get("assessment_linked") is True and set(r["functions"]) & ENGAGEMENT) or \
                "assess-by-engagement" in doc_rules[r["id"]]:
            flags[r["id"]].add("assess-by-engagement")

    groups = [r for r in RECORDS if r["kind"] == "group"]
    by_matter = defaultdict(list)
    for r in groups:
        by_matter[r["matter"]].append(r)
        assert not r["functions"] and not r["data_fields"]
        if demands_checkin(r.get("checkin")):
            flags[r["id"]].add("group-forced-checkin")
        for rule in doc_rules[r["id"]]:
            flags[r["id"]].add(rule)
        if r["matter_status"] in ("已完结", "已结束", "已完成") or "已结束" in r["matter"]:
            flags[r["id"]].add("group-not-dissolved")
    grp_into = {}
    for rs in by_matter.values():
        if len(rs) > 1:
            target = min(rs, key=lambda r: (-r["members"], r["created"], r["id"]))
            for r in rs:
                if r is not target:
                    flags[r["id"]].add("group-duplicate")
                    grp_into[r["id"]] = target["id"]

    def bigrams(s):
        return {s[i:i + 2] for i in range(len(s) - 1)}
    for i, a in enumerate(groups):
        for b in groups[i + 1:]:
            if a["matter"] != b["matter"]:
                x, y = bigrams(a["matter"]), bigrams(b["matter"])
                jac = len(x & y) / len(x | y)
                assert jac < 0.3, f"matters too alike: {a['matter']} / {b['matter']} {jac:.2f}"

    forms = [r for r in RECORDS if r["kind"] == "form"]
    holders = forms + [r for r in RECORDS if r["kind"] == "platform"]
    form_into = {}
    for canonical in (True, False):
        for variant in (1, 2, 3):
            w, _, _ = idf_table(holders, canonical, variant)
            for a in forms:
                _, da = tagsets(a, canonical)
                da = {"d:" + t for t in da}
                best = []
                for b in holders:
                    if b is a or LEVELS.index(b["level"]) > LEVELS.index(a["level"]):
                        continue
                    _, db = tagsets(b, canonical)
                    c = wsum(da & {"d:" + t for t in db}, w) / wsum(da, w)
                    if c >= 0.6:
                        best.append((c, b))
                planned = a["plan"] and a["plan"][0] == "merge"
                if not planned:
                    assert not best, f"form {a['id']} contained in {[(c, b['id']) for c, b in best]}"
                    continue
                strong = [b for c, b in best if c >= 0.85]
                if canonical and variant == 1:
                    assert len(strong) == 1, (a["id"], [(c, b["id"]) for c, b in best])
                    form_into[a["id"]] = strong[0]["id"]
                elif [b["id"] for b in strong] != [a["plan"][1]]:
                    msg = f"form {a['id']} containment weak in {canonical, variant}"
                    assert not canonical, msg
                    WARNINGS.append(msg)
    for a in forms:
        if a["id"] in form_into:
            flags[a["id"]].add("duplicate-data-entry")
        _, d = tagsets(a)
        if (d & TRACE and a.get("mandatory") is True) or "forced-trace-upload" in doc_rules[a["id"]]:
            flags[a["id"]].add("forced-trace-upload")

    # actions, first matching row of AUDIT_POLICY.md §4
    coercive = {"app-forced-checkin", "app-forced-download", "assess-by-engagement",
                "app-as-assessment-vehicle", "forced-trace-upload", "app-unfiled",
                "app-commercial-use"}
    items = []
    for r in RECORDS:
        rid, k, fl = r["id"], r["kind"], flags[r["id"]]
        action, target = "keep", None
        if k == "group":
            if "group-not-dissolved" in fl:
                action = "dissolve"
            elif "group-duplicate" in fl:
                action, target = "merge", grp_into[rid]
            elif fl & {"group-forced-checkin", "group-24h-media", "group-task-dumping",
                       "forced-trace-upload"}:
                action = "rectify"
        elif k in FAMILY:
            if "zombie-app" in fl:
                action = "shutdown"
            elif "duplicate-app" in fl:
                action, target = "merge", into[rid]
            elif "app-below-county" in fl:
                action = "shutdown"
            elif fl & coercive:
                action = "rectify"
        elif k == "account":
            if "zombie-account" in fl:
                action = "shutdown"
            elif "account-one-per-platform" in fl:
                action, target = "merge", acc_into[rid]
            elif fl & {"account-stale-14d", "account-forced-promotion", "assess-by-engagement",
                       "account-commercial-ads"}:
                action = "rectify"
        elif k == "form":
            if "duplicate-data-entry" in fl:
                action, target = "merge", form_into[rid]
            elif r.get("matter_status") == "已完结":
                action = "shutdown"
            elif fl & {"forced-trace-upload", "repeat-data-request"}:
                action = "rectify"
        items.append({"id": rid, "action": action, "into": target, "flags": sorted(fl)})
    return items


WARNINGS: list[str] = []


def check_documents():
    """Every document names exactly the platforms it was written about."""
    for d in DOCS:
        text = d["text"]
        named = {r["id"] for r in RECORDS if r["name"] in text or r["id"] in text}
        folder = d["path"].split("/")[1]
        expected = set(d["names"]) | ({folder} if folder in BY_ID else set())
        assert named - {folder} == set(d["names"]), f"{d['path']} names {sorted(named)}, expected {sorted(expected)}"
        for rid, _ in d["evidence"]:
            assert rid in expected, (d["path"], rid)
        assert not (d["negated"] and d["evidence"])


def check(items):
    names = Counter(r["name"] for r in RECORDS)
    assert all(c == 1 for c in names.values()), [n for n, c in names.items() if c > 1]
    for r, it in zip(RECORDS, items):
        plan = r["plan"] or ("keep", None, [])
        got = (it["action"], it["into"], it["flags"])
        assert got == (plan[0], plan[1], sorted(plan[2])), f"{r['id']} {r['name']}: " \
                                                            f"computed {got}, planned {plan}"
        if it["into"]:
            t = BY_ID[it["into"]]
            fam = {"account": {"account"}, "group": {"group"}, "form": {"form", "platform"}}
            assert t["kind"] in fam.get(r["kind"], FAMILY), (r["id"], t["id"])
            assert it["action"] == "merge" and it["into"] != r["id"]
    assert len(RECORDS) >= 300, len(RECORDS)
    assert {r["kind"] for r in RECORDS} == set(PREFIX)
    assert {r["level"] for r in RECORDS} >= set(LEVELS[1:])
    assert len(DOCS) >= 15


# ------------------------------------------------------------------ writers
SEPS = ["、", "，", "；", "/", "|", "; ", "、", "，"]
TRUE_SPELL = ["是", "√", "Y", "是", "有"]
FALSE_SPELL = ["否", "×", "N", "否", "无"]


def n_of(r):
    return int(r["id"].split("-")[1])


def multi(r, tags, newline_ok=False):
    if not tags:
        return ""
    k = n_of(r) + len(tags)
    if newline_ok and k % 9 == 4:
        return "\n".join(tags)
    return SEPS[k % len(SEPS)].join(tags)


def boolean(r, value, salt=0):
    if value is None:
        return ""
    spellings = TRUE_SPELL if value else FALSE_SPELL
    return spellings[(n_of(r) + salt) % len(spellings)]


def date_text(r, d, salt=0, month_ok=False):
    if d is None:
        return ""
    k = (n_of(r) + salt) % 5
    if month_ok and k == 4 and d.year <= 2025:
        return f"{d.year}-{d.month:02d}"
    return [d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日",
            f"{d.year}.{d.month}.{d.day}", d.isoformat()][k]


def level_text(r, style):
    lv, region = r["level"], r["region"]
    if style == "xlsx":
        if lv == "county":
            return "区级" if region.endswith("区") else "县级"
        return {"province": "省级", "city": "市级", "township": "乡镇（街道）",
                "village": "村（社区）"}[lv]
    if lv == "county":
        return "区" if region.endswith("区") else "县"
    if lv == "township":
        return "街道" if region.endswith("街道") else ("乡" if region.endswith("乡") else "镇")
    if lv == "village":
        return "社区" if region.endswith("社区") else "村"
    return {"province": "省", "city": "市"}[lv]


def clean_notes(r):
    k = n_of(r)
    if r["plan"] or r.get("notes"):
        return r.get("notes") or ""
    return ["", "", "2025年完成适老化改造", "", "已完成等保三级测评", "", "数据来源：部门自报"][k % 7]


XLSX_COLUMNS = ["编号", "名称", "类型", "载体", "主管单位", "行业主管部门", "层级", "行政区划",
                "功能描述", "主要功能", "采集数据项", "注册用户数", "月活跃用户数", "上线时间",
                "最近更新", "最近活跃", "是否强制使用", "是否纳入考核", "打卡要求", "备案编号", "备注"]
KIND_LABELS = {"app": ["政务APP", "客户端"], "mini_program": ["微信小程序", "小程序"],
               "platform": ["工作平台", "网络工作平台", "系统"]}


def xlsx_row(r):
    def date_cell(d, salt):
        # about half of the dates are real Excel dates, the rest text in varied spellings
        if d is None:
            return None
        if (n_of(r) + salt) % 2 == 0:
            return d
        return date_text(r, d, salt, month_ok=(salt == 0 and bool(r.get("filing_no"))))
    labels = KIND_LABELS[r["kind"]]
    return [r["id"], r["name"], labels[n_of(r) % len(labels)], r["channel"], r["owner"],
            r.get("department") or "", level_text(r, "xlsx"), r["region"], r["description"],
            multi(r, r["functions"], True), multi(r, r["data_fields"], True),
            r["users"], r["monthly_active"], date_cell(r["created"], 0),
            date_cell(r["last_update"], 1), date_cell(r["last_active"], 2),
            boolean(r, r.get("mandatory")), boolean(r, r.get("assessment_linked"), 1),
            r.get("checkin") or "", r.get("filing_no") or "", clean_notes(r)]


def write_xlsx(path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    sheets = [("政务APP", "app", "澄岚市政务应用程序（APP）清理整合台账"),
              ("小程序", "mini_program", "澄岚市政务小程序清理整合台账"),
              ("工作平台", "platform", "澄岚市网络工作平台清理整合台账")]
    for title, kind, heading in sheets:
        ws = wb.create_sheet(title)
        cols = list(XLSX_COLUMNS)
        if kind == "platform":
            cols[0] = "编 号"  # header matching must ignore the space
        ws.append([f"{heading}（截至2026年11月）"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(cols))
        ws.cell(row=1, column=1).font = Font(bold=True, size=14)
        ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
        ws.append(cols)
        for c in ws[2]:
            c.font = Font(bold=True)
        for r in RECORDS:
            if r["kind"] == kind:
                ws.append(xlsx_row(r))
        for row in ws.iter_rows(min_row=3):
            for c in row:
                if isinstance(c.value, dt.date):
                    c.number_format = "yyyy-mm-dd"
        for i, width in enumerate([9, 26, 12, 10, 28, 16, 12, 16, 40, 48, 40], start=1):
            ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = width
    fixed = dt.datetime(2026, 11, 20, 9, 0, 0)
    wb.properties.creator = "澄岚市网信办"
    wb.properties.created = fixed
    wb.properties.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    # Re-pack with fixed timestamps so that regenerating gives identical bytes.
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-11-20T09:00:00Z", data)
                data = re.sub(rb"(<dcterms:created[^>]*>)[^<]*", rb"\g<1>2026-11-20T09:00:00Z", data)
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 20, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, data)


def write_groups(path):
    cols = ["编号", "群名称", "类型", "载体", "主管单位", "层级", "行政区划", "群成员数",
            "建群时间", "最近活跃", "关联事项", "事项状态", "打卡要求", "备注"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(cols)
    for r in RECORDS:
        if r["kind"] != "group":
            continue
        w.writerow([r["id"], r["name"], r["type_label"], r["channel"], r["owner"],
                    level_text(r, "csv"), r["region"], r["members"],
                    date_text(r, r["created"]), date_text(r, r["last_active"], 1),
                    r["matter"], r["matter_status"], r["checkin"], ""])
    path.write_bytes(out.getvalue().encode("gbk"))


# Real 台账 carry a few entry errors and columns nobody asked for; the sample keeps three
# on accounts whose verdict does not depend on them, so problems.json and every report's
# input-problem section show what a bureau will meet: an unknown column (联系人), a count
# that is a placeholder (待统计) and an impossible date (13月).
ENTRY_ERRORS = {"ACC-003": ("粉丝数", "待统计"), "ACC-007": ("开通时间", "2019年13月")}


def write_accounts(path):
    cols = ["编号", "账号名称", "类型", "载体", "主办单位", "层级", "行政区划", "粉丝数",
            "开通时间", "最近发文时间", "主要功能", "是否纳入考核", "备注", "联系人"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(cols)
    for n, r in enumerate(r for r in RECORDS if r["kind"] == "account"):
        row = [r["id"], r["name"], r["type_label"], r["channel"], r["owner"],
               level_text(r, "csv"), r["region"], r["users"],
               date_text(r, r["created"], 0, month_ok=True),
               date_text(r, r["last_update"], 2),
               multi(r, r["functions"]), boolean(r, r.get("assessment_linked")), "",
               "运维专员" + "甲乙丙丁戊己庚辛"[n % 8]]
        if r["id"] in ENTRY_ERRORS:
            column, value = ENTRY_ERRORS[r["id"]]
            row[cols.index(column)] = value
        w.writerow(row)
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


def write_forms(path):
    kinds = ["form", "报表", "填报任务", "台账"]
    lines = []
    for r in RECORDS:
        if r["kind"] != "form":
            continue
        k = n_of(r)
        mandatory = r.get("mandatory")
        if mandatory is not None and k % 2:
            mandatory = "是" if mandatory else "否"
        obj = {
            "id": r["id"], "name": r["name"], "kind": kinds[k % 4], "channel": r["channel"],
            "owner": r["owner"], "level": r["level"] if k % 3 else level_text(r, "csv"),
            "region": r["region"],
            "data_fields": r["data_fields"] if k % 3 else multi(r, r["data_fields"]),
            "matter": r["matter"], "matter_status": r["matter_status"],
            "mandatory": mandatory,
            "created": date_text(r, r["created"]) if k % 4 else r["created"].isoformat(),
            "last_update": r["last_update"].isoformat(),
        }
        # The 一表通 forms carry the columns real 报表 registers keep for it.
        for key, column in (("cycle", "填报频次"), ("fillers", "填报对象"), ("issuer", "发文部门")):
            if r.get(key):
                obj[column] = r[key]
        lines.append(json.dumps(obj, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


TOML = '''# 澄岚市（虚构）样例台账的审计设置。
# as_of 为审计基准日；命令行 --as-of 优先。
as_of = "2026-11-20"
# source 为本台账在登记库中的来源名称：每月换新文件夹时仍算同一来源。
source = "澄岚市政务平台台账"

# 以下阈值均为默认值，去掉注释即可按本地规定调整。

# [overlap]
# similarity = 0.5         # 加权 Jaccard 相似度下限
# containment = 0.8        # 加权包含度下限（小平台被大平台包含的比例）
# function_weight = 0.5    # 功能标签相对采集数据项的权重（0..1）
# containment_effort = 30  # 超过 5000 个平台的大类中查找“小平台被大平台包含”的工作量上限
#                          # （家族标签总数的倍数，从最轻的平台查起）；inf 为全部精确查找

# [rules]
# zombie_app_months = 6        # 多少个月无更新、无活跃视为“僵尸”应用
# zombie_app_mau_floor = 100   # 月活低于此数视为使用率低
# account_stale_days = 14      # 政务新媒体超过多少天未更新视为“不更新”（单项否决）
# zombie_account_days = 90     # 超过多少天未更新视为“僵尸”账号

# [recommend]
# deadline_days_high = 30      # 高严重度问题的整改期限（天）
# deadline_days_medium = 60
# deadline_days_low = 90

[burden]
# 基层负担测算系数。只计算干部的时间：账号按运维人员、工作群按群成员、报表按填报单位、
# 应用仅在“强制使用”时按被要求使用的干部计；粉丝、群众和注册公众用户一律不计。
# 每项后注明默认值的来源；“估计”表示本工具的保守假设，请按本地实测调整。
working_days_per_month = 22.0          # 国务院《全国年节及纪念日放假办法》下全年约250个工作日 ÷ 12 ≈ 21～22
checkin_minutes = 2.0                # 估计：打开应用或群、定位、回复一次
reply_message_minutes = 3.0          # 估计：阅读并回复一条限时回复、接龙消息
off_hours_multiplier = 2.0           # 估计：非工作时间的打扰按双倍计
chat_export_months = 1.0             # 样例 documents/ 中的聊天导出覆盖约一个月
trace_upload_minutes = 5.0           # 估计：拍照、录像或上传轨迹一次
forced_learning_minutes_per_day = 20.0  # 估计：每日强制学习、刷在线时长
forced_login_minutes = 2.0           # 估计：每日强制登录一次
assessment_vehicle_minutes = 60.0    # 估计：每月为线上考核、督查留痕整理材料
task_minutes = 30.0                  # 估计：在群里摊派的一份表格或材料
promotion_task_minutes = 3.0         # 估计：一次关注、转发、点赞并截图
form_field_minutes = 5.0             # 估计：收集、核对并录入一个统计数据项
form_submissions_per_month = 1.0     # 样例报表多为月报；周报、日报请调高
form_filling_units = 13.0              # 未登记“填报单位数”时：全国约3.9万个乡级区划÷约2,840个县级区划≈13（国家统计局行政区划统计），即一县的乡镇（街道）都要填
baseline_app_minutes = 20.0          # 估计：强制使用的应用每月登录、通知、更新
baseline_group_minutes = 30.0        # 估计：每月阅读工作群消息
account_posts_per_month = 22.0         # 国办发〔2018〕123号要求政务新媒体持续更新；按每个工作日一条估计
account_post_minutes = 30.0          # 估计：撰写、审核、发布一条信息
account_staff = 1.0                    # 未登记“运维人数”时：国办发〔2018〕123号要求明确专人负责，按1人计

[forms]
# 一表通（fingertip forms）：同一发文地区内共享核心指标的报表合并为一张总表。以下为默认值。
# min_core_fields = 3                 # 共享核心指标至少几项
# min_core_share = 0.4                # 核心指标至少占每张报表特有指标的比例
# field_minutes = 0.5                 # 填写一个数据项的分钟数
# form_overhead_minutes = 15.0        # 每次报送在数据项之外的分钟数（打开、核对、签字、盖章、报送）
# prefill_check_minutes = 0.1         # 核对一个回填数据项的分钟数
# default_submissions_per_month = 1.0 # 未写填报频次时每月报送次数

[divisions]
# 虚构的岚江省澄岚市不在国家统计局区划代码中：在此补充（与 data/divisions/sample_overlay.toml 相同），
# 报表的发文地区、申报单位的属地据此识别。代码 90… 未被占用；parent 为上级区划代码。
areas = [
  { code = "90", name = "岚江省", level = "province" },
  { code = "9001", name = "澄岚市", level = "city", parent = "90" },
  { code = "900102", name = "望澜区", level = "county", parent = "9001" },
  { code = "900121", name = "云栖县", level = "county", parent = "9001" },
  { code = "900122", name = "青枫县", level = "county", parent = "9001" },
  { code = "900123", name = "白鹭县", level = "county", parent = "9001" },
  { code = "900102001", name = "澜湖街道", level = "township", parent = "900102" },
  { code = "900102002", name = "鹭汀街道", level = "township", parent = "900102" },
  { code = "900121001", name = "栖云街道", level = "township", parent = "900121" },
  { code = "900121101", name = "雾溪镇", level = "township", parent = "900121" },
  { code = "900122101", name = "枫岚镇", level = "township", parent = "900122" },
  { code = "900122201", name = "岚坪乡", level = "township", parent = "900122" },
  { code = "900123101", name = "翠鹭镇", level = "township", parent = "900123" },
  { code = "900123201", name = "栖鹭乡", level = "township", parent = "900123" },
  { code = "900102001001", name = "澄湖社区", level = "village", parent = "900102001" },
  { code = "900102002001", name = "汀兰社区", level = "village", parent = "900102002" },
  { code = "900121101201", name = "雾岭村", level = "village", parent = "900121101" },
  { code = "900122101201", name = "枫林村", level = "village", parent = "900122101" },
  { code = "900123101201", name = "桃溪村", level = "village", parent = "900123101" },
  { code = "900123201201", name = "鹭鸣村", level = "village", parent = "900123201" },
]

# 以下为地方规则示例，当前版本尚未提供对应配置项，仅作说明：
# 工作时间 08:30–18:00（周一至周五），一个单位原则上只建一个工作群。
'''

README = '''# 澄岚市样例台账（虚构）

本目录是 fingertip 的样例输入：一个**虚构**的地级市“澄岚市”（隶属虚构的“岚江省”，
辖云栖县、望澜区、青枫县、白鹭县及其乡镇、街道、村、社区）的“指尖上的形式主义”清理台账。
所有地名、单位、人名、账号、电话和备案号均为编造，与任何真实地区和机构无关。

## 文件

| 文件 | 内容 |
|---|---|
| `应用与平台台账.xlsx` | 政务APP、小程序、工作平台三张工作表（首行为合并标题，第二行为表头） |
| `工作群清查登记表.csv` | 工作群，GBK（GB18030）编码 |
| `政务新媒体账号.csv` | 政务新媒体账号，UTF-8（带 BOM） |
| `报表填报任务.jsonl` | 报表与填报任务，每行一个 JSON 对象（英文键名） |
| `documents/` | 通知、考核办法、检查通报和工作群聊天记录导出；`documents/<编号>/` 下为该群的聊天记录 |
| `fingertip.toml` | 审计基准日 `as_of = "2026-11-20"`、可调阈值示例，以及 `[divisions]`：虚构区划的代码和上下级 |
| `expected.json` | 人工审核口径的标准答案：每条记录的处置建议、合并目标和命中规则，只含禁止性表述、不应触发任何规则的文件，以及 `forms`：一表通的拟设总表、各数据项的来源和整合前后的报表数、数据项数 |
| `proposals/` | `fingertip check` 的申报示例（可以新建、建议整合、不予新建各一份），手工编写，不由生成脚本改动 |

## 说明

- 共 {total} 条记录：{kinds}。
- 处置建议分布：{actions}。
- 台账中刻意包含跨县重复建设、被市级统一平台包含的县级应用、与APP重复的小程序、
  仅共享“登录、姓名、手机号”等通用标签而不应合并的应用、僵尸应用与账号、乡镇（村）自建应用、
  一个单位同一平台多个账号、专项任务结束未解散的工作群、同一事项多平台重复建群、重复填报的报表，
  以及通过字段和文件文本体现的强制打卡、下载率排名、截图留痕等问题。
- 一表通：云栖县民政、妇联、卫健和雾溪镇（由云栖县乡村振兴局下发）的四张关爱类报表共享同一组核心指标，
  青枫县林业、应急、自然资源的三张森林防火报表亦然，互不包含，由 `fingertip forms` 各合并为一张总表；
  白鹭县两张报表与云栖县共享同一核心，但发文地区不同，单独成组；青枫县护林员工资表只共享两项，保持单列。
- 数据由 `tools/gen_inventory.py` 生成（`python3 tools/gen_inventory.py`），请勿手工修改。
'''


def main():
    check_documents()
    items = audit()
    check(items)
    if OUT.exists():
        for p in OUT.iterdir():
            if p.name in ("sources.toml", "sources.example.toml"):
                continue  # owned by the crawler, never touched here
            if p.name == "proposals":
                continue  # example proposals for `fingertip check`, written by hand
            if p.is_dir():
                shutil.rmtree(p)
            else:
                p.unlink()
    OUT.mkdir(exist_ok=True)
    write_xlsx(OUT / "应用与平台台账.xlsx")
    write_groups(OUT / "工作群清查登记表.csv")
    write_accounts(OUT / "政务新媒体账号.csv")
    write_forms(OUT / "报表填报任务.jsonl")
    for d in DOCS:
        p = OUT / d["path"]
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(d["text"], encoding="utf-8")
    (OUT / "fingertip.toml").write_text(TOML, encoding="utf-8")
    expected = {
        "as_of": AS_OF.isoformat(),
        "items": sorted(items, key=lambda i: i["id"]),
        "negated_documents": sorted(d["path"] for d in DOCS if d["negated"]),
        "forms": forms_expected(),
    }
    (OUT / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    kinds = Counter(r["kind"] for r in RECORDS)
    actions = Counter(i["action"] for i in items)
    flags = Counter(f for i in items for f in i["flags"])
    kind_zh = {"app": "政务APP", "mini_program": "小程序", "platform": "工作平台",
               "account": "政务新媒体账号", "group": "工作群", "form": "报表"}
    action_zh = {"keep": "保留", "merge": "整合迁移", "shutdown": "关停注销", "dissolve": "解散",
                 "rectify": "整改"}
    (OUT / "README.md").write_text(README.format(
        total=len(RECORDS),
        kinds="、".join(f"{kind_zh[k]} {kinds[k]} 条" for k in PREFIX),
        actions="、".join(f"{action_zh[a]} {actions[a]} 条" for a in action_zh)),
        encoding="utf-8")
    verify_outputs()
    print(f"records: {len(RECORDS)}  documents: {len(DOCS)}")
    print("kinds:  ", dict(sorted(kinds.items())))
    print("levels: ", dict(Counter(r["level"] for r in RECORDS)))
    print("actions:", dict(sorted(actions.items())))
    print("flags:  ", dict(sorted(flags.items())))
    pairs = sorted({w.split(" weak")[0].split(" containment")[0] for w in WARNINGS})
    print("found only after synonym normalisation:", "; ".join(pairs))


# ------------------------------------------------------------------ 一表通 expectations
# An independent re-implementation of the consolidation rules of recommend/forms.rs
# (docs in that file): distinctive fields, groups inside one issuing area grown greedily
# while the shared core keeps ≥ 3 fields and ≥ 0.4 of every member's distinctive fields,
# sources that cover the area, the minutes formula. The planted groups (YBT_MASTER) must
# be exactly what it finds.
FORM_SUBMISSION = {"填报人", "填报日期", "审核人", "签名"}
FORM_CYCLES = [("半年报", 1 / 6), ("半月报", 2.0), ("每半年", 1 / 6), ("日报", 22.0), ("每日", 22.0),
               ("每天", 22.0), ("周报", 52 / 12), ("每周", 52 / 12), ("旬报", 3.0), ("月报", 1.0),
               ("每月", 1.0), ("按月", 1.0), ("季报", 1 / 3), ("每季", 1 / 3), ("年报", 1 / 12),
               ("每年", 1 / 12)]
FIELD_MINUTES, OVERHEAD_MINUTES, PREFILL_MINUTES = 0.5, 15.0, 0.1
LEVEL_RANK = {"province": 1, "city": 2, "county": 3, "township": 4, "village": 5}


def field_vocabulary():
    """Canonical data fields and the ubiquitous ones, from the shared taxonomy."""
    import tomllib
    data = tomllib.loads((ROOT / "data" / "taxonomy.toml").read_text(encoding="utf-8"))
    canon, ubiquitous = {}, set()
    for e in data["data_field"]:
        canon.setdefault(e["tag"], e["tag"])
        for syn in e.get("synonyms", []):
            canon.setdefault(syn, e["tag"])
        if "ubiquitous" in e.get("traits", []):
            ubiquitous.add(e["tag"])
    return canon, ubiquitous


def place_path(text):
    """The sample city's places a unit or region name runs through, from the province
    down, as a tuple (empty when none is named)."""
    import tomllib
    areas = tomllib.loads((ROOT / "data" / "divisions" / "sample_overlay.toml")
                          .read_text(encoding="utf-8"))["areas"]
    by_code = {a["code"]: a for a in areas}
    deepest = None
    for a in areas:
        if a["name"] in text and (deepest is None or len(a["code"]) > len(deepest["code"])):
            deepest = a
    path = []
    while deepest:
        path.append(deepest["code"])
        deepest = by_code.get(deepest.get("parent"))
    return tuple(reversed(path))


def forms_expected():
    canon, ubiquitous = field_vocabulary()
    forms = sorted((r for r in RECORDS if r["kind"] == "form"), key=lambda r: r["id"])
    fields = {r["id"]: {canon.get(f, f) for f in r["data_fields"]} for r in forms}
    distinct = {i: {f for f in fs if f not in ubiquitous} for i, fs in fields.items()}
    area = {r["id"]: place_path(r.get("issuer") or r["owner"]) or place_path(r["region"])
            for r in forms}
    holders = [(r, place_path(r["owner"]) or place_path(r["region"]),
                {canon.get(f, f) for f in r["data_fields"]})
               for r in sorted(RECORDS, key=lambda r: r["id"])
               if r["kind"] != "form" and r["data_fields"]]

    def covers(outer, inner):
        return bool(outer) and bool(inner) and inner[:len(outer)] == outer

    def holder(field, where):
        # The highest level, then a unified platform, then the smallest id.
        found = [(LEVEL_RANK[r["level"]], not is_unified(r), r["id"]) for r, at, fs in holders
                 if field in fs and covers(at, where)]
        return min(found)[-1] if found else None

    def holds(core, members):
        return len(core) >= 3 and all(len(core) >= 0.4 * len(distinct[m]) for m in members)

    groups = []
    for where in sorted({a for a in area.values() if a}):
        current = [([i], set(distinct[i])) for i in sorted(i for i in area if area[i] == where)]
        while True:
            best = None
            for a in range(len(current)):
                for b in range(a + 1, len(current)):
                    core = current[a][1] & current[b][1]
                    members = sorted(current[a][0] + current[b][0])
                    if not holds(core, members):
                        continue
                    rank = (len(core), len(members), [-ord(c) for c in "".join(members)])
                    if best is None or rank > best[0]:
                        best = (rank, a, b, members, core)
            if best is None:
                break
            _, a, b, members, core = best
            current[a] = (members, core)
            del current[b]
        groups += [(where, m) for m, _ in current if len(m) >= 2]
    groups.sort(key=lambda g: (g[0][-1], g[1][0]))
    planted = sorted(sorted(ids) for ids in YBT_MASTER.values())
    assert sorted(m for _, m in groups) == planted, (groups, planted)

    grouped = {i for _, m in groups for i in m}
    by_id = {r["id"]: r for r in forms}

    def subs(r):
        for text in (r.get("cycle") or "", r["name"]):
            for word, n in FORM_CYCLES:
                if word in text:
                    return n
        return 1.0

    def fillers(r):
        out = set()
        if r.get("issuer"):
            out.add(r["owner"])
        for part in re.split(r"[、，,；;/]", r.get("fillers") or ""):
            if part.strip():
                out.add(part.strip())
        return out

    out_groups, prefillable, saved_total = [], 0, 0.0
    for n, (where, members) in enumerate(groups, 1):
        asked = {}
        for m in members:
            for f in fields[m]:
                asked[f] = max(asked.get(f, 0.0), subs(by_id[m]))
        sources = {}
        for f in sorted(asked):
            src = None if f in FORM_SUBMISSION else holder(f, where)
            if src is None and f not in FORM_SUBMISSION and f not in ubiquitous:
                src = next((i for i in fields if i not in grouped and f in fields[i]
                            and covers(area[i], where)), None)
            sources[f] = src
        prefillable += sum(1 for v in sources.values() if v)
        master_subs = max(subs(by_id[m]) for m in members)
        before = sum(subs(by_id[m]) * (len(fields[m]) * FIELD_MINUTES + OVERHEAD_MINUTES)
                     for m in members)
        after = sum(s * (PREFILL_MINUTES if sources[f] else FIELD_MINUTES)
                    for f, s in asked.items()) + master_subs * OVERHEAD_MINUTES
        units = set().union(*(fillers(by_id[m]) for m in members))
        saved = max(before - after, 0.0) * max(len(units), 1)
        saved_total += saved
        out_groups.append({"id": f"MF-{n:03d}", "forms": members,
                           "fields": dict(sorted(sources.items())),
                           "saved_minutes_per_month": round(saved, 1)})
    for i in fields:
        if i not in grouped:
            prefillable += sum(1 for f in fields[i]
                               if f not in FORM_SUBMISSION and holder(f, area[i]))
    n_fields_after = (sum(len(g["fields"]) for g in out_groups)
                      + sum(len(fields[i]) for i in fields if i not in grouped))
    return {
        "summary": {
            "forms_before": len(forms),
            "forms_after": len(forms) - len(grouped) + len(groups),
            "fields_before": sum(len(v) for v in fields.values()),
            "fields_after": n_fields_after,
            "prefillable": prefillable,
            "saved_minutes_per_month": round(saved_total, 1),
        },
        "groups": out_groups,
    }


def verify_outputs():
    """Reads the written files back the way an importer would."""
    wb = openpyxl.load_workbook(OUT / "应用与平台台账.xlsx")
    ids = []
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        assert rows[1][1] == "名称", ws.title
        ids += [row[0] for row in rows[2:]]
    text = (OUT / "工作群清查登记表.csv").read_bytes().decode("gb18030")
    ids += [row["编号"] for row in csv.DictReader(io.StringIO(text))]
    try:
        (OUT / "工作群清查登记表.csv").read_bytes().decode("utf-8")
        raise AssertionError("the GBK file must not be valid UTF-8")
    except UnicodeDecodeError:
        pass
    raw = (OUT / "政务新媒体账号.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    ids += [row["编号"] for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))]
    for line in (OUT / "报表填报任务.jsonl").read_text(encoding="utf-8").splitlines():
        ids.append(json.loads(line)["id"])
    assert sorted(ids) == sorted(r["id"] for r in RECORDS), "a record is missing from the files"
    expected = json.loads((OUT / "expected.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in expected["items"]] == sorted(ids)
    for p in expected["negated_documents"]:
        assert (OUT / p).is_file(), p
    assert len([p for p in (OUT / "documents").rglob("*") if p.is_file()]) >= 15


if __name__ == "__main__":
    main()
