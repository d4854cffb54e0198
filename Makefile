# The everyday commands. Each finds a JDK >= 21 by itself (JAVA_HOME if new enough, else /usr/lib/jvm…).
SHELL := /bin/bash
JAVA_HOME := $(shell deploy/devstack/find-jdk.sh)
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)
MVN := ./mvnw -B --no-transfer-progress
LAUNCHER := deploy/devstack/target/devstack-launcher.jar

.PHONY: run test build fmt clean check-jdk images

check-jdk:
	@test -n "$(JAVA_HOME)" || { echo "make: no JDK >= 21 (see the message above)"; exit 1; }
	@echo "Using JDK at $(JAVA_HOME)"

## make build — compile and package every service (no tests)
build: check-jdk
	$(MVN) -DskipTests package

## make test — unit tests, @QuarkusTests and the end-to-end tests against real PostgreSQL + Kafka
test: check-jdk
	$(MVN) verify

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
