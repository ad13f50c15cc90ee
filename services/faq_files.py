"""Read and write FAQ files (YAML, CSV, XLSX); a bad file is refused whole with every problem listed."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any, Callable

import openpyxl
import yaml
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from i18n import t
from i18n.messages.faq_files import OTHER_PLACE, WHERE
from storage.models import FAQ_APPLICATION_LENGTH, FAQ_ID_LENGTH

COLUMNS = ("id", "application", "question", "alternates", "answer", "tags")
REQUIRED = ("id", "application", "question", "answer")
LISTS = ("alternates", "tags")
SUFFIXES = (".yaml", ".yml", ".csv", ".xlsx")
LIST_SEPARATOR = "|"
MAX_LENGTH = {"id": FAQ_ID_LENGTH, "application": FAQ_APPLICATION_LENGTH}
LEARNED = "learned"
"""Export-only column: the entry's approved learned phrasings (ignored on import, the learning keeps them)."""
COLUMN_WIDTHS = {
    "id": 34,
    "application": 20,
    "question": 50,
    "alternates": 50,
    "answer": 80,
    "tags": 24,
    LEARNED: 50,
}
CSV_DELIMITERS = (",", ";", "\t")


class FaqFileError(Exception):
    """A FAQ file that was refused or could not be written; `problems` lists every reason."""

    def __init__(self, problems: list[str], heading: str = "") -> None:
        self.problems = list(problems)
        self.heading = heading
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [f"- {problem}" for problem in self.problems]
        return "\n".join([self.heading, *lines] if self.heading else lines)


class _Problems:
    """Collects located, translated problems while a file is checked."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._found: list[tuple[int, str]] = []

    @property
    def items(self) -> list[str]:
        """Problems in file order: whole-file ones first, then by row or line."""
        return [text for _, text in sorted(self._found, key=lambda found: found[0])]

    def where(self, kind: str, number: int) -> str:
        return t(WHERE[kind], self.lang, number=number)

    def add(self, key: str, kind: str | None = None, number: int | None = None, **params: Any) -> None:
        text = t(key, self.lang, **params)
        where = f"{self.where(kind, number)}: " if kind and number is not None else ""
        self._found.append((number or 0, f"{where}{text}"))


# --- reading -------------------------------------------------------------------------------


def read_faq_file(path: Path, lang: str = "nl") -> list[dict]:
    """Entries of a .yaml/.yml, .csv or .xlsx FAQ file; raises FaqFileError listing every problem."""
    path = Path(path)
    problems = _Problems(lang)
    reader = _READERS.get(path.suffix.lower())
    entries: list[dict] = []
    if reader is None:
        problems.add("faq_file.unknown_extension", suffix=path.suffix or path.name)
    else:
        data = _read_bytes(path, problems)
        if data is not None:
            entries = reader(data, problems)
    if problems.items:
        count = len(problems.items)
        key = "faq_file.refused.one" if count == 1 else "faq_file.refused.many"
        raise FaqFileError(problems.items, t(key, lang, name=path.name, count=count))
    return entries


def _read_bytes(path: Path, problems: _Problems) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        problems.add("faq_file.not_found", name=str(path))
    except OSError as error:
        problems.add("faq_file.unreadable", name=str(path), error=error.strerror or error)
    return None


def _clean(text: str) -> str:
    """Windows/old-Mac line endings to \\n, surrounding whitespace removed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _split(text: str) -> list[str]:
    """A spreadsheet list cell ('a | b', or one item per line) as a list without empty items."""
    return [part.strip() for part in _clean(text).replace("\n", LIST_SEPARATOR).split(LIST_SEPARATOR) if part.strip()]


def _check(entries: list[tuple[int, dict]], kind: str, problems: _Problems) -> list[dict]:
    """Empty required fields, over-long fields and duplicate ids over located entries."""
    first_seen: dict[str, int] = {}
    for number, entry in entries:
        for field in REQUIRED:
            if entry[field] == "":  # None: already reported as missing or not text
                problems.add("faq_file.field_empty", kind, number, field=field)
        for field, limit in MAX_LENGTH.items():
            if len(entry.get(field) or "") > limit:
                problems.add("faq_file.too_long", kind, number, field=field, limit=limit, length=len(entry[field]))
        entry_id = entry.get("id")
        if entry_id:
            if entry_id in first_seen:
                other = t(OTHER_PLACE[kind], problems.lang, number=first_seen[entry_id])
                problems.add("faq_file.duplicate_id", kind, number, id=entry_id, other=other)
            else:
                first_seen[entry_id] = number
    return [entry for _, entry in entries]


def _entry(values: dict[str, Any]) -> dict:
    """An entry with exactly the six keys, in column order."""
    return {column: values.get(column, [] if column in LISTS else "") for column in COLUMNS}


# YAML ---------------------------------------------------------------------------------------


def _read_yaml(data: bytes, problems: _Problems) -> list[dict]:
    text = _decode_utf8(data, problems)
    if text is None:
        return []
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        detail = " ".join(filter(None, [error.context, error.problem]))
        if mark is not None:
            problems.add("faq_file.yaml_invalid", "line", mark.line + 1, error=detail)
        else:
            problems.add("faq_file.yaml_invalid_unlocated", error=detail)
        return []
    except yaml.YAMLError as error:
        problems.add("faq_file.yaml_invalid_unlocated", error=str(error))
        return []
    if root is None:
        problems.add("faq_file.empty")
        return []
    if not isinstance(root, yaml.SequenceNode):
        problems.add("faq_file.yaml_not_list", "line", root.start_mark.line + 1)
        return []
    located = []
    for item in root.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            problems.add("faq_file.yaml_item_not_mapping", "line", line)
            continue
        located.append((line, _yaml_item(item, line, problems)))
    return _check(located, "line", problems)


def _yaml_item(item: yaml.MappingNode, line: int, problems: _Problems) -> dict:
    values: dict[str, Any] = {}
    for key_node, value_node in item.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        key = key_node.value.strip().lower()
        if key not in COLUMNS:
            continue
        if key in values:
            problems.add("faq_file.yaml_duplicate_key", "line", key_node.start_mark.line + 1, field=key)
            continue
        value_line = value_node.start_mark.line + 1
        if key in LISTS:
            values[key] = _yaml_list(key, value_node, value_line, problems)
        elif isinstance(value_node, yaml.ScalarNode):
            values[key] = _yaml_text(value_node)
        else:
            problems.add("faq_file.not_text_structure", "line", value_line, field=key)
            values[key] = None
    for field in REQUIRED:
        if field not in values:
            problems.add("faq_file.field_missing", "line", line, field=field)
            values[field] = None
    return _entry(values)


def _yaml_text(node: yaml.ScalarNode) -> str:
    """A scalar's text as written: `id: 012` stays '012', `answer: ja` stays 'ja'; null is empty."""
    if node.tag == "tag:yaml.org,2002:null" and not node.style:
        return ""
    return _clean(node.value)


def _yaml_list(field: str, node: yaml.Node, line: int, problems: _Problems) -> list[str]:
    if isinstance(node, yaml.ScalarNode) and _yaml_text(node) == "":
        return []
    if not isinstance(node, yaml.SequenceNode):
        problems.add("faq_file.not_list", "line", line, field=field)
        return []
    items = []
    for index, child in enumerate(node.value, start=1):
        if not isinstance(child, yaml.ScalarNode):
            problems.add("faq_file.not_text_item", "line", child.start_mark.line + 1, field=field, index=index)
        elif text := _yaml_text(child):
            items.append(text)
    return items


def _decode_utf8(data: bytes, problems: _Problems) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.add("faq_file.not_utf8")
        return None


# CSV and XLSX -------------------------------------------------------------------------------


def _read_csv(data: bytes, problems: _Problems) -> list[dict]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # "CSV (gescheiden door lijstscheidingsteken)" from Dutch Excel is Windows-1252
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            problems.add("faq_file.not_utf8")
            return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first_line = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = max(CSV_DELIMITERS, key=first_line.count) if first_line else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        problems.add("faq_file.unreadable_detail", error=error)
        return []
    return _read_rows(rows, problems, _csv_cell)


def _csv_cell(value: Any, field: str, row: int, problems: _Problems) -> str:
    return value


def _read_xlsx(data: bytes, problems: _Problems) -> list[dict]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        problems.add("faq_file.xlsx_unreadable", error=f"{type(error).__name__}: {error}")
        return []
    try:
        rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _read_rows(rows, problems, _xlsx_cell)


def _xlsx_cell(value: Any, field: str, row: int, problems: _Problems) -> str | None:
    """A cell as text: numbers as Excel shows them (12.0 -> '12'); dates and booleans refused."""
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time, dt.timedelta)):
        problems.add("faq_file.not_text_cell", "row", row, field=field, value=value)
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    problems.add("faq_file.not_text_cell", "row", row, field=field, value=value)
    return None


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_rows(rows: list[list[Any]], problems: _Problems, cell: Callable) -> list[dict]:
    """Entries from spreadsheet rows: header in row 1, columns in any order, blank rows skipped."""
    if all(_is_blank(value) for row in rows for value in row):
        problems.add("faq_file.empty")
        return []
    if all(_is_blank(value) for value in rows[0]):
        problems.add("faq_file.no_header")
        return []
    positions: dict[str, int] = {}
    for index, name in enumerate(rows[0]):
        key = str(name).strip().lower() if not _is_blank(name) else ""
        if key not in COLUMNS:
            continue
        if key in positions:
            problems.add("faq_file.duplicate_column", "row", 1, column=key)
        else:
            positions[key] = index
    missing = [column for column in REQUIRED if column not in positions]
    if missing:
        problems.add("faq_file.missing_columns", "row", 1, columns=", ".join(missing), required=", ".join(REQUIRED))
        return []
    located = []
    for number, row in enumerate(rows[1:], start=2):
        if all(_is_blank(value) for value in row):
            continue
        values: dict[str, Any] = {}
        for field, index in positions.items():
            raw = row[index] if index < len(row) else None
            text = cell(raw, field, number, problems)
            if text is None:
                values[field] = [] if field in LISTS else None
            else:
                values[field] = _split(text) if field in LISTS else _clean(text)
        located.append((number, _entry(values)))
    return _check(located, "row", problems)


_READERS: dict[str, Callable[[bytes, _Problems], list[dict]]] = {
    ".yaml": _read_yaml,
    ".yml": _read_yaml,
    ".csv": _read_csv,
    ".xlsx": _read_xlsx,
}


# --- writing -------------------------------------------------------------------------------


def write_faq_file(path: Path, entries: list[dict], lang: str = "nl") -> None:
    """Write entries as .yaml/.yml, .csv (UTF-8 with BOM) or .xlsx; nothing is written on a problem."""
    path = Path(path)
    problems = _Problems(lang)
    suffix = path.suffix.lower()
    learned = any(LEARNED in entry for entry in entries)
    rows = [
        _entry({c: list(entry.get(c) or []) if c in LISTS else entry.get(c) or "" for c in COLUMNS})
        | ({LEARNED: list(entry.get(LEARNED) or [])} if learned else {})
        for entry in entries
    ]
    lists = (*LISTS, LEARNED) if learned else LISTS
    if suffix not in _WRITERS:
        problems.add("faq_file.unknown_extension", suffix=path.suffix or path.name)
    elif suffix in (".csv", ".xlsx"):
        for entry in rows:
            for field in lists:
                for item in entry[field]:
                    if LIST_SEPARATOR in item or "\n" in item:
                        problems.add("faq_file.separator_in_list", id=entry["id"], field=field, value=item)
    if problems.items:
        raise FaqFileError(problems.items, t("faq_file.write_refused", lang, name=path.name))
    buffer = io.BytesIO()
    _WRITERS[suffix](buffer, rows)  # built whole before the file is touched
    try:
        path.write_bytes(buffer.getvalue())
    except OSError as error:
        problems.add("faq_file.unwritable", name=str(path), error=error.strerror or error)
        raise FaqFileError(problems.items, t("faq_file.write_refused", lang, name=path.name)) from error


class _YamlDumper(yaml.SafeDumper):
    """Block lists and `|` literal blocks for multi-line text."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_YamlDumper.add_representer(str, _represent_str)


def _write_yaml(handle, rows: list[dict]) -> None:
    text = yaml.dump(rows, Dumper=_YamlDumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    handle.write(text.replace("\n- id:", "\n\n- id:").encode("utf-8"))


def _columns(rows: list[dict]) -> tuple[str, ...]:
    """The written columns: the import columns, and the learned phrasings when exported with them."""
    return (*COLUMNS, LEARNED) if rows and LEARNED in rows[0] else COLUMNS


def _spreadsheet_row(entry: dict) -> list[str]:
    return [f" {LIST_SEPARATOR} ".join(entry[c]) if c in (*LISTS, LEARNED) else entry[c] for c in _columns([entry])]


def _write_csv(handle, rows: list[dict]) -> None:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=",", lineterminator="\r\n")
    writer.writerow(_columns(rows))
    writer.writerows(_spreadsheet_row(entry) for entry in rows)
    handle.write(text.getvalue().encode("utf-8-sig"))


def _write_xlsx(handle, rows: list[dict]) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None, "a new workbook has one sheet, and it is the active one"
    sheet.title = "FAQ"
    sheet.append(_columns(rows))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for entry in rows:
        sheet.append(_spreadsheet_row(entry))
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula stays text
    for index, column in enumerate(_columns(rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTHS[column]
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    workbook.save(handle)


_WRITERS: dict[str, Callable[[Any, list[dict]], None]] = {
    ".yaml": _write_yaml,
    ".yml": _write_yaml,
    ".csv": _write_csv,
    ".xlsx": _write_xlsx,
}
