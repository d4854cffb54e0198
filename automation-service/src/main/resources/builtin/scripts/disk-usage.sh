#!/bin/bash
# The ten largest directories under DIR (default /var), one file system only.
DIR=${DIR:-/var}
if [ ! -d "$DIR" ]; then
  echo "not a directory: $DIR" >&2
  exit 2
fi
du -x -h --max-depth=2 -- "$DIR" 2>/dev/null | sort -h -r | head -n 10
