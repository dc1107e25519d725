#!/usr/bin/env bash
# Peak memory of `libertas serve` while it sends evidence files (issue 9, finding 13).
#
# Starts a fresh server, uploads one evidence file of SIZE_MIB (default 24) through the API,
# restarts the server so the upload does not count, then downloads the file PARALLEL times
# at once (default 16) and prints the server's resident memory before and at its peak
# (VmHWM from /proc, Linux only), and checks every download against the intake SHA-256.
# It prints figures; it asserts nothing about them.
#
#   bench/evidence/download_rss.sh [path/to/libertas]
#
# The binary defaults to $CARGO_TARGET_DIR/release/libertas, then target/release/libertas.
# Needs curl, python3 and sha256sum.
set -euo pipefail

BIN="${1:-${CARGO_TARGET_DIR:-target}/release/libertas}"
SIZE_MIB="${SIZE_MIB:-24}"
PARALLEL="${PARALLEL:-16}"
PORT="${PORT:-18671}"
[ -x "$BIN" ] || { echo "no libertas binary at $BIN (cargo build --release -p libertas)" >&2; exit 2; }

WORK="$(mktemp -d)"
DATA="$WORK/data"
SERVER=""
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
export LIBERTAS_DATA_DIR="$DATA" LIBERTAS_LOG=warn
unset LIBERTAS_DATABASE_URL LIBERTAS_MASTER_KEY_FILE

"$BIN" init >/dev/null 2>&1
"$BIN" org add "Bench Shelter" >/dev/null
printf '%s\n' 'a long enough bench password' |
    "$BIN" user add --org "Bench Shelter" --username bench --role caseworker >/dev/null
TOKEN="$("$BIN" token create --username bench 2>/dev/null)"
BASE="http://127.0.0.1:$PORT"

start() {
    "$BIN" serve --listen "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 200); do
        curl -fsS "$BASE/healthz" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "the server did not start:" >&2
    cat "$WORK/serve.log" >&2
    exit 1
}
stop() {
    kill "$SERVER"
    wait "$SERVER" 2>/dev/null || true
    SERVER=""
}
kib() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$SERVER/status"; }

# A plain-text statement of SIZE_MIB (base64 of random bytes: recognised as text, no markup).
FILE="$WORK/statement.txt"
# (`head` closing the pipe early is expected: pipefail must not stop the script there.)
{
    echo "Statement"
    head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom | base64 -w 76
} | head -c $((SIZE_MIB * 1024 * 1024)) >"$FILE" || true
WANT="$(sha256sum "$FILE" | cut -d' ' -f1)"

start
CASE="$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"title": "Bench case"}' "$BASE/api/v1/cases" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
EID="$(curl -fsS -H "Authorization: Bearer $TOKEN" -F "file=@$FILE" \
    "$BASE/api/v1/cases/$CASE/evidence" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
stop

start
# One small request so the baseline includes a warmed-up connection pool.
curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/cases/$CASE/evidence" >/dev/null
BEFORE_RSS="$(kib VmRSS)"
BEFORE_HWM="$(kib VmHWM)"
STARTED="$(date +%s.%N)"
CLIENTS=()
for i in $(seq 1 "$PARALLEL"); do
    curl -fsS -H "Authorization: Bearer $TOKEN" -o "$WORK/got.$i" \
        "$BASE/api/v1/cases/$CASE/evidence/$EID/file" &
    CLIENTS+=($!)
done
for c in "${CLIENTS[@]}"; do wait "$c" || true; done
ENDED="$(date +%s.%N)"
PEAK_HWM="$(kib VmHWM)"
AFTER_RSS="$(kib VmRSS)"
BAD=0
for i in $(seq 1 "$PARALLEL"); do
    [ "$(sha256sum "$WORK/got.$i" | cut -d' ' -f1)" = "$WANT" ] || BAD=$((BAD + 1))
done

echo "binary:                $BIN"
echo "downloads:             $PARALLEL parallel x $SIZE_MIB MiB ($BAD of them wrong)"
echo "wall time:             $(echo "$ENDED - $STARTED" | bc) s"
echo "RSS before:            $((BEFORE_RSS / 1024)) MiB (peak so far $((BEFORE_HWM / 1024)) MiB)"
echo "peak RSS (VmHWM):      $((PEAK_HWM / 1024)) MiB"
echo "peak added by sending: $(((PEAK_HWM - BEFORE_RSS) / 1024)) MiB"
echo "RSS after:             $((AFTER_RSS / 1024)) MiB"
if [ "$BAD" -gt 0 ]; then
    echo "server log (last lines):"
    tail -5 "$WORK/serve.log"
fi
