#!/usr/bin/env bash
# Redraw docs/report-example.png, the README's picture of `negplan report` as HTML.
#
# Usage: bash scripts/report_picture.sh   (from a checkout with .venv set up with the report extra)
# Needs chromium (Debian: apt-get install chromium). The report runs for real on the tests'
# generated corpus (240 plans with the three planted patterns, and debriefs), and headless
# Chromium takes a picture of the top of the page. Run it again when the report's look changes.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=docs/report-example.png
WIDTH=1280
HEIGHT=${HEIGHT:-2000}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

.venv/bin/python - "$work/plans" <<'PY'
import sys
from pathlib import Path

sys.path.insert(0, "tests")
from portfolio_corpus import generate

generate(Path(sys.argv[1]), 240, planted=True, debriefs=True)
PY
(cd "$work" && "$OLDPWD/.venv/bin/negplan" report plans --today 2026-11-23 --no-cache \
  -o report.html)
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --hide-scrollbars --window-size="$WIDTH,$HEIGHT" \
  --screenshot="$work/shot.png" "file://$work/report.html" 2>/dev/null
cp "$work/shot.png" "$OUT"
echo "wrote $OUT"
