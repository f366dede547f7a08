"""The import contract (pyproject.toml's [tool.importlinter], explained in docs/architecture.md) holds, and it
fails on a wrong-way import or an import loop: checked by import-linter, a tool we did not write."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    assert LINT_IMPORTS.is_file(), f"{LINT_IMPORTS} is missing; `make test` installs import-linter from the lock"
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True, text=True, timeout=120, cwd=package_parent,
        env={"PATH": str(LINT_IMPORTS.parent), "PYTHONPATH": str(package_parent), "HOME": str(package_parent)},
    )


def test_the_package_keeps_the_import_contract() -> None:
    done = _lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "added", "broken"),
    [
        ("load.py", "import evidencepack.export.bundle", "Imports flow one way"),  # the core reaching up
        ("formats/errors.py", "import evidencepack.formats.json_format", "No import loops"),  # a loop in a package
        ("validate.py", "import docx", "never imports python-docx"),
    ],
    ids=["wrong-way", "loop", "heavy-check-path"],
)
def test_the_contract_fails_when_broken(tmp_path: Path, module: str, added: str, broken: str) -> None:
    copy = tmp_path / "evidencepack"
    shutil.copytree(ROOT / "evidencepack", copy, ignore=shutil.ignore_patterns("__pycache__", "examples", "schemas"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{added}  # noqa\n", encoding="utf-8")
    done = _lint_imports(tmp_path)
    assert done.returncode != 0
    assert f"{broken}" in done.stdout and "BROKEN" in done.stdout.split(broken, 1)[1].splitlines()[0]


def _imports_inside_functions(path: Path) -> list[tuple[int, bool]]:
    """(line, has a reason) of each import inside a function: a comment on its line or on a line of the block
    of imports and comments directly above it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for function in ast.walk(ast.parse("\n".join(lines))):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom):
                index = node.lineno - 1
                reasoned = "#" in lines[index]
                while not reasoned and index > 0 and lines[index - 1].strip().startswith(("import ", "from ", "#")):
                    index -= 1
                    reasoned = "#" in lines[index]
                found.append((node.lineno, reasoned))
    return found


def test_every_import_inside_a_function_says_why() -> None:
    unexplained = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "evidencepack").rglob("*.py"))
        for line, reasoned in _imports_inside_functions(path)
        if not reasoned
    ]
    assert not unexplained, "imports inside functions without a one-line reason:\n" + "\n".join(unexplained)
