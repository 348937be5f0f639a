#!/bin/sh
# Registry ingest benchmark: N (default 1,000,000) synthetic records shaped like the
# peer generator's JSONL are ingested into a fresh SQLite registry in one run, then the
# same records again (nothing changed). Prints both wall times and the file size.
# Usage: bench/ingest.sh [N]
set -eu
cd "$(dirname "$0")/.."
FINGERTIP_BENCH_N="${1:-1000000}" \
  cargo test --release --test cli registry::bench_ingest_1m -- --ignored --nocapture
