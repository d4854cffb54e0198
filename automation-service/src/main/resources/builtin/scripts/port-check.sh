#!/bin/bash
# Which process listens on PORT (default 80).
PORT=${PORT:-80}
case "$PORT" in
  ''|*[!0-9]*) echo "PORT must be a number, got: $PORT" >&2; exit 2 ;;
esac
if command -v ss >/dev/null 2>&1; then
  out=$(ss -ltnpH "sport = :$PORT" 2>/dev/null)
else
  out=$(netstat -ltnp 2>/dev/null | awk -v p=":$PORT" '$4 ~ p"$"')
fi
if [ -n "$out" ]; then
  echo "port $PORT is in use:"
  echo "$out"
else
  echo "port $PORT is free"
fi
