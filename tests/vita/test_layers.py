"""The layers hold (`make lint` runs import-linter), and the check would see an upward
import: on a copy of the code, a kernel module that imports a domain app breaks it."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
    "root_packages"
]


def _lint(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path):
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_layers_hold(tree):
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_upward_import_in_the_kernel_breaks_the_layers(tree):
    text = tree / "vita" / "text.py"
    text.write_text(text.read_text() + "\nfrom experiences.models import ExperienceCard  # noqa\n")

    result = _lint(tree)

    assert result.returncode != 0
    assert "vita.text -> experiences.models" in result.stdout
