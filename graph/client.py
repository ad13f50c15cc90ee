"""GraphClient: services.ports.Graph through msgraph-sdk's GraphServiceClient and its request builders."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from enum import Enum
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit

import httpx
from azure.core.credentials_async import AsyncTokenCredential
from kiota_abstractions.api_error import APIError
from kiota_abstractions.base_request_configuration import RequestConfiguration
from kiota_authentication_azure.azure_identity_authentication_provider import AzureIdentityAuthenticationProvider
from kiota_http.middleware.options import RetryHandlerOption
from msgraph.generated.admin.service_announcement.messages.messages_request_builder import MessagesRequestBuilder
from msgraph.generated.models.aad_user_conversation_member import AadUserConversationMember
from msgraph.generated.models.body_type import BodyType
from msgraph.generated.models.chat_message import ChatMessage
from msgraph.generated.models.chat_message_attachment import ChatMessageAttachment
from msgraph.generated.models.item_body import ItemBody
from msgraph.generated.models.key_value_pair import KeyValuePair
from msgraph.generated.models.service_update_message import ServiceUpdateMessage
from msgraph.generated.models.teamwork_activity_topic import TeamworkActivityTopic
from msgraph.generated.models.teamwork_activity_topic_source import TeamworkActivityTopicSource
from msgraph.generated.models.user import User
from msgraph.generated.models.user_scope_teams_app_installation import UserScopeTeamsAppInstallation
from msgraph.generated.users.item.teamwork.installed_apps.installed_apps_request_builder import (
    InstalledAppsRequestBuilder,
)
from msgraph.generated.users.item.teamwork.send_activity_notification.send_activity_notification_post_request_body import (  # noqa: E501 - the SDK's module path
    SendActivityNotificationPostRequestBody,
)
from msgraph.generated.users.users_request_builder import UsersRequestBuilder
from msgraph.graph_request_adapter import GraphRequestAdapter
from msgraph.graph_request_adapter import options as GRAPH_ADAPTER_OPTIONS
from msgraph.graph_service_client import GraphServiceClient
from msgraph_core import GraphClientFactory

from graph.errors import code_of, graph_errors, status_of
from graph.text import html_to_text
from services.ports import DirectoryUser, ServiceMessage, TeamChannel, Unreachable

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://graph.microsoft.com/v1.0"
SCOPES = ["https://graph.microsoft.com/.default"]
CARD = "application/vnd.microsoft.card.adaptive"
USER_FIELDS = ["id", "displayName", "mail", "department"]
UNREACHABLE_STATUSES = frozenset({403, 404})
"""Answers to looking up or installing the app for a person that no retry changes: installing is switched off
or not permitted (403), no such user or no Teams licence (404)."""

Page = TypeVar("Page")
Item = TypeVar("Item")


class _Paged(Protocol):
    """What every collection response of the SDK has."""

    value: Any
    odata_next_link: str | None


CredentialFactory = Callable[[str], AsyncTokenCredential]
"""Makes the on-behalf-of credential for a signed-in person's token (the user assertion)."""


def _quote(value: str) -> str:
    """An OData string literal: single quotes doubled."""
    return "'" + value.replace("'", "''") + "'"


def _utc(moment: datetime | None) -> datetime | None:
    """An aware UTC datetime (Graph's are UTC; a naive one is taken as UTC)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _directory_user(user: User) -> DirectoryUser | None:
    """The port's view of a Graph user (None without an id)."""
    if not user.id:
        return None
    return DirectoryUser(id=user.id, name=user.display_name, email=user.mail, department=user.department)


def _enum_text(member: Enum | None) -> str | None:
    """The wire value of one of the SDK's str enums (declared with a trailing comma, so typed as a tuple)."""
    return None if member is None else str.__str__(member) if isinstance(member, str) else str(member.value)


def _service_message(message: ServiceUpdateMessage) -> ServiceMessage | None:
    """The port's view of a Message Center post (None when it lacks its id or modification time)."""
    modified = _utc(message.last_modified_date_time)
    if not message.id or modified is None:
        return None
    return ServiceMessage(
        id=message.id,
        title=message.title or "",
        services=tuple(message.services or ()),
        category=_enum_text(message.category),
        severity=_enum_text(message.severity),
        is_major_change=bool(message.is_major_change),
        action_required_by=_utc(message.action_required_by_date_time),
        last_modified=modified,
        body=html_to_text(message.body.content if message.body is not None else None),
    )


def http_client(timeout: float = 30.0) -> httpx.AsyncClient:
    """The HTTP client under every request adapter: Graph's middleware with kiota's retry handler switched off.

    Retries belong to the durable callers (the fan-out engine and the job worker re-run the work with
    Retry-After honoured and back-off with jitter), so a 429 with a long Retry-After never holds a worker here."""
    options = dict(GRAPH_ADAPTER_OPTIONS)
    options[RetryHandlerOption.get_key()] = RetryHandlerOption(delay=0, max_retries=0, should_retry=False)
    client = httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)))
    return GraphClientFactory.create_with_default_middleware(client=client, options=options)


class GraphClient:
    """services.ports.Graph with app-only credentials; posts as a person with on-behalf-of credentials."""

    def __init__(
        self,
        credential: AsyncTokenCredential,
        *,
        teams_app_id: str,
        base_url: str = DEFAULT_BASE_URL,
        on_behalf_of: CredentialFactory | None = None,
        timeout: float = 30.0,
    ) -> None:
        self._credential = credential
        self._teams_app_id = teams_app_id
        self._base_url = base_url.rstrip("/")
        self._host = (urlsplit(self._base_url).hostname or "").lower()
        self._on_behalf_of = on_behalf_of
        self._http = http_client(timeout)
        self._client = self._service_client(credential)

    @property
    def base_url(self) -> str:
        """Where requests go, e.g. https://graph.microsoft.com/v1.0."""
        return self._base_url

    @property
    def credential(self) -> AsyncTokenCredential:
        """The app-only credential."""
        return self._credential

    def _service_client(self, credential: AsyncTokenCredential) -> GraphServiceClient:
        """A GraphServiceClient on the shared HTTP client, sending tokens only to the configured host."""
        auth = AzureIdentityAuthenticationProvider(credential, scopes=SCOPES, allowed_hosts=[self._host])
        adapter = GraphRequestAdapter(auth, client=self._http)
        adapter.base_url = self._base_url
        return GraphServiceClient(request_adapter=adapter)

    async def close(self) -> None:
        """Close the HTTP client and the credential."""
        await self._http.aclose()
        await self._credential.close()

    # --- paging ---------------------------------------------------------------------------------
    async def _all_pages(
        self,
        what: str,
        first: Callable[[], Awaitable[_Paged | None]],
        following: Callable[[str], Awaitable[_Paged | None]],
    ) -> list[Any]:
        """Every item of a collection: the first page, then each @odata.nextLink in turn."""
        items: list[Any] = []
        async with graph_errors(what):
            page = await first()
            while page is not None:
                items.extend(page.value or [])
                if not page.odata_next_link:
                    break
                page = await following(page.odata_next_link)
        return items

    # --- audiences ------------------------------------------------------------------------------
    async def group_members(self, group_id: str) -> list[DirectoryUser]:
        """Every user among an Entra group's transitive members (groups, devices and others left out)."""
        builder = self._client.groups.by_group_id(group_id).transitive_members
        items = await self._all_pages("group members", builder.get, lambda link: builder.with_url(link).get())
        return [u for item in items if isinstance(item, User) and (u := _directory_user(item)) is not None]

    async def department_members(self, department: str) -> list[DirectoryUser]:
        """Every user whose department is this name: an advanced query ($count, ConsistencyLevel: eventual)."""
        query = UsersRequestBuilder.UsersRequestBuilderGetQueryParameters(
            filter=f"department eq {_quote(department)}", count=True, select=USER_FIELDS
        )
        first = RequestConfiguration(query_parameters=query)
        first.headers.add("ConsistencyLevel", "eventual")
        following = RequestConfiguration()
        following.headers.add("ConsistencyLevel", "eventual")
        builder = self._client.users
        items = await self._all_pages(
            "department members",
            lambda: builder.get(first),
            lambda link: builder.with_url(link).get(following),
        )
        return [u for item in items if isinstance(item, User) and (u := _directory_user(item)) is not None]

    async def team_members(self, team_id: str) -> list[DirectoryUser]:
        """Every person among a team's members (by their Entra object id)."""
        builder = self._client.teams.by_team_id(team_id).members
        items = await self._all_pages("team members", builder.get, lambda link: builder.with_url(link).get())
        return [
            DirectoryUser(id=m.user_id, name=m.display_name, email=m.email)
            for m in items
            if isinstance(m, AadUserConversationMember) and m.user_id
        ]

    async def team_channels(self, team_id: str) -> list[TeamChannel]:
        """Every channel of a team."""
        builder = self._client.teams.by_team_id(team_id).channels
        items = await self._all_pages("team channels", builder.get, lambda link: builder.with_url(link).get())
        return [TeamChannel(id=c.id, name=c.display_name or "") for c in items if c.id]

    # --- the app in a person's Teams ------------------------------------------------------------
    async def _find_installation(self, user_id: str) -> str | None:
        """The id of the app's installation for a person, None when it is not installed."""
        query = InstalledAppsRequestBuilder.InstalledAppsRequestBuilderGetQueryParameters(
            expand=["teamsApp"], filter=f"teamsApp/id eq {_quote(self._teams_app_id)}"
        )
        config = RequestConfiguration(query_parameters=query)
        builder = self._client.users.by_user_id(user_id).teamwork.installed_apps
        items = await self._all_pages(
            "installed apps", lambda: builder.get(config), lambda link: builder.with_url(link).get()
        )
        for installation in items:
            app = installation.teams_app
            if installation.id and (app is None or app.id == self._teams_app_id):
                return installation.id
        return None

    async def _installation(self, user_id: str) -> str:
        """The app's installation for a person, installing it when missing; Unreachable when that is refused."""
        try:
            found = await self._find_installation(user_id)
            if found is not None:
                return found
            body = UserScopeTeamsAppInstallation(
                additional_data={"teamsApp@odata.bind": f"{self._base_url}/appCatalogs/teamsApps/{self._teams_app_id}"}
            )
            try:
                async with graph_errors("install the app"):
                    created = await self._client.users.by_user_id(user_id).teamwork.installed_apps.post(body)
            except Exception as exc:
                cause = exc.__cause__
                if not (isinstance(cause, APIError) and status_of(cause) == 409):
                    raise
                created = None  # installed meanwhile (another instance, or the person themselves)
            if created is not None and created.id:
                return created.id
            found = await self._find_installation(user_id)
        except Exception as exc:
            _raise_unreachable(exc)
            raise
        if found is None:
            raise Unreachable("no_installation")
        return found

    async def personal_chat_id(self, user_id: str) -> str:
        """The id of the app's 1:1 chat with a person, installing the app for them first when needed."""
        installation = await self._installation(user_id)
        try:
            async with graph_errors("personal chat"):
                chat = (
                    await self._client.users.by_user_id(user_id)
                    .teamwork.installed_apps.by_user_scope_teams_app_installation_id(installation)
                    .chat.get()
                )
        except Exception as exc:
            _raise_unreachable(exc)
            raise
        if chat is None or not chat.id:
            raise Unreachable("no_chat")
        return chat.id

    async def notify_activity(self, user_id: str, *, activity_type: str, preview: str, params: dict[str, str]) -> None:
        """An activity-feed notification about the app's installation for one person."""
        installation = await self._installation(user_id)
        body = SendActivityNotificationPostRequestBody(
            topic=TeamworkActivityTopic(
                source=TeamworkActivityTopicSource.EntityUrl,
                value=f"{self._base_url}/users/{user_id}/teamwork/installedApps/{installation}",
            ),
            activity_type=activity_type,
            preview_text=ItemBody(content=preview),
            template_parameters=[KeyValuePair(name=name, value=value) for name, value in params.items()],
        )
        async with graph_errors("activity notification"):
            await self._client.users.by_user_id(user_id).teamwork.send_activity_notification.post(body)

    # --- posting as a person --------------------------------------------------------------------
    async def post_channel_card_as(
        self, user_assertion: str, team_id: str, channel_id: str, card: dict[str, Any]
    ) -> str:
        """Post a card in a channel as the person whose token is `user_assertion`; returns the message id."""
        if self._on_behalf_of is None:
            raise RuntimeError("posting as a person needs an on-behalf-of credential factory")
        attachment_id = uuid.uuid4().hex
        message = ChatMessage(
            body=ItemBody(content_type=BodyType.Html, content=f'<attachment id="{attachment_id}"></attachment>'),
            attachments=[
                ChatMessageAttachment(id=attachment_id, content_type=CARD, content=json.dumps(card, ensure_ascii=False))
            ],
        )
        credential = self._on_behalf_of(user_assertion)
        try:
            client = self._service_client(credential)
            async with graph_errors("channel message"):
                posted = (
                    await client.teams.by_team_id(team_id).channels.by_channel_id(channel_id).messages.post(message)
                )
        finally:
            await credential.close()
        if posted is None or not posted.id:
            raise RuntimeError("Graph accepted the channel message but returned no id")
        return posted.id

    # --- Message Center ---------------------------------------------------------------------------
    async def service_messages(self, modified_since: datetime | None) -> list[ServiceMessage]:
        """Message Center posts changed since then (all when None), every page, bodies as plain text."""
        query = MessagesRequestBuilder.MessagesRequestBuilderGetQueryParameters()
        if modified_since is not None:
            since = _utc(modified_since)
            assert since is not None
            query.filter = f"lastModifiedDateTime ge {since.strftime('%Y-%m-%dT%H:%M:%SZ')}"
        config = RequestConfiguration(query_parameters=query)
        builder = self._client.admin.service_announcement.messages
        items = await self._all_pages(
            "service messages", lambda: builder.get(config), lambda link: builder.with_url(link).get()
        )
        messages = [m for item in items if isinstance(item, ServiceUpdateMessage) and (m := _service_message(item))]
        return messages


def _raise_unreachable(exc: BaseException) -> None:
    """Raise Unreachable when a Graph error under `exc` says no retry will reach the person."""
    cause = exc if isinstance(exc, APIError) else exc.__cause__
    if isinstance(cause, APIError) and status_of(cause) in UNREACHABLE_STATUSES:
        reason = "install_forbidden" if status_of(cause) == 403 else "no_user_or_licence"
        raise Unreachable(reason, code_of(cause)) from exc
