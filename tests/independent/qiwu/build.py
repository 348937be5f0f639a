"""Writes the 栖梧市 (fictional) registers and expected.json from the rows in build_*.py.

The rows were typed by hand as the offices would keep them; this script only lays them out
(XLSX title rows, footers, GBK encoding) and collects the auditor's verdict beside each row
into expected.json. Run: python3 build.py (needs openpyxl). Deterministic output.
"""
import csv
import datetime as dt
import io
import json
import pathlib
import re
import zipfile

import openpyxl
from openpyxl.styles import Alignment, Font

from build_accounts import ACCOUNTS, WEBSITES
from build_apps import APPS, PLATFORMS
from build_forms import FORMS
from build_groups import GROUPS

HERE = pathlib.Path(__file__).resolve().parent
AS_OF = "2026-11-20"
# Fixed workbook timestamps so rebuilding gives the same bytes.
FIXED = dt.datetime(2026, 11, 18, 9, 0, 0)

NEGATED = [
    "documents/QWQ-038/群聊天记录.txt",
    "documents/梧川区委组织部关于调整“梧川智慧党建”功能的通知.txt",
    "documents/栖梧市减负专班关于规范政务应用程序和工作群使用的通知.txt",
    "documents/栖梧市政务新媒体考核细则（2026年修订）.txt",
]

# Cells that state a prohibition or a removal (compliance, not a violation): no flag may cite them.
NEGATED_FIELDS = [
    {"id": "QWPT-001", "column": "备注", "text": "全市一体化基层治理平台；已取消积分排名"},
    {"id": "QWQ-004", "column": "备注", "text": "本群只发通知，不要求接龙回复"},
    {"id": "QWQ-045", "column": "备注", "text": "不要求在群内打卡或上传巡河照片"},
    {"id": "QWXM-025", "column": "备注", "text": "已关闭流量主，无商业广告"},
    {"id": "QWYY-005", "column": "备注", "text": "与岑垭县同一承建商模板；已取消积分排名和签到功能"},
]

# Rule ids of /work/shared/policy/rule_catalog.csv (copied so the build needs no outside file);
# anything else in a verdict is a finding category written in Chinese.
CATALOG = {
    "app-forced-checkin", "app-forced-download", "assess-by-engagement", "app-as-assessment-vehicle",
    "forced-trace-upload", "repeat-data-request", "app-commercial-use", "app-below-county",
    "grassroots-app-quota", "reporting-depth", "app-unfiled", "zombie-app", "duplicate-app",
    "no-feedback-channel", "account-one-per-platform", "account-stale-14d", "zombie-account",
    "account-no-interaction", "account-forced-promotion", "account-unregistered",
    "account-level-restriction", "account-commercial-ads", "group-forced-checkin", "group-24h-media",
    "group-task-dumping", "group-not-dissolved", "group-duplicate", "group-governance",
    "duplicate-data-entry", "assess-by-traces",
}

# A few real-world entry slips, applied to rows whose verdict they do not decide.
SLIPS = {
    ("QWXM-066", 6): "2018.9.31",      # impossible date in 开设时间
    ("QWXM-075", 2): "漱溪应急 ",      # trailing space in the name
    ("QWXM-077", 7): "约3千",          # fuzzy follower count
    ("QWXM-051", 3): "微信公众号 ",    # trailing space in the channel
}


# 主管单位 as the office filled it: only for subunits, 内设机构 and 工会 (blank for the bureaus themselves).
SUPERVISOR = {
    "QWXM-007": "栖梧市人力资源和社会保障局",
    "QWXM-029": "栖梧市司法局",
    "QWXM-034": "梧川区教育局",
    "QWXM-045": "青箬县自然资源局",
    "QWXM-046": "青箬县自然资源局",
    "QWXM-047": "青箬县自然资源局",
    "QWXM-048": "青箬县自然资源局",
    "QWXM-062": "岑垭县卫生健康局",
    "QWXM-063": "岑垭县卫生健康局",
    "QWXM-074": "漱溪县人力资源和社会保障局",
}


def sheet(ws, title, unit, header, rows, widths, footer, notes):
    n = len(header)
    ws.append([title] + [None] * (n - 1))
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.cell(1, 1).font = Font(bold=True, size=16)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.append([unit] + [None] * (n - 1))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    ws.append(header)
    for c in range(1, n + 1):
        ws.cell(3, c).font = Font(bold=True)
    for i, row in enumerate(rows, 1):
        ws.append([i] + list(row))
        r = ws.max_row
        for c, v in enumerate(row, 2):
            if isinstance(v, dt.datetime):
                ws.cell(r, c).number_format = "yyyy-mm-dd" if i % 3 else 'yyyy"年"m"月"d"日"'
    ws.append([None] * n)
    ws.append([footer] + [None] * (n - 1))
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=n)
    ws.append([notes] + [None] * (n - 1))
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=n)
    for i, w in enumerate(widths):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = w


def with_slips(rows):
    out = []
    for row in rows:
        row = list(row)
        for (rid, col), v in SLIPS.items():
            if row[0] == rid:
                row[col] = v
        out.append(row)
    return out


def save(wb, name):
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "栖梧市减负专班"
    buf = io.BytesIO()
    wb.save(buf)
    # Re-pack with fixed member timestamps so the bytes do not depend on when this ran.
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 19, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-11-19T09:00:00Z", data)
            dst.writestr(fixed, data)
    (HERE / name).write_bytes(out.getvalue())


def write_accounts():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "政务新媒体"
    header = ["序号", "编号", "所属区县", "账号名称", "平台类型", "主办单位", "主管单位", "运维单位", "开设时间", "粉丝数",
              "最近更新日期", "最近原创时间", "互动功能", "三季度检查结果", "备注"]
    rows = [r[:5] + [SUPERVISOR.get(r[0], "")] + r[5:-1] for r in with_slips(ACCOUNTS)]
    sheet(ws, "栖梧市政府系统政务新媒体台账（2026年第四季度）",
          "填报单位：栖梧市人民政府办公室（政务公开科）（盖章）            填报日期：2026年11月19日",
          header, rows, [6, 11, 9, 18, 11, 30, 24, 16, 12, 10, 13, 13, 14, 12, 40],
          "填表人：许岚        审核人：陈卫东        联系电话：0000-8123456",
          "注：1.最近更新日期、最近原创时间以2026年11月19日监测为准；2.粉丝数取各平台后台数据；3.三季度检查结果空白的为本季度未抽查。")
    ws2 = wb.create_sheet("政府网站")
    header2 = ["序号", "编号", "所属区县", "网站名称", "网址", "主办单位", "开办时间", "最近更新日期", "检查情况", "备注"]
    sheet(ws2, "栖梧市政府网站台账（2026年第四季度）",
          "填报单位：栖梧市人民政府办公室（政务公开科）（盖章）            填报日期：2026年11月19日",
          header2, [r[:-1] for r in WEBSITES], [6, 11, 9, 26, 34, 24, 12, 13, 10, 34],
          "填表人：许岚        审核人：陈卫东",
          "注：网站均已在全国政府网站信息报送系统登记。")
    save(wb, "栖梧市政务新媒体和政府网站台账.xlsx")


def write_apps():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "政务应用程序"
    header = ["序号", "编号", "应用名称", "类型", "主办单位", "主管单位", "层级", "所属区县", "主要功能", "面向对象",
              "上线时间", "最近更新", "注册用户数", "月活跃用户数", "是否强制使用", "是否纳入考核", "备案编号", "备注"]
    sheet(ws, "栖梧市政务应用程序（含小程序）台账",
          "填报单位：栖梧市数据局（盖章）            填报日期：2026年11月17日",
          header, [r[:-1] for r in APPS], [6, 11, 16, 11, 30, 24, 8, 9, 44, 16, 12, 12, 11, 11, 10, 10, 16, 40],
          "填表人：钟楠        审核人：罗志明        联系电话：0000-8234567",
          "注：1.类型填APP、微信小程序、支付宝小程序等；2.月活跃用户数取2026年10月数据；3.备案编号为国家网信办政务应用程序备案编号，未备案的填“未备案”。")
    ws2 = wb.create_sheet("工作平台")
    sheet(ws2, "栖梧市面向基层的工作平台台账",
          "填报单位：栖梧市数据局（盖章）            填报日期：2026年11月17日",
          header, [r[:-1] for r in PLATFORMS], [6, 11, 22, 11, 30, 24, 8, 9, 44, 22, 12, 12, 11, 11, 10, 10, 12, 40],
          "填表人：钟楠        审核人：罗志明",
          "注：本表填报面向基层干部使用的网页端、客户端工作系统。")
    save(wb, "栖梧市政务应用程序（含小程序）台账.xlsx")


def write_groups():
    header = ["序号", "编号", "群名称", "群类型", "建群单位", "群主", "群成员", "群人数", "建群用途", "群性质",
              "建群时间", "事项状态", "最近活跃", "备注"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for i, r in enumerate(GROUPS, 1):
        row = list(r[:-1])
        if row[0] == "QWQ-024":
            row[6] = "约30"      # typed as an estimate
        if row[0] == "QWQ-035":
            row[6] = ""          # left blank
        w.writerow([i] + row)
    (HERE / "栖梧市工作群清理台账.csv").write_bytes(buf.getvalue().encode("gbk"))


def write_forms():
    header = ["序号", "编号", "报表名称", "发文部门", "填报单位", "填报频次", "采集数据项", "报送方式", "是否纳入年度目录", "备注"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for i, r in enumerate(FORMS, 1):
        w.writerow([i] + list(r[:-1]))
    (HERE / "栖梧市基层报表清单.csv").write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))


TOWNS = {"鹤鸣镇": "梧川区", "箬溪镇": "青箬县", "白岩乡": "青箬县", "垭口镇": "岑垭县", "岑坪乡": "岑垭县",
         "溪口镇": "漱溪县", "鹊桥乡": "漱溪县"}
STREETS = {"玉带街道": "梧川区", "箬城街道": "青箬县"}
COUNTIES = ["梧川区", "青箬县", "岑垭县", "漱溪县"]


def territory(owner):
    """属地 as issue 16 defines it: the government of the owner's area at township level or above;
    a village's or community's item goes to its 乡镇人民政府 or 街道办事处."""
    for street, county in STREETS.items():
        if street in owner:
            return f"{county}{street}办事处"
    for town, county in TOWNS.items():
        if town in owner:
            return f"{county}{town}人民政府"
    for county in COUNTIES:
        if county in owner:
            return f"{county}人民政府"
    return "栖梧市人民政府"


def expected():
    items = []

    def add(rows, kind_of, name_col):
        for r in rows:
            action, into, flags, why = r[-1]
            item = {"id": r[0], "name": r[name_col].strip(), "kind": kind_of(r), "action": action,
                    "into": into, "flags": sorted(f for f in flags if f in CATALOG)}
            findings = sorted(f for f in flags if f not in CATALOG)
            if findings:
                item["findings"] = findings
            if action != "keep":
                item["why"] = why
            items.append(item)

    owner_of = {r[0]: r[4] for r in ACCOUNTS}
    owner_of.update({r[0]: r[4] for r in WEBSITES})
    owner_of.update({r[0]: r[3] for r in APPS + PLATFORMS + GROUPS})
    owner_of.update({r[0]: r[2] for r in FORMS})
    add(ACCOUNTS, lambda r: "account", 2)
    add(WEBSITES, lambda r: "website", 2)
    add(APPS, lambda r: "mini_program" if "小程序" in r[2] else "app", 1)
    add(PLATFORMS, lambda r: "platform", 1)
    add(GROUPS, lambda r: "group", 1)
    add(FORMS, lambda r: "form", 1)
    ids = {i["id"] for i in items}
    assert len(ids) == len(items), "duplicate id"
    for i in items:
        assert (i["action"] == "merge") == (i["into"] is not None), i["id"]
        assert i["into"] is None or i["into"] in ids, i["id"]
        assert i["action"] == "keep" or i["why"], i["id"]
        assert i["action"] != "keep" or not (i["flags"] or i.get("findings")), i["id"]
        assert all(not f.isascii() for f in i.get("findings", [])), i["id"]
    for d in NEGATED:
        assert (HERE / d).is_file(), d
    items.sort(key=lambda i: i["id"])
    for nf in NEGATED_FIELDS:
        assert next(i for i in items if i["id"] == nf["id"])["action"] == "keep", nf
    checks = {
        "territory": {i["id"]: territory(owner_of[i["id"]]) for i in items if i["action"] != "keep"},
        "merge_target_owners": {t: owner_of[t] for t in sorted({i["into"] for i in items if i["into"]})},
        "follower_accounts": sorted(r[0] for r in ACCOUNTS if r[7] not in ("", None)),
    }
    for t in checks["territory"].values():
        assert not any(t.endswith(x) for x in ("村人民政府", "社区人民政府", "街道人民政府")), t
    out = {"as_of": AS_OF, "items": items, "negated_documents": sorted(NEGATED),
           "negated_fields": NEGATED_FIELDS, "checks": checks}
    (HERE / "expected.json").write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return items


if __name__ == "__main__":
    write_accounts()
    write_apps()
    write_groups()
    write_forms()
    items = expected()
    from collections import Counter
    print(len(items), "items")
    c = Counter((i["kind"], i["action"]) for i in items)
    for k in sorted(c):
        print(k, c[k])
