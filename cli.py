"""The `vraagbaak` command: serve, demo, db, faq, groups, apikey and manifest."""

from __future__ import annotations

import argparse
import asyncio
import errno
import json
import logging
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, timezone
from logging.handlers import BufferingHandler
from pathlib import Path

from config import ConfigError, Settings, configured_language
from i18n import t
from i18n.messages.cli import GROUP_KIND_LABEL, START_FAILURE
from vocabulary import GroupKind, Role


def _settings() -> Settings:
    """Settings, or exit with one line that says what to fix."""
    try:
        return Settings.from_env()
    except ConfigError as error:
        print(t("cli.config_error", "nl", error=error), file=sys.stderr)
        raise SystemExit(2) from None


def _logging(settings: Settings) -> None:
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # a line per plugin at every start


def _held_logs() -> Callable[[], None]:
    """Hold log records back until the returned function releases them, so a start that fails prints only its line."""
    root = logging.getLogger()
    handlers, held = root.handlers[:], BufferingHandler(capacity=sys.maxsize)
    root.handlers = [held]

    def release() -> None:
        root.handlers = handlers
        for record in held.buffer:
            root.callHandlers(record)
        held.buffer.clear()

    return release


class StartFailed(Exception):
    """A command cannot start (database, port); the message is the one line that says what to check."""


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the bot until interrupted."""
    from aiohttp import web

    from app import build_app

    settings = _settings()
    _logging(settings)
    release = _held_logs()
    host, port = args.host or settings.host, args.port or settings.port
    lang = settings.default_language

    async def started() -> web.Application:
        db = await _open_database(settings)
        app = build_app(settings, database=db, migrate=False, freeze_gc=True)

        async def close(_app: web.Application) -> None:
            await db.dispose()

        app.on_cleanup.append(close)
        return app

    def listening(_banner: str) -> None:
        release()
        print(t("cli.serving", lang, host=host, port=port), flush=True)

    try:
        web.run_app(started(), host=host, port=port, print=listening, access_log=None)
    except OSError as error:
        if error.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
            release()
            raise
        raise StartFailed(t("cli.port_unusable", lang, host=host, port=port, detail=error.strerror)) from None
    except BaseException as error:
        if not isinstance(error, StartFailed):
            release()  # a bug or Ctrl-C during the start: what was logged helps
        raise
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Run the bot and the Agents Playground together."""
    from services.demo import run_demo

    settings = _settings()
    return run_demo(
        host=args.host or settings.host,
        port=args.port or settings.port,
        playground_port=args.playground_port,
        lang=settings.default_language,
    )


async def _open_database(settings: Settings):
    """The database, migrated and checked to be writable; or StartFailed with one line saying what to check."""
    from storage import Database
    from storage.db import printable_url, startup_failure

    url, lang = settings.async_database_url, settings.default_language
    db = None
    try:
        db = Database(url)
        await db.upgrade()
        await db.check_writable()
        return db
    except Exception as error:
        if db is not None:
            await db.dispose()
        found = startup_failure(url, error)
        if found is None:
            raise
        kind, detail, file = found
        if kind == "not_writable" and file is not None:
            line = t("cli.db.sqlite_not_writable", lang, detail=detail, file=file, folder=file.parent)
        else:
            line = t(START_FAILURE[kind], lang, url=printable_url(url), detail=detail)
        raise StartFailed(line) from None


async def _with_database(settings: Settings, work):
    db = await _open_database(settings)
    try:
        return await work(db)
    finally:
        await db.dispose()


def cmd_db_upgrade(_args: argparse.Namespace) -> int:
    """Apply all migrations."""
    from storage.db import printable_url

    settings = _settings()

    async def work(_db) -> int:
        print(t("cli.migrated", settings.default_language, url=printable_url(settings.async_database_url)))
        return 0

    return asyncio.run(_with_database(settings, work))


def cmd_faq_import(args: argparse.Namespace) -> int:
    """Read a YAML, CSV or XLSX file into the FAQ: all or nothing."""
    from services.faq import FaqService
    from services.faq_files import FaqFileError, read_faq_file

    settings = _settings()
    lang = settings.default_language
    path = Path(args.file)
    try:
        items = read_faq_file(path, lang=lang)
    except FaqFileError as error:
        print(error, file=sys.stderr)
        return 1

    async def work(db) -> int:
        created, updated = await FaqService(db, use_embeddings=False).import_entries(items)
        print(
            t(
                "cli.imported",
                lang,
                file=path,
                created=created,
                updated=updated,
                unchanged=len(items) - created - updated,
            )
        )
        return 0

    return asyncio.run(_with_database(settings, work))


def cmd_faq_export(args: argparse.Namespace) -> int:
    """Write the FAQ to a YAML, CSV or XLSX file."""
    from services.faq import FaqService
    from services.faq_files import FaqFileError, write_faq_file

    settings = _settings()
    lang = settings.default_language
    path = Path(args.file)

    async def work(db) -> int:
        entries = await FaqService(db, use_embeddings=False).export_entries(learned=True)
        try:
            write_faq_file(path, entries, lang=lang)
        except FaqFileError as error:
            print(error, file=sys.stderr)
            return 1
        print(t("cli.exported", lang, count=len(entries), file=path))
        return 0

    return asyncio.run(_with_database(settings, work))


def cmd_faq_ask(args: argparse.Namespace) -> int:
    """Print the decision the bot would take for one question, with scores."""
    from services.faq import FaqService

    settings = _settings()
    lang = settings.default_language

    async def work(db) -> int:
        faq = FaqService(db, use_embeddings=settings.matcher == "hybrid")
        try:
            if await faq.count() == 0:
                print(t("cli.empty_faq", lang), file=sys.stderr)
                return 1
            decision = await faq.decide(args.question)
            entries = await faq.entries(c.entry_id for c in decision.candidates)
        finally:
            faq.close()
        print(t("cli.decision", lang, outcome=decision.outcome, score=decision.score))
        for candidate in decision.candidates:
            question = entries.get(candidate.entry_id, {}).get("question", "")
            print(f"  {candidate.score:6.3f}  {candidate.entry_id}  {question}")
        if decision.details:
            print("  " + json.dumps(decision.details, ensure_ascii=False, default=str))
        return 0

    return asyncio.run(_with_database(settings, work))


def cmd_faq_eval(args: argparse.Namespace) -> int:
    """Score the bot's decisions on a question set, with the KB loaded into a fresh temporary store."""
    from matching import load_questions_jsonl, score_predictions
    from services.faq import FaqService
    from services.faq_files import FaqFileError, read_faq_file
    from services.learning import LearningService, replay_use
    from services.questions import QuestionService
    from storage import Database

    settings = _settings()
    try:
        items = read_faq_file(Path(args.kb), lang=settings.default_language)
    except FaqFileError as error:
        print(error, file=sys.stderr)
        return 1
    questions = load_questions_jsonl(Path(args.questions))
    past = load_questions_jsonl(Path(args.learn_from)) if args.learn_from else []

    async def work() -> dict:
        with tempfile.TemporaryDirectory(prefix="vraagbaak-eval-") as tmp:
            db = Database(f"sqlite+aiosqlite:///{Path(tmp) / 'eval.db'}")
            faq = FaqService(db, use_embeddings=settings.matcher == "hybrid")
            try:
                await db.upgrade()
                await faq.import_entries(items)
                if past:  # a month of use through the learning path, then functional management approves
                    await replay_use(faq, QuestionService(db), LearningService(db), past)
                predictions = []
                for item in questions:
                    decision = await faq.decide(item["q"])
                    predictions.append(
                        {
                            "q": item["q"],
                            "expect": item.get("expect"),
                            "outcome": decision.outcome,
                            "entries": [c.entry_id for c in decision.candidates]
                            if decision.outcome != "unknown"
                            else [],
                            "score": round(decision.score, 4),
                        }
                    )
            finally:
                faq.close()
                await db.dispose()
        return {**score_predictions(predictions), "predictions": predictions}

    result = asyncio.run(work())
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key in ("top1", "found", "wrong_answer", "escalation_recall", "false_escalation"):
            print(f"{key:18} {result[key]:.3f}")
        print(f"{'questions':18} {len(result['predictions'])}")
    return 0


def cmd_faq_learned(args: argparse.Namespace) -> int:
    """List the learned phrasings waiting for review, or approve / reject them, or change the policy."""
    from i18n.messages.learning import PHRASING_STATUS_LABEL
    from services.learning import LearningService
    from vocabulary import NOT_FAQ_ENTRY, PhrasingStatus

    settings = _settings()
    lang = settings.default_language
    actor = "cli"

    async def work(db) -> int:
        learning = LearningService(db)
        if args.approve_all:
            print(t("cli.learned.approved_all", lang, count=await learning.approve_all(actor)))
            return 0
        if args.out_of_scope:
            examples = await learning.out_of_scope()
            if not examples:
                print(t("cli.learned.no_out_of_scope", lang))
            for view in examples:
                status = t(PHRASING_STATUS_LABEL[PhrasingStatus(view.status)], lang)
                print(
                    t(
                        "cli.learned.out_of_scope_row",
                        lang,
                        id=view.id,
                        text=view.text,
                        confirmations=view.confirmations,
                        status=status,
                    )
                )
            return 0
        if args.auto_approve_after is not None:
            if args.auto_approve_after < 0:
                print(t("cli.learned.bad_number", lang), file=sys.stderr)
                return 1
            await learning.set_auto_approve_after(args.auto_approve_after)
        chosen: int | None = args.approve if args.approve is not None else args.reject
        if chosen is not None:
            approve = args.approve is not None
            phrasing_id = chosen
            view = await learning.decide(phrasing_id, approve=approve, decided_by=actor)
            if view is None:
                print(t("cli.learned.unknown", lang, id=phrasing_id), file=sys.stderr)
                return 1
            status = t(PHRASING_STATUS_LABEL[PhrasingStatus(view.status)], lang)
            if view.entry_id == NOT_FAQ_ENTRY:
                print(t("cli.learned.decided_out_of_scope", lang, id=view.id, status=status, text=view.text))
            else:
                print(t("cli.learned.decided", lang, id=view.id, status=status, entry=view.entry_id, text=view.text))
            return 0
        print(t("cli.learned.policy", lang, count=await learning.auto_approve_after()))
        proposed = await learning.listed((PhrasingStatus.PROPOSED,))
        if not proposed:
            print(t("cli.learned.none", lang))
        for view in proposed:
            print(
                t(
                    "cli.learned.row",
                    lang,
                    id=view.id,
                    entry=view.entry_id,
                    text=view.text,
                    confirmations=view.confirmations,
                    against=view.counter_signals,
                    kinds=", ".join(view.kinds),
                )
            )
        return 0

    return asyncio.run(_with_database(settings, work))


def cmd_groups_list(_args: argparse.Namespace) -> int:
    """Print every group with its members, chair marked."""
    from services.directory import DirectoryService
    from storage import PersonRepository

    settings = _settings()
    lang = settings.default_language
    none = t("cli.groups.none_value", lang)

    async def work(db) -> int:
        directory = DirectoryService(db)
        groups = await directory.groups()
        if not groups:
            print(t("cli.groups.none", lang))
            return 0
        names: dict[int | None, str] = {group.id: group.name for group in groups}  # parent_id may be None
        for group in groups:
            print(
                t(
                    "cli.groups.line",
                    lang,
                    name=group.name,
                    kind=t(GROUP_KIND_LABEL[group.kind], lang),
                    application=group.application or none,
                    department=group.department or none,
                    channel=group.channel_name or group.channel_id or none,
                    parent=names.get(group.parent_id, none),
                )
            )
            members = await directory.members(group.id)
            async with db.transaction() as session:
                people = await PersonRepository(session).get_many([person.key for person, _ in members])
            for person, is_chair in members:
                print(
                    t(
                        "cli.groups.member_line",
                        lang,
                        name=person.name,
                        user_key=person.key,
                        role=people[person.key].role if person.key in people else none,
                        chair=t("cli.groups.chair_mark", lang) if is_chair else "",
                    )
                )
            if not members:
                print(t("cli.groups.no_members", lang))
        return 0

    return asyncio.run(_with_database(settings, work))


def cmd_groups_add(args: argparse.Namespace) -> int:
    """Create a group or update the one with this name."""
    from services.directory import DirectoryService

    settings = _settings()
    lang = settings.default_language
    if args.kind == GroupKind.KEY_USERS and not args.application:
        print(t("cli.groups.needs_application", lang), file=sys.stderr)
        return 2
    if args.kind == GroupKind.FUNCTIONAL_MANAGEMENT and args.parent:
        print(t("cli.groups.parent_of_management", lang), file=sys.stderr)
        return 2

    async def work(db) -> int:
        directory = DirectoryService(db)
        if args.parent:
            parent = next((g for g in await directory.groups() if g.name == args.parent), None)
            if parent is None or parent.kind != GroupKind.FUNCTIONAL_MANAGEMENT:
                print(t("cli.groups.bad_parent", lang, parent=args.parent), file=sys.stderr)
                return 1
        minutes = round(args.target_hours * 60) if args.target_hours is not None else None
        group = await directory.save_group(
            name=args.name,
            kind=args.kind,
            application=args.application,
            department=args.department,
            parent=args.parent,
            channel_id=args.channel_id,
            team_id=args.team_id,
            response_target_minutes=minutes,
        )
        print(t("cli.groups.saved", lang, name=group.name, kind=t(GROUP_KIND_LABEL[group.kind], lang)))
        return 0

    return asyncio.run(_with_database(settings, work))


def _in_group(args: argparse.Namespace, work) -> int:
    """Run `work(directory, lang)` when args.group names a group; else say there is none."""
    from services.directory import DirectoryService

    settings = _settings()
    lang = settings.default_language

    async def run(db) -> int:
        directory = DirectoryService(db)
        if not any(g.name == args.group for g in await directory.groups()):
            print(t("cli.groups.no_group", lang, group=args.group), file=sys.stderr)
            return 1
        return await work(directory, lang)

    return asyncio.run(_with_database(settings, run))


def cmd_groups_member_add(args: argparse.Namespace) -> int:
    """Put someone in a group (creating the person); key users get at least the key_user role."""

    async def work(directory, lang: str) -> int:
        await directory.add_member(
            args.group, args.user_key, name=args.name, chair=args.chair, department=args.department, email=args.email
        )
        print(
            t(
                "cli.groups.member_added",
                lang,
                user_key=args.user_key,
                group=args.group,
                chair=t("cli.groups.chair_mark", lang) if args.chair else "",
            )
        )
        return 0

    return _in_group(args, work)


def cmd_groups_member_remove(args: argparse.Namespace) -> int:
    """Take someone out of a group."""

    async def work(directory, lang: str) -> int:
        if not await directory.remove_member(args.group, args.user_key):
            print(t("cli.groups.member_not_found", lang, user_key=args.user_key, group=args.group), file=sys.stderr)
            return 1
        print(t("cli.groups.member_removed", lang, user_key=args.user_key, group=args.group))
        return 0

    return _in_group(args, work)


def cmd_groups_role(args: argparse.Namespace) -> int:
    """Give someone a role."""
    from services.directory import DirectoryService

    settings = _settings()
    lang = settings.default_language

    async def work(db) -> int:
        await DirectoryService(db).set_person(args.user_key, role=args.role)
        print(t("cli.groups.role_set", lang, user_key=args.user_key, role=args.role))
        return 0

    return asyncio.run(_with_database(settings, work))


def cmd_groups_import(args: argparse.Namespace) -> int:
    """Read groups and members from a CSV file: checked whole, written in one transaction."""
    from services.groups_file import GroupsFileError, import_groups_file, read_groups_file

    settings = _settings()
    lang = settings.default_language
    path = Path(args.file)
    try:
        read_groups_file(path, lang)  # refuse a bad file before touching the database
    except GroupsFileError as error:
        print(error, file=sys.stderr)
        return 1

    async def work(db) -> int:
        try:
            result = await import_groups_file(db, path, lang)
        except GroupsFileError as error:
            print(error, file=sys.stderr)
            return 1
        print(
            t(
                "cli.groups.imported",
                lang,
                file=path,
                groups=result.groups_created + result.groups_updated,
                created=result.groups_created,
                members=result.members_added + result.members_kept,
                added=result.members_added,
            )
        )
        return 0

    return asyncio.run(_with_database(settings, work))


def cmd_apikey_create(args: argparse.Namespace) -> int:
    """Make an API key; the key itself is the last line printed (it is stored only hashed)."""
    from services.api_keys import ApiKeyService, BadKeyName, KeyNameTaken

    settings = _settings()
    lang = settings.default_language

    async def work(db) -> int:
        try:
            view, key = await ApiKeyService(db).create(args.name)
        except BadKeyName:
            print(t("cli.apikey.bad_name", lang, name=args.name), file=sys.stderr)
            return 2
        except KeyNameTaken:
            print(t("cli.apikey.taken", lang, name=args.name), file=sys.stderr)
            return 1
        print(t("cli.apikey.created", lang, name=view.name))
        print(key, flush=True)
        return 0

    return asyncio.run(_with_database(settings, work))


def cmd_apikey_list(_args: argparse.Namespace) -> int:
    """Print every API key: name, prefix, created, last used, revoked (never the key)."""
    from services.api_keys import ApiKeyService

    settings = _settings()
    lang = settings.default_language

    def when(moment) -> str:
        return moment.strftime("%Y-%m-%d %H:%M UTC") if moment is not None else t("cli.apikey.never", lang)

    async def work(db) -> int:
        keys = await ApiKeyService(db).list()
        if not keys:
            print(t("cli.apikey.none", lang))
        for key in keys:
            state = (
                t("cli.apikey.revoked_at", lang, when=when(key.revoked_at))
                if key.revoked_at is not None
                else t("cli.apikey.active", lang)
            )
            print(
                t(
                    "cli.apikey.line",
                    lang,
                    name=key.name,
                    prefix=key.prefix,
                    created=when(key.created_at),
                    last_used=when(key.last_used_at),
                    state=state,
                )
            )
        return 0

    return asyncio.run(_with_database(settings, work))


def cmd_apikey_revoke(args: argparse.Namespace) -> int:
    """Refuse an API key from now on, on every instance."""
    from services.api_keys import ApiKeyService

    settings = _settings()
    lang = settings.default_language

    async def work(db) -> int:
        if not await ApiKeyService(db).revoke(args.name):
            print(t("cli.apikey.not_found", lang, name=args.name), file=sys.stderr)
            return 1
        print(t("cli.apikey.revoked", lang, name=args.name))
        return 0

    return asyncio.run(_with_database(settings, work))


def cmd_manifest_build(args: argparse.Namespace) -> int:
    """Write the Teams app package zip with the configured bot id."""
    from services.manifest import build_manifest_zip

    settings = _settings()
    lang = settings.default_language
    app_id = args.bot_id or settings.app_id
    if not app_id:
        print(t("cli.manifest_needs_id", lang), file=sys.stderr)
        return 2
    try:
        out = build_manifest_zip(app_id, Path(args.out), lang=lang, sso_resource=settings.sso_resource)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print(t("cli.manifest_written", lang, file=out))
    return 0


def golive_moment(value: str, now: datetime | None = None) -> datetime:
    """A go-live moment typed as ISO date and time, Dutch time unless it names its zone; ValueError when it is not
    one or has passed."""
    from cards.tickets import TIMEZONE

    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=TIMEZONE)
    if moment <= (now or datetime.now(timezone.utc)):
        raise ValueError(value)
    return moment


def cmd_golive(args: argparse.Namespace) -> int:
    """Plan a department's go-live: the welcome card and the key users' kick-off, at the moment given."""
    from cards.tickets import format_when
    from i18n.messages.announcements import ANNOUNCEMENT_STATUS_LABEL
    from services.announcements import AnnouncementService
    from services.conversations import ConversationService
    from services.directory import DirectoryService
    from services.golive import GoLiveError, GoLiveService
    from services.jobs import Jobs

    settings = _settings()
    lang = settings.default_language
    try:
        at = golive_moment(args.at)
    except ValueError:
        print(t("golive.error.date", lang, value=args.at), file=sys.stderr)
        return 2
    if not settings.graph_enabled:
        print(t("golive.error.no_graph", lang), file=sys.stderr)
        return 2

    async def work(db) -> int:
        from graph import graph_from_settings

        graph = graph_from_settings(settings)  # the audience check needs it; the serving app's worker calls Graph
        announcements = AnnouncementService(
            db,
            Jobs(db),
            DirectoryService(db),
            ConversationService(db),
            graph=graph,
            approval_required=settings.announcement_approval,
        )
        try:
            plan = await GoLiveService(announcements).plan(args.department, args.application, at, lang=lang)
        except GoLiveError as error:
            print(t(error.key, lang, **error.params), file=sys.stderr)
            return 1
        finally:
            if graph is not None:
                await graph.close()
        print(
            t(
                "golive.planned",
                lang,
                application=args.application,
                department=args.department,
                date=format_when(at, lang),
                group=plan.group,
                welcome_id=plan.welcome.id,
                welcome_status=t(ANNOUNCEMENT_STATUS_LABEL[plan.welcome.status], lang),
                kickoff_id=plan.kickoff.id,
                kickoff_status=t(ANNOUNCEMENT_STATUS_LABEL[plan.kickoff.status], lang),
            )
        )
        when = format_when(at, lang)
        print(t("golive.audience_later", lang, date=when, department=args.department, welcome_id=plan.welcome.id))
        return 0

    return asyncio.run(_with_database(settings, work))


def parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand, its help in the configured language."""
    lang = configured_language()

    root = argparse.ArgumentParser(prog="vraagbaak", description=t("cli.help.description", lang))
    commands = root.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help=t("cli.help.serve", lang))
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.set_defaults(run=cmd_serve)

    demo = commands.add_parser("demo", help=t("cli.help.demo", lang))
    demo.add_argument("--host")
    demo.add_argument("--port", type=int)
    demo.add_argument("--playground-port", type=int, default=56150)
    demo.set_defaults(run=cmd_demo)

    db = commands.add_parser("db", help=t("cli.help.db", lang)).add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help=t("cli.help.db_upgrade", lang)).set_defaults(run=cmd_db_upgrade)

    faq = commands.add_parser("faq", help=t("cli.help.faq", lang)).add_subparsers(dest="faq_command", required=True)
    faq_import = faq.add_parser("import", help=t("cli.help.faq_import", lang))
    faq_import.add_argument("file")
    faq_import.set_defaults(run=cmd_faq_import)
    faq_export = faq.add_parser("export", help=t("cli.help.faq_export", lang))
    faq_export.add_argument("file")
    faq_export.set_defaults(run=cmd_faq_export)
    faq_ask = faq.add_parser("ask", help=t("cli.help.faq_ask", lang))
    faq_ask.add_argument("question")
    faq_ask.set_defaults(run=cmd_faq_ask)
    faq_eval = faq.add_parser("eval", help=t("cli.help.faq_eval", lang))
    faq_eval.add_argument("--kb", required=True, help=t("cli.help.faq_eval_kb", lang))
    faq_eval.add_argument("--questions", required=True, help=t("cli.help.faq_eval_questions", lang))
    faq_eval.add_argument("--json", action="store_true", help=t("cli.help.faq_eval_json", lang))
    faq_eval.add_argument("--learn-from", help=t("cli.help.faq_eval_learn_from", lang))
    faq_eval.set_defaults(run=cmd_faq_eval)
    faq_learned = faq.add_parser("learned", help=t("cli.help.faq_learned", lang))
    decision = faq_learned.add_mutually_exclusive_group()
    decision.add_argument("--approve", type=int, metavar="ID", help=t("cli.help.faq_learned_approve", lang))
    decision.add_argument("--reject", type=int, metavar="ID", help=t("cli.help.faq_learned_reject", lang))
    decision.add_argument("--approve-all", action="store_true", help=t("cli.help.faq_learned_approve_all", lang))
    decision.add_argument("--auto-approve-after", type=int, metavar="N", help=t("cli.help.faq_learned_auto", lang))
    decision.add_argument("--out-of-scope", action="store_true", help=t("cli.help.faq_learned_out_of_scope", lang))
    faq_learned.set_defaults(run=cmd_faq_learned)

    groups = commands.add_parser("groups", help=t("cli.help.groups", lang)).add_subparsers(
        dest="groups_command", required=True
    )
    groups.add_parser("list", help=t("cli.help.groups_list", lang)).set_defaults(run=cmd_groups_list)
    add = groups.add_parser("add", help=t("cli.help.groups_add", lang))
    add.add_argument("name")
    add.add_argument("--application")
    add.add_argument("--department")
    add.add_argument("--kind", choices=[kind.value for kind in GroupKind], default=GroupKind.KEY_USERS.value)
    add.add_argument("--parent", help=t("cli.help.groups_parent", lang))
    add.add_argument("--channel-id")
    add.add_argument("--team-id")
    add.add_argument("--target-hours", type=float, help=t("cli.help.groups_target", lang))
    add.set_defaults(run=cmd_groups_add)
    member = groups.add_parser("member", help=t("cli.help.member", lang)).add_subparsers(
        dest="member_command", required=True
    )
    member_add = member.add_parser("add", help=t("cli.help.member_add", lang))
    member_add.add_argument("group")
    member_add.add_argument("user_key", help=t("cli.help.member_user_key", lang))
    member_add.add_argument("--name")
    member_add.add_argument(
        "--chair", action=argparse.BooleanOptionalAction, default=None, help=t("cli.help.member_chair", lang)
    )
    member_add.add_argument("--department")
    member_add.add_argument("--email")
    member_add.set_defaults(run=cmd_groups_member_add)
    member_remove = member.add_parser("remove", help=t("cli.help.member_remove", lang))
    member_remove.add_argument("group")
    member_remove.add_argument("user_key")
    member_remove.set_defaults(run=cmd_groups_member_remove)
    role = groups.add_parser("role", help=t("cli.help.role", lang))
    role.add_argument("user_key")
    role.add_argument("role", choices=[role.value for role in Role])
    role.set_defaults(run=cmd_groups_role)
    groups_import = groups.add_parser("import", help=t("cli.help.groups_import", lang))
    groups_import.add_argument("file")
    groups_import.set_defaults(run=cmd_groups_import)

    apikey = commands.add_parser("apikey", help=t("cli.help.apikey", lang)).add_subparsers(
        dest="apikey_command", required=True
    )
    apikey_create = apikey.add_parser("create", help=t("cli.help.apikey_create", lang))
    apikey_create.add_argument("name")
    apikey_create.set_defaults(run=cmd_apikey_create)
    apikey.add_parser("list", help=t("cli.help.apikey_list", lang)).set_defaults(run=cmd_apikey_list)
    apikey_revoke = apikey.add_parser("revoke", help=t("cli.help.apikey_revoke", lang))
    apikey_revoke.add_argument("name")
    apikey_revoke.set_defaults(run=cmd_apikey_revoke)

    manifest = commands.add_parser("manifest", help=t("cli.help.manifest", lang)).add_subparsers(
        dest="manifest_command", required=True
    )
    build = manifest.add_parser("build", help=t("cli.help.manifest_build", lang))
    build.add_argument("--out", default="build/vraagbaak-teams-app.zip")
    build.add_argument("--bot-id", help=t("cli.help.manifest_bot_id", lang))
    build.set_defaults(run=cmd_manifest_build)

    golive = commands.add_parser("golive", help=t("cli.help.golive", lang))
    golive.add_argument("department")
    golive.add_argument("--application", required=True, help=t("cli.help.golive_application", lang))
    golive.add_argument("--at", required=True, help=t("cli.help.golive_at", lang))
    golive.set_defaults(run=cmd_golive)
    return root


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except StartFailed as failed:
        print(failed, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
