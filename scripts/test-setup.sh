#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine:
# - system packages: LibreOffice, poppler, Chromium, PostgreSQL, fonts;
# - a virtual environment ($VENV, default .venv) with exactly the versions in the lock, requirements/test.txt
#   (hashes checked), and evidencepack itself installed in editable mode;
# - the npm tools from tests/tools/package-lock.json (the Word validator, axe-core).
# Idempotent: the environment is rebuilt only when the lock has changed since it was built.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
LOCK=requirements/test.txt
APT_PACKAGES=(libreoffice-writer-nogui poppler-utils chromium postgresql fonts-liberation2 fonts-dejavu-core)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
"$PYTHON" -c "import venv, ensurepip" 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test-setup: installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp="$VENV/.evidencepack-lock.sha256"
wanted="$(sha256sum "$LOCK" pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "test-setup: building $VENV from $LOCK"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  pip_quiet=(-q --disable-pip-version-check --no-input)
  "$VENV/bin/python" -m pip install "${pip_quiet[@]}" --require-hashes -r "$LOCK" 2> >(grep -v "is ignored: it is neither" >&2)
  # evidencepack itself: its dependencies are all in the lock; its build tools (setuptools, wheel) too.
  "$VENV/bin/python" -m pip install "${pip_quiet[@]}" --no-deps --no-build-isolation -e . \
    2> >(grep -v "is ignored: it is neither" >&2)
  "$VENV/bin/python" -m pip check
  echo "$wanted" > "$stamp"
fi

npm install --prefix tests/tools --no-audit --no-fund --loglevel=error >/dev/null
echo "test-setup: ready ($VENV/bin/python)"
