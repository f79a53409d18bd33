#!/usr/bin/env bash
# The project's one test command (`npm test`): everything it needs, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
	echo "Browser tests need Debian's chromium; installing it (about a minute)…"
	if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

[ -d node_modules ] || npm ci --no-audit --no-fund

# Browser tests drive the built PWA exactly as `npm start` serves it.
npx svelte-kit sync
npx vite build --logLevel warn
npx vitest run "$@"
