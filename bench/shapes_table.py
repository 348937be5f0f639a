#!/usr/bin/env python3
"""Writes bench/shapes.sh's table between the shapes.sh markers of BENCHMARKS.md from the
files it left in bench/cache/shapes/ (<shape>_<n>.{audit,check,bench,peer}.* and the
generator's .meta.json). Environment: SIZES, SHAPES, OUT, MACHINE, QUERIES, CAP_MB,
PEER_CAP_MB, TIMEOUT, PEER_TIMEOUT.

`shapes_table.py --ratio <cache>/<shape>_<n>` prints only the side-by-side line of one run
(our whole audit, the peer's pair-finding stages, their ratio); bench/shapes.sh calls it
after each shape."""
import json
import os
import re
import sys

OUT = os.environ.get("OUT", "")
# The peer's stages that find pairs: everything but its reference/benchmark extras
# (datasketch bulk sample, query-latency sample, sampled recall, connected components).
PEER_PAIR_STAGES = {"load_jsonl", "bitsets", "minhash_vectorised", "lsh_insert", "lsh_candidates", "lsh_verify"}


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def js(path):
    text = read(path).strip()
    try:
        return json.loads(text.splitlines()[-1]) if text else {}
    except ValueError:
        return {}


def overlap_bench(tag):
    """overlap_bench's figures of its first (policy-family) run: its RESULT line, else its log lines."""
    text = read(tag + ".bench.out")
    for line in text.splitlines():
        if line.startswith("RESULT "):
            try:
                return json.loads(line[7:])
            except ValueError:
                pass
    o = {}
    m = re.search(r"\[[^\]]+\] analyze ([\d.]+) s", text)
    if m:
        o["analyze_s"] = float(m.group(1))
    m = re.search(r"\[[^\]]+\] pairs (\d+)\s+candidates (\d+)\s+clusters (\d+) \(largest (\d+)\)", text)
    if m:
        o.update(pairs=int(m.group(1)), candidates=int(m.group(2)), clusters=int(m.group(3)), largest=int(m.group(4)))
    m = re.search(r"\[[^\]]+\] recall ([\d.]+) over (\d+) exact pairs", text)
    if m:
        o.update(recall=float(m.group(1)), recall_pairs=int(m.group(2)))
    m = re.search(r"wall load\+analyze ([\d.]+) s, peak RSS so far (\d+) MB", text)
    if m:
        o.update(wall_s=float(m.group(1)), peak_rss_mb=int(m.group(2)))
    return o


def peer_result(tag):
    for line in read(tag + ".peer.out").splitlines():
        if line.startswith("RESULT "):
            try:
                return json.loads(line[7:])
            except ValueError:
                pass
    return {}


def fmt(v, f="{:,}"):
    return f.format(v) if isinstance(v, (int, float)) else "—"


def run_cell(t):
    """'12.3 s' for a finished run, else what stopped it."""
    if not t:
        return "—"
    if t.get("status") == "ok":
        return f"{t['wall_s']:.2f} s"
    if t.get("status") == "killed at cap":
        return f"**killed at cap** after {t['wall_s']:.0f} s"
    if t.get("status") == "timeout":
        return f"**timeout** at {t['wall_s']:.0f} s"
    if t.get("status") == "skipped":
        return "skipped (audit did not finish)"
    return f"**{t.get('status')}** after {t.get('wall_s', 0):.1f} s"


def ratio_of(a, pt, p):
    """The ratio cell and the peer's pair-finding seconds (None when it did not finish)."""
    ours_ok = a.get("status") == "ok"
    peer_pairs_s = None
    if p.get("stages"):
        peer_pairs_s = sum(s["seconds"] for s in p["stages"] if s["stage"] in PEER_PAIR_STAGES)
    if ours_ok and peer_pairs_s:
        ratio = f"{peer_pairs_s / a['wall_s']:.1f}×"
    elif ours_ok and pt.get("status") == "timeout":
        ratio = f"> {pt['wall_s'] / a['wall_s']:.0f}× (peer unfinished)"
    elif ours_ok and pt.get("status") == "killed at cap":
        ratio = "peer killed at cap"
    elif not ours_ok:
        ratio = "ours did not finish"
    else:
        ratio = "—"
    return ratio, peer_pairs_s


if len(sys.argv) == 3 and sys.argv[1] == "--ratio":
    tag = sys.argv[2]
    a, pt, p = js(tag + ".audit.json"), js(tag + ".peer.json"), peer_result(tag)
    ratio, peer_s = ratio_of(a, pt, p)
    ours = f"{a['wall_s']:.2f} s" if a.get("status") == "ok" else a.get("status", "not run")
    peer = f"{peer_s:.2f} s" if peer_s else (pt.get("status") or "not run")
    print(f"{os.path.basename(tag)}: our whole audit {ours}, peer pair-finding {peer}, ratio {ratio}")
    sys.exit(0)

rows = []
for n in os.environ["SIZES"].split():
    for shape in os.environ["SHAPES"].split():
        tag = os.path.join(OUT, f"{shape}_{n}")
        try:
            meta = json.load(open(tag + ".jsonl.meta.json", encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        a, aw, c = js(tag + ".audit.json"), js(tag + ".audit.when"), js(tag + ".check.json")
        if not a:
            continue
        b, bt = overlap_bench(tag), js(tag + ".bench.json")
        pt, pw, p = js(tag + ".peer.json"), js(tag + ".peer.when"), peer_result(tag)
        ours_ok = a.get("status") == "ok"
        ratio, peer_pairs_s = ratio_of(a, pt, p)
        peer_cell = "—"
        if pt:
            peer_cell = run_cell(pt) + f" / {pt.get('peak_rss_mb', '?')} MB"
            if peer_pairs_s is not None:
                peer_cell += f" (pairs {peer_pairs_s:.1f} s, {fmt(p.get('lsh_pairs'))} pairs, max bucket {fmt(p.get('lsh_max_bucket'))})"
        out_scope = "—"
        if c:
            out_scope = f"{fmt(c.get('merges_across_units'))} / {fmt(c.get('merges_leaving_tree'))} of {fmt(c.get('merges'))}"
        bench_cell = run_cell(bt)
        if bt.get("status") == "ok":
            bench_cell = f"{fmt(b.get('analyze_s'), '{:.2f}')} s / {fmt(b.get('peak_rss_mb'))} MB"
        recall = "—"
        if b.get("recall") is not None:
            recall = f"{b['recall']} ({fmt(b.get('recall_pairs'))})"
        rows.append(
            f"| {shape} | {int(n):,} | {run_cell(a)} | {fmt(a.get('peak_rss_mb'))} MB "
            f"| {fmt(b.get('pairs'))} | {fmt(c.get('clusters'))} ({fmt(c.get('clustered'))}) "
            f"| {out_scope} | {recall} | {fmt(c.get('cluster_p'))} / {fmt(c.get('cluster_r'))} "
            f"| {bench_cell} | {peer_cell} | {ratio} | {aw.get('load', '?')} / {pw.get('load', '—')} |"
        )
        parts = []
        if "classes" in meta:
            parts.append(f"{meta['classes']:,} class{'es' if meta['classes'] != 1 else ''}, largest {meta.get('largest_class', 0):,}")
        if "distinct_tag_sets" in meta:
            parts.append(f"{meta['distinct_tag_sets']:,} distinct tag set{'s' if meta['distinct_tag_sets'] != 1 else ''}")
        cls = ", ".join(parts) or "no truth"
        rows[-1] = rows[-1].replace(f"| {shape} |", f"| {shape} ({cls}) |", 1)

table = "\n".join([
    f"Machine: {os.environ['MACHINE']}. Build: {os.environ.get('BUILD', 'release')}. "
    f"Command: `SIZES=\"{os.environ['SIZES']}\" bench/shapes.sh` "
    f"(shapes {os.environ['SHAPES']}; caps: ours {os.environ['CAP_MB']} MB / {os.environ['TIMEOUT']} s, "
    f"peer {os.environ['PEER_CAP_MB']} MB / {os.environ['PEER_TIMEOUT']} s; QUERIES={os.environ['QUERIES']}).",
    "",
    "| shape | n | whole `audit` wall | audit peak RSS | pairs (overlap_bench) | clusters (clustered records) "
    "| merges across units / leaving the tree, of all merges | recall (exact pairs of sampled records) "
    "| cluster P / R vs truth classes | overlap_bench analyze / RSS | peer wall / RSS (pair-finding stages, pairs, largest bucket) "
    "| ratio peer pair-finding / our audit | load avg (ours / peer) |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    *rows,
])
path = "BENCHMARKS.md"
text = open(path, encoding="utf-8").read()
block = "<!-- shapes.sh:begin -->\n" + table + "\n<!-- shapes.sh:end -->"
if "<!-- shapes.sh:begin -->" in text:
    text = re.sub(r"<!-- shapes.sh:begin -->.*<!-- shapes.sh:end -->", lambda _: block, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n## Shapes (issue 14)\n\n" + block + "\n"
open(path, "w", encoding="utf-8").write(text)
print(table)
