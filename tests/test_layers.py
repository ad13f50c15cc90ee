"""The layers import only what they may: data flows bot -> dialogs -> services -> storage/cards, never back."""

from __future__ import annotations

import ast
import sys
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
    "aiohttp": {"bot", "api", "app", "cli"},  # the servers and their wiring
    "msgraph": {"graph"},  # Microsoft Graph: one package, so the SDK (390 MB, kiota) can be swapped in one place
    "msgraph_core": {"graph"},
    "kiota_abstractions": {"graph"},
    "kiota_http": {"graph"},
    "kiota_authentication_azure": {"graph"},
    "azure": {"graph"},
    "httpx": {"graph"},  # kiota's transport: its time-outs and transport errors are mapped in graph/errors.py
    "pydantic": {"api"},  # the API's request models, which the OpenAPI document is generated from
}

# First-party packages each layer must not import. Every layer may import `vocabulary`, which imports none.
FORBIDDEN = {
    "vocabulary": {"bot", "dialogs", "services", "storage", "cards", "matching", "i18n", "api", "graph", "app", "cli"}
    | {"config"},
    "cards": {"bot", "dialogs", "services", "storage", "matching", "app", "cli"},
    "matching": {"bot", "dialogs", "services", "storage", "cards", "app", "cli"},
    "i18n": {"bot", "dialogs", "services", "storage", "cards", "matching", "app", "cli"},
    "storage": {"bot", "dialogs", "services", "cards", "app", "cli"},
    "services": {"bot", "dialogs", "api", "graph", "app", "cli"},  # services reach Graph through services.ports
    "dialogs": {"bot", "storage", "app", "cli"},  # flows get views from the services, never ORM rows
    "bot": {"api", "app", "cli"},
    "graph": {"bot", "dialogs", "storage", "cards", "api", "app", "cli"},  # implements services.ports.Graph
    "api": {"bot", "dialogs", "storage", "graph", "app", "cli"},  # HTTP in, services behind it
}


def _modules() -> list[tuple[str, Path]]:
    """(layer, file) for every product module: a package's name, or the top-level module's own name."""
    found = []
    for path in sorted(ROOT.glob("*.py")):
        found.append((path.stem, path))
    for layer in ("api", "bot", "cards", "dialogs", "graph", "i18n", "matching", "services", "storage", "vocabulary"):
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
    expected = {"app", "cli", "config", "bot", "cards", "dialogs", "matching", "services", "storage", "vocabulary"}
    assert expected <= layers
    assert sum(1 for layer, _ in MODULES if layer == "storage") > 5  # migrations included


@pytest.mark.parametrize(("layer", "path"), MODULES, ids=[str(p.relative_to(ROOT)) for _, p in MODULES])
def test_layer_imports(layer: str, path: Path):
    imported = _imports(path)
    for package in imported:
        owners = OWNERS.get(package)
        assert owners is None or layer in owners, (
            f"{path.relative_to(ROOT)} imports {package}, which only {sorted(owners)} may"
        )
    wrong = imported & FORBIDDEN.get(layer, set())
    assert not wrong, f"{path.relative_to(ROOT)} ({layer}) imports {sorted(wrong)}: data flows the other way"


CONNECTOR_SENDS = {
    "send_to_conversation",
    "reply_to_activity",
    "update_activity",
    "delete_activity",
    "create_conversation",
    "continue_conversation",
}
"""Bot Connector client and adapter calls that post, change or remove something in Teams."""
TURN_SENDERS = {"_send", "_update_card"}
"""The functions of bot/endpoint.py that send a turn's replies and its clicked card's update."""


def _outbound(path: Path) -> tuple[dict[str, set[str]], set[str], set[str]]:
    """Of `path`: connector sends by enclosing function, methods called on a `transport`, non-docstring literals."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    sends: dict[str, set[str]] = {}
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    if node.func.attr in CONNECTOR_SENDS:
                        sends.setdefault(function.name, set()).add(node.func.attr)
    on_transport, strings = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if isinstance(owner, ast.Attribute) and owner.attr in ("transport", "_transport"):
                on_transport.add(node.func.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            strings.add(node.value)
    return sends, on_transport, strings


def test_one_outbound_path():
    """A turn's replies and its clicked card's update are sent by bot/endpoint.py (what fails becomes a reply job);
    everything else reaches Teams through the Messenger port, implemented by bot/proactive.py."""
    for _, path in MODULES:
        name = path.relative_to(ROOT).as_posix()
        sends, on_transport, strings = _outbound(path)
        senders = set(sends) - (TURN_SENDERS if name == "bot/endpoint.py" else set())
        assert not senders, f"{name} sends through the connector client in {sorted(senders)}: use the Messenger port"
        assert not on_transport - {"close"} or name in ("bot/connector.py", "bot/proactive.py"), (
            f"{name} calls the connector transport itself: {sorted(on_transport)}"
        )
        urls = [s for s in strings if "/v3/conversations" in s]
        assert not urls or name in ("bot/connector.py", "bot/proactive.py"), f"{name} builds connector URLs: {urls}"


def test_vocabulary_imports_only_the_standard_library():
    for layer, path in MODULES:
        if layer == "vocabulary":
            outside = _imports(path) - set(sys.stdlib_module_names) - {"vocabulary", "__future__"}
            where = path.relative_to(ROOT)
            assert not outside, f"{where} imports {sorted(outside)}: every layer must be able to import it"
