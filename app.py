"""Wiring: settings -> storage, services, dialogs, bot endpoint -> aiohttp application."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from typing import TYPE_CHECKING

from aiohttp import web

import api
from bot import ConnectorMessenger, create_endpoint
from cards.announcement_form import author_buttons
from config import Settings
from dialogs import build_router
from services.announcement_approvals import ApprovalDelivery
from services.announcement_delivery import AnnouncementDelivery
from services.announcement_notify import AnnouncementNotifier
from services.announcement_post_as import AuthorPosting
from services.announcements import AnnouncementService
from services.api_keys import ApiKeyService
from services.conversations import ConversationService
from services.directory import DirectoryService
from services.fanout import FanoutEngine, FanoutOptions, Render
from services.faq import FaqService
from services.graph_limits import GraphLimits, LimitedGraph
from services.intents import built_in_docs
from services.jobs import Jobs, Worker, WorkerOptions
from services.learning import LearningService
from services.link_clicks import LinkClicks
from services.ports import Graph
from services.questions import QuestionService
from services.release_watch import ReleaseWatchService
from services.replies import ReplyDelivery, TurnReplies
from services.sign_in import Sealer, TeamsSignIn
from services.ticket_delivery import TicketDelivery
from services.tickets import TicketService
from storage import Database, StorageUnavailable
from vocabulary import DigestCadence

if TYPE_CHECKING:
    from graph import GraphClient

log = logging.getLogger("vraagbaak")

DATABASE = web.AppKey("database", Database)
FAQ = web.AppKey("faq", FaqService)
INDEX_TASK = web.AppKey("index_task", asyncio.Task)
JOBS = web.AppKey("jobs", Jobs)
WORKER = web.AppKey("worker", Worker)
TICKETS = web.AppKey("tickets", TicketService)
DIRECTORY = web.AppKey("directory", DirectoryService)
CONVERSATIONS = web.AppKey("conversations", ConversationService)
ANNOUNCEMENTS = web.AppKey("announcements", AnnouncementService)
RELEASE_WATCH = web.AppKey("release_watch", ReleaseWatchService)
NOTIFIER = web.AppKey("notifier", AnnouncementNotifier)
FANOUT = web.AppKey("fanout", FanoutEngine)
API = web.AppKey("api", api.AnnouncementsApi)


GC_FULL_EVERY = 100
"""With freeze_gc: a full garbage collection after this many middle-generation ones (Python's default: 10)."""


def build_app(
    settings: Settings,
    *,
    database: Database | None = None,
    migrate: bool = True,
    worker_options: WorkerOptions | None = None,
    freeze_gc: bool = False,
    graph: Graph | None = None,
    render: Render | None = None,
    fanout_options: FanoutOptions | None = None,
) -> web.Application:
    """The aiohttp app: POST /api/messages, the announcements API (api/), GET /healthz and /readyz, the job worker.

    `freeze_gc`: once the index is built, take everything loaded so far out of the cyclic garbage collector
    (`gc.freeze`), whose full passes over the index otherwise stall a request for up to 200 ms now and then, and
    run full passes ten times less often (they still take 20-40 ms over the caches that fill up later). For a
    serving process; tests that build many apps in one process leave it off.

    `graph`: Microsoft Graph (tests pass a client on the fake Graph); by default the GRAPH_* settings' client, or
    none when they are not set (then Graph audiences and the release watch are off).

    The fan-out engine sends the announcements' cards with `render` (default: the announcement service's card for a
    recipient) and `fanout_options` (default: SEND_RATE_LIMIT and FANOUT_MAX_ATTEMPTS from the settings).
    """
    db = database or Database(settings.async_database_url)
    faq = FaqService(db, use_embeddings=settings.matcher == "hybrid", words_first=True, built_in=built_in_docs())
    jobs = Jobs(db)
    directory = DirectoryService(db)
    conversations = ConversationService(db)

    async def faq_changed() -> None:
        await faq.matcher()  # an approved proposal is in the index before the next question

    tickets = TicketService(db, directory, jobs, on_faq_changed=faq_changed)
    own_graph: GraphClient | None = None
    if graph is None and settings.graph_enabled:
        from graph import graph_from_settings  # msgraph-sdk is large: imported only when Graph is configured

        graph = own_graph = graph_from_settings(settings)
    # Audience resolution and the release watch call Graph within its per-endpoint limits, shared by every instance;
    # the notifier takes its activity slots from the same budget in bulk.
    limited = LimitedGraph(graph, GraphLimits(db, settings.graph_tenant_id)) if graph is not None else None
    announcements = AnnouncementService(
        db, jobs, directory, conversations, graph=limited, approval_required=settings.announcement_approval
    )
    release_watch = ReleaseWatchService(
        announcements,
        limited,
        services=settings.release_watch_services,
        cadence=DigestCadence(settings.release_digest),
        lang=settings.default_language,
    )
    sign_in_rules = api.TokenRules.for_sign_in(settings)
    sign_in_tokens = api.EntraTokens(sign_in_rules) if sign_in_rules is not None else None
    sign_in = (
        TeamsSignIn(settings.sso_connection_name, settings.sso_resource, sign_in_tokens.verified)
        if sign_in_tokens is not None
        else None
    )
    router = build_router(
        faq=faq,
        questions=QuestionService(db),
        conversations=conversations,
        tickets=tickets,
        directory=directory,
        announcements=announcements,
        release_watch=release_watch,
        learning=LearningService(db, directory),
        default_language=settings.default_language,
        follow_locale=settings.follow_locale,
        sign_in=sign_in,
    )
    endpoint = create_endpoint(settings, router, outbox=TurnReplies(jobs))
    worker = Worker(jobs, options=worker_options)
    messenger = ConnectorMessenger(endpoint.transport)
    TicketDelivery(tickets, directory, messenger, settings.default_language, conversations).register(worker)
    ReplyDelivery(messenger).register(worker)
    AnnouncementDelivery(announcements, messenger, report_buttons=author_buttons).register(worker)
    ApprovalDelivery(announcements, messenger, settings.default_language).register(worker)
    release_watch.register(worker, messenger)
    notifier = AnnouncementNotifier(db, jobs, graph, settings.graph_tenant_id)
    notifier.register(worker)  # without Graph it only sets aside what was queued while Graph was on
    if graph is not None:  # without Graph an announcement's `notify` has no effect
        announcements.on_recorded(notifier.queue)
        announcements.on_reminded(notifier.queue_reminders)
    fanout = FanoutEngine(
        db,
        messenger,
        conversations,
        render or announcements.render,
        options=fanout_options
        or FanoutOptions(rate=settings.send_rate_limit, max_attempts=settings.fanout_max_attempts),
        on_recorded=announcements.recorded,
    )
    announcements.on_deliveries_due(fanout.wake)
    auth = api.ApiAuth(ApiKeyService(db), api.TokenRules.from_settings(settings))
    clicks = LinkClicks(
        db, link_secret=settings.link_secret, bot_password=settings.app_password, public_url=settings.public_url
    )
    announcements.link_url = clicks.url_for  # the secret is loaded at start, before the fan-out engine runs
    sealer = Sealer(clicks.secret)
    if graph is not None:  # a signed-in author's channel cards go through Graph as them (on-behalf-of)
        announcements.sealer = sealer
    AuthorPosting(announcements, graph, sealer).register(worker)  # without Graph: what waits goes to the bot

    async def healthz(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def readyz(_request: web.Request) -> web.Response:
        problem = await db.unwritable()
        if problem is not None:
            return web.json_response({"status": f"database not writable: {problem}"}, status=503)
        if not faq.ready:
            return web.json_response({"status": "building the FAQ index"}, status=503)
        return web.json_response({"status": "ready"})

    async def build_index() -> None:
        try:
            await faq.matcher()
            if freeze_gc:
                gc.freeze()
                gc.set_threshold(700, 10, GC_FULL_EVERY)
            log.info(
                "Vraagbaak ready: %d FAQ entries, auth %s",
                await faq.count(),
                "on" if settings.auth_enabled else "off (no BOT_ID: local use only)",
            )
        except Exception:  # the first question retries the build
            log.exception("Building the FAQ index failed; it is retried on the next question")

    async def on_startup(app_: web.Application) -> None:
        if migrate:
            await db.upgrade()
        with contextlib.suppress(StorageUnavailable):  # loaded now for code that cannot await; else on first use
            await clicks.secret()
        # Listen at once; questions that arrive during the build wait for it, /readyz says 503 until then.
        app_[INDEX_TASK] = asyncio.create_task(build_index())
        if graph is not None:
            await release_watch.schedule()  # today's watch and the next digest, once for every instance
        worker.start()
        fanout.start()  # takes back the claims of a stopped instance first

    async def on_shutdown(_app: web.Application) -> None:
        await fanout.stop()  # unsent claims go back; sends in flight are recorded
        await worker.stop()  # before the outbound session and the database close

    async def on_cleanup(app_: web.Application) -> None:
        task = app_.get(INDEX_TASK)
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        faq.close()
        if own_graph is not None:
            await own_graph.close()
        if sign_in_tokens is not None:
            await sign_in_tokens.close()
        if database is None:
            await db.dispose()

    app = web.Application(client_max_size=1024 * 1024)
    app[DATABASE] = db
    app[FAQ] = faq
    app[JOBS] = jobs
    app[WORKER] = worker
    app[TICKETS] = tickets
    app[DIRECTORY] = directory
    app[CONVERSATIONS] = conversations
    app[ANNOUNCEMENTS] = announcements
    app[RELEASE_WATCH] = release_watch
    app[NOTIFIER] = notifier
    app[FANOUT] = fanout
    endpoint.mount(app)
    app[API] = api.mount(app, announcements, auth=auth, clicks=clicks, unavailable=(StorageUnavailable,))
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.on_startup.append(on_startup)
    app.on_shutdown.append(on_shutdown)
    app.on_cleanup.append(on_cleanup)
    return app
