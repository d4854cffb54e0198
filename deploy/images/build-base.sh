#!/usr/bin/env bash
# Builds opsuite's base image without a daemon: Debian's C library (libc6, from the Debian archive via
# apt-get download) + a Java runtime jlinked from the build's JDK + a non-root user, as one layer in a
# `docker save` tarball that Jib reads as its base (quarkus.jib.base-jvm-image=tar://...).
#
#   deploy/images/build-base.sh [output=deploy/images/target/opsuite-base.tar]
#
# No shell, no package manager in the image: the services need only the JVM and glibc. The user is
# opsuite (10001:10001); /tmp and /var/lib/opsuite are where a read-only root lets them write (the
# Helm chart mounts emptyDirs there). Needs: a JDK >= 21 (jlink), apt-get + dpkg-deb (Debian/Ubuntu),
# tar, sha256sum.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-deploy/images/target/opsuite-base.tar}
UID_GID=10001
# What the services use of the JDK (Quarkus, Vert.x/Netty, Hibernate, JDBC, Kafka clients with SASL, JMX
# metrics, JFR for diagnostics). java.desktop only for java.beans, which Hibernate and Jackson touch.
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
DEBIAN_PACKAGES=(libc6)

JAVA_HOME=${JAVA_HOME:-$(deploy/devstack/find-jdk.sh)}
for tool in "$JAVA_HOME/bin/jlink" apt-get dpkg-deb tar sha256sum; do
  command -v "$tool" >/dev/null || { echo "build-base: $tool is missing (Debian: apt-get install dpkg tar coreutils; a JDK >= 21 for jlink)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/opsuite-base.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ROOT=$WORK/rootfs
mkdir -p "$ROOT" "$WORK/debs"

echo "base image: Debian packages ${DEBIAN_PACKAGES[*]}"
(cd "$WORK/debs" && apt-get download "${DEBIAN_PACKAGES[@]}" >/dev/null 2>&1) || {
  apt-get update -qq >/dev/null && (cd "$WORK/debs" && apt-get download "${DEBIAN_PACKAGES[@]}" >/dev/null)
}
for deb in "$WORK"/debs/*.deb; do
  dpkg-deb -x "$deb" "$ROOT"
  dpkg-deb -f "$deb" Package Version | sed 's/^[^:]*: //' | paste -sd= >>"$WORK/packages.txt"
done
# Debian's merged /usr: the loader path in every binary is /lib64/ld-linux-x86-64.so.2
for dir in bin lib lib64 sbin; do
  if [ -d "$ROOT/usr/$dir" ] && [ ! -e "$ROOT/$dir" ]; then ln -s "usr/$dir" "$ROOT/$dir"; fi
done
rm -rf "$ROOT/usr/share/doc" "$ROOT/usr/share/lintian" "$ROOT/usr/share/man" "$ROOT/usr/share/locale"

echo "base image: jlink $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$ROOT/opt/java"

mkdir -p "$ROOT/etc" "$ROOT/tmp" "$ROOT/var/lib/opsuite" "$ROOT/app" "$ROOT/dev" "$ROOT/proc" "$ROOT/sys"
chmod 1777 "$ROOT/tmp"
cat >"$ROOT/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
opsuite:x:$UID_GID:$UID_GID:opsuite:/var/lib/opsuite:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
EOF
cat >"$ROOT/etc/group" <<EOF
root:x:0:
opsuite:x:$UID_GID:
nogroup:x:65534:
EOF
printf 'hosts: files dns\n' >"$ROOT/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' >"$ROOT/etc/hosts"
cp "$WORK/packages.txt" "$ROOT/etc/opsuite-base-packages"

# One layer, reproducible: fixed owners and times, sorted entries; the user's own directories are its.
LAYER=$WORK/layer.tar
tar --create --file "$LAYER" --directory "$ROOT" --sort=name --numeric-owner --owner=0 --group=0 \
  --mtime='2000-01-01 00:00:00Z' --exclude=./var/lib/opsuite --exclude=./app .
tar --append --file "$LAYER" --directory "$ROOT" --numeric-owner --owner=$UID_GID --group=$UID_GID \
  --mtime='2000-01-01 00:00:00Z' ./var/lib/opsuite ./app
DIFF_ID=sha256:$(sha256sum "$LAYER" | cut -d' ' -f1)

JAVA_VERSION=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')
cat >"$WORK/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"2000-01-01T00:00:00Z",
 "config":{"User":"$UID_GID:$UID_GID","WorkingDir":"/app",
  "Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],
  "Labels":{"org.opencontainers.image.title":"opsuite-base","org.opencontainers.image.description":"glibc from Debian + a jlinked Java $JAVA_VERSION runtime; no shell","dev.opsuite.java.version":"$JAVA_VERSION"}},
 "rootfs":{"type":"layers","diff_ids":["$DIFF_ID"]},
 "history":[{"created":"2000-01-01T00:00:00Z","created_by":"deploy/images/build-base.sh"}]}
EOF
printf '[{"Config":"config.json","RepoTags":["opsuite/base:java-%s"],"Layers":["layer.tar"]}]\n' "$JAVA_VERSION" >"$WORK/manifest.json"

mkdir -p "$(dirname "$OUT")"
tar --create --file "$OUT.partial" --directory "$WORK" --sort=name --mtime='2000-01-01 00:00:00Z' \
  --owner=0 --group=0 manifest.json config.json layer.tar
mv "$OUT.partial" "$OUT"
echo "base image: $OUT ($(du -h "$OUT" | cut -f1), layer $DIFF_ID)"
echo "  packages: $(paste -sd, "$WORK/packages.txt")"
