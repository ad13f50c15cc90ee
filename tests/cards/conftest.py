"""Fixtures for the card tests: the official Adaptive Cards 1.5 schema validator."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.support.requirements import require_shared


@pytest.fixture(scope="session")
def card_schema_validator() -> jsonschema.Draft6Validator:
    """Draft-06 validator for Microsoft's Adaptive Cards 1.5 schema from ../shared."""
    path = require_shared("schemas", "adaptive-card-1.5.json")
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft6Validator.check_schema(schema)
    return jsonschema.Draft6Validator(schema)
