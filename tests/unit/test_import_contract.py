"""The layers stay honest: who may import what, checked on every module's source (lazy imports included).

- only `gui/` imports Qt; only `net/` imports `requests`; only `render/` imports `reportlab`;
- `core/` is pure: no SQLite, Qt, network or higher layer of ours;
- the command line and the desktop app reach storage only through the application layer;
- lower layers never import higher ones (storage and app know nothing of cli/gui).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import victim_desk

PACKAGE_ROOT = Path(victim_desk.__file__).resolve().parent

QT = ("PySide6", "shiboken6")
NETWORK = ("requests", "urllib3", "socket", "ssl", "http", "urllib.request", "httpx", "aiohttp")
SQL = ("sqlite3", "sqlcipher3")

# (modules this rule covers, forbidden import prefixes)
RULES: list[tuple[str, tuple[str, ...]]] = [
    ("victim_desk.core", (*QT, *NETWORK, *SQL, "reportlab", "victim_desk.storage", "victim_desk.app",
                          "victim_desk.desk", "victim_desk.cli", "victim_desk.gui", "victim_desk.net",
                          "victim_desk.render")),
    ("victim_desk.cli", ("victim_desk.storage", *SQL, *QT, "requests", "reportlab")),
    ("victim_desk.gui", ("victim_desk.storage", *SQL, "requests", "reportlab")),
    ("victim_desk.storage", (*QT, "requests", "reportlab", "victim_desk.app", "victim_desk.desk",
                             "victim_desk.cli", "victim_desk.gui")),
    ("victim_desk.app", (*QT, "victim_desk.cli", "victim_desk.gui")),
    ("victim_desk.net", (*QT, *SQL, "reportlab", "victim_desk.storage", "victim_desk.app", "victim_desk.desk",
                         "victim_desk.cli", "victim_desk.gui", "victim_desk.render")),
    ("victim_desk.desk", (*QT, "victim_desk.cli", "victim_desk.gui")),
]  # fmt: skip

# Third-party packages that belong to exactly one layer.
OWNERS = {"PySide6": "victim_desk.gui", "shiboken6": "victim_desk.gui", "requests": "victim_desk.net",
          "urllib3": "victim_desk.net", "socks": "victim_desk.net",
          "reportlab": "victim_desk.render"}  # fmt: skip


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, is_package: bool) -> set[str]:
    """Every module named by an import statement anywhere in the source, relative ones resolved."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base)
                target = f"{prefix}.{node.module}" if node.module else prefix
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(module: str, imported: set[str]) -> list[str]:
    problems = []
    for scope, forbidden in RULES:
        if within(module, scope):
            problems.extend(
                f"{module} imports {name}" for name in imported for f in forbidden if within(name, f)
            )
    for package, owner in OWNERS.items():
        if not within(module, owner):
            problems.extend(f"{module} imports {name}" for name in imported if within(name, package))
    return sorted(set(problems))


def all_modules() -> list[Path]:
    return sorted(PACKAGE_ROOT.rglob("*.py"))


def test_the_package_has_every_layer_to_check() -> None:
    names = {module_name(p) for p in all_modules()}
    for layer in ("victim_desk.core", "victim_desk.app", "victim_desk.storage", "victim_desk.cli",
                  "victim_desk.gui"):  # fmt: skip
        assert any(within(n, layer) for n in names), layer


@pytest.mark.parametrize("path", all_modules(), ids=lambda p: module_name(p))
def test_module_respects_the_import_contract(path: Path) -> None:
    module = module_name(path)
    imported = imports_of(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")
    assert violations(module, imported) == []


def test_the_checker_catches_each_kind_of_violation() -> None:
    # The contract test is only worth something if it can fail: plant one violation of each kind.
    cases = {
        "victim_desk.core.model": "import sqlite3",
        "victim_desk.core.fingerprint.image": "def f():\n    from PySide6 import QtCore\n",
        "victim_desk.cli.commands": "from victim_desk.storage.vault import Vault",
        "victim_desk.gui.shell": "from victim_desk.storage import vault",
        "victim_desk.app.cases": "import requests",
        "victim_desk.storage.vault": "from ..gui import shell",
        "victim_desk.core.sightings": "from urllib.request import urlopen",
        "victim_desk.app.evidence": "import reportlab.pdfgen",
        "victim_desk.app.rechecks": "import socks",
        "victim_desk.net.fetch": "from victim_desk.storage import vault",
    }
    for module, source in cases.items():
        imported = imports_of(source, module, is_package=False)
        assert violations(module, imported), (module, source)
    # ... and leave what is allowed alone.
    allowed = {
        "victim_desk.gui.shell": "from PySide6 import QtCore",
        "victim_desk.app.cases": "from victim_desk.storage.tables import cases",
        "victim_desk.net.fetch": "import requests",
    }
    for module, source in allowed.items():
        assert violations(module, imports_of(source, module, is_package=False)) == []
