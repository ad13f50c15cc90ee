"""A fake Microsoft Graph (/v1.0) on 127.0.0.1, served by aiohttp in its own thread, recording every call.

It serves what GraphClient asks: users (department filter, which needs ConsistencyLevel: eventual), groups'
transitive members, teams' members and channels, the app's installations per person (install blocked or no
licence per person), their chats, activity notifications, channel messages and Message Center posts. Every list
is paged with @odata.nextLink (`page_size`); failures (status, Retry-After) and latency are injected per path.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlencode

from aiohttp import web

from tests.support.fake_server import Failure, FakeServer

CARD = "application/vnd.microsoft.card.adaptive"


@dataclass(frozen=True)
class GraphCall:
    """One request GraphClient made."""

    method: str
    path: str
    """Path under /v1.0, e.g. /users/u1/teamwork/installedApps."""
    query: dict[str, str]
    headers: dict[str, str]
    json: Any
    status: int

    def header(self, name: str) -> str | None:
        """A request header, its name matched without regard to case."""
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)

    @property
    def token(self) -> str | None:
        """The bearer token sent, if any."""
        return _bearer(self.headers)


@dataclass
class _Person:
    user: dict[str, Any]
    installations: list[dict[str, Any]] = field(default_factory=list)
    blocked: int | None = None
    """Status answered to installing the app for them (403: installing switched off)."""
    unlicensed: bool = False
    """No Teams licence: their teamwork answers 404."""


def _odata_string(expression: str, name: str) -> str | None:
    """The value of `name eq '...'` in an OData $filter (quotes doubled inside), None when absent."""
    match = re.fullmatch(rf"\s*{re.escape(name)} eq '((?:[^']|'')*)'\s*", expression)
    return match.group(1).replace("''", "'") if match else None


class FakeGraph(FakeServer):
    """Graph's REST endpoints the product uses, with paging, recording and injectable failures and latency."""

    thread_name = "fake-graph"

    def __init__(self, page_size: int = 100, activity_types: set[str] | None = None) -> None:
        super().__init__()
        self.page_size = page_size
        self.activity_types = activity_types
        """Activity types the app's manifest declares; None accepts any."""
        self.teams_app_ids: set[str] = set()
        """Catalogue ids the fake knows (installing another answers 404)."""
        self._people: dict[str, _Person] = {}
        self._groups: dict[str, list[dict[str, Any]]] = {}
        self._teams: dict[str, dict[str, Any]] = {}
        self._messages: list[dict[str, Any]] = []
        self.notifications: list[tuple[str, dict[str, Any]]] = []
        """(user id, body) of every activity notification taken."""
        self.channel_posts: list[tuple[str, str, dict[str, Any], str | None]] = []
        """(team id, channel id, body, bearer token) of every channel message taken."""
        self._calls: list[GraphCall] = []
        self._latency: dict[tuple[str, str], float] = {}
        self._ids = itertools.count(1)

    # --- lifecycle ------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """What GRAPH_BASE_URL should be."""
        return f"http://127.0.0.1:{self.port}/v1.0"

    # --- the directory and Teams ------------------------------------------------------------------
    def add_user(
        self, user_id: str, name: str, *, email: str | None = None, department: str | None = None
    ) -> dict[str, Any]:
        """A person in Entra ID (and Teams)."""
        user = {
            "@odata.type": "#microsoft.graph.user",
            "id": user_id,
            "displayName": name,
            "mail": email,
            "department": department,
        }
        with self._condition:
            self._people[user_id] = _Person(user)
        return user

    def add_group(self, group_id: str, members: list[dict[str, Any]]) -> None:
        """An Entra group whose transitive members are `members` (users, groups, devices as Graph shows them)."""
        with self._condition:
            self._groups[group_id] = list(members)

    @staticmethod
    def group_object(group_id: str, name: str) -> dict[str, Any]:
        """A group as a transitive member."""
        return {"@odata.type": "#microsoft.graph.group", "id": group_id, "displayName": name}

    @staticmethod
    def device_object(device_id: str, name: str) -> dict[str, Any]:
        """A device as a transitive member."""
        return {"@odata.type": "#microsoft.graph.device", "id": device_id, "displayName": name}

    def add_team(self, team_id: str, member_ids: list[str], channels: dict[str, str]) -> None:
        """A team with these people as members and these channels (id -> name)."""
        with self._condition:
            self._teams[team_id] = {"members": list(member_ids), "channels": dict(channels)}

    def install(self, user_id: str, teams_app_id: str) -> str:
        """The app is already installed for a person; returns the installation id."""
        with self._condition:
            return self._install(self._people[user_id], teams_app_id)

    def _install(self, person: _Person, teams_app_id: str) -> str:
        installation = {
            "id": f"inst-{person.user['id']}-{next(self._ids)}",
            "teamsApp": {"id": teams_app_id, "displayName": "Vraagbaak", "distributionMethod": "organization"},
            "chat": f"19:{person.user['id']}_{teams_app_id}@unq.gbl.spaces",
        }
        person.installations.append(installation)
        return installation["id"]

    def installations(self, user_id: str) -> list[str]:
        """The ids of a person's app installations."""
        with self._condition:
            return [i["id"] for i in self._people[user_id].installations]

    def block_install(self, user_id: str, status: int = 403) -> None:
        """Installing the app for this person answers `status` (403: switched off by policy)."""
        with self._condition:
            self._people[user_id].blocked = status

    def unlicense(self, user_id: str) -> None:
        """This person has no Teams licence: their teamwork answers 404."""
        with self._condition:
            self._people[user_id].unlicensed = True

    def add_service_message(self, message: dict[str, Any]) -> None:
        """A Message Center post (`serviceUpdateMessage` JSON; its lastModifiedDateTime an ISO string)."""
        with self._condition:
            self._messages.append({"@odata.type": "#microsoft.graph.serviceUpdateMessage", **message})

    # --- failures and latency ---------------------------------------------------------------------
    def fail(
        self,
        method: str,
        path: str,
        status: int,
        times: int = 1,
        retry_after: str | int | None = None,
        code: str = "",
        after: int = 0,
    ) -> None:
        """Answer `status` (with Retry-After) and error `code` to `times` calls of `method path` (times=-1: all),
        once `after` more calls have been answered as usual."""
        retry = None if retry_after is None else str(retry_after)
        self._inject(method, path, Failure(status, times, retry, code or f"Status{status}", after))

    def delay(self, method: str, path: str, seconds: float) -> None:
        """Answer calls of `method path` only after `seconds`."""
        with self._condition:
            self._latency[(method.upper(), path)] = seconds

    # --- inspection -------------------------------------------------------------------------------
    @property
    def calls(self) -> list[GraphCall]:
        """Every recorded call, in arrival order."""
        with self._condition:
            return list(self._calls)

    def calls_to(self, path: str, method: str | None = None) -> list[GraphCall]:
        """Recorded calls of `path` (and `method`)."""
        return [c for c in self.calls if c.path == path and (method is None or c.method == method)]

    def reset(self) -> None:
        """Forget calls, failures and latency."""
        with self._condition:
            self._calls.clear()
            self._failures.clear()
            self._latency.clear()

    # --- serving ----------------------------------------------------------------------------------
    async def _dispatch(self, request: web.Request) -> web.Response:
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = raw.decode("utf-8", "replace")
        method = request.method
        path = request.path.removeprefix("/v1.0")
        query = dict(request.query)
        headers = dict(request.headers)
        with self._condition:
            wait = self._latency.get((method, path))
        if wait:
            await asyncio.sleep(wait)
        with self._condition:
            response = self._answer(request, method, path, query, headers, body)
            self._calls.append(GraphCall(method, path, query, headers, body, response.status))
            self._condition.notify_all()
        return response

    def _answer(
        self, request: web.Request, method: str, path: str, query: dict[str, str], headers: dict[str, str], body: Any
    ) -> web.Response:
        if not request.path.startswith("/v1.0/"):
            return _error(404, "NotFound", "not a v1.0 path")
        if not _bearer(headers):
            return _error(401, "InvalidAuthenticationToken", "Access token is empty.")
        failure = self._failure_for(method, path)
        if failure is not None:
            extra = {"Retry-After": failure.retry_after} if failure.retry_after is not None else {}
            return _error(failure.status, failure.code, "injected failure", extra)
        route = self._route(method, path)
        if route is None:
            return _error(404, "UnknownRoute", f"{method} {path} is not served by the fake")
        handler, ids = route
        return handler(request, ids, query, headers, body)

    def _route(self, method: str, path: str) -> tuple[Callable[..., web.Response], tuple[str, ...]] | None:
        """The handler of `method path` and the ids in the path."""
        routes: list[tuple[str, str, Callable[..., web.Response]]] = [
            ("GET", r"/users", self._users),
            ("GET", r"/groups/([^/]+)/transitiveMembers", self._transitive_members),
            ("GET", r"/teams/([^/]+)/members", self._team_members),
            ("GET", r"/teams/([^/]+)/channels", self._team_channels),
            ("POST", r"/teams/([^/]+)/channels/([^/]+)/messages", self._channel_message),
            ("GET", r"/users/([^/]+)/teamwork/installedApps", self._installed_apps),
            ("POST", r"/users/([^/]+)/teamwork/installedApps", self._install_app),
            ("GET", r"/users/([^/]+)/teamwork/installedApps/([^/]+)/chat", self._chat),
            ("POST", r"/users/([^/]+)/teamwork/sendActivityNotification", self._notify),
            ("GET", r"/admin/serviceAnnouncement/messages", self._service_messages),
        ]
        for verb, pattern, handler in routes:
            match = re.fullmatch(pattern, path)
            if verb == method and match is not None:
                return handler, match.groups()
        return None

    def _page(
        self, request: web.Request, items: list[dict[str, Any]], query: dict[str, str], **extra: Any
    ) -> web.Response:
        """One page of `items` from $skiptoken, with @odata.nextLink to the next while any remain."""
        start = int(query.get("$skiptoken", "0"))
        page = items[start : start + self.page_size]
        answer: dict[str, Any] = {**extra, "value": page}
        if start + self.page_size < len(items):
            following = {k: v for k, v in query.items() if k != "$skiptoken"} | {"$skiptoken": str(start + len(page))}
            answer["@odata.nextLink"] = f"{self.base_url}{request.path.removeprefix('/v1.0')}?{urlencode(following)}"
        return web.json_response(answer)

    def _users(self, request, ids, query, headers, body) -> web.Response:
        users = [p.user for p in self._people.values()]
        expression = query.get("$filter")
        if expression is not None:
            department = _odata_string(expression, "department")
            if department is None:
                return _error(
                    400, "Request_UnsupportedQuery", f"the fake filters users on department only: {expression}"
                )
            if request.headers.get("ConsistencyLevel") != "eventual" or query.get("$count") != "true":
                return _error(
                    400, "Request_UnsupportedQuery", "department needs an advanced query: $count=true, ConsistencyLevel"
                )
            users = [u for u in users if u.get("department") == department]
        extra = {"@odata.count": len(users)} if query.get("$count") == "true" else {}
        select = query.get("$select")
        if select:
            names = set(select.split(",")) | {"@odata.type"}
            users = [{k: v for k, v in u.items() if k in names} for u in users]
        return self._page(request, users, query, **extra)

    def _transitive_members(self, request, ids, query, headers, body) -> web.Response:
        members = self._groups.get(ids[0])
        if members is None:
            return _error(404, "Request_ResourceNotFound", f"no group {ids[0]}")
        return self._page(request, members, query)

    def _team_members(self, request, ids, query, headers, body) -> web.Response:
        team = self._teams.get(ids[0])
        if team is None:
            return _error(404, "NotFound", f"no team {ids[0]}")
        members = []
        for user_id in team["members"]:
            user = self._people[user_id].user
            members.append(
                {
                    "@odata.type": "#microsoft.graph.aadUserConversationMember",
                    "id": f"member-{user_id}",
                    "roles": [],
                    "displayName": user["displayName"],
                    "userId": user_id,
                    "email": user.get("mail"),
                }
            )
        return self._page(request, members, query)

    def _team_channels(self, request, ids, query, headers, body) -> web.Response:
        team = self._teams.get(ids[0])
        if team is None:
            return _error(404, "NotFound", f"no team {ids[0]}")
        channels = [
            {"id": cid, "displayName": name, "membershipType": "standard"} for cid, name in team["channels"].items()
        ]
        return self._page(request, channels, query)

    def _channel_message(self, request, ids, query, headers, body) -> web.Response:
        team = self._teams.get(ids[0])
        if team is None or ids[1] not in team["channels"]:
            return _error(404, "NotFound", "no such team or channel")
        if not isinstance(body, dict) or not isinstance(body.get("body"), dict):
            return _error(400, "BadRequest", "a chatMessage needs a body")
        self.channel_posts.append((ids[0], ids[1], body, _bearer(headers)))
        return web.json_response({"id": f"{next(self._ids):013d}", **body}, status=201)

    def _person(self, user_id: str) -> _Person | web.Response:
        person = self._people.get(user_id)
        if person is None:
            return _error(404, "Request_ResourceNotFound", f"no user {user_id}")
        if person.unlicensed:
            return _error(404, "NotFound", "the user has no Teams licence")
        return person

    def _installed_apps(self, request, ids, query, headers, body) -> web.Response:
        person = self._person(ids[0])
        if isinstance(person, web.Response):
            return person
        installations = person.installations
        expression = query.get("$filter")
        if expression is not None:
            app_id = _odata_string(expression, "teamsApp/id")
            if app_id is None:
                return _error(400, "BadRequest", f"the fake filters installations on teamsApp/id only: {expression}")
            installations = [i for i in installations if i["teamsApp"]["id"] == app_id]
        expand = "teamsApp" in (query.get("$expand") or "").split(",")
        shown = [{"id": i["id"], **({"teamsApp": i["teamsApp"]} if expand else {})} for i in installations]
        return self._page(request, shown, query)

    def _install_app(self, request, ids, query, headers, body) -> web.Response:
        person = self._person(ids[0])
        if isinstance(person, web.Response):
            return person
        bind = body.get("teamsApp@odata.bind") if isinstance(body, dict) else None
        match = re.fullmatch(r".*/appCatalogs/teamsApps/([^/]+)", bind or "")
        if match is None:
            return _error(400, "BadRequest", "teamsApp@odata.bind is missing or not an app catalogue URL")
        app_id = match.group(1)
        if app_id not in self.teams_app_ids:
            return _error(404, "NotFound", f"no app {app_id} in the catalogue")
        if person.blocked is not None:
            return _error(person.blocked, "Forbidden", "installing apps for this user is not allowed by policy")
        if any(i["teamsApp"]["id"] == app_id for i in person.installations):
            return _error(409, "Conflict", "the app is already installed")
        self._install(person, app_id)
        return web.Response(status=201)

    def _chat(self, request, ids, query, headers, body) -> web.Response:
        person = self._person(ids[0])
        if isinstance(person, web.Response):
            return person
        found = next((i for i in person.installations if i["id"] == ids[1]), None)
        if found is None:
            return _error(404, "NotFound", f"no installation {ids[1]}")
        return web.json_response({"id": found["chat"], "chatType": "oneOnOne"})

    def _notify(self, request, ids, query, headers, body) -> web.Response:
        person = self._person(ids[0])
        if isinstance(person, web.Response):
            return person
        if not isinstance(body, dict) or not body.get("activityType") or not isinstance(body.get("topic"), dict):
            return _error(400, "BadRequest", "activityType and topic are required")
        if self.activity_types is not None and body["activityType"] not in self.activity_types:
            return _error(400, "BadRequest", f"activity type {body['activityType']} is not in the app's manifest")
        if not person.installations:
            return _error(403, "Forbidden", "the app is not installed for the recipient")
        self.notifications.append((ids[0], body))
        return web.Response(status=204)

    def _service_messages(self, request, ids, query, headers, body) -> web.Response:
        messages = self._messages
        expression = query.get("$filter")
        if expression is not None:
            match = re.fullmatch(r"\s*lastModifiedDateTime ge (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\s*", expression)
            if match is None:
                return _error(400, "BadRequest", f"the fake filters on lastModifiedDateTime ge only: {expression}")
            since = match.group(1)
            messages = [m for m in messages if _iso_z(m["lastModifiedDateTime"]) >= since]
        return self._page(request, messages, query)


def _bearer(headers: dict[str, str]) -> str | None:
    """The bearer token of an Authorization header, None when there is none."""
    value = next((v for k, v in headers.items() if k.lower() == "authorization"), None)
    token = value[len("Bearer ") :].strip() if value and value.startswith("Bearer ") else ""
    return token or None


def _iso_z(moment: str) -> str:
    """An ISO UTC time as 'YYYY-MM-DDTHH:MM:SSZ', comparable as text."""
    return moment[:19] + "Z"


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> web.Response:
    """A Graph error answer: {"error": {"code", "message"}}."""
    return web.json_response({"error": {"code": code, "message": message}}, status=status, headers=headers)
