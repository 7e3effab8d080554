#!/usr/bin/env bash
# Redraw docs/check-output.png, the README's picture of `negplan check` in a terminal.
#
# Usage: bash scripts/check_picture.sh   (from a checkout with .venv set up)
# Needs tmux, aha and chromium (Debian: apt-get install tmux aha chromium). The command runs
# for real in a 140x30 tmux terminal; its screen, colours included, becomes HTML (aha) and
# headless Chromium takes the picture. Run it again whenever `check`'s text output changes.
set -euo pipefail
cd "$(dirname "$0")/.."

COMMAND="negplan check examples/typos-and-types.yaml examples/discount-first.yaml"
COLUMNS=140
OUT=docs/check-output.png
SESSION="negplan-picture-$$"
work="$(mktemp -d)"
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$work"' EXIT

tmux new-session -d -s "$SESSION" -x "$COLUMNS" -y 40 \
  env -i PATH="$PWD/.venv/bin:/usr/bin:/bin" TERM=xterm-256color HOME="$work" LANG=C.UTF-8 \
  PS1='$ ' bash --norc --noprofile
tmux send-keys -t "$SESSION" "cd '$PWD' && clear" Enter
sleep 1
tmux send-keys -t "$SESSION" "$COMMAND" Enter
# Wait for the prompt to come back after the summary line.
for _ in $(seq 50); do
  sleep 0.2
  if tmux capture-pane -p -t "$SESSION" | grep -q '^Checked'; then break; fi
done
sleep 0.5
# The screen with its colours, up to the summary line (no blank lines, no prompt after it).
tmux capture-pane -e -p -t "$SESSION" | awk '{ print } /Checked/ { exit }' >"$work/screen.ansi"
lines=$(wc -l <"$work/screen.ansi")

{
  printf '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
  printf 'body{margin:0;background:#1e1e1e;color:#e6e6e6}'
  printf 'pre{margin:0;padding:14px 18px;font:15px/1.35 "DejaVu Sans Mono",monospace}'
  printf '</style></head><body><pre>'
  # aha names the basic colours; draw them as a dark terminal theme does.
  aha --no-header <"$work/screen.ansi" \
    | sed -e 's/color:purple/color:#c678dd/g' -e 's/color:olive/color:#e5c07b/g' \
      -e 's/color:red/color:#f14c4c/g'
  printf '</pre></body></html>\n'
} >"$work/screen.html"

# 140 columns of 9px plus padding; 20.25px a line plus padding.
width=$((COLUMNS * 9 + 36))
height=$((lines * 2025 / 100 + 28))
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --no-first-run --user-data-dir="$work/chromium" \
  --hide-scrollbars --window-size="$width,$height" --screenshot="$PWD/$OUT" \
  "file://$work/screen.html" 2>/dev/null
echo "wrote $OUT (${width}x${height})"
