#!/usr/bin/env bash
# The project's test commands: everything they need, then the tests (`npm test`: every test;
# `npm run test:pglite`: the database tests again on PGlite, as CI runs them after `npm test` on
# PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."

bash tests/ensure-chromium.sh

[ -d node_modules ] || npm ci --no-audit --no-fund

# Browser tests drive the built PWA exactly as `npm start` serves it. A build newer than every
# file it is made from is that build already (CI's second pass), so it is not made again.
npx svelte-kit sync
if [ ! -f build/client/app-shell.html ] || [ -n "$(find src static svelte.config.js vite.config.ts package-lock.json -newer build/client/app-shell.html -print -quit)" ]; then
	npx vite build --logLevel warn
fi
npx vitest run "$@"
