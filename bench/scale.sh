#!/usr/bin/env bash
# Scale benchmark: fingertip's overlap stage (bench/overlap_bench.rs) and whole `audit`,
# side by side with the peer (peer_sim.py, datasketch LSH path), on the peer generator's
# output (gen.py --seed 42) at 10k, 100k and 1M platforms. Writes the table between the
# markers in BENCHMARKS.md.
#
#   bench/scale.sh                       # all sizes; peer results are cached per size
#   SIZES="10000 100000" bench/scale.sh  # some sizes
#   PEER_RERUN=1 bench/scale.sh          # run the peer again even if cached
#   PEER_DIR=/path/to/peer bench/scale.sh
#   TABLE_ONLY=1 bench/scale.sh          # only rewrite the table from cached results
#
# The peer at 1M takes ~7 min and ~14 GB RAM; its RESULT line is kept in
# bench/cache/peer_<n>.result so later runs reuse it (say so in BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=$ROOT/bench/cache
SIZES=${SIZES:-"10000 100000 1000000"}
QUERIES=${QUERIES:-500}
if [ -z "${PEER_DIR:-}" ]; then
  for d in "$ROOT/../shared/bench/peer" "$ROOT/../../shared/bench/peer"; do
    if [ -f "$d/peer_sim.py" ]; then PEER_DIR=$(cd "$d" && pwd); break; fi
  done
fi
[ -f "${PEER_DIR:-}/peer_sim.py" ] || { echo "peer_sim.py not found; set PEER_DIR" >&2; exit 2; }
mkdir -p "$CACHE"

# Python dependencies of the peer, in a venv under the (gitignored) cache.
if [ ! -x "$CACHE/venv/bin/python" ]; then
  python3 -m venv "$CACHE/venv"
  "$CACHE/venv/bin/pip" install -q numpy scipy datasketch networkx
fi
PY=$CACHE/venv/bin/python

[ -n "${TABLE_ONLY:-}" ] || cargo build --release --bin fingertip --example overlap_bench
BIN=$ROOT/target/release/fingertip
BENCH=$ROOT/target/release/examples/overlap_bench

# Runs a command under /usr/bin/time; prints "<wall seconds> <peak RSS MB> <exit code>".
timed() {
  local log=$1; shift
  local rc=0
  /usr/bin/time -f "TIME %e %M" "$@" >"$log.out" 2>"$log.err" || rc=$?
  local line
  line=$(grep '^TIME ' "$log.err" | tail -1)
  echo "$(echo "$line" | awk '{print $2}') $(echo "$line" | awk '{printf "%.0f", $3/1024}') $rc"
}

for n in $SIZES; do
  [ -n "${TABLE_ONLY:-}" ] && break
  f=$CACHE/r$n.jsonl
  if [ ! -f "$f" ] || [ ! -f "$f.truth.tsv" ]; then
    "$PY" "$PEER_DIR/gen.py" --n "$n" --seed 42 --out "$f"
  fi
  echo "== $n" >&2
  out=$(mktemp -d)
  read -r a_wall a_rss a_rc < <(timed "$CACHE/audit_$n" "$BIN" audit "$f" --out "$out" --as-of 2026-11-20 --quiet)
  rm -rf "$out"
  read -r b_wall b_rss b_rc < <(timed "$CACHE/bench_$n" "$BENCH" "$f" --queries "$QUERIES")
  grep '^RESULT ' "$CACHE/bench_$n.out" | sed 's/^RESULT //' >"$CACHE/ours_$n.result" || true
  if [ -n "${PEER_RERUN:-}" ] || [ ! -s "$CACHE/peer_$n.result" ]; then
    read -r p_wall p_rss p_rc < <(timed "$CACHE/peer_$n" "$PY" "$PEER_DIR/peer_sim.py" "$f" --exact none --recall-queries "$QUERIES")
    grep '^RESULT ' "$CACHE/peer_$n.out" | sed 's/^RESULT //' >"$CACHE/peer_$n.result" || true
    echo "{\"wall_s\": $p_wall, \"rss_mb\": $p_rss, \"rc\": $p_rc, \"date\": \"$(date -u +%FT%TZ)\"}" >"$CACHE/peer_$n.time"
  fi
  echo "{\"audit_wall_s\": $a_wall, \"audit_rss_mb\": $a_rss, \"audit_rc\": $a_rc, \"bench_wall_s\": $b_wall, \"bench_rss_mb\": $b_rss, \"bench_rc\": $b_rc, \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >"$CACHE/ours_$n.time"
done

MACHINE="$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB RAM"
SIZES="$SIZES" QUERIES="$QUERIES" MACHINE="$MACHINE" CACHE="$CACHE" "$PY" - <<'EOF'
import json, os, re
cache = os.environ["CACHE"]
sizes = os.environ["SIZES"].split()
def load(name):
    try:
        with open(os.path.join(cache, name)) as f:
            text = f.read().strip()
            return json.loads(text) if text else {}
    except (OSError, ValueError):
        return {}
rows = []
def num(v, fmt="{:,}"):
    return fmt.format(v) if isinstance(v, (int, float)) else "?"
for n in sizes:
    o, ot = load(f"ours_{n}.result"), load(f"ours_{n}.time")
    p, pt = load(f"peer_{n}.result"), load(f"peer_{n}.time")
    pv = p.get("lsh_vs_truth", {})
    ours_wall = o.get("wall_s")
    ratio = (pt["wall_s"] / ours_wall) if pt.get("wall_s") and ours_wall else None
    audit = f"{ot.get('audit_wall_s')} s / {ot.get('audit_rss_mb')} MB" + ("" if ot.get("audit_rc") == 0 else f" (exit {ot.get('audit_rc')})")
    rows.append(
        f"| {int(n):,} | {num(o.get('analyze_s'), '{:.2f}')} s | {num(ours_wall, '{:.2f}')} s | {num(o.get('peak_rss_mb'), '{:.0f}')} MB | {audit} "
        f"| {num(o.get('pairs'))} | {num(o.get('candidates'))} | {o.get('recall', '?')} / {o.get('recall_similarity', '?')} ({o.get('recall_pairs', '?')}) "
        f"| {o.get('cluster_p', '?')} / {o.get('cluster_r', '?')} "
        f"| {num(o.get('all_analyze_s'), '{:.2f}')} s | {o.get('all_recall', '?')} ({o.get('all_recall_pairs', '?')}) | {o.get('all_cluster_p', '?')} / {o.get('all_cluster_r', '?')} "
        f"| {o.get('sim_recall', '?')} | {o.get('sim_cluster_p', '?')} / {o.get('sim_cluster_r', '?')} "
        f"| {pt.get('wall_s', '?')} s | {pt.get('rss_mb', '?')} MB | {num(p.get('lsh_pairs'))} | {p.get('lsh_recall_vs_exact', '?')} "
        f"| {pv.get('pair_precision', '?')} / {pv.get('pair_recall', '?')} | {ratio and f'{ratio:.0f}×' or '?'} | {ot.get('load', '?')} / {pt.get('load', '?')} |"
    )
table = "\n".join([
    f"Machine: {os.environ['MACHINE']}. Command: `QUERIES={os.environ['QUERIES']} bench/scale.sh` (SIZES=\"{' '.join(sizes)}\"; QUERIES = sampled records for recall).",
    "",
    "Ours (policy families) = `overlap::analyze` with default settings; one family = the same with `families = false`, the peer's family-less space; similarity only = one family without containment pairs (`min_shared_distinctive` = ∞), the peer truth's definition.",
    "Wall \"load+analyze\" = parallel serde_json load of the JSONL plus `analyze` (policy families); the ratio is the peer's whole LSH-path wall over it.",
    "",
    "| n | ours: analyze | ours: load+analyze | ours: peak RSS | ours: whole `audit` wall / RSS | ours: pairs | ours: LSH candidates | ours: recall all / similarity pairs (exact pairs sampled) | ours: cluster P / R | one family: analyze | one family: recall | one family: cluster P / R | one family, similarity only: recall | one family, similarity only: cluster P / R | peer: wall | peer: RSS | peer: pairs | peer: recall | peer: CC P / R | wall ratio peer/ours | load avg (ours / peer) |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    *rows,
])
path = "BENCHMARKS.md"
text = open(path, encoding="utf-8").read() if os.path.exists(path) else "<!-- scale.sh:begin -->\n<!-- scale.sh:end -->\n"
new = re.sub(r"<!-- scale.sh:begin -->.*<!-- scale.sh:end -->",
             "<!-- scale.sh:begin -->\n" + table + "\n<!-- scale.sh:end -->", text, flags=re.S)
open(path, "w", encoding="utf-8").write(new)
print(table)
EOF
