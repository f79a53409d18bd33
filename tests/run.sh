#!/usr/bin/env bash
# The project's one test command (`npm test`): everything it needs, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tests/ensure-chromium.sh

[ -d node_modules ] || npm ci --no-audit --no-fund

# Browser tests drive the built PWA exactly as `npm start` serves it.
npx svelte-kit sync
npx vite build --logLevel warn
npx vitest run "$@"
