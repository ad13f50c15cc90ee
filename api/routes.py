"""The announcements API and the counted-link redirect, mounted on the bot's aiohttp application."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from api.auth import ApiAuth, Caller, Refused
from api.models import AnnouncementChange, AnnouncementCreate, AnnouncementRef, AnnouncementState, Counts, Problem
from api.openapi import document
from cards.views import AnnouncementView
from i18n import language_for, t
from i18n.messages.api import FIELD_ERROR
from services.announcement_drafts import Audience, Draft, DraftError, Link
from services.announcements import AnnouncementNotFound, AnnouncementService, StaleAnnouncement, WrongStatus
from services.directory import NotAllowed
from services.link_clicks import LinkClicks
from services.links import PATH
from vocabulary import AnnouncementKind, AnnouncementStatus

MAX_BODY = 64 * 1024
"""Bytes of a request body (an announcement's text is at most 8000 characters)."""
JSON_TYPES = ("application/json", "application/merge-patch+json")
Model = TypeVar("Model", bound=BaseModel)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Answer(Exception):
    """An error answer: its status and Problem body, and headers (WWW-Authenticate)."""

    def __init__(self, status: int, problem: Problem, headers: dict[str, str] | None = None) -> None:
        super().__init__(problem.message)
        self.status, self.problem, self.headers = status, problem, headers or {}


def _lang(request: web.Request, default: str = "en") -> str:
    """The caller's language from Accept-Language (the API answers in English unless Dutch comes first)."""
    first = request.headers.get("Accept-Language", "").split(",")[0].split(";")[0]
    return language_for(first or None, default)


def _json(model: BaseModel, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response(model.model_dump(mode="json", exclude_none=True), status=status, headers=headers)


def _field(loc: tuple[Any, ...]) -> str:
    """The top-level field an error is about ('body' for the body itself)."""
    return str(loc[0]) if loc else "body"


def _invalid(lang: str, fields: dict[str, str], errors: list[dict[str, Any]] | None = None) -> Answer:
    details = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in errors or []]
    problem = Problem(error="invalid", message=t("api.error.invalid", lang), fields=fields, errors=details or None)
    return Answer(422, problem)


async def _body(request: web.Request, model: type[Model], lang: str) -> Model:
    """The request's JSON body as `model`: 415 when not JSON, 413 when too large, 422 when it does not fit."""
    if request.content_type not in JSON_TYPES:
        raise Answer(415, Problem(error="not_json", message=t("api.error.not_json", lang)))
    too_large = Answer(413, Problem(error="too_large", message=t("api.error.too_large", lang, limit=MAX_BODY)))
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise too_large
    raw = bytearray()
    async for chunk in request.content.iter_chunked(16 * 1024):
        raw += chunk
        if len(raw) > MAX_BODY:
            raise too_large
    try:
        return model.model_validate_json(bytes(raw))
    except ValidationError as error:
        errors = error.errors(include_url=False, include_context=False, include_input=False)
        fields: dict[str, str] = {}
        for found in errors:
            kind = found["type"]
            key = "api.error.bad_json" if kind == "json_invalid" else FIELD_ERROR.get(kind, "api.field.invalid")
            fields.setdefault(_field(found["loc"]), t(key, lang))
        raise _invalid(lang, fields, list(errors)) from None


def _draft_error(error: DraftError, lang: str) -> Answer:
    return _invalid(lang, {name: t(key, lang) for name, key in error.errors.items()})


def _state(view: AnnouncementView) -> AnnouncementState:
    c = view.counts
    counts = Counts(
        recipients=c.recipients, sent=c.sent, failed=c.failed, unreachable=c.unreachable, acknowledged=c.acknowledged
    )
    return AnnouncementState(id=view.id, status=AnnouncementStatus(view.status), counts=counts)


def _ref(view: AnnouncementView) -> AnnouncementRef:
    return AnnouncementRef(id=view.id, status=AnnouncementStatus(view.status))


def _audience(body: BaseModel) -> Audience:
    """The service's Audience for a validated audience body (its checks trim and dedupe the values)."""
    return Audience.from_json(body.model_dump(mode="json"))


def _links(bodies: list[Any]) -> tuple[Link, ...]:
    return tuple(Link(link.title, link.url) for link in bodies)


def new_draft(body: AnnouncementCreate) -> Draft:
    """The Draft a POST body describes."""
    return Draft(
        title=body.title,
        text=body.text,
        audience=_audience(body.audience),
        kind=AnnouncementKind(body.kind),
        image_url=body.image_url,
        links=_links(body.links),
        application=body.application,
        ack_required=body.ack,
        notify=body.notify,
        send_at=body.send_at,
        ack_deadline=body.ack_deadline,
    )


NOT_NULL = ("title", "text", "audience", "send_now", "ack", "notify", "kind", "links")
"""PATCH fields that may be left out but not set to null (image_url, application, the times may: to clear them)."""


def changed_draft(view: AnnouncementView, body: AnnouncementChange, lang: str) -> Draft:
    """The stored announcement with the fields a PATCH body gives; 422 for a null where a value is needed."""
    given = body.model_fields_set
    nulls = {name: t("api.field.null", lang) for name in NOT_NULL if name in given and getattr(body, name) is None}
    if "send_at" in given and body.send_at is None and view.status != AnnouncementStatus.DRAFT:
        nulls["send_at"] = t("api.field.null", lang)  # clearing it on a scheduled one would send it at once
    if nulls:
        raise _invalid(lang, nulls)

    def pick(name: str, current: Any) -> Any:
        return getattr(body, name) if name in given else current

    return Draft(
        title=pick("title", view.title),
        text=pick("text", view.text),
        audience=_audience(body.audience) if body.audience is not None else Audience.from_json(view.audience),
        kind=AnnouncementKind(pick("kind", view.kind)),
        image_url=pick("image_url", view.image_url),
        links=_links(body.links) if body.links is not None else tuple(Link(x.title, x.url) for x in view.links),
        application=pick("application", view.application),
        ack_required=pick("ack", view.ack_required),
        notify=pick("notify", view.notify),
        send_at=pick("send_at", view.send_at),
        ack_deadline=pick("ack_deadline", view.ack_deadline),
    )


class AnnouncementsApi:
    """POST/GET/PATCH/DELETE /api/announcements[/{id}], GET /api/openapi.json and GET /r/{token}."""

    def __init__(
        self,
        service: AnnouncementService,
        auth: ApiAuth,
        clicks: LinkClicks,
        unavailable: tuple[type[Exception], ...] = (),
    ) -> None:
        self.service = service
        self.auth = auth
        self.clicks = clicks
        self.unavailable = unavailable
        """What the storage raises when the database cannot be written (answered 503; it logged why, once)."""
        self.document = document()

    def _guarded(self, handler: Callable[[web.Request, Caller, str], Awaitable[web.Response]]) -> Handler:
        """Authenticate the caller, run `handler`, and turn every refusal into its JSON answer."""

        async def run(request: web.Request) -> web.StreamResponse:
            lang = _lang(request)
            try:
                caller = await self._caller(request, lang)
                return await handler(request, caller, lang)
            except Answer as answer:
                return _json(answer.problem, answer.status, answer.headers)
            except NotAllowed:
                return _json(Problem(error="forbidden", message=t("api.error.not_allowed", lang)), 403)
            except AnnouncementNotFound:
                message = t("api.error.not_found", lang, id=request.match_info.get("id", ""))
                return _json(Problem(error="not_found", message=message), 404)
            except StaleAnnouncement as stale:
                message = t("api.error.stale", lang, revision=stale.view.revision)
                return _json(Problem(error="stale", message=message), 409)
            except WrongStatus as wrong:
                message = t("api.error.wrong_status", lang, status=wrong.status)
                return _json(Problem(error="wrong_status", message=message), 409)
            except DraftError as error:
                answer = _draft_error(error, lang)
                return _json(answer.problem, answer.status)
            except Exception as error:
                if not isinstance(error, self.unavailable):
                    raise
                problem = Problem(error="not_saved", message=t("api.error.not_saved", lang))
                return _json(problem, 503, {"Retry-After": "30"})

        return run

    async def _caller(self, request: web.Request, lang: str) -> Caller:
        try:
            return await self.auth.caller(request.headers.get("Authorization"))
        except Refused as refused:
            if refused.status == 403:
                message = t("api.error.forbidden", lang, role=self.auth.rules.role if self.auth.rules else "")
                problem = Problem(error="forbidden", message=message)
                raise Answer(403, problem, {"WWW-Authenticate": 'Bearer error="insufficient_scope"'}) from None
            if refused.status == 503:
                problem = Problem(error="keys_unavailable", message=t("api.error.keys_unavailable", lang))
                raise Answer(503, problem, {"Retry-After": "30"}) from None
            challenge = 'Bearer realm="vraagbaak"' + (', error="invalid_token"' if refused.token_error else "")
            problem = Problem(error="unauthorized", message=t("api.error.unauthorized", lang))
            raise Answer(401, problem, {"WWW-Authenticate": challenge}) from None

    async def create(self, request: web.Request, caller: Caller, lang: str) -> web.Response:
        """POST: a draft, sent now (send_now) or scheduled (send_at)."""
        body = await _body(request, AnnouncementCreate, lang)
        if body.send_now and body.send_at is not None:
            raise _invalid(lang, {"send_at": t("api.field.send_both", lang)})
        view = await self.service.create(caller.actor, new_draft(body), source=caller.source, role=caller.role)
        if body.send_now or body.send_at is not None:
            try:
                view = await self.service.submit(
                    caller.actor,
                    view.id,
                    send_now=body.send_now,
                    revision=view.revision,
                    role=caller.role,
                    sign_in=caller.sign_in,
                )
            except DraftError as error:  # the draft is kept: its id lets the caller fix it with PATCH
                answer = _draft_error(error, lang)
                data = {**answer.problem.model_dump(exclude_none=True), "id": view.id}
                return web.json_response(data, status=422)
        location = f"/api/announcements/{view.id}"
        return _json(_ref(view), 201, {"Location": location})

    async def read(self, request: web.Request, caller: Caller, lang: str) -> web.Response:
        """GET: status and counts."""
        view = await self.service.get(_id(request))
        if view is None:
            raise AnnouncementNotFound(_id(request))
        return _json(_state(view))

    async def report(self, request: web.Request, caller: Caller, lang: str) -> web.Response:
        """GET .../report.csv: one line per recipient (kind, key, status, times, reason), no names."""
        text = await self.service.report_csv(caller.actor, _id(request), role=caller.role, lang=lang)
        filename = f"aankondiging-{_id(request)}-rapport.csv"
        headers = {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"}
        return web.Response(text=text, content_type="text/csv", charset="utf-8", headers=headers)

    async def change(self, request: web.Request, caller: Caller, lang: str) -> web.Response:
        """PATCH: edit the given fields; on a draft, send_now or send_at also submits it."""
        announcement_id = _id(request)
        body = await _body(request, AnnouncementChange, lang)
        if body.send_now and body.send_at is not None:
            raise _invalid(lang, {"send_at": t("api.field.send_both", lang)})
        view = await self.service.get(announcement_id)
        if view is None:
            raise AnnouncementNotFound(announcement_id)
        content = body.model_fields_set - {"send_now"}
        is_draft = view.status == AnnouncementStatus.DRAFT
        if body.send_now and not is_draft:
            raise WrongStatus(view.status)
        # a draft given a time is scheduled; a scheduled one given another time is moved by the edit itself
        submit = is_draft and (bool(body.send_now) or ("send_at" in content and body.send_at is not None))
        if content:
            draft = changed_draft(view, body, lang)
            view = await self.service.edit(
                caller.actor, announcement_id, draft, revision=view.revision, role=caller.role
            )
        if submit:
            view = await self.service.submit(
                caller.actor,
                announcement_id,
                send_now=bool(body.send_now),
                revision=view.revision,
                role=caller.role,
                sign_in=caller.sign_in,
            )
        return _json(_state(view))

    async def withdraw(self, request: web.Request, caller: Caller, lang: str) -> web.Response:
        """DELETE: recall a sent one, cancel a scheduled or submitted one; a draft or a finished one is 409."""
        announcement_id = _id(request)
        view = await self.service.get(announcement_id)
        if view is None:
            raise AnnouncementNotFound(announcement_id)
        if view.status in (AnnouncementStatus.SENDING, AnnouncementStatus.SENT):
            view = await self.service.recall(caller.actor, announcement_id, role=caller.role)
        else:  # cancel refuses a draft, a cancelled and a recalled one with WrongStatus
            view = await self.service.cancel(caller.actor, announcement_id, role=caller.role)
        return _json(_ref(view))

    async def openapi(self, _request: web.Request) -> web.Response:
        """GET /api/openapi.json."""
        return web.json_response(self.document)

    async def follow(self, request: web.Request) -> web.StreamResponse:
        """GET /r/{token}: count the click and redirect to the link's URL; 404 for a token that names none."""
        try:
            url = await self.clicks.follow(request.match_info["token"])
        except Exception as error:
            if not isinstance(error, self.unavailable):
                raise
            return web.Response(status=503, text=t("api.error.not_saved", _lang(request, "nl")))
        if url is None:
            text = t("api.link.not_found", _lang(request, "nl"))
            return web.Response(status=404, text=text, headers={"Cache-Control": "no-store"})
        return web.Response(status=302, headers={"Location": url, "Cache-Control": "no-store"})

    def mount(self, app: web.Application) -> None:
        """Add the routes and close the token-key fetcher with the app."""
        app.router.add_post("/api/announcements", self._guarded(self.create))
        app.router.add_get("/api/announcements/{id}", self._guarded(self.read), allow_head=False)
        app.router.add_get("/api/announcements/{id}/report.csv", self._guarded(self.report), allow_head=False)
        app.router.add_patch("/api/announcements/{id}", self._guarded(self.change))
        app.router.add_delete("/api/announcements/{id}", self._guarded(self.withdraw))
        app.router.add_get("/api/openapi.json", self.openapi)
        app.router.add_get(PATH + "{token}", self.follow, allow_head=False)

        async def close(_app: web.Application) -> None:
            await self.auth.close()

        app.on_cleanup.append(close)


def _id(request: web.Request) -> int:
    """The announcement id in the path; 404 when it is not a positive number."""
    text = request.match_info["id"]
    if not text.isdigit() or len(text) > 12 or int(text) < 1:
        raise AnnouncementNotFound(text)
    return int(text)


def mount(
    app: web.Application,
    service: AnnouncementService,
    *,
    auth: ApiAuth,
    clicks: LinkClicks,
    unavailable: tuple[type[Exception], ...] = (),
) -> AnnouncementsApi:
    """Put the announcements API and the link redirect on `app`; `unavailable`: the storage's 'cannot write'."""
    api = AnnouncementsApi(service, auth, clicks, unavailable)
    api.mount(app)
    return api
