"""Fixtures for the manifest tests: Microsoft's Teams manifest schemas from @microsoft/app-manifest."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import jsonschema
import jsonschema.protocols
import jsonschema.validators
import pytest

from services.manifest import build_manifest_zip
from tests.support.requirements import require_node_modules

FAKE_APP_ID = "3F2504E0-4F89-11D3-9A0C-0305E82C3301"


def stable_versions(teams_schemas: Path) -> list[tuple[int, int]]:
    """Released manifest schema versions shipped in the package (vDevPreview left out)."""
    found = [re.fullmatch(r"v(\d+)\.(\d+)", d.name) for d in teams_schemas.iterdir()]
    return sorted((int(m[1]), int(m[2])) for m in found if m)


@pytest.fixture(scope="session")
def teams_schemas() -> Path:
    """node_modules/@microsoft/app-manifest/build/json-schemas/teams."""
    modules = require_node_modules("@microsoft/app-manifest")
    return modules / "@microsoft" / "app-manifest" / "build" / "json-schemas" / "teams"


def validator_for(schema: dict) -> jsonschema.protocols.Validator:
    """A validator of the draft `schema` declares; Microsoft's draft-04 files also use `const`, so it is kept.

    The meta-schema check runs without format checks: some patterns use `\\p{L}` (ECMA regex),
    which Python's `re` cannot compile; none of them applies to the fields this app uses.
    """
    declared = jsonschema.validators.validator_for(schema)
    # jsonschema's Validator protocol leaves out the format_checker that every real validator class takes
    declared.check_schema(schema, format_checker=None)  # pyright: ignore[reportCallIssue]
    if declared is jsonschema.Draft4Validator:
        declared = jsonschema.validators.extend(declared, {"const": jsonschema.Draft6Validator.VALIDATORS["const"]})
    return declared(schema)


@pytest.fixture
def package(tmp_path) -> dict:
    """A built app package, unzipped: {'path': zip path, 'files': {name: bytes}}."""
    path = build_manifest_zip(FAKE_APP_ID, tmp_path / "out" / "vraagbaak.zip")
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    return {"path": path, "files": files, "manifest": json.loads(files["manifest.json"])}
