#!/usr/bin/env bash
# Make sure a Chromium is there for the report's browser tests (tests/python/test_report.py):
# $LEADHUB_CHROMIUM, else Debian's /usr/bin/chromium, installed from Debian's packages when
# missing and we are root. Playwright drives that binary; `playwright install` is never used.
# Exits non-zero, saying why, when no browser can be had: the test suite requires one.
set -euo pipefail

browser=${LEADHUB_CHROMIUM:-/usr/bin/chromium}
if [ -x "$browser" ]; then
    exit 0
fi
if [ "$browser" = /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: installing Chromium from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x "$browser" ]; then
    echo "ensure-chromium: no Chromium at $browser; install Debian's chromium package (as root:" \
        "apt-get install chromium) or point LEADHUB_CHROMIUM at a Chromium binary" >&2
    exit 1
fi
echo "ensure-chromium: $("$browser" --version 2>/dev/null || echo "$browser")"
