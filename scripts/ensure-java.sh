#!/usr/bin/env bash
# Make sure Java is there for the spark target's local Spark session (pyspark runs a JVM):
# installs Debian's openjdk-17-jre-headless when `java` is missing and we are root.
# Exits non-zero, saying why, when no Java can be had: the test suite requires one.
set -euo pipefail

if command -v java >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-java: installing Java 17 from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
if ! command -v java >/dev/null 2>&1; then
    echo "ensure-java: no java on PATH; install Java 17 (as root: apt-get install openjdk-17-jre-headless)" >&2
    exit 1
fi
