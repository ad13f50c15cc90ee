"""POST /api/messages: CloudAdapter over the light connector, mapping activities to the dialogs' handle()."""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from typing import Any, Awaitable, Callable, cast

import aiohttp
from aiohttp import web
from botbuilder.core import InvokeResponse, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ActivityTypes

from bot.activities import (
    card_attachment,
    conversation_reference,
    invoke_card_body,
    invoke_message_body,
    reply_activity,
    to_incoming,
)
from bot.auth import VraagbaakAuthentication
from bot.connector import (
    ConnectorError,
    ConnectorTransport,
    LightConnectorClient,
    LightConnectorFactory,
    RetryPolicy,
)
from bot.tokens import TokenProvider, token_provider_for
from config import Settings
from dialogs.types import Incoming, Outcome, Reply
from i18n import t
from services.ports import ReplyOutbox
from storage import StorageUnavailable

log = logging.getLogger(__name__)

Handle = Callable[[Incoming], Awaitable[Outcome]]
_REFERENCE = "vraagbaak.reference"


def _connector(context: TurnContext) -> LightConnectorClient:
    """The turn's connector client, which CloudAdapter put in the turn state."""
    return cast(LightConnectorClient, context.turn_state[CloudAdapter.BOT_CONNECTOR_CLIENT_KEY])


def _reference(context: TurnContext) -> dict[str, Any]:
    """The turn's conversation reference as the raw activity had it (the SDK's model drops tenantId)."""
    return cast(dict[str, Any], context.turn_state[_REFERENCE])


"""turn_state key of the activity's conversation reference as Teams sent it (the SDK's model drops tenantId)."""


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


def _conversation_id(context: TurnContext) -> str | None:
    """The turn's conversation id, for log lines."""
    conversation = context.activity.conversation
    return conversation.id if conversation else None


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
        try:
            activity = Activity().deserialize(body)
        except Exception:  # msrest raises several types for bad shapes
            return _problem(400, "body is not a Bot Framework activity")
        is_invoke = body["type"] == ActivityTypes.invoke
        after: list[Callable[[], Awaitable[None]]] = []
        try:
            response = await self.adapter.process_activity(
                request.headers.get("Authorization", ""), activity, lambda context: self._turn(context, body, after)
            )
        except PermissionError as exc:
            log.info("Rejected %s activity: %s", body["type"], exc)
            return _problem(401, "unauthorized")
        except Exception:  # a bug here must not become a 500 for Teams
            log.exception("Turn failed for %s activity %s", body["type"], body.get("id"))
            if is_invoke:
                return web.json_response(invoke_message_body(t("reply.error", self._lang(body))))
            return web.Response(status=200)
        answer = (
            web.json_response(response.body, status=response.status)
            if response is not None
            else web.Response(status=200)
        )
        if after:  # send the answer first: work started now would delay it
            await answer.prepare(request)
            await answer.write_eof()
            for work in after:
                self._in_background(work())
        return answer

    def _lang(self, body: dict[str, Any]) -> str:
        """Catalogue language for this activity."""
        return self._settings.language_for(body.get("locale"))

    async def _turn(
        self, context: TurnContext, body: dict[str, Any], after: list[Callable[[], Awaitable[None]]]
    ) -> None:
        """Map the activity, call the dialogs, deliver the outcome; `after` gets work to start once it is answered."""
        context.turn_state[_REFERENCE] = conversation_reference(body)
        incoming = to_incoming(body)
        is_invoke = body["type"] == ActivityTypes.invoke
        lang = self._settings.language_for(incoming.locale if incoming else body.get("locale"))
        if incoming is None:
            if is_invoke:
                log.info("Unknown invoke %r", body.get("name"))
                await self._invoke_response(context, invoke_message_body(t("reply.unknown_action", lang)))
            return
        try:
            outcome = await self._handle(incoming) or Outcome()
        except StorageUnavailable as unavailable:  # the database logged why, once; the user hears it was not saved
            log.debug("Nothing stored for %s from %s: %s", incoming.kind, incoming.user.key, unavailable.reason)
            if is_invoke:
                await self._invoke_response(context, invoke_message_body(t("reply.action_not_saved", lang)))
            else:
                await self._send(context, [Reply(text=t("reply.not_saved", lang))])
            return
        except Exception:
            log.exception("Handler failed for %s from %s", incoming.kind, incoming.user.key)
            if is_invoke:
                await self._invoke_response(context, invoke_message_body(t("reply.error", lang)))
            else:
                await self._send(context, [Reply(text=t("reply.error", lang))])
            return
        if is_invoke:
            if outcome.card is not None and incoming.reply_to_id:
                after.append(functools.partial(self._update_card, context, incoming.reply_to_id, outcome.card))
            await self._send(context, outcome.replies)
            answer = (
                invoke_card_body(outcome.card)
                if outcome.card is not None
                else invoke_message_body(outcome.message or "")
            )
            await self._invoke_response(context, answer)
        else:
            await self._send(context, outcome.replies)

    async def _send(self, context: TurnContext, replies: list[Reply]) -> None:
        """Send the replies in order within the reply timeout; those the connector did not take go to the outbox."""
        replies = [reply for reply in replies if reply.text or reply.card]
        if not replies:
            return
        reference = TurnContext.get_conversation_reference(context.activity)
        conversations = _connector(context).conversations
        deadline = self.transport.retry.clock() + self._settings.reply_timeout
        for place, reply in enumerate(replies):
            outgoing = reply_activity(reply)
            assert outgoing is not None, "replies without text or card were left out above"
            activity = TurnContext.apply_conversation_reference(outgoing, reference)
            assert activity.conversation is not None, "the reference names the turn's conversation"
            try:
                if activity.reply_to_id:
                    await conversations.reply_to_activity(
                        activity.conversation.id, activity.reply_to_id, activity, deadline=deadline
                    )
                else:
                    await conversations.send_to_conversation(activity.conversation.id, activity, deadline=deadline)
            except ConnectorError as error:
                await self._keep_replies(context, replies[place:], place, error)
                return

    async def _keep_replies(
        self, context: TurnContext, replies: list[Reply], first: int, error: ConnectorError
    ) -> None:
        """Hand replies the connector did not take to the outbox when trying later may help; else log them as lost."""
        conversation_id = _conversation_id(context)
        if error.transient and self._outbox is not None:
            try:
                await self._outbox.defer_replies(
                    _reference(context),
                    [{"text": reply.text, "card": reply.card} for reply in replies],
                    activity_id=context.activity.id,
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

    async def _update_card(self, context: TurnContext, activity_id: str, card: dict[str, Any]) -> None:
        """Replace the clicked card in place for everyone in the conversation (and the clicker's other devices).

        Runs after the invoke is answered (the invoke response already shows the new card to the clicker); what the
        connector does not take within the reply timeout goes to the outbox.
        """
        reference = TurnContext.get_conversation_reference(context.activity)
        update = TurnContext.apply_conversation_reference(
            Activity(type=ActivityTypes.message, id=activity_id, attachments=[card_attachment(card)]), reference
        )
        conversations = _connector(context).conversations
        deadline = self.transport.retry.clock() + self._settings.reply_timeout
        assert update.conversation is not None, "the reference names the turn's conversation"
        try:
            await conversations.update_activity(update.conversation.id, activity_id, update, deadline=deadline)
        except ConnectorError as error:
            await self._keep_update(context, activity_id, card, error)
        except Exception:
            log.exception("Could not update activity %s in conversation %s", activity_id, _conversation_id(context))

    async def _keep_update(
        self, context: TurnContext, activity_id: str, card: dict[str, Any], error: ConnectorError
    ) -> None:
        """Hand a card update the connector did not take to the outbox when trying later may help; else log it."""
        conversation_id = _conversation_id(context)
        if error.transient and self._outbox is not None:
            try:
                await self._outbox.defer_update(
                    _reference(context), activity_id, card, invoke_id=context.activity.id, reason=str(error)
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
    async def _invoke_response(context: TurnContext, body: dict[str, Any]) -> None:
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
