#!/usr/bin/env bash
# The browser tests and the benchmark drive Debian's chromium (/usr/bin/chromium): install it when
# it is missing, so `npm test` and `npm run bench` work on a fresh machine.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
	echo "Browser tests and the benchmark need Debian's chromium; installing it (about a minute)…"
	if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
