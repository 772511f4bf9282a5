#!/usr/bin/env bash
# Installs Debian's chromium, which the timeline's browser test
# (cmd/server, TestTimelineInBrowser) drives headless, when
# /usr/bin/chromium is missing. Idempotent, and silent when it is there.
# Needs root (CI and the developers' machines run as root) and Debian's
# package archive.
set -euo pipefail

[ -x /usr/bin/chromium ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "chromium.sh: /usr/bin/chromium is missing and there is no apt-get to install it" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium.sh: /usr/bin/chromium is missing; installing it needs root (apt-get install chromium)" >&2
  exit 1
fi
echo "chromium.sh: installing Debian's chromium for the timeline's browser test" >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { apt-get update -q && apt-get install -y -q --no-install-recommends chromium; } >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "chromium.sh: apt-get could not install chromium" >&2
  exit 1
fi
[ -x /usr/bin/chromium ] || { echo "chromium.sh: apt-get installed chromium but /usr/bin/chromium is missing" >&2; exit 1; }
echo "chromium.sh: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) installed" >&2
