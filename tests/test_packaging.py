"""A non-editable install (a built wheel) carries the schemas and examples and runs.

The wheel goes into a new virtual environment of its own. Its dependencies are not downloaded again: a ``.pth``
file makes the running environment's site-packages (a virtual environment's or the system's, whichever runs
the tests) visible after the new environment's own, so the wheel's copy of evidencepack is the one imported.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from tests.conftest import ROOT


def _dependency_paths() -> list[str]:
    paths = sysconfig.get_paths()
    return sorted({paths["purelib"], paths["platlib"]})


def test_wheel_install_validates_with_packaged_schemas(tmp_path):
    wheel_dir = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheel_dir), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(wheel_dir.glob("evidencepack-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert installed.returncode == 0, installed.stderr
    own_site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              capture_output=True, text=True, check=True).stdout.strip()
    (Path(own_site) / "_test_dependencies.pth").write_text(
        "\n".join(_dependency_paths()) + "\n", encoding="utf-8")
    code = (
        "import evidencepack, pathlib, json;"
        "from evidencepack.framework import default_schema_dir;"
        f"d = default_schema_dir(); assert str(d).startswith({str(env_dir)!r}), d;"
        "assert (d / 'pack.schema.json').is_file() and len(list((d / 'principles').glob('*.json'))) == 6;"
        "ex = pathlib.Path(evidencepack.__file__).parent / 'examples';"
        "r = evidencepack.check(ex / 'care-home-digital-care-planning.json');"
        "print(json.dumps([str(d), r.valid, r.score.overall]))"
    )
    result = subprocess.run([str(python), "-I", "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "true" in result.stdout
