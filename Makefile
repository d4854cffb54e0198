# The everyday commands. Each finds a JDK >= 21 by itself (JAVA_HOME if new enough, else /usr/lib/jvm…).
SHELL := /bin/bash
JAVA_HOME := $(shell deploy/devstack/find-jdk.sh)
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)
MVN := ./mvnw -B --no-transfer-progress
LAUNCHER := deploy/devstack/target/devstack-launcher.jar

.PHONY: run test test-reliability build fmt clean check-jdk images

check-jdk:
	@test -n "$(JAVA_HOME)" || { echo "make: no JDK >= 21 (see the message above)"; exit 1; }
	@echo "Using JDK at $(JAVA_HOME)"

## make build — compile and package every service (no tests)
build: check-jdk
	$(MVN) -DskipTests package

## make test — unit tests, @QuarkusTests and the end-to-end tests against real PostgreSQL + Kafka (installs the
##   modules into the local Maven repository too, so test-reliability can run the e2e module on its own)
test: check-jdk
	$(MVN) install

## make test-reliability — after make test: two instances of services behind one gateway, and faults (broker
##   stopped mid-ingest, PostgreSQL restarted, services started before their infrastructure); minutes each
test-reliability: check-jdk
	$(MVN) verify -Preliability -pl deploy/devstack/e2e -Dit.test='dev/opsuite/devstack/e2e/reliability/*IT'

## make fmt — apply the project's one Java style (make test checks it)
fmt: check-jdk
	$(MVN) spotless:apply

## make run — build what is missing, start PostgreSQL, Kafka and the five services, wait for ready
run: check-jdk
	@if ! deploy/devstack/stale.sh; then $(MVN) -DskipTests package; fi
	java -jar $(LAUNCHER) run

## make images — each service's container image as a tarball (<service>/target/image/<service>.tar), built by
##   Jib without a Docker daemon on the project's own base image (deploy/images), then each image unpacked and
##   started from its own root against devstack's PostgreSQL and Kafka until ready (deploy/images/boot-check.sh)
SERVICES := pve-gateway,telemetry-service,deployment-service,l10n-sync-service,automation-service
images: check-jdk
	deploy/images/build-base.sh
	$(MVN) -Pimages -DskipTests package -pl $(SERVICES) -am
	deploy/images/boot-check.sh

clean: check-jdk
	$(MVN) clean
