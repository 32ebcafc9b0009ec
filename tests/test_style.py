"""The code base stays `ruff check` and `ruff format` clean."""

import subprocess
import sys
from pathlib import Path


def _ruff(*args: str, root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=root, capture_output=True, text=True
    )


def test_ruff_check_is_clean(project_root: Path) -> None:
    result = _ruff("check", ".", root=project_root)
    assert result.returncode == 0, result.stdout


def test_ruff_format_is_clean(project_root: Path) -> None:
    result = _ruff("format", "--check", ".", root=project_root)
    assert result.returncode == 0, result.stdout
