"""Skip on a user's laptop, fail in CI, when a test's outside requirement is missing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def in_ci() -> bool:
    """True when the run is CI's (CI=true), where nothing may be skipped."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(ok: bool, reason: str) -> None:
    """Skip with `reason` when `ok` is false; fail instead under CI."""
    if ok:
        return
    if in_ci():
        pytest.fail(f"CI=true and a requirement is missing: {reason}")
    pytest.skip(reason)


def require_shared(*relative: str) -> Path:
    """Path inside ../shared, or skip/fail when the clone has no ../shared."""
    path = SHARED.joinpath(*relative)
    require(path.exists(), f"{path} not found: ../shared (benchmark data and schemas) is not next to this clone")
    return path


def require_node_modules(*packages: str) -> Path:
    """The repository's node_modules with `packages`, or skip/fail."""
    modules = ROOT / "node_modules"
    require(shutil.which("node") is not None, "Node.js is not installed (run scripts/setup.sh)")
    for package in packages:
        require((modules / package).exists(), f"npm package {package} is missing (run `npm ci`)")
    return modules


def require_chromium() -> str:
    """Path of Debian's Chromium, or skip/fail."""
    path = shutil.which("chromium") or "/usr/bin/chromium"
    require(Path(path).exists(), "Chromium is not installed (apt-get install chromium)")
    return path
