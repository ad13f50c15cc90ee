"""The OpenAPI 3.1 document of the API, generated from the same pydantic models that validate requests."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from api.models import AnnouncementChange, AnnouncementCreate, AnnouncementRef, AnnouncementState, Problem

REF = "#/components/schemas/{model}"
REQUESTS: tuple[type[BaseModel], ...] = (AnnouncementCreate, AnnouncementChange)
RESPONSES: tuple[type[BaseModel], ...] = (AnnouncementRef, AnnouncementState, Problem)
JSON = "application/json"


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": REF.format(model=model.__name__)}


def _body(model: type[BaseModel], description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": _ref(model)}}}


def _problems(*statuses: int) -> dict[str, Any]:
    """Error answers, all with a Problem body."""
    described = {
        401: "No valid API key or token",
        403: "The token lacks the functional-manager app role",
        404: "No such announcement",
        409: "Not possible in the announcement's status",
        413: "Body too large",
        415: "Body is not JSON",
        422: "Validation failed: `fields` and `errors` say why",
    }
    return {str(status): _body(Problem, described[status]) for status in statuses}


def document(version: str = "0.1.0") -> dict[str, Any]:
    """The whole document: paths, the models' JSON schemas as components, and bearer authentication."""
    _, schemas = models_json_schema(
        [(model, "validation") for model in REQUESTS] + [(model, "serialization") for model in RESPONSES],
        ref_template=REF,
    )
    announcement_id = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
    write = {"security": [{"bearer": []}]}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Vraagbaak announcements API",
            "version": version,
            "description": "Release notes and update announcements, sent through the Vraagbaak Teams bot. "
            "Authenticate with `Authorization: Bearer <key>` (an API key from `vraagbaak apikey create`) or an "
            "Entra ID access token with the functional-manager app role.",
        },
        "paths": {
            "/api/announcements": {
                "post": {
                    **write,
                    "operationId": "createAnnouncement",
                    "summary": "Create an announcement; send it now, schedule it (send_at) or keep it as a draft",
                    "requestBody": {"required": True, "content": {JSON: {"schema": _ref(AnnouncementCreate)}}},
                    "responses": {
                        "201": _body(AnnouncementRef, "Created"),
                        **_problems(401, 403, 409, 413, 415, 422),
                    },
                }
            },
            "/api/announcements/{id}": {
                "parameters": [announcement_id],
                "get": {
                    **write,
                    "operationId": "getAnnouncement",
                    "summary": "An announcement's status and delivery counts",
                    "responses": {"200": _body(AnnouncementState, "The announcement"), **_problems(401, 403, 404)},
                },
                "patch": {
                    **write,
                    "operationId": "editAnnouncement",
                    "summary": "Edit an announcement; cards already delivered are updated in place",
                    "requestBody": {"required": True, "content": {JSON: {"schema": _ref(AnnouncementChange)}}},
                    "responses": {
                        "200": _body(AnnouncementState, "The announcement after the edit"),
                        **_problems(401, 403, 404, 409, 413, 415, 422),
                    },
                },
                "delete": {
                    **write,
                    "operationId": "withdrawAnnouncement",
                    "summary": "Recall a sent announcement (its cards are deleted), cancel a scheduled or "
                    "submitted one, or discard a draft (it is cancelled)",
                    "responses": {
                        "200": _body(AnnouncementRef, "Recalled or cancelled"),
                        **_problems(401, 403, 404, 409),
                    },
                },
            },
            "/api/announcements/{id}/report.csv": {
                "parameters": [announcement_id],
                "get": {
                    **write,
                    "operationId": "announcementReport",
                    "summary": "The delivery report as CSV, one line per recipient",
                    "responses": {
                        "200": {"description": "The report", "content": {"text/csv": {"schema": {"type": "string"}}}},
                        **_problems(401, 403, 404),
                    },
                },
            },
            "/api/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "security": [],
                    "responses": {"200": {"description": "The OpenAPI document", "content": {JSON: {}}}},
                }
            },
        },
        "components": {
            "schemas": schemas.get("$defs", {}),
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API key (vbk_...) or an Entra ID access token (JWT) with the app role.",
                }
            },
        },
    }
