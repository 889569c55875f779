#!/usr/bin/env bash
# Installs the Debian packages auroranet uses (Voikko for Finnish analysis, Chromium for browser tests,
# wrk for bench/bench_ratio.py).
# As root it installs what is missing; otherwise it says what to install. The app still works without
# them: text analysis falls back to simplemma/Snowball (logged once), browser tests need chromium.
set -u
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null || true
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || echo "WARNING: could not install ${missing[*]}; falling back where possible." >&2
else
  echo "NOTE: please install these Debian packages: sudo apt-get install ${missing[*]}" >&2
  echo "      (auroranet falls back to simplemma/Snowball without Voikko; browser tests need chromium)" >&2
fi
exit 0
