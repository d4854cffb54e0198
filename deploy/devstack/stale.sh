#!/usr/bin/env bash
# Exit 0 when every packaged artefact `make run` needs exists and is newer than its sources;
# exit 1 when something must be (re)built first.
set -euo pipefail
cd "$(dirname "$0")/../.."
need=(deploy/devstack/target/devstack-launcher.jar)
for svc in telemetry-service deployment-service l10n-sync-service pve-gateway automation-service; do
  need+=("$svc/target/quarkus-app/quarkus-run.jar")
done
for artefact in "${need[@]}"; do
  [ -f "$artefact" ] || exit 1
done
# Any source newer than the oldest artefact means a rebuild.
oldest=$(ls -tr "${need[@]}" | head -n1)
if find pom.xml events common-lib deploy/devstack/pom.xml deploy/devstack/src \
     telemetry-service deployment-service l10n-sync-service pve-gateway automation-service \
     -path '*/target' -prune -o -type f -newer "$oldest" -print -quit 2>/dev/null | grep -q .; then
  exit 1
fi
exit 0
