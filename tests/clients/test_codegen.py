"""The committed hub_client/generated/ is what ariadne-codegen makes of today's schema."""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CLIENT = Path(__file__).resolve().parents[2] / "clients" / "python"
REQUIREMENTS = CLIENT / "codegen-requirements.txt"


@pytest.fixture(scope="session")
def codegen_python(request: pytest.FixtureRequest) -> Path:
    """A Python with the pinned ariadne-codegen, in a venv of its own that pytest caches.

    ariadne-codegen needs graphql-core < 3.3 while the hub's Strawberry needs >= 3.3, so the
    generator cannot be installed next to the hub.
    """
    pins = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()[:12]
    venv = request.config.cache.mkdir(f"ariadne-codegen-{pins}")
    python = venv / "bin" / "python"
    if not (venv / "installed").exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        install = [str(python), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)]
        subprocess.run(install, check=True)
        (venv / "installed").touch()
    return python


def _sources(package: Path) -> dict[str, str]:
    return {path.name: path.read_text() for path in sorted(package.glob("*.py"))}


def test_generated_client_matches_schema_and_operations(
    codegen_python: Path, project_root: Path, tmp_path: Path
) -> None:
    # The same layout as the repository, so the relative paths of the config hold.
    shutil.copy(project_root / "schema.graphql", tmp_path / "schema.graphql")
    workdir = tmp_path / "clients" / "python"
    shutil.copytree(CLIENT / "hub_client" / "operations", workdir / "hub_client" / "operations")
    shutil.copy(CLIENT / "pyproject.toml", workdir / "pyproject.toml")
    run = subprocess.run(
        [str(codegen_python), "-m", "ariadne_codegen"],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    fresh = _sources(workdir / "hub_client" / "generated")
    assert fresh == _sources(CLIENT / "hub_client" / "generated")
