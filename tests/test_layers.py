"""The layers of hub import only downward (import-linter contracts in pyproject.toml)."""

import pkgutil
import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

import hub

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"


def _layered_modules() -> set[str]:
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    (contract,) = config["contracts"]
    return {
        name.strip() for layer in contract["layers"] for name in layer.replace(":", "|").split("|")
    }


def test_no_module_imports_a_layer_above_its_own_and_no_packages_import_each_other() -> None:
    exit_code = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)

    assert exit_code == 0, "an import points up a layer or across independent packages (see above)"


def test_every_top_level_module_of_hub_has_a_layer() -> None:
    top_level = {f"hub.{module.name}" for module in pkgutil.iter_modules(hub.__path__)}

    assert top_level == _layered_modules()
