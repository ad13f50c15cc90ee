"""The layers import only what they may: data flows bot -> dialogs -> services -> storage/cards, never back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Third-party packages that belong to one layer: moving off the (unsupported) Bot Framework SDK touches
# bot/ only, and changing the database library touches storage/ only.
OWNERS = {
    "botbuilder": {"bot"},
    "botframework": {"bot"},
    "msrest": {"bot"},
    "sqlalchemy": {"storage"},
    "alembic": {"storage"},
    "aiohttp": {"bot", "app", "cli"},  # the server and its wiring
}

# First-party packages each layer must not import.
FORBIDDEN = {
    "cards": {"bot", "dialogs", "services", "storage", "matching", "app", "cli"},
    "matching": {"bot", "dialogs", "services", "storage", "cards", "app", "cli"},
    "i18n": {"bot", "dialogs", "services", "storage", "cards", "matching", "app", "cli"},
    "storage": {"bot", "dialogs", "services", "cards", "app", "cli"},
    "services": {"bot", "dialogs", "app", "cli"},
    "dialogs": {"bot", "storage", "app", "cli"},  # flows get views from the services, never ORM rows
    "bot": {"app", "cli"},
}


def _modules() -> list[tuple[str, Path]]:
    """(layer, file) for every product module: a package's name, or the top-level module's own name."""
    found = []
    for path in sorted(ROOT.glob("*.py")):
        found.append((path.stem, path))
    for layer in ("bot", "cards", "dialogs", "i18n", "matching", "services", "storage"):
        for path in sorted((ROOT / layer).rglob("*.py")):
            found.append((layer, path))
    return found


def _imports(path: Path) -> set[str]:
    """The top-level names of everything `path` imports, at module level or inside functions."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


MODULES = _modules()


def test_the_walk_finds_every_layer():
    layers = {layer for layer, _ in MODULES}
    assert {"app", "cli", "config", "bot", "cards", "dialogs", "matching", "services", "storage"} <= layers
    assert sum(1 for layer, _ in MODULES if layer == "storage") > 5  # migrations included


@pytest.mark.parametrize(("layer", "path"), MODULES, ids=[str(p.relative_to(ROOT)) for _, p in MODULES])
def test_layer_imports(layer: str, path: Path):
    imported = _imports(path)
    for package in imported:
        owners = OWNERS.get(package)
        assert owners is None or layer in owners, f"{path.relative_to(ROOT)} imports {package}, which only {sorted(owners)} may"
    wrong = imported & FORBIDDEN.get(layer, set())
    assert not wrong, f"{path.relative_to(ROOT)} ({layer}) imports {sorted(wrong)}: data flows the other way"
