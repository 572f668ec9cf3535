#!/usr/bin/env bash
# Install the Debian packages the test suite needs (Chromium, PostgreSQL, Java for the HTML checker),
# only when one is missing. Needs root (CI and the development machines run as root).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# RUM index for the PostgreSQL search backend's ranking (without it: a bounded window).
ls /usr/share/postgresql/*/extension/rum.control >/dev/null 2>&1 || need+=(postgresql-15-rum)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
