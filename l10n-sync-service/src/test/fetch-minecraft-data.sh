#!/usr/bin/env bash
# Fetches the pinned minecraft-data npm package (vanilla Minecraft language files) into $1 with
# plain `npm pack`, once: a later build reuses what is there and works offline.
set -euo pipefail
VERSION=3.119.0
dest=${1:?usage: fetch-minecraft-data.sh <target dir>}
tarball="$dest/minecraft-data-$VERSION.tgz"
marker="$dest/data/pc/1.21.8/language.json"
if [[ -s "$marker" ]]; then
  exit 0
fi
mkdir -p "$dest"
if [[ ! -s "$tarball" ]]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "fetch-minecraft-data: npm is not installed; install it (Debian: apt-get install npm) or put" \
      "minecraft-data-$VERSION.tgz into $dest" >&2
    exit 1
  fi
  echo "fetch-minecraft-data: npm pack minecraft-data@$VERSION -> $dest"
  if ! (cd "$dest" && npm pack "minecraft-data@$VERSION" --silent >/dev/null); then
    echo "fetch-minecraft-data: could not fetch minecraft-data@$VERSION from the npm registry." \
      "The tests need its language files: run the build once with network access, or put" \
      "minecraft-data-$VERSION.tgz into $dest" >&2
    rm -f "$tarball"
    exit 1
  fi
fi
# only the two Java-edition language files the tests use
tar -xzf "$tarball" -C "$dest" --strip-components=2 \
  package/minecraft-data/data/pc/1.21.8/language.json package/minecraft-data/data/pc/1.20/language.json
mkdir -p "$(dirname "$marker")"
[[ -s "$marker" ]] || { echo "fetch-minecraft-data: $marker missing after unpacking" >&2; exit 1; }
