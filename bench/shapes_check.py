#!/usr/bin/env python3
"""Checks the clusters of one `fingertip audit` (its clusters.json) against a shape's input and
truth classes (bench/gen_shapes.py): clusters, clustered records, merges that leave their scope,
and pairwise precision/recall against the truth classes (the peer's pairwise_prf measure).

A merge (member → target of a cluster) leaves its scope when
  - a work group's target belongs to another unit (owner) or, where both say, another audience;
  - an app, mini program or platform's target is not in the member's own area or one enclosing
    it (county PPCCDD → city PPCC00 → province PP0000).

Prints one JSON line. Usage: shapes_check.py <input.jsonl> <audit out dir>
"""
import json
import os
import sys


def encloses(target, member):
    """Whether region code `target` is `member`'s area or encloses it (GB/T 2260 codes)."""
    if not target or not member or len(target) != 6 or len(member) != 6:
        return target == member
    if target == member:
        return True
    if target.endswith("0000"):
        return target[:2] == member[:2]
    if target.endswith("00"):
        return target[:4] == member[:4]
    return False


def main():
    path, out = sys.argv[1], sys.argv[2]
    recs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            recs[r["id"]] = (r.get("kind"), r.get("owner"), r.get("region"), r.get("audience"))
    truth = {}
    if os.path.exists(path + ".truth.tsv"):
        with open(path + ".truth.tsv", encoding="utf-8") as f:
            for line in f:
                pid, c = line.rstrip("\n").split("\t")
                if c != "-1":
                    truth[pid] = c
    with open(os.path.join(out, "clusters.json"), encoding="utf-8") as f:
        items = json.load(f).get("items", [])
    clustered = 0
    out_unit = out_tree = merges = 0
    cell = {}
    pred_pairs = 0
    for it in items:
        members = it.get("members", [])
        target = it.get("target")
        clustered += len(members)
        pred_pairs += len(members) * (len(members) - 1) // 2
        t = recs.get(target)
        for m in members:
            if m in truth:
                key = (it.get("cluster"), truth[m])
                cell[key] = cell.get(key, 0) + 1
            if m == target or t is None or m not in recs:
                continue
            merges += 1
            kind, owner, region, audience = recs[m]
            if kind == "group":
                if owner != t[1] or (audience and t[3] and audience != t[3]):
                    out_unit += 1
            elif kind in ("app", "mini_program", "platform"):
                if not encloses(t[2], region):
                    out_tree += 1
    sizes = {}
    for c in truth.values():
        sizes[c] = sizes.get(c, 0) + 1
    truth_pairs = sum(s * (s - 1) // 2 for s in sizes.values())
    tp = sum(k * (k - 1) // 2 for k in cell.values())
    print(json.dumps({
        "clusters": len(items), "clustered": clustered, "merges": merges,
        "merges_across_units": out_unit, "merges_leaving_tree": out_tree,
        "cluster_p": round(tp / pred_pairs, 4) if pred_pairs else 1.0,
        "cluster_r": round(tp / truth_pairs, 4) if truth_pairs else 1.0,
    }))


if __name__ == "__main__":
    main()
