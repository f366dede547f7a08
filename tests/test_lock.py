"""The committed lock (requirements/test.txt) and pyproject.toml agree, and the tests run on the lock.

pyproject.toml keeps compatible ranges for users; the lock pins the versions CI tested (`make lock` refreshes
it). A range narrowed or widened without refreshing the lock, or a test run in an environment that was not
built from the lock, fails here rather than passing on versions nobody pinned.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import ROOT

LOCK = ROOT / "requirements" / "test.txt"
LOCKED_EXTRAS = ("test", "postgres", "dev")
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def _locked() -> dict[str, list[tuple[Version, Marker | None]]]:
    pins: dict[str, list[tuple[Version, Marker | None]]] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            name, version, marker = match.groups()
            pins.setdefault(canonicalize_name(name), []).append((Version(version), Marker(marker) if marker else None))
    return pins


def _applies(marker: Marker | None) -> bool:
    return marker is None or marker.evaluate()


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    return [Requirement(r) for r in [*project["dependencies"], *(r for e in LOCKED_EXTRAS for r in extras[e])]]


def test_every_locked_entry_has_hashes() -> None:
    text = LOCK.read_text(encoding="utf-8")
    entries = [line for line in text.splitlines() if _PIN.match(line)]
    assert len(entries) > 50
    assert text.count("--hash=sha256:") >= len(entries)
    assert "make lock" in text  # the command that made it is named in its header


@pytest.mark.parametrize("requirement", _declared(), ids=str)
def test_the_lock_satisfies_pyproject(requirement: Requirement) -> None:
    pins = _locked().get(canonicalize_name(requirement.name))
    assert pins, f"{requirement.name} is in pyproject.toml but not in {LOCK.name}; run `make lock`"
    for version, marker in pins:
        if _applies(marker):
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{LOCK.name} pins {requirement.name}=={version}, outside pyproject's {requirement}; run `make lock`"
            )


def test_the_tests_run_on_the_locked_versions() -> None:
    wrong = []
    for name, pins in _locked().items():
        wanted = [version for version, marker in pins if _applies(marker)]
        if not wanted:
            continue
        try:
            installed = Version(importlib.metadata.version(name))
        except importlib.metadata.PackageNotFoundError:
            wrong.append(f"{name}: not installed (locked {wanted[0]})")
            continue
        if installed not in wanted:
            wrong.append(f"{name}: {installed} installed, {wanted[0]} locked")
    assert not wrong, "this environment was not built from the lock; run `make test`:\n" + "\n".join(wrong)
