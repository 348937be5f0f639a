#!/usr/bin/env python3
"""Writes the registers (inventory/) and expected.json of the part-A real-world cases.

Each case is typed from one published notice (see the case's SOURCE.md for the URL and
what the notice says). The registers are written the way the issuing office keeps them:
title rows, a 填报单位 row, the office's own headers and spellings, notes under the
table and a 填表人/审核人 footer. Run from the repository root:

    python3 tests/realworld/make_inventories.py

The committed files are the corpus; this script only makes them reproducible.
Needs openpyxl.
"""

import csv
import datetime as dt
import io
import json
import os

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)))


def case_dir(set_name, case_id):
    path = os.path.join(ROOT, set_name, case_id)
    os.makedirs(os.path.join(path, "inventory"), exist_ok=True)
    return path


def write_xlsx(path, sheet, title, unit_row, headers, rows, below=(), date_format=None):
    """A register sheet: merged title, 填报单位 row, header, rows, then notes and footer."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    width = len(headers)
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    if unit_row:
        ws.append([unit_row])
        r = ws.max_row
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    ws.append(headers)
    for row in rows:
        ws.append(list(row))
        r = ws.max_row
        for c, value in enumerate(row, start=1):
            if isinstance(value, (dt.date, dt.datetime)):
                ws.cell(row=r, column=c).number_format = date_format or "yyyy/m/d"
    for line in below:
        if line is None:
            ws.append([])
            continue
        ws.append([line])
        r = ws.max_row
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    wb.save(path)


def write_csv(path, lines, encoding):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for line in lines:
        w.writerow(line)
    with open(path, "wb") as f:
        f.write(buf.getvalue().encode(encoding))


def write_toml(path, as_of, source):
    with open(os.path.join(path, "inventory", "fingertip.toml"), "w", encoding="utf-8") as f:
        # The registry records the inventory under this source name (DESIGN.md section 5).
        f.write(f'as_of = "{as_of}"\nsource = "{source}"\n')


def write_expected(path, url, date, items):
    body = {"url": url, "date": date, "items": items}
    with open(os.path.join(path, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(body, f, ensure_ascii=False, indent=2)
        f.write("\n")


def item(name, action, why, findings, into=None):
    return {"name": name, "action": action, "into": into, "why": why, "findings": findings}


# ---------------------------------------------------------------------------------------
# Fujian, Sanming city, 2021 Q3.
def sanming():
    p = case_dir("cases", "fj-sanming-2021q3-xinmeiti")
    headers = ["序号", "所属县（市、区）", "政务新媒体名称", "载体", "主办单位", "开设时间",
               "运行状态", "最近更新日期", "备注"]
    rows = [
        [1, "三元区", "三元警方", "微信公众号", "三明市公安局三元分局", None, "正常运行", None,
         "9月检查发现推文出现严重表述不规范"],
        [2, "清流县", "冷泉小镇美丽李家", "微信公众号", "清流县李家乡人民政府", None, "已注销", None,
         "2020年11月已注销；9月检查发现未经申请备案私自重新上线"],
        [3, "清流县", "温泉小镇幸福嵩口", "微信公众号", "清流县嵩口镇人民政府", None, "已注销", None,
         "2020年11月已注销；9月检查发现未经申请备案私自重新上线"],
        [4, "市直", "水清三明", "微信公众号", None, None, "正常运行", None,
         "8月23日收到省政务新媒体监管平台内容监测工单，未按要求处理"],
    ]
    write_xlsx(
        os.path.join(p, "inventory", "三明市政务新媒体台账.xlsx"),
        "政务新媒体",
        "三明市政府系统政务新媒体台账（2021年第三季度检查）",
        "填报单位：三明市人民政府办公室（盖章）        填报日期：2021年9月18日",
        headers,
        rows,
        below=[None,
               "注：1.本表仅列本季度检查发现问题的账号，其余账号见全量台账；2.运行状态按全国政务新媒体信息报送系统填写。",
               "填表人：          审核人：          联系电话："],
    )
    write_toml(p, "2021-09-18", "三明市政务新媒体台账")
    write_expected(p, "http://www.sm.gov.cn/zw/ztzl/wzjs/jcqk/202109/t20210918_1707558.htm",
                   "2021-09-18", [
        item("三元警方", "rectify", "严重表述不规范", ["严重表述错误"]),
        item("冷泉小镇美丽李家", "shutdown", "已注销账号未经备案私自重新上线",
             ["注销后重新上线", "未备案开设"]),
        item("温泉小镇幸福嵩口", "shutdown", "已注销账号未经备案私自重新上线",
             ["注销后重新上线", "未备案开设"]),
        item("水清三明", "rectify", "未及时处理内容监测工单", ["监测工单未处理"]),
    ])


# ---------------------------------------------------------------------------------------
# Jiangsu, Lianyungang city, September 2023.
def lianyungang():
    p = case_dir("cases", "js-lianyungang-2023-09-xinmeiti")
    lines = [
        ["2023年9月全市政务新媒体检查问题账号台账", "", "", "", "", "", ""],
        ["序号", "账号名称", "平台", "所属地区", "检查发现问题", "问题类别", "整改时限"],
        ["1", "徐圩警方", "新浪微博", "徐圩新区", "未提供有效互动功能", "单项否决", "2023年10月17日"],
        ["2", "美连丨治污攻坚", "微信", "市直", "未提供有效互动功能", "单项否决", "2023年10月17日"],
        ["3", "连云港反邪", "新浪微博", "市直", "未提供有效互动功能", "单项否决", "2023年10月17日"],
        ["4", "连云港卫生监督", "微信", "市直", "内容更新不及时；功能无法使用", "扣分", "2023年10月17日"],
        ["5", "海州商务", "微信", "海州区", "内容更新不及时", "扣分", "2023年10月17日"],
        ["6", "连云港生态环境", "微信", "市直", "功能无法使用", "扣分", "2023年10月17日"],
        ["7", "连云港民政", "微信", "市直", "功能无法使用", "扣分", "2023年10月17日"],
        ["8", "连云港交警", "微信", "市直", "功能无法使用", "扣分", "2023年10月17日"],
        ["", "", "", "", "", "", ""],
        ["注：检查时间9月10日至9月28日，整改情况报市政府办公室政务公开处。", "", "", "", "", "", ""],
    ]
    write_csv(os.path.join(p, "inventory", "政务新媒体检查问题台账.csv"), lines, "gbk")
    write_toml(p, "2023-10-09", "连云港市政务新媒体检查台账")
    write_expected(p, "https://llqcyx.com/zglygzfmhwz/nrbz/content/5cf1be58-964f-462d-a963-0b4c44f5312f.html",
                   "2023-10-09", [
        item("徐圩警方", "rectify", "单项否决：未提供有效互动功能", ["无有效互动"]),
        item("美连丨治污攻坚", "rectify", "单项否决：未提供有效互动功能", ["无有效互动"]),
        item("连云港反邪", "rectify", "单项否决：未提供有效互动功能", ["无有效互动"]),
        item("连云港卫生监督", "rectify", "内容更新不及时、功能无法使用",
             ["内容更新不及时", "功能无法使用"]),
        item("海州商务", "rectify", "内容更新不及时", ["内容更新不及时"]),
        item("连云港生态环境", "rectify", "功能无法使用", ["功能无法使用"]),
        item("连云港民政", "rectify", "功能无法使用", ["功能无法使用"]),
        item("连云港交警", "rectify", "功能无法使用", ["功能无法使用"]),
    ])


# ---------------------------------------------------------------------------------------
# Henan, Shangqiu city, 2020 Q4.
def shangqiu():
    p = case_dir("cases", "ha-shangqiu-2020q4-xinmeiti")
    headers = ["序号", "县区", "新媒体名称", "类型", "是否备案", "检查情况", "备注"]
    unfiled = [
        ("虞城县", "畅通虞城"), ("虞城县", "虞城广播电视台"), ("虞城县", "虞城三五基层工作日"),
        ("睢阳区", "法治睢阳"), ("梁园区", "商丘市梁园区食品药品监督管理局"),
        ("梁园区", "商丘市梁园区卫生局"), ("柘城县", "柘城巡特警"), ("夏邑县", "夏邑消防"),
    ]
    stale_wx = [
        ("市直", "商丘大数据"), ("市直", "商丘市数字化城管中心"), ("市直", "商丘市不动产登记交易中心"),
        ("市直", "商丘市医保局"), ("市直", "商丘市退役军人事务局"), ("虞城县", "虞城民政"),
        ("宁陵县", "宁陵城管"),
    ]
    stale_wb = [("市直", "商丘市民政局官博"), ("宁陵县", "宁陵交警"), ("宁陵县", "宁陵县12345服务热线")]
    rows = []
    n = 0
    for region, name in unfiled:
        n += 1
        rows.append([n, region, name, "微信公众号", "否", "未进行填报登记", "检查中发现，瞒报漏报"])
    for region, name in stale_wx:
        n += 1
        rows.append([n, region, name, "微信公众号", "是", "长期内容不更新", ""])
    for region, name in stale_wb:
        n += 1
        rows.append([n, region, name, "微博", "是", "长期内容不更新", ""])
    rows.append(["合计", "", f"{n}个", "", "", "", ""])
    write_xlsx(
        os.path.join(p, "inventory", "2020年第四季度政务新媒体检查台账.xlsx"),
        "四季度检查",
        "商丘市2020年第四季度政务新媒体检查问题台账",
        "填报单位：商丘市人民政府办公室",
        headers,
        rows,
        below=["注：全市已备案正在运行政务新媒体149个，本季度检查149个，不合格29个，本表列出通报点名账号。",
               "填表人：              审核人：              2020年12月"],
    )
    write_toml(p, "2020-12-31", "商丘市政务新媒体检查台账")
    items = []
    for _, name in unfiled:
        items.append(item(name, "rectify", "未进行填报登记（瞒报漏报）", ["未备案开设"]))
    for _, name in stale_wx + stale_wb:
        items.append(item(name, "rectify", "长期内容不更新", ["超过两周未更新"]))
    write_expected(p, "https://shangqiu.gov.cn/ztzl/wgkzl/jggk/content_58570", "2020-12-31", items)


# ---------------------------------------------------------------------------------------
# Yunnan, Shizong county, 2022 Q2.
def shizong():
    p = case_dir("cases", "yn-shizong-2022q2-xinmeiti")
    headers = ["序号", "账号名称", "账号类型", "开办单位", "最后更新日期", "更新情况", "备注"]
    rows = [
        [1, "师宗文旅", "微信公众号", "师宗县文化和旅游局", None, "信息更新不及时", "二季度检查不合格"],
        [2, "师宗河长", "微信公众号", "师宗县河长制办公室", None, "信息更新不及时",
         "二季度检查不合格，连续多个季度更新不及时"],
    ]
    write_xlsx(
        os.path.join(p, "inventory", "师宗县政务新媒体台账.xlsx"),
        "Sheet1",
        "师宗县政府系统政务新媒体账号台账",
        "填报单位：师宗县人民政府办公室",
        headers,
        rows,
        below=["注：本次检查全国政务新媒体信息报送系统报备账号23个（微信公众号17个、新浪微博4个、其他2个），合格率91.3%。",
               "填表人：          审核人："],
    )
    write_toml(p, "2022-07-27", "师宗县政务新媒体台账")
    write_expected(p, "https://ynsz.gov.cn/public/description/11965.html", "2022-07-27", [
        item("师宗文旅", "rectify", "信息更新不及时", ["内容更新不及时"]),
        item("师宗河长", "rectify", "信息更新不及时，连续多个季度出现", ["内容更新不及时"]),
    ])


# ---------------------------------------------------------------------------------------
# Shaanxi, Ziyang county, 2021 Q2 (second batch).
def ziyang():
    p = case_dir("cases", "sn-ziyang-2021q2-xinmeiti")
    lines = [
        ["序号", "单位名称", "新媒体名称", "载体", "检查情况"],
        ["1", "紫阳县住房和城乡建设局", "紫阳城建", "", "未按要求做到每两周至少更新一次"],
        ["2", "紫阳县高滩镇人民政府", "紫阳高滩", "", "未按要求做到每两周至少更新一次"],
    ]
    write_csv(os.path.join(p, "inventory", "紫阳县政务新媒体账号登记表.csv"), lines, "utf-8-sig")
    write_toml(p, "2021-06-17", "紫阳县政务新媒体账号登记表")
    write_expected(p, "https://wandao1.cn/Content-2267634.html", "2021-06-17", [
        item("紫阳城建", "rectify", "未做到每两周至少更新一次", ["超过两周未更新"]),
        item("紫阳高滩", "rectify", "未做到每两周至少更新一次", ["超过两周未更新"]),
    ])


# ---------------------------------------------------------------------------------------
# Zhejiang province, 2021 Q4 (as summarised by 51云监测).
def zhejiang():
    p = case_dir("cases", "zj-2021q4-xinmeiti")
    headers = ["序号", "设区市", "县（市、区）", "账号名称", "平台", "主办单位", "问题描述", "整改情况"]
    rows = [
        [1, "金华市", "永康市", "永康交警", "快手", "永康市公安局交通警察大队",
         "监测点前两周内未更新，经多次督促仍长期无更新", "未整改"],
        [2, "舟山市", "", "舟山江海联运服务中心", "微信公众号", "舟山江海联运服务中心",
         "监测点前两周内未更新，经多次督促仍长期无更新", "未整改"],
        [3, "绍兴市", "柯桥区", "山水湖塘", "微信公众号", "柯桥区湖塘街道办事处",
         "多次引导且省管理平台已提示报错，仍将“党史教育”表述错误", "未整改"],
    ]
    write_xlsx(
        os.path.join(p, "inventory", "2021年四季度政务新媒体问题账号.xlsx"),
        "问题账号",
        "2021年第四季度全省政务新媒体检查问题账号清单",
        None,
        headers,
        rows,
        below=["注：纳入管理的政务新媒体5717个，总体合格率99.51%；前两周内未更新账号共20个，涉及9个平台，本表仅列通报点名账号。"],
    )
    write_toml(p, "2022-01-04", "浙江省政务新媒体问题账号清单")
    write_expected(p, "http://web.shengxi.vip/u/?a=www.51yunjiance.com%2Fpucha%2Fdetail-87.html",
                   "2022-01-04", [
        item("永康交警", "rectify", "前两周内未更新，多次督促仍长期无更新", ["超过两周未更新"]),
        item("舟山江海联运服务中心", "rectify", "前两周内未更新，多次督促仍长期无更新",
             ["超过两周未更新"]),
        item("山水湖塘", "rectify", "严重表述错误", ["严重表述错误"]),
    ])


# ---------------------------------------------------------------------------------------
# Yunnan, Honghe prefecture, 2021 Q1.
def honghe():
    p = case_dir("cases", "yn-honghe-2021q1-xinmeiti")
    headers = ["序号", "县市", "政务新媒体名称", "类型", "主办单位", "最近发文时间", "检查结果", "存在问题"]
    rows = [
        [1, "个旧市", "个旧市财政局", "微信公众号", "个旧市财政局", None, "不合格", "内容更新严重逾期"],
        [2, "河口县", "河口文化和旅游", "政务微博", "河口县文化和旅游局", None, "不合格", "内容更新严重逾期"],
        [3, "", "边境小警", "抖音", "", None, "不合格", "内容更新严重逾期"],
    ]
    write_xlsx(
        os.path.join(p, "inventory", "红河州政务新媒体台账.xlsx"),
        "一季度",
        "红河州政府系统政务新媒体常态化监管台账（2021年一季度）",
        "填报单位：红河州人民政府办公室",
        headers,
        rows,
        below=["注：纳入常态化监管的政府系统政务新媒体243个（微信172个，微博41个，今日头条14个，抖音16个），不合格12个，本表列通报点名账号。",
               "填表人：        审核人：        填表日期：2021年4月23日"],
    )
    write_toml(p, "2021-04-23", "红河州政务新媒体台账")
    write_expected(p, "http://www.hh.gov.cn/fljxzthz/hhzfwzpc/gztj/202104/t20210423_516363.html",
                   "2021-04-23", [
        item("个旧市财政局", "rectify", "内容更新严重逾期", ["超过两周未更新"]),
        item("河口文化和旅游", "rectify", "内容更新严重逾期", ["超过两周未更新"]),
        item("边境小警", "rectify", "内容更新严重逾期", ["超过两周未更新"]),
    ])


# ---------------------------------------------------------------------------------------
# Shaanxi, Fuping county natural resources bureau, consolidation, April 2024.
def fuping():
    p = case_dir("cases", "sn-fuping-zrzy-2024-zhenghe")
    headers = ["序号", "名称", "类型", "开办单位", "主管单位", "运行状态", "备注"]
    rows = [
        [1, "富平自然资源", "微信公众号", "富平县自然资源局", "富平县自然资源局", "正常", "局主账号"],
        [2, "富平县不动产登记局网站", "网站", "富平县不动产登记局", "富平县自然资源局", "正常", ""],
        [3, "富平县林木病虫害防治检疫中心", "微信公众号", "富平县林木病虫害防治检疫中心",
         "富平县自然资源局", "正常", ""],
        [4, "富平县自然资源综合执法大队", "微信公众号", "富平县自然资源综合执法大队",
         "富平县自然资源局", "正常", ""],
        [5, "富平县国土资源局工会", "微信公众号", "富平县国土资源局工会", "富平县自然资源局", "正常",
         "机构改革前开设"],
        [6, "富平林业", "今日头条", "富平县自然资源局", "富平县自然资源局", "正常", ""],
    ]
    write_xlsx(
        os.path.join(p, "inventory", "富平县自然资源局政务新媒体台账.xlsx"),
        "台账",
        "富平县自然资源局系统政务新媒体（网站）台账",
        "填报单位：富平县自然资源局办公室",
        headers,
        rows,
        below=["填表人：            审核人：            2024年4月"],
    )
    write_toml(p, "2024-04-30", "富平县自然资源局政务新媒体台账")
    target = "富平自然资源"
    write_expected(p, "https://aqiusha.com/farmers/7c9ed119e50aded58798ddf1cca1d6f3.html",
                   "2024-04-30", [
        item("富平自然资源", "keep", "保留为局系统主账号", []),
        item("富平县不动产登记局网站", "shutdown", "优化整合，注销关停，信息改由县政府网站发布",
             ["优化整合"]),
        item("富平县林木病虫害防治检疫中心", "merge", "优化整合，注销后由局主账号发布",
             ["优化整合"], into=target),
        item("富平县自然资源综合执法大队", "merge", "优化整合，注销后由局主账号发布",
             ["优化整合"], into=target),
        item("富平县国土资源局工会", "merge", "优化整合，注销后由局主账号发布",
             ["优化整合"], into=target),
        item("富平林业", "merge", "优化整合，注销后由局主账号发布", ["优化整合"], into=target),
    ])


# ---------------------------------------------------------------------------------------
# Holdout: Liaoning, Panjin city, March 2020.
def panjin():
    p = case_dir("holdout", "ln-panjin-2020-03-xinmeiti")
    headers = ["序号", "新媒体名称", "类型", "主办单位", "最后更新日期", "抽查结果", "问题描述"]
    rows = [
        [1, "盘锦金融", "政务微信", "盘锦市金融发展局", None, "不合格", "监测时间点前2周内无信息更新"],
    ]
    write_xlsx(
        os.path.join(p, "inventory", "盘锦市政务新媒体监管台账.xlsx"),
        "3月",
        "盘锦市政务新媒体监管台账（2020年3月）",
        "填报单位：盘锦市人民政府办公室",
        headers,
        rows,
        below=["注：全市政务新媒体共22个，3月抽查发现不合格1个。", "填表人：      审核人："],
    )
    write_toml(p, "2020-04-13", "盘锦市政务新媒体监管台账")
    write_expected(p, "http://www.pavywines.com/html/2080/2020-04-13/content-80288.html",
                   "2020-04-13", [
        item("盘锦金融", "rectify", "监测时间点前2周内无信息更新", ["超过两周未更新"]),
    ])


# ---------------------------------------------------------------------------------------
# Holdout: Guizhou, Qiandongnan prefecture, 2023 Q4.
def qiandongnan():
    p = case_dir("holdout", "gz-qiandongnan-2023q4-xinmeiti")
    failing = [
        ("州直", "黔东南州生态环境局", "政务微博"), ("州直", "贵州省黔东南州文旅在线", "政务微博"),
        ("州直", "黔东南州自然资源局", "政务微博"), ("岑巩县", "岑巩县政务微博", "政务微博"),
        ("从江县", "从江政务", "政务微博"), ("麻江县", "麻江政务", "政务微博"),
        ("三穗县", "三穗政务", "政务微博"), ("州直", "黔东南民政", "政务微信"),
        ("州直", "黔东南司法行政", "政务微信"), ("州直", "黔东南益农信息", "政务微信"),
        ("州直", "黔东南州机关事务管理局", "政务微信"), ("州直", "黔东南统计", "政务微信"),
        ("州直", "黔东南商务", "政务微信"), ("州直", "黔东南州住房公积金管理中心", "政务微信"),
        ("州直", "黔东南公安", "政务微信"), ("州直", "黔东南州自然资源局", "政务微信"),
        ("州直", "团结进步黔东南", "政务微信"), ("州直", "黔东南河长", "政务微信"),
        ("州直", "黔东南州国企党建", "政务微信"), ("州直", "健康黔东南", "政务微信"),
        ("从江县", "从江县人民政府网", "政务微信"), ("锦屏县", "锦屏县政府", "政务微信"),
        ("施秉县", "施秉县人民政府网", "政务微信"),
    ]
    headers = ["序号", "县（市）/州直", "新媒体名称", "类型", "四季度检查结果", "备注"]
    rows = [[i, region, name, kind, "不合格", ""] for i, (region, name, kind) in
            enumerate(failing, start=1)]
    write_xlsx(
        os.path.join(p, "inventory", "黔东南州政务微博微信台账.xlsx"),
        "2023年四季度",
        "黔东南州政府系统政务微博、政务微信检查台账（2023年第四季度）",
        "填报单位：黔东南州人民政府政务信息中心",
        headers,
        rows,
        below=["注：纳入监管的政务微信、政务微博共75个（县（市）32个，州直43个），100%检查，本表列不合格账号。",
               "填表人：          审核人：          2023年11月20日"],
    )
    write_toml(p, "2023-11-27", "黔东南州政务微博微信台账")
    write_expected(
        p,
        "http://www.qdn.gov.cn/ztzl_5872570/qdnzzfwzcthjcxxzl_5880465/cthjcqk_5880466/202311/t20231127_83145072.html",
        "2023-11-27",
        [item(name, "rectify", "第四季度检查不合格", ["检查不合格"]) for _, name, _ in failing],
    )


# ---------------------------------------------------------------------------------------
# A county (not named in the excerpt) with the towns 西营镇, 构朳镇, 茅坪镇, 中厂镇, July 2020.
def four_towns():
    p = case_dir("cases", "xx-county-2020-07-xinmeiti")
    headers = ["序号", "新媒体类型", "新媒体名称", "责任单位", "最近更新日期", "问题类别"]
    rows = [
        [1, "微信", "千年银杏美丽构朳", "构朳镇", "2020.7.16", "更新不及时"],
        [2, "微信", "首善茅坪", "茅坪镇", "2020.7.17", "更新不及时"],
        [3, "微信", "西营之声", "西营镇", "2020.7.17", "更新不及时"],
        [4, "微信", "美丽红石河", "中厂镇", "2020.7.18", "更新不及时"],
    ]
    write_xlsx(
        os.path.join(p, "inventory", "全县政务新媒体排查情况.xlsx"),
        "Sheet1",
        "全县政务新媒体排查情况登记表",
        "填报单位：县政府信息中心　　　　排查时间：2020年7月28日",
        headers,
        rows,
        below=["填表人：            审核人："],
    )
    write_toml(p, "2020-07-28", "全县政务新媒体排查情况登记表")
    write_expected(p, "http://8.134.116.66:6064/Content-2145576.html", "2020-07-28", [
        item(name, "rectify", "更新不及时", ["内容更新不及时"])
        for name in ("千年银杏美丽构朳", "首善茅坪", "西营之声", "美丽红石河")
    ])


# ---------------------------------------------------------------------------------------
# Henan, Xiayi county, 2022 Q1.
def xiayi():
    p = case_dir("cases", "ha-xiayi-2022q1-xinmeiti")
    headers = ["序号", "单位", "公众号名称", "平台", "是否报备", "更新频次", "存在问题"]
    rows = [
        [1, "夏邑县交通运输局", "夏邑县交通运输局", "微信公众号", "是", "少于每周3次",
         "更新次数少于每周3次"],
        [2, "夏邑县司法局", "夏邑司法行政在线", "微信公众号", "是", "少于每周3次",
         "更新次数少于每周3次"],
        [3, "夏邑县民政局", "夏邑民政", "微信公众号", "否", "", "私开公众号，未报备"],
        [4, "夏邑县疾病预防控制中心", "夏邑疾控防治控制中心", "微信公众号", "否", "",
         "私开公众号，未报备"],
    ]
    write_xlsx(
        os.path.join(p, "inventory", "夏邑县政务新媒体检查台账.xlsx"),
        "2022年一季度",
        "夏邑县2022年第一季度政务新媒体检查台账",
        "填报单位：夏邑县人民政府办公室",
        headers,
        rows,
        below=["注：全县已报备政务新媒体9个（政务微博2个、政务微信7个）；县里要求政务微信每周更新不少于3次。",
               "填表人：          审核人：          填报日期：2022年4月7日"],
    )
    write_toml(p, "2022-04-07", "夏邑县政务新媒体检查台账")
    write_expected(p, "https://cqlagm.com/2022/0407/31897", "2022-04-07", [
        item("夏邑县交通运输局", "rectify", "更新次数少于每周3次", ["更新频次不足"]),
        item("夏邑司法行政在线", "rectify", "更新次数少于每周3次", ["更新频次不足"]),
        item("夏邑民政", "rectify", "私开公众号", ["未备案开设"]),
        item("夏邑疾控防治控制中心", "rectify", "私开公众号", ["未备案开设"]),
    ])


# ---------------------------------------------------------------------------------------
# Shandong, Linyi, Hedong district, 2021 Q1.
def hedong():
    p = case_dir("cases", "sd-hedong-2021q1-xinmeiti")
    headers = ["序号", "账号名称", "账号类型", "主办单位", "所属镇街", "最近更新时间", "抽查情况"]
    rows = [
        [1, "沂河东岸芝麻墩", "今日头条", "芝麻墩街道办事处", "芝麻墩街道", None, "内容超10天未更新"],
        [2, "汤头交警", "微信公众号", "", "汤头街道", None, "内容超10天未更新"],
    ]
    write_xlsx(
        os.path.join(p, "inventory", "河东区政务新媒体备案台账.xlsx"),
        "一季度抽查",
        "河东区政务新媒体备案台账（2021年第一季度抽查）",
        "填报单位：临沂市河东区人民政府办公室",
        headers,
        rows,
        below=["注：纳入山东省政务新媒体备案系统的政务新媒体77个，全面检查，总体合格率93%。",
               "填表人：          审核人："],
    )
    write_toml(p, "2021-03-31", "河东区政务新媒体备案台账")
    write_expected(p, "http://hedong.gov.cn/info/3858/107127.htm", "2021-03-31", [
        item("沂河东岸芝麻墩", "rectify", "内容超10天未更新", ["内容更新不及时"]),
        item("汤头交警", "rectify", "内容超10天未更新", ["内容更新不及时"]),
    ])


if __name__ == "__main__":
    for make in (sanming, lianyungang, shangqiu, shizong, ziyang, zhejiang, honghe, fuping,
                 panjin, qiandongnan, four_towns, xiayi, hedong):
        make()
