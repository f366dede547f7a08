"""A non-editable install (a built wheel) carries the schemas and examples and runs."""

from __future__ import annotations

import subprocess
import sys
import venv

from tests.conftest import ROOT


def test_wheel_install_validates_with_packaged_schemas(tmp_path):
    wheel_dir = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(wheel_dir), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    wheel = next(wheel_dir.glob("evidencepack-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--force-reinstall",
         "--no-index", str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    code = (
        "import evidencepack, pathlib, json;"
        "from evidencepack.framework import default_schema_dir;"
        "d = default_schema_dir(); assert 'site-packages' in str(d), d;"
        "assert (d / 'pack.schema.json').is_file() and len(list((d / 'principles').glob('*.json'))) == 6;"
        "ex = pathlib.Path(evidencepack.__file__).parent / 'examples';"
        "r = evidencepack.check(ex / 'care-home-digital-care-planning.json');"
        "print(json.dumps([str(d), r.valid, r.score.overall]))"
    )
    result = subprocess.run([str(python), "-I", "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "true" in result.stdout
