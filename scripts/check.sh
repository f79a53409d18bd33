#!/usr/bin/env bash
# `npm run check`: types, lint, format and unused code, with no warnings allowed. svelte-check, the
# longest step, runs beside the others (two cores: about a minute less in CI); every step runs, so
# one round names every problem, and each step's output is printed whole.
set -uo pipefail
cd "$(dirname "$0")/.."

npx svelte-kit sync || exit 1

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(
	npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings >"$out/output" 2>&1
	echo $? >"$out/status"
) &

status=0
for step in "tsc -p tsconfig.server.json --noEmit" "eslint . --max-warnings 0" "prettier --check ." "knip --no-progress"; do
	echo "> $step"
	# shellcheck disable=SC2086 # each step is a command line
	npx $step || status=1
done

wait
echo "> svelte-check --tsconfig ./tsconfig.json --fail-on-warnings"
cat "$out/output"
[ "$(cat "$out/status" 2>/dev/null)" = 0 ] || status=1
exit "$status"
