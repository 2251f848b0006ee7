#!/usr/bin/env bash
# npm run setup: installs the dependencies and makes sure a Chromium is usable.
# Idempotent: a second run with nothing to do takes a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*" >&2; }

# 1. Dependencies, exactly as locked. Skipped when node_modules already matches the lock file.
stamp=node_modules/.setup-lock-hash
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
  say "dependencies up to date"
else
  say "installing dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$lock_hash" > "$stamp"
fi

# 2. A browser. lib/browser.ts decides at run time; here we only make sure it will find one.
browser_found() { npx --no-install tsx scripts/find-browser.ts >&2; }

if browser_found; then
  exit 0
fi

say "no Chromium yet; trying Playwright's own download"
if timeout 300 npx --no-install playwright install chromium >&2; then
  browser_found && exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  say "Playwright's download failed; installing Debian's chromium and chromium-headless-shell with apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # The headless shell starts about twice as fast; full chromium is for --headed runs.
  apt-get install -y -qq chromium chromium-headless-shell >&2 || apt-get install -y -qq chromium >&2
  browser_found && exit 0
fi

say "could not install a Chromium. Install one and/or set CHROMIUM_PATH, then run npm run setup again."
say "  Debian/Ubuntu: sudo apt-get install chromium chromium-headless-shell"
say "  elsewhere:     npx playwright install --with-deps chromium"
exit 1
