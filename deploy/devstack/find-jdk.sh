#!/usr/bin/env bash
# Prints the path of a JDK >= 21 (the project's build and run baseline), or explains what to install.
# Order: JAVA_HOME if it is new enough, then /usr/lib/jvm, then the usual SDK managers' folders.
set -euo pipefail
MIN=21

major_of() { # $1 = JDK home; prints its feature version or nothing
  local release="$1/release" v
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  fi
  printf '%s' "$v"
}

if [ -n "${JAVA_HOME:-}" ]; then
  m=$(major_of "$JAVA_HOME")
  if [ -n "$m" ] && [ "$m" -ge "$MIN" ]; then echo "$JAVA_HOME"; exit 0; fi
fi

best="" best_major=0
for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
           "$HOME"/.asdf/installs/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [ -d "$dir" ] || continue
  [ -L "$dir" ] && continue   # aliases like default-java point at a real folder we also see
  m=$(major_of "$dir")
  [ -n "$m" ] || continue
  if [ "$m" -ge "$MIN" ] && [ "$m" -gt "$best_major" ]; then best="$dir" best_major="$m"; fi
done
if [ -n "$best" ]; then echo "$best"; exit 0; fi

cat >&2 <<MSG
No JDK >= $MIN found (checked JAVA_HOME, /usr/lib/jvm, /opt, SDKMAN, ~/.jdks, asdf).
Install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+, or point JAVA_HOME at it.
MSG
exit 1
