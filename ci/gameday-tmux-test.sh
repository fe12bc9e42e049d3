#!/usr/bin/env bash
# Game-day mode through a real terminal: runs `./chaos gameday` inside tmux, answers its prompts with send-keys,
# reads the screen with capture-pane, and checks that the report holds the operator's note and decisions.
#   ci/gameday-tmux-test.sh [SCENARIO]   default: the short drill in cli/src/test/resources/gameday/drill.yaml
# The scenario must have two steps; the operator injects the first (after a note) and skips the second.
# Exit codes: 0 passed; 1 failed (the screen is printed); 77 tmux is missing and could not be installed.
# CHAOS_TEST_OUT=DIR keeps the run directory there (default: a temporary directory).
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scenario="${1:-$root/cli/src/test/resources/gameday/drill.yaml}"

if ! command -v tmux >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing tmux (apt-get install -y tmux)"
    apt-get install -y -qq tmux >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq tmux >/dev/null 2>&1; } || true
  fi
  command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux is not installed and could not be installed; install it (apt-get install -y tmux) to run this test"; exit 77; }
fi

work="$(mktemp -d)"
out="${CHAOS_TEST_OUT:-$work/runs}"
socket="chaos-gameday-$$"   # a tmux server of our own: nobody else's sessions, nobody else's environment
session=gameday
note="dashboards checked at $(date -u +%H%M%S), p99 up and no errors"

tm() { tmux -L "$socket" "$@"; }
screen() { tm capture-pane -p -J -S - -t "$session" 2>/dev/null; }
fail() {
  echo "FAIL: $*"
  echo "----- screen -----"; screen || true; echo "------------------"
  exit 1
}
wait_for() { # TEXT SECONDS
  local deadline=$((SECONDS + $2))
  until screen | grep -qF -- "$1"; do
    [ "$SECONDS" -lt "$deadline" ] || fail "the screen did not show [$1] within $2 s"
    screen | grep -q '^chaos exited ' && fail "chaos exited before the screen showed [$1]"
    sleep 0.5
  done
}
# Only for text written before a line already seen on the screen, by the same process: tmux draws a pane's output in
# order, but a process's writes reach it in pieces, so anything that may still be on its way is waited for.
expect() { screen | grep -qF -- "$1" || fail "the screen does not show [$1]"; }
type_line() { tm send-keys -t "$session" -l -- "$1"; tm send-keys -t "$session" Enter; }
finish() {
  # Ctrl-C reaches a chaos still running (it heals its faults and writes its report) before the server goes
  if screen | grep -q '^chaos exited '; then :; else tm send-keys -t "$session" C-c 2>/dev/null || true; sleep 20; fi
  tm kill-server 2>/dev/null || true
}
trap finish EXIT

tm new-session -d -s "$session" -x 200 -y 50 -c "$work" \
  "'$root/chaos' gameday '$scenario' --out '$out'; echo \"chaos exited \$?\"; sleep 3600"

# the plan is drawn in several writes: its closing line may follow its first by a while
wait_for "GAME DAY: " 120
wait_for "At any time: note TEXT (into the report), abort (heal everything now)." 30

# step 1: the card (one write, which may still reach the screen in pieces), a note at the prompt, then inject
wait_for "STEP 1 of 2: " 240
wait_for "Proceed? [Enter or y = inject, skip = leave this step out, abort = stop and heal everything, note TEXT]" 30
expect "  fault:    "
expect "  target:   "
expect "  expected: "
type_line "note $note"
wait_for "UTC: $note" 10
type_line "y"
wait_for "injected [" 30

# step 2: skip it
wait_for "STEP 2 of 2: " 120
type_line "skip"
wait_for "skipped [" 20

# "chaos exited" is written by the shell after chaos ended: everything chaos wrote is on the screen before it
wait_for "chaos exited " 300
expect "Verdict: "
expect "Report:  "
code="$(screen | sed -n 's/^chaos exited \([0-9]*\)$/\1/p' | tail -n 1)"
case "$code" in
  0|1|3) ;;
  *) fail "chaos gameday exited $code (expected a verdict's code: 0, 1 or 3)" ;;
esac

report="$(ls -d "$out"/*/latest)/report.json"
[ -f "$report" ] || fail "no report.json in $out"
grep -qF -- "$note" "$report" || fail "report.json lacks the operator's note [$note]"
grep -qF -- "PROCEED step 1 [" "$report" || fail "report.json lacks the decision to inject step 1"
grep -qF -- "SKIP step 2 [" "$report" || fail "report.json lacks the decision to skip step 2"
grep -qF -- "$note" "$(dirname "$report")/report.html" || fail "report.html lacks the operator's note"
verdict="$(sed -n 's/^Verdict: \([A-Z]*\) .*/\1/p' <(screen) | tail -n 1)"
grep -q "\"verdict\" *: *\"$verdict\"" "$report" || fail "the screen says verdict $verdict, report.json does not"

echo "PASS: game day through tmux: step 1 injected after a note, step 2 skipped, verdict $verdict (exit $code);"
echo "      the note and both decisions are in $report"
