"""Wiring: settings -> storage, services, dialogs, bot endpoint -> aiohttp application."""

from __future__ import annotations

import logging

from aiohttp import web

from bot import create_endpoint
from config import Settings
from dialogs import build_router
from services.conversations import ConversationService
from services.faq import FaqService
from services.questions import QuestionService
from storage import Database

log = logging.getLogger("vraagbaak")

DATABASE = web.AppKey("database", Database)
FAQ = web.AppKey("faq", FaqService)


def build_app(settings: Settings, *, database: Database | None = None, migrate: bool = True) -> web.Application:
    """The aiohttp app: POST /api/messages, GET /healthz and GET /readyz."""
    db = database or Database(settings.async_database_url)
    faq = FaqService(db, use_embeddings=settings.matcher == "hybrid")
    router = build_router(faq=faq, questions=QuestionService(db), conversations=ConversationService(db),
                          default_language=settings.default_language, follow_locale=settings.follow_locale)
    endpoint = create_endpoint(settings, router)

    async def healthz(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def readyz(_request: web.Request) -> web.Response:
        if await db.ping():
            return web.json_response({"status": "ready"})
        return web.json_response({"status": "database unreachable"}, status=503)

    async def on_startup(_app: web.Application) -> None:
        if migrate:
            await db.upgrade()
        await faq.matcher()
        log.info("Vraagbaak ready: %d FAQ entries, auth %s", await faq.count(),
                 "on" if settings.auth_enabled else "off (no BOT_ID: local use only)")

    async def on_cleanup(_app: web.Application) -> None:
        faq.close()
        if database is None:
            await db.dispose()

    app = web.Application(client_max_size=1024 * 1024)
    app[DATABASE] = db
    app[FAQ] = faq
    endpoint.mount(app)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    return app
