"""The OpenAPI document: valid OpenAPI 3.1, every route and model in it, and the same schemas that validate."""

from __future__ import annotations

import jsonschema
import pytest
from openapi_spec_validator import validate

from api.models import AnnouncementChange, AnnouncementCreate, AnnouncementRef, AnnouncementState, Problem
from api.openapi import REF, document

ROUTES = {
    "/api/announcements": {"post"},
    "/api/announcements/{id}": {"get", "patch", "delete"},
    "/api/announcements/{id}/report.csv": {"get"},
    "/api/openapi.json": {"get"},
}


def test_the_document_is_valid_openapi_3_1():
    spec = document()
    assert spec["openapi"] == "3.1.0"
    validate(spec)


def test_every_route_and_model_is_in_it():
    spec = document()
    assert {path: set(item) - {"parameters"} for path, item in spec["paths"].items()} == ROUTES
    schemas = spec["components"]["schemas"]
    for model in (AnnouncementCreate, AnnouncementChange, AnnouncementRef, AnnouncementState, Problem):
        generated = model.model_json_schema(ref_template=REF)
        generated.pop("$defs", None)
        assert schemas[model.__name__] == generated, model.__name__
    for name in ("Everyone", "Channels", "Groups", "EntraGroup", "Department", "Counts", "LinkBody"):
        assert name in schemas
    post = spec["paths"]["/api/announcements"]["post"]
    assert set(post["responses"]) >= {"201", "401", "403", "413", "415", "422"}
    assert post["security"] == [{"bearer": []}]


def _validator(name: str) -> jsonschema.Draft202012Validator:
    spec = document()
    schema = {"$ref": REF.format(model=name), "components": spec["components"]}
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(
    ("sent", "valid"),
    [
        ({"title": "t", "text": "x", "audience": {"everyone": True}}, True),
        ({"title": "t", "text": "x", "audience": {"groups": ["Kerngebruikers Suite4"]}, "ack": True}, True),
        ({"title": "t", "text": "x", "audience": {"department": "Burgerzaken"}, "send_now": True}, True),
        ({"title": "t", "text": "x", "audience": {"everyone": True}, "colour": "red"}, False),
        ({"title": "", "text": "x", "audience": {"everyone": True}}, False),
        ({"title": "t", "text": "x", "audience": {"channels": []}}, False),
        ({"title": "t", "text": "x", "audience": {"everyone": True, "department": "x"}}, False),
        ({"text": "x", "audience": {"everyone": True}}, False),
    ],
)
def test_the_documented_schema_accepts_what_the_model_accepts(sent, valid):
    from pydantic import ValidationError

    assert _validator("AnnouncementCreate").is_valid(sent) is valid
    try:
        AnnouncementCreate.model_validate(sent)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is valid


async def test_the_app_serves_it_without_a_key(sqlite_api):
    response = await sqlite_api.client.get("/api/openapi.json")
    assert response.status == 200
    assert await response.json() == document()
