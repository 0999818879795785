#!/bin/sh
# Renders docs/terminal.png and docs/html-report.png from a real run of the
# example snapshots. Terminal: parity draws into a tmux pane
# (a real terminal, so colour and width are what a user gets), the pane is
# captured with its ANSI colours, turned into HTML and photographed by
# headless Chromium. Needs tmux, python3 and /usr/bin/chromium.
# Usage: docs/screenshot.sh [COLUMNS] [ROWS]   (from the repository root)
set -eu
cols=${1:-100}
rows=${2:-46}
tmp=$(mktemp -d)
trap 'tmux kill-session -t parity-shot 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/parity" ./cmd/parity
tmux new-session -d -s parity-shot -x "$cols" -y "$rows" \
  "SOURCE_DATE_EPOCH=1795000000 $tmp/parity diff testdata/snapshots/staging.json testdata/snapshots/production.json 2>/dev/null; sleep 5"
sleep 2
tmux capture-pane -t parity-shot -e -p > "$tmp/pane.ansi"
python3 - "$tmp/pane.ansi" "$tmp/pane.html" <<'PY'
import html, re, sys
colors = {"31": "#e06c75", "32": "#98c379", "33": "#e5c07b", "36": "#56b6c2"}
out, style = [], {}
for part in re.split(r"(\x1b\[[0-9;]*m)", open(sys.argv[1], encoding="utf-8").read()):
    m = re.fullmatch(r"\x1b\[([0-9;]*)m", part)
    if not m:
        if part:
            css = ";".join(f"{k}:{v}" for k, v in style.items())
            out.append(f'<span style="{css}">{html.escape(part)}</span>' if css else html.escape(part))
        continue
    for code in (m.group(1) or "0").split(";"):
        if code in ("0", ""): style = {}
        elif code == "1": style["font-weight"] = "bold"
        elif code == "2": style["opacity"] = "0.6"
        elif code in colors: style["color"] = colors[code]
        elif code == "39": style.pop("color", None)
        elif code == "22": style.pop("font-weight", None); style.pop("opacity", None)
page = ('<html><body style="margin:0;background:#1e2127;color:#dcdfe4">'
        '<pre style="margin:0;padding:12px;font:14px/1.3 DejaVu Sans Mono,monospace">' + "".join(out) + "</pre></body></html>")
open(sys.argv[2], "w", encoding="utf-8").write(page)
PY
width=$((cols * 85 / 10 + 24))
height=$((rows * 182 / 10 + 24))
/usr/bin/chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --window-size="$width,$height" --screenshot="$PWD/docs/terminal.png" "file://$tmp/pane.html" 2>/dev/null
SOURCE_DATE_EPOCH=1795000000 "$tmp/parity" diff testdata/snapshots/staging.json testdata/snapshots/production.json \
  --format html -o "$tmp/report.html" 2>/dev/null || true
/usr/bin/chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --window-size=1280,1600 --screenshot="$PWD/docs/html-report.png" "file://$tmp/report.html" 2>/dev/null
echo "wrote docs/terminal.png and docs/html-report.png"
