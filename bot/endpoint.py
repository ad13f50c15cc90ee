"""POST /api/messages: CloudAdapter over the light connector, mapping activities to the dialogs' handle()."""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, cast

import aiohttp
from aiohttp import web
from botbuilder.core import InvokeResponse, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ActivityTypes, DeliveryModes

from bot.activities import (
    auth_activity,
    card_update,
    conversation_reference,
    invoke_card_body,
    invoke_message_body,
    invoke_sign_in_body,
    is_card_action,
    reply_activity,
    reply_address,
    to_incoming,
)
from bot.auth import VraagbaakAuthentication
from bot.connector import (
    ConnectorError,
    ConnectorTransport,
    ConversationsClient,
    LightConnectorClient,
    LightConnectorFactory,
    RetryPolicy,
)
from bot.serialize import to_json
from bot.tokens import TokenProvider, token_provider_for
from config import Settings
from dialogs.types import Incoming, Outcome, Reply
from i18n import t
from services.ports import ReplyOutbox
from storage import StorageUnavailable

log = logging.getLogger(__name__)

Handle = Callable[[Incoming], Awaitable[Outcome]]


def _connector(context: TurnContext) -> LightConnectorClient:
    """The turn's connector client, which CloudAdapter put in the turn state."""
    return cast(LightConnectorClient, context.turn_state[CloudAdapter.BOT_CONNECTOR_CLIENT_KEY])


@dataclass(frozen=True)
class _Turn:
    """One turn: the activity as Teams sent it and the connector client of its service (replies, card updates)."""

    body: dict[str, Any]
    conversations: ConversationsClient

    @property
    def reference(self) -> dict[str, Any]:
        """The conversation reference as the raw activity has it (the SDK's model drops tenantId)."""
        return conversation_reference(self.body)

    @property
    def conversation_id(self) -> str | None:
        """The conversation id, for log lines."""
        conversation = self.body.get("conversation")
        return conversation.get("id") if isinstance(conversation, dict) else None


def _direct(body: dict[str, Any]) -> bool:
    """A card action (an Action.Execute invoke, or a message carrying an Action.Submit/messageBack value): answered
    without the SDK's activity model and turn pipeline, which add nothing for these."""
    if body["type"] == ActivityTypes.invoke:
        return is_card_action(body)
    return (
        body["type"] == ActivityTypes.message
        and isinstance(body.get("value"), dict)
        and body.get("deliveryMode") != DeliveryModes.expect_replies
    )


def _problem(status: int, detail: str) -> web.Response:
    """A small JSON error answer."""
    return web.json_response({"error": detail}, status=status)


def _bad_activity(body: Any) -> str | None:
    """Why `body` is not an Activity the bot can answer, or None when it is."""
    if not isinstance(body, dict):
        return "body is not a JSON object"
    if not isinstance(body.get("type"), str) or not body["type"]:
        return "activity has no type"
    service_url = body.get("serviceUrl")
    if not isinstance(service_url, str) or not service_url.startswith(("http://", "https://")):
        return "activity has no http(s) serviceUrl"
    conversation = body.get("conversation")
    if not isinstance(conversation, dict) or not isinstance(conversation.get("id"), str) or not conversation["id"]:
        return "activity has no conversation id"
    return None


class MessagesEndpoint:
    """POST /api/messages: route to `handle` (or call `mount(app)`), and `close()` on shutdown."""

    def __init__(
        self,
        settings: Settings,
        handle: Handle,
        *,
        token_provider: TokenProvider | None = None,
        retry: RetryPolicy | None = None,
        session: aiohttp.ClientSession | None = None,
        outbox: ReplyOutbox | None = None,
    ) -> None:
        self._settings = settings
        self._handle = handle
        self._outbox = outbox
        self.transport = ConnectorTransport(token_provider or token_provider_for(settings), retry, session=session)
        self.auth = VraagbaakAuthentication(settings, LightConnectorFactory(self.transport))
        self.adapter = CloudAdapter(self.auth)
        self._warming: asyncio.Task | None = None
        self._background: set[asyncio.Future] = set()

    def mount(self, app: web.Application, path: str = "/api/messages") -> None:
        """Add the POST route, warm the signing keys on startup and close the session on cleanup."""
        app.router.add_post(path, self.handle)

        async def on_startup(_: web.Application) -> None:
            self._warming = asyncio.create_task(self.warm())

        async def on_cleanup(_: web.Application) -> None:
            if self._warming is not None:
                await self._warming
            await self.close()

        app.on_startup.append(on_startup)
        app.on_cleanup.append(on_cleanup)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Validate the request, authenticate it and run one turn; never answers 500."""
        if request.content_type != "application/json":
            return _problem(415, "Content-Type must be application/json")
        raw = await request.read()
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return _problem(400, "body is not valid JSON")
        reason = _bad_activity(body)
        if reason:
            return _problem(400, reason)
        if _direct(body):
            return await self._handle_direct(request, body)
        try:
            activity = Activity().deserialize(body)
        except Exception:  # msrest raises several types for bad shapes
            return _problem(400, "body is not a Bot Framework activity")
        after: list[Callable[[], Awaitable[None]]] = []

        async def logic(context: TurnContext) -> None:
            answer = await self._turn(_Turn(body, _connector(context).conversations), after)
            if answer is not None:
                self._invoke_response(context, answer)

        try:
            response = await self.adapter.process_activity(request.headers.get("Authorization", ""), activity, logic)
        except PermissionError as exc:
            log.info("Rejected %s activity: %s", body["type"], exc)
            return _problem(401, "unauthorized")
        except Exception:  # a bug here must not become a 500 for Teams
            return self._failed(body)
        answer = (
            web.json_response(response.body, status=response.status)
            if response is not None
            else web.Response(status=200)
        )
        return await self._answer(request, answer, after)

    async def _handle_direct(self, request: web.Request, body: dict[str, Any]) -> web.StreamResponse:
        """A card action: the same token validation and turn as through CloudAdapter, on the raw JSON."""
        try:
            result = await self.auth.authenticate_request(auth_activity(body), request.headers.get("Authorization", ""))
        except PermissionError as exc:
            log.info("Rejected %s activity: %s", body["type"], exc)
            return _problem(401, "unauthorized")
        after: list[Callable[[], Awaitable[None]]] = []
        try:
            client = await result.connector_factory.create(body["serviceUrl"], result.audience)
            answer = await self._turn(_Turn(body, cast(LightConnectorClient, client).conversations), after)
        except Exception:  # a bug here must not become a 500 for Teams
            return self._failed(body)
        response = web.json_response(answer) if answer is not None else web.Response(status=200)
        return await self._answer(request, response, after)

    def _failed(self, body: dict[str, Any]) -> web.Response:
        """The answer when a turn failed unexpectedly (logged): a polite invoke answer, or a plain 200."""
        log.exception("Turn failed for %s activity %s", body["type"], body.get("id"))
        if body["type"] == ActivityTypes.invoke:
            return web.json_response(invoke_message_body(t("reply.error", self._lang(body))))
        return web.Response(status=200)

    async def _answer(
        self, request: web.Request, answer: web.Response, after: list[Callable[[], Awaitable[None]]]
    ) -> web.StreamResponse:
        """Send the answer, then start the work left for after it (which would delay it)."""
        if after:
            await answer.prepare(request)
            await answer.write_eof()
            for work in after:
                self._in_background(work())
        return answer

    def _lang(self, body: dict[str, Any]) -> str:
        """Catalogue language for this activity."""
        return self._settings.language_for(body.get("locale"))

    async def _turn(self, turn: _Turn, after: list[Callable[[], Awaitable[None]]]) -> dict[str, Any] | None:
        """Map the activity, call the dialogs, deliver the outcome: the invoke's answer (None for other activities);
        `after` gets work to start once it is answered."""
        body = turn.body
        incoming = to_incoming(body)
        is_invoke = body["type"] == ActivityTypes.invoke
        lang = self._settings.language_for(incoming.locale if incoming else body.get("locale"))
        if incoming is None:
            if is_invoke:
                log.info("Unknown invoke %r", body.get("name"))
                return invoke_message_body(t("reply.unknown_action", lang))
            return None
        try:
            outcome = await self._handle(incoming) or Outcome()
        except StorageUnavailable as unavailable:  # the database logged why, once; the user hears it was not saved
            log.debug("Nothing stored for %s from %s: %s", incoming.kind, incoming.user.key, unavailable.reason)
            if is_invoke:
                return invoke_message_body(t("reply.action_not_saved", lang))
            await self._send(turn, [Reply(text=t("reply.not_saved", lang))])
            return None
        except Exception:
            log.exception("Handler failed for %s from %s", incoming.kind, incoming.user.key)
            if is_invoke:
                return invoke_message_body(t("reply.error", lang))
            await self._send(turn, [Reply(text=t("reply.error", lang))])
            return None
        if not is_invoke:
            await self._send(turn, outcome.replies)
            return None
        if outcome.card is not None and incoming.reply_to_id:
            after.append(functools.partial(self._update_card, turn, incoming.reply_to_id, outcome.card))
        await self._send(turn, outcome.replies)
        if outcome.sign_in is not None and self._settings.sso_enabled:
            settings = self._settings
            return invoke_sign_in_body(outcome.sign_in, settings.sso_connection_name, settings.sso_resource)
        return (
            invoke_card_body(outcome.card) if outcome.card is not None else invoke_message_body(outcome.message or "")
        )

    async def _send(self, turn: _Turn, replies: list[Reply]) -> None:
        """Send the replies in order within the reply timeout; those the connector did not take go to the outbox."""
        replies = [reply for reply in replies if reply.text or reply.card]
        if not replies:
            return
        address = reply_address(turn.body)
        conversation_id = address["conversation"]["id"]
        deadline = self.transport.retry.clock() + self._settings.reply_timeout
        for place, reply in enumerate(replies):
            outgoing = reply_activity(reply)
            assert outgoing is not None, "replies without text or card were left out above"
            activity = {**to_json(outgoing), **address}
            try:
                if activity.get("replyToId"):
                    await turn.conversations.reply_to_activity(
                        conversation_id, activity["replyToId"], activity, deadline=deadline
                    )
                else:
                    await turn.conversations.send_to_conversation(conversation_id, activity, deadline=deadline)
            except ConnectorError as error:
                await self._keep_replies(turn, replies[place:], place, error)
                return

    async def _keep_replies(self, turn: _Turn, replies: list[Reply], first: int, error: ConnectorError) -> None:
        """Hand replies the connector did not take to the outbox when trying later may help; else log them as lost."""
        conversation_id = turn.conversation_id
        if error.transient and self._outbox is not None:
            try:
                await self._outbox.defer_replies(
                    turn.reference,
                    [{"text": reply.text, "card": reply.card} for reply in replies],
                    activity_id=turn.body.get("id"),
                    first=first,
                    reason=str(error),
                )
                return
            except Exception as kept:
                log.error(
                    "Could not deliver %d repl(y/ies) to conversation %s (%s) nor keep them for later: %s",
                    len(replies),
                    conversation_id,
                    error,
                    kept,
                )
                return
        log.error("Could not deliver %d repl(y/ies) to conversation %s: %s", len(replies), conversation_id, error)

    def _in_background(self, work: Awaitable[None]) -> None:
        """Run `work` on its own; close() waits for what is still running."""
        task = asyncio.ensure_future(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _update_card(self, turn: _Turn, activity_id: str, card: dict[str, Any]) -> None:
        """Replace the clicked card in place for everyone in the conversation (and the clicker's other devices).

        Runs after the invoke is answered (the invoke response already shows the new card to the clicker); what the
        connector does not take within the reply timeout goes to the outbox.
        """
        address = reply_address(turn.body)
        update = card_update(activity_id, card, address)
        deadline = self.transport.retry.clock() + self._settings.reply_timeout
        try:
            await turn.conversations.update_activity(
                address["conversation"]["id"], activity_id, update, deadline=deadline
            )
        except ConnectorError as error:
            await self._keep_update(turn, activity_id, card, error)
        except Exception:
            log.exception("Could not update activity %s in conversation %s", activity_id, turn.conversation_id)

    async def _keep_update(self, turn: _Turn, activity_id: str, card: dict[str, Any], error: ConnectorError) -> None:
        """Hand a card update the connector did not take to the outbox when trying later may help; else log it."""
        conversation_id = turn.conversation_id
        if error.transient and self._outbox is not None:
            try:
                await self._outbox.defer_update(
                    turn.reference, activity_id, card, invoke_id=turn.body.get("id"), reason=str(error)
                )
                return
            except Exception as kept:
                log.error(
                    "Could not update activity %s in conversation %s (%s) nor keep it for later: %s",
                    activity_id,
                    conversation_id,
                    error,
                    kept,
                )
                return
        log.error("Could not update activity %s in conversation %s: %s", activity_id, conversation_id, error)

    @staticmethod
    def _invoke_response(context: TurnContext, body: dict[str, Any]) -> None:
        """Answer the invoke (always 200 at HTTP level, Universal Actions body).

        Stored where CloudAdapter.send_activities would put it, without TurnContext deep-copying the card.
        """
        context.turn_state[TurnContext._INVOKE_RESPONSE_KEY] = Activity(
            type=ActivityTypes.invoke_response, value=InvokeResponse(status=200, body=body)
        )

    async def warm(self) -> None:
        """Fetch the signing keys off the loop before the first request (no-op when auth is off)."""
        await self.auth.warm()

    async def close(self) -> None:
        """Finish the card updates still under way, then close the shared outbound session."""
        if self._background:
            await asyncio.wait(set(self._background), timeout=10)
        await self.transport.close()


def create_endpoint(
    settings: Settings,
    handle: Handle,
    *,
    token_provider: TokenProvider | None = None,
    retry: RetryPolicy | None = None,
    outbox: ReplyOutbox | None = None,
) -> MessagesEndpoint:
    """The POST /api/messages handler for `settings`, calling `handle` for every activity the bot answers.

    `outbox` keeps the replies and card updates the connector does not take during a turn, to be sent later.
    """
    return MessagesEndpoint(settings, handle, token_provider=token_provider, retry=retry, outbox=outbox)
