#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded one): installed with apt when it is missing and
# this runs as root (as on CI); otherwise says what to run.
set -u
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$chromium" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (apt-get install chromium)…"
  (apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1)) &&
    [ -x "$chromium" ] && exit 0
fi
echo "Chromium is missing at $chromium: install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH" >&2
exit 1
