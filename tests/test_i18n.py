"""The string catalogue: every key the code uses is in it, in Dutch and English with the same placeholders, no other."""

from __future__ import annotations

import ast
import inspect
import re
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cards.announcement_form import announcement_form_card
from cards.answer import ask_key_user_action
from cards.tickets import faq_proposal_card
from dialogs.announcements import AnnouncementDialog
from i18n import language_for, t
from i18n.catalogue import FEATURES, MESSAGES, DuplicateKeyError, merge
from i18n.messages import cli, common, faq_files, tickets
from services import faq_files as faq_file_service
from services import groups_file
from services.ticket_rules import TicketRefused
from services.tickets import Change, TicketService
from storage.db import _START_KINDS
from vocabulary import CloseReason, EventKind, GroupKind, ProposalStatus, TicketStatus
from vocabulary.actions import ActionRefused, CardAction

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("api", "bot", "cards", "dialogs", "matching", "services", "storage", "vocabulary")
"""Product code that uses keys; `i18n` holds them and is read through FEATURES instead."""
NAMESPACES = {key.split(".")[0] for key in MESSAGES}
"""First parts of the keys ('ticket', 'reply', ...): an f-string or `+` starting with one and a dot builds a key."""
FAMILIES = {key.rsplit(".", 1)[0] for key in MESSAGES if key.count(".") >= 2}
"""'ticket.thread', 'ticket.card.faq', ...: a dotted name of three or more parts in one of them names a key."""


@dataclass(frozen=True)
class Taker:
    """A callable that takes a catalogue key: how a call to it is spelled, and the parameter that holds the key."""

    spelling: str
    """'t', or 'problems.add' for a method called on a variable of that name."""
    target: Callable[..., object]
    parameter: str
    params_follow: bool = True
    """The key's placeholders are filled by the call's other keyword arguments."""

    @property
    def position(self) -> int | None:
        """The key's position among the call's positional arguments (None: keyword only)."""
        parameters = list(inspect.signature(self.target).parameters.values())
        if parameters and parameters[0].name == "self":
            parameters = parameters[1:]
        positional = [p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        return positional.index(self.parameter) if self.parameter in positional else None


# Register here a function that takes a key (and passes it on), so the keys its callers give it are checked.
TAKERS = (
    Taker("t", t, "key"),
    Taker("TicketRefused", TicketRefused, "key"),
    Taker("ActionRefused", ActionRefused, "key"),
    Taker("CardAction", CardAction, "garbled", params_follow=False),
    Taker("Change", Change, "note", params_follow=False),
    Taker("_thread", TicketService._thread, "key"),
    Taker("_record", TicketService._record, "thread_key"),
    Taker("_notify", TicketService._notify, "key"),
    Taker("ask_key_user_action", ask_key_user_action, "title_key", params_follow=False),
    Taker("faq_proposal_card", faq_proposal_card, "note", params_follow=False),
    Taker("announcement_form_card", announcement_form_card, "note", params_follow=False),
    Taker("_form", AnnouncementDialog._form, "note", params_follow=False),
    Taker("problems.add", faq_file_service._Problems.add, "key"),
    Taker("problems.add", groups_file._Problems.add, "key"),
)

TABLES: dict[str, Mapping[object, str]] = {
    name: value
    for feature in FEATURES
    for name, value in vars(feature).items()
    if name.isupper() and name != "MESSAGES" and isinstance(value, Mapping)
}
"""Keys chosen by a value, named whole beside their texts (i18n/messages/<feature>.py); `TABLE[value]` picks one."""


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def product_files() -> list[Path]:
    return sorted([*ROOT.glob("*.py"), *(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))])


@dataclass
class Findings:
    """What the walk over the product code found: keys named whole, and ways of naming one it cannot check."""

    keys: dict[str, list[str]] = field(default_factory=dict)
    """Every string constant that is a catalogue key, with where it appears."""
    problems: list[str] = field(default_factory=list)
    tables_used: set[str] = field(default_factory=set)


def _spelling(call: ast.Call) -> set[str]:
    """How a taker would be named in this call: 'name', 'attr', and 'variable.attr'."""
    func = call.func
    if isinstance(func, ast.Name):
        return {func.id}
    if isinstance(func, ast.Attribute):
        found = {func.attr}
        if isinstance(func.value, ast.Name):
            found.add(f"{func.value.id}.{func.attr}")
        return found - {"add"}  # a bare `.add` is a set's or a session's; the key-taking ones are qualified
    return set()


class _Walk:
    """Checks one module: the key argument of every call to a taker, and that no key is built at run time."""

    def __init__(self, source: str, where: str, takers: tuple[Taker, ...], findings: Findings) -> None:
        self.tree = ast.parse(source)
        self.where, self.findings, self.registered = where, findings, takers
        self.takers: dict[str, tuple[Taker, int | None]] = {}
        for taker in takers:
            known = self.takers.setdefault(taker.spelling, (taker, taker.position))
            assert known[1] == taker.position, f"{taker.spelling}: every target must take the key at one position"
        self.scope_of: dict[ast.AST, ast.AST] = {}
        self._scopes(self.tree, self.tree)
        self.checked: set[ast.AST] = set()
        """Constants in a key position, already checked against the catalogue."""

    def _scopes(self, node: ast.AST, scope: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            self.scope_of[child] = scope
            inner = child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) else scope
            self._scopes(child, inner)

    def problem(self, node: ast.AST, text: str) -> None:
        self.findings.problems.append(f"{self.where}:{getattr(node, 'lineno', '?')}: {text}")

    def run(self) -> None:
        """Walk the module once."""
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in MESSAGES:
                self.findings.keys.setdefault(node.value, []).append(f"{self.where}:{node.lineno}")
            elif isinstance(node, ast.Name) and node.id in TABLES:
                self.findings.tables_used.add(node.id)
            elif isinstance(node, ast.alias) and node.name in TABLES:
                self.findings.tables_used.add(node.name)
            if self._builds_key(node):
                self.checked.update(child for child in ast.walk(node) if isinstance(child, ast.Constant))
                self.problem(
                    node,
                    f"a key built at run time ({ast.unparse(node)}): name it whole, or pick it "
                    "from a table beside its texts in i18n/messages/",
                )
            if isinstance(node, ast.Call):
                self._call(node)
        for node in ast.walk(self.tree):  # a key given some other way (a tuple, a default) is at least spelled right
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node not in self.checked
                and node.value not in MESSAGES
                and node.value.rsplit(".", 1)[0] in FAMILIES
            ):
                self.problem(node, f"'{node.value}' looks like a catalogue key but is not in the catalogue")

    def _builds_key(self, node: ast.AST) -> bool:
        """An f-string, a `+` or `%`, or `.format()` that starts with a key's first part and a dot."""
        head: ast.AST | None = None
        if isinstance(node, ast.JoinedStr) and node.values:
            head = node.values[0]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            head = node.left
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            head = node.func.value
        return (
            isinstance(head, ast.Constant)
            and isinstance(head.value, str)
            and any(head.value.startswith(f"{namespace}.") for namespace in NAMESPACES)
        )

    def _call(self, call: ast.Call) -> None:
        for spelling in _spelling(call):
            if spelling not in self.takers:
                continue
            taker, position = self.takers[spelling]
            argument = next((k.value for k in call.keywords if k.arg == taker.parameter), None)
            if argument is None and position is not None and position < len(call.args):
                argument = call.args[position]
            if argument is None or isinstance(argument, ast.Starred):
                continue  # the default, or a key that arrives unpacked: checked where it is named
            named = {k.arg for k in call.keywords if k.arg}
            splat = any(k.arg is None for k in call.keywords)
            for key, node in self._keys(argument, call, set()):
                if key not in MESSAGES:
                    self.problem(node, f"{spelling}() is given '{key}', which is not in the catalogue")
                elif taker.params_follow and not splat:
                    missing = placeholders(MESSAGES[key]["nl"]) - named
                    if missing:
                        self.problem(node, f"{spelling}('{key}') is not given {sorted(missing)}")

    def _keys(self, node: ast.AST, at: ast.AST, seen: set[str]) -> Iterator[tuple[str, ast.AST]]:
        """The keys an expression in a key position can be; reports the ways of naming one that hide the key."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.checked.add(node)
            yield node.value, node
        elif isinstance(node, ast.IfExp):
            yield from self._keys(node.body, at, seen)
            yield from self._keys(node.orelse, at, seen)
        elif isinstance(node, ast.BoolOp):
            for value in node.values:
                if not (isinstance(value, ast.Constant) and value.value == ""):  # `key or ""` only narrows a type
                    yield from self._keys(value, at, seen)
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in TABLES:
            return
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in TABLES
        ):
            for default in node.args[1:]:
                yield from self._keys(default, at, seen)
        elif isinstance(node, ast.Attribute) or (
            isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)
        ):
            return  # a key carried by an object or a job payload (`refused.key`, `payload["key"]`)
        elif isinstance(node, ast.Name):
            yield from self._name(node, at, seen)
        elif isinstance(node, ast.Await) or self._builds_key(node):
            return  # a key a service returns is named where it is made; a key built here is reported by run()
        else:
            self.problem(
                node,
                f"a key named in a way the catalogue test cannot follow ({ast.unparse(node)}): "
                "name it whole, or pick it from a table in i18n/messages/",
            )

    def _name(self, node: ast.Name, at: ast.AST, seen: set[str]) -> Iterator[tuple[str, ast.AST]]:
        """A variable in a key position: what it is assigned in its function (or the module), or a parameter."""
        if node.id in seen:
            return
        seen = seen | {node.id}
        scope = self.scope_of.get(at, self.tree)
        for where in (scope, self.tree) if scope is not self.tree else (self.tree,):
            values = [
                assign.value
                for assign in ast.walk(where)
                if isinstance(assign, (ast.Assign, ast.AnnAssign))
                and assign.value is not None
                and self.scope_of.get(assign) is where
                and any(
                    isinstance(target, ast.Name) and target.id == node.id
                    for target in (assign.targets if isinstance(assign, ast.Assign) else [assign.target])
                )
            ]
            if values:
                for value in values:
                    yield from self._keys(value, value, seen)
                return
            if isinstance(where, (ast.FunctionDef, ast.AsyncFunctionDef)):
                arguments = where.args
                parameters = [a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)]
                if node.id in parameters:
                    if not any(
                        getattr(taker.target, "__name__", None) == where.name and taker.parameter == node.id
                        for taker in self.registered
                    ):
                        self.problem(
                            node,
                            f"{where.name}() passes its parameter {node.id!r} on as a key: add it "
                            "to TAKERS in tests/test_i18n.py, so the keys its callers give are checked",
                        )
                    return
        # a loop variable or an imported name: the keys it takes are named whole where they are written


def walk(sources: dict[str, str], takers: tuple[Taker, ...] = TAKERS) -> Findings:
    """Findings over modules given as {where: source}."""
    findings = Findings()
    for where, source in sources.items():
        _Walk(source, where, takers, findings).run()
    return findings


@pytest.fixture(scope="module")
def product() -> Findings:
    return walk({str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in product_files()})


def test_the_walk_reads_the_product_code(product):
    assert len(product_files()) > 50
    assert "ticket.thread.claimed" in product.keys and "reply.unknown_action" in product.keys


def test_every_key_the_code_names_is_in_the_catalogue_and_given_its_placeholders(product):
    assert product.problems == []


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_text_has_both_languages_with_the_same_placeholders(key):
    variants = MESSAGES[key]
    assert set(variants) == {"nl", "en"}, key
    assert variants["nl"].strip() and variants["en"].strip()
    assert placeholders(variants["nl"]) == placeholders(variants["en"]), key


def test_no_key_in_the_catalogue_is_unused(product):
    from_tables = {key for name in product.tables_used for key in TABLES[name].values()}
    assert sorted(set(MESSAGES) - set(product.keys) - from_tables) == []


def test_every_table_names_catalogue_keys_and_is_used(product):
    assert set(TABLES) >= {"STATUS_LABEL", "CLOSE_REASON_LABEL", "WEEKDAY", "START_FAILURE"}
    for name, table in TABLES.items():
        assert [key for key in table.values() if key not in MESSAGES] == [], name
    assert sorted(set(TABLES) - product.tables_used) == []


@pytest.mark.parametrize(
    ("table", "values"),
    [
        pytest.param(tickets.STATUS_LABEL, TicketStatus, id="STATUS_LABEL"),
        pytest.param(tickets.CLOSE_REASON_LABEL, CloseReason, id="CLOSE_REASON_LABEL"),
        pytest.param(tickets.EVENT_LABEL, EventKind, id="EVENT_LABEL"),
        pytest.param(tickets.PROPOSAL_DECIDED, set(ProposalStatus) - {ProposalStatus.PENDING}, id="PROPOSAL_DECIDED"),
        pytest.param(
            tickets.PROPOSAL_DECIDED_BY, set(ProposalStatus) - {ProposalStatus.PENDING}, id="PROPOSAL_DECIDED_BY"
        ),
        pytest.param(cli.GROUP_KIND_LABEL, GroupKind, id="GROUP_KIND_LABEL"),
        pytest.param(cli.START_FAILURE, {kind for kind, _ in _START_KINDS} | {"unusable"}, id="START_FAILURE"),
        pytest.param(common.WEEKDAY, range(7), id="WEEKDAY"),
        pytest.param(common.MONTH, range(1, 13), id="MONTH"),
        pytest.param(faq_files.WHERE, ("row", "line"), id="WHERE"),
        pytest.param(faq_files.OTHER_PLACE, ("row", "line"), id="OTHER_PLACE"),
    ],
)
def test_a_table_has_a_key_for_every_value_it_is_looked_up_with(table, values):
    assert set(table) == set(values)


def test_two_features_defining_one_key_stop_the_import_naming_both():
    with pytest.raises(DuplicateKeyError, match=r"'reply\.empty' is defined in both i18n\.messages\.a and i18n\.m"):
        merge(
            [
                ("i18n.messages.a", {"reply.empty": {"nl": "a", "en": "a"}}),
                ("i18n.messages.b", {"reply.other": {"nl": "b", "en": "b"}, "reply.empty": {"nl": "c", "en": "c"}}),
            ]
        )
    assert merge([("a", {"x.a": {"nl": "1", "en": "1"}}), ("b", {"x.b": {"nl": "2", "en": "2"}})]) == {
        "x.a": {"nl": "1", "en": "1"},
        "x.b": {"nl": "2", "en": "2"},
    }


def test_the_catalogue_is_the_features_merged():
    assert sum(len(feature.MESSAGES) for feature in FEATURES) == len(MESSAGES)


# The walk itself: each way of hiding a key from it is reported where it is written.


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('t("reply.empty", lang)', []),
        ('t("reply.emtpy", lang)', ["m.py:1: t() is given 'reply.emtpy', which is not in the catalogue"]),
        ('t("reply.too_long", lang, length=3)', ["m.py:1: t('reply.too_long') is not given ['limit']"]),
        ('t("reply.too_long", lang, **params)', []),
        ('t(payload.key or "", lang)', []),
        ('t("", lang)', ["m.py:1: t() is given '', which is not in the catalogue"]),
        (
            't(f"ticket.note.status.{status}", lang)',
            ["m.py:1: a key built at run time (f'ticket.note.status.{status}')"],
        ),
        (
            'key = "ticket.card.faq." + status\nt(key, lang)',
            ["m.py:1: a key built at run time ('ticket.card.faq.' + st"],
        ),
        ('key = f"{prefix}.answer"\nt(key, lang)', ["m.py:1: a key named in a way the catalogue test cannot follow"]),
        ("t(STATUS_LABEL[status], lang)", []),
        ("t(KEYS[status], lang)", ["m.py:1: a key named in a way the catalogue test cannot follow (KEYS[status])"]),
        ('t(EVENT_LABEL.get(kind, "ticket.card.event.othr"), lang)', ["m.py:1: t() is given 'ticket.card.event.othr'"]),
        ('t("reply.empty" if a else "reply.eror", lang)', ["m.py:1: t() is given 'reply.eror'"]),
        ('t(change.note or "ticket.note.unchaged", lang)', ["m.py:1: t() is given 'ticket.note.unchaged'"]),
        ('def f(lang):\n    key = "reply.nope"\n    return t(key, lang)', ["m.py:2: t() is given 'reply.nope'"]),
        ("def say(name, lang):\n    return t(name, lang)", ["m.py:2: say() passes its parameter 'name' on as a key"]),
        ('raise TicketRefused("ticket.refused.nope")', ["m.py:1: TicketRefused() is given 'ticket.refused.nope'"]),
        ('await self._thread(s, ticket, "ticket.thread.claimd", name=n)', ["m.py:1: _thread() is given"]),
        (
            'await self._notify(s, ticket, k, "ticket.notify.x", unreachable=("ticket.thread.nope", {}))',
            ["m.py:1: _notify() is given 'ticket.notify.x'", "m.py:1: 'ticket.thread.nope' looks like a catalogue key"],
        ),
        ('problems.add("faq_file.nope", kind, number)', ["m.py:1: problems.add() is given 'faq_file.nope'"]),
        ("session.add(Ticket(number=n))", []),
        ('payload = {"kind": "ticket.sync", "file": "manifest.json"}', []),
    ],
)
def test_the_walk_reports_a_key_it_cannot_see(source, expected):
    problems = walk({"m.py": source}).problems
    assert len(problems) == len(expected), problems
    for found, start in zip(sorted(problems), sorted(expected), strict=True):
        assert found.startswith(start), problems


@pytest.mark.parametrize(
    "locale, default, follow, expected",
    [
        ("nl-NL", "nl", True, "nl"),
        ("en-US", "nl", True, "en"),
        ("en_GB", "nl", True, "en"),
        ("fr-FR", "nl", True, "nl"),
        (None, "en", True, "en"),
        ("", "nl", True, "nl"),
        ("en-US", "nl", False, "nl"),
        ("nl-BE", "en", True, "nl"),
    ],
)
def test_language_for_locale(locale, default, follow, expected):
    assert language_for(locale, default, follow) == expected


def test_formatting_and_fallback():
    assert "2000" in t("reply.too_long", "nl", length=2500, limit=2000)
    assert t("reply.empty", "de") == t("reply.empty", "nl")


def test_no_text_puts_a_group_name_after_a_word_the_name_already_holds():
    doubled = re.compile(
        r"(kerngebruikers van|key users of|functioneel beheer voor|functional management for)"
        r"\s*\**\{group\}",
        re.IGNORECASE,
    )
    assert [key for key, texts in MESSAGES.items() for text in texts.values() if doubled.search(text)] == []
