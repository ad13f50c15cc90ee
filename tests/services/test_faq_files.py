"""FAQ files: YAML, CSV and XLSX read and written, and bad files refused whole with every problem located."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest

from services.faq_files import COLUMNS, FaqFileError, read_faq_file, write_faq_file
from tests.support.requirements import require_shared

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
SAMPLE = ROOT / "samples" / "faq.yaml"
HEADER = "id,application,question,alternates,answer,tags\n"

ENTRIES = [
    {
        "id": "m365-ww",
        "application": "Microsoft 365",
        "question": "Hoe reset ik mijn wachtwoord?",
        "alternates": ["ww vergeten", "wachtwoord kwijt, wat nu?", 'Wachtwoord; "vergeten"'],
        "answer": "Klik op **Wachtwoord vergeten?**.\n\n1. Vul je mailadres in.\n2. Volg de stappen.\n   Klaar.",
        "tags": ["wachtwoord", "inloggen"],
    },
    {
        "id": "012",
        "application": "Werkplek",
        "question": "Printen?",
        "alternates": [],
        "answer": "=SOM(A1) is geen formule maar tekst: € 5,- à la carte.  \nHarde regelovergang.",
        "tags": [],
    },
    {
        "id": "zaak-termijn",
        "application": "Zaaksysteem",
        "question": "yes",
        "alternates": ["- lijst", "# geen commentaar"],
        "answer": "null",
        "tags": ["true"],
    },
]


def refused(path: Path, lang: str = "nl") -> FaqFileError:
    """The error reading `path` raises; fails the test when the file is accepted."""
    with pytest.raises(FaqFileError) as caught:
        read_faq_file(path, lang=lang)
    return caught.value


def write_text(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def write_xlsx(tmp_path: Path, rows: list[list], name: str = "faq.xlsx") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


# --- round trips ------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".csv", ".xlsx"])
def test_write_then_read_gives_the_same_entries(tmp_path, suffix):
    path = tmp_path / f"export{suffix}"
    write_faq_file(path, ENTRIES)
    assert read_faq_file(path) == ENTRIES


def test_written_files_have_the_documented_shape(tmp_path):
    write_faq_file(tmp_path / "faq.yaml", ENTRIES)
    write_faq_file(tmp_path / "faq.csv", ENTRIES)
    write_faq_file(tmp_path / "faq.xlsx", ENTRIES)
    yaml_text = (tmp_path / "faq.yaml").read_text(encoding="utf-8")
    assert "  answer: |-\n    Klik op **Wachtwoord vergeten?**.\n\n    1. Vul" in yaml_text
    assert "€ 5,- à la carte" in yaml_text
    csv_bytes = (tmp_path / "faq.csv").read_bytes()
    assert csv_bytes.startswith(b"\xef\xbb\xbf" + HEADER.strip().encode() + b"\r\n")
    assert "ww vergeten | wachtwoord kwijt, wat nu?" in csv_bytes.decode("utf-8-sig")
    sheet = openpyxl.load_workbook(tmp_path / "faq.xlsx").worksheets[0]
    assert [cell.value for cell in sheet[1]] == list(COLUMNS)
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["A"].width > 10
    assert sheet["E3"].data_type == "s", "an answer starting with '=' must stay text, not become a formula"


def test_export_keeps_only_the_six_columns(tmp_path):
    stored = [dict(ENTRIES[0], version=3, updated_at=dt.datetime(2024, 1, 1)), dict(ENTRIES[1], tags=None)]
    write_faq_file(tmp_path / "faq.yaml", stored)
    assert read_faq_file(tmp_path / "faq.yaml") == ENTRIES[:2]


# --- spreadsheets as functional managers make them ----------------------------------------------


def test_semicolon_csv_with_bom_from_dutch_excel():
    entries = read_faq_file(DATA / "excel-nl-semicolon.csv")
    assert entries == [
        {
            "id": "m365-ww",
            "application": "Microsoft 365",
            "question": "Hoe reset ik mijn ww?",
            "alternates": ["ww vergeten", "wachtwoord kwijt, wat nu?"],
            "answer": "Klik op **Wachtwoord vergeten?**.\n\nVolg daarna de stappen; het duurt 2 minuten.",
            "tags": ["wachtwoord", "inloggen"],
        },
        {
            "id": "werkplek-printen",
            "application": "Werkplek",
            "question": "Waar print ik?",
            "alternates": [],
            "answer": 'Print naar "Vraagbaak-Print" en haal op met je pas.',
            "tags": [],
        },
    ]


def test_windows_1252_csv_from_older_excel(tmp_path):
    path = tmp_path / "ansi.csv"
    path.write_bytes("id;application;question;answer\r\nx;Café;Hoe werkt één ding?;Zo € 5\r\n".encode("cp1252"))
    assert read_faq_file(path) == [
        {
            "id": "x",
            "application": "Café",
            "question": "Hoe werkt één ding?",
            "alternates": [],
            "answer": "Zo € 5",
            "tags": [],
        }
    ]


def test_xlsx_with_numeric_ids_any_column_order_and_trailing_empty_rows(tmp_path):
    path = write_xlsx(
        tmp_path,
        [
            ["Answer", "notes", "ID", "question", "application", "alternates", "tags"],
            ["Antwoord\r\nmet regels", "intern", 12, "Vraag over 2024?", "Werkplek", "a |  | b", None],
            [" Tweede ", None, 7.0, 2024, "Werkplek", None, "x|y"],
            [None, None, None, None, None, None, None],
            ["", "  ", None, None, None, None, None],
        ],
    )
    assert read_faq_file(path) == [
        {
            "id": "12",
            "application": "Werkplek",
            "question": "Vraag over 2024?",
            "alternates": ["a", "b"],
            "answer": "Antwoord\nmet regels",
            "tags": [],
        },
        {
            "id": "7",
            "application": "Werkplek",
            "question": "2024",
            "alternates": [],
            "answer": "Tweede",
            "tags": ["x", "y"],
        },
    ]


def test_yaml_with_windows_line_endings_and_missing_optional_fields(tmp_path):
    text = "- id: a\r\n  application: X\r\n  question: Vraag?\r\n  answer: |\r\n    Eén\r\n\r\n    Twee\r\n"
    path = write_text(tmp_path, "faq.yml", text + "  extra: genegeerd\r\n")
    assert read_faq_file(path) == [
        {"id": "a", "application": "X", "question": "Vraag?", "alternates": [], "answer": "Eén\n\nTwee", "tags": []}
    ]


def test_yaml_scalars_keep_their_written_text(tmp_path):
    path = write_text(tmp_path, "faq.yaml", "- {id: 012, application: X, question: ja, answer: yes, tags: [1.10]}\n")
    assert read_faq_file(path) == [
        {"id": "012", "application": "X", "question": "ja", "alternates": [], "answer": "yes", "tags": ["1.10"]}
    ]


# --- refused files: every problem, located, nothing returned -------------------------------------

CSV_CASES = {
    "missing columns": (
        "id;question;alternates\nx;Vraag?;a\n",
        ["Rij 1: verplichte kolom ontbreekt: application, answer. Verplicht zijn id, application, question, answer."],
    ),
    "empty fields": (
        HEADER + "a,App,Vraag?,,Antwoord,\n ,App,Vraag?,,Antwoord,\nc,,Vraag?,,Antwoord,\n"
        'd,App,  ,,Antwoord,\ne,App,Vraag?,,"  ",\n',
        [
            "Rij 3: 'id' is leeg.",
            "Rij 4: 'application' is leeg.",
            "Rij 5: 'question' is leeg.",
            "Rij 6: 'answer' is leeg.",
        ],
    ),
    "duplicate id": (
        HEADER + "a,App,V1?,,A1,\nb,App,V2?,,A2,\n\na,App,V3?,,A3,\n",
        ["Rij 5: id 'a' komt dubbel voor (zie ook rij 2)."],
    ),
    "duplicate column": (
        "id,application,question,answer,ID\na,App,V?,A,b\n",
        ["Rij 1: de kolom 'id' staat er meer dan één keer in."],
    ),
    "no header": (
        "\n\na,App,V?,A\n",
        ["Rij 1 is leeg: daar horen de kolomnamen te staan (id, application, question, alternates, answer, tags)."],
    ),
    "empty file": ("", ["Het bestand is leeg."]),
}


@pytest.mark.parametrize("case", CSV_CASES)
def test_bad_csv_is_refused_with_row_numbers(tmp_path, case):
    text, expected = CSV_CASES[case]
    error = refused(write_text(tmp_path, "faq.csv", text))
    assert error.problems == expected
    assert str(error).splitlines()[1:] == [f"- {problem}" for problem in expected]


YAML_CASES = {
    "not a list": (
        "id: a\napplication: X\n",
        ["Regel 1: het bestand moet een lijst van vragen zijn: elke vraag begint met '- id: ...'."],
    ),
    "item not a mapping": (
        "- id: a\n  application: X\n  question: V?\n  answer: A\n- gewoon tekst\n",
        ["Regel 5: dit onderdeel is geen vraag met velden (id:, application:, question:, answer: ...)."],
    ),
    "missing and empty fields": (
        "# commentaar\n\n- id: a\n  application: X\n  question: V?\n\n- id: b\n  application: ''\n  question: V?\n"
        "  answer:\n",
        ["Regel 3: 'answer' ontbreekt.", "Regel 7: 'application' is leeg.", "Regel 7: 'answer' is leeg."],
    ),
    "duplicate id": (
        "- {id: a, application: X, question: V1, answer: A}\n- {id: b, application: X, question: V2, answer: A}\n"
        "- id: a\n  application: X\n  question: V3?\n  answer: A\n",
        ["Regel 3: id 'a' komt dubbel voor (zie ook regel 1)."],
    ),
    "non-string values": (
        "- id: a\n  application: X\n  question:\n    - V?\n  answer: {tekst: A}\n  alternates: één\n"
        "  tags: [ok, {x: 1}]\n",
        [
            "Regel 4: 'question' moet tekst zijn, geen lijst of blok met sleutels.",
            "Regel 5: 'answer' moet tekst zijn, geen lijst of blok met sleutels.",
            "Regel 6: 'alternates' moet een lijst zijn, bijvoorbeeld [eerste, tweede].",
            "Regel 7: onderdeel 2 van 'tags' moet tekst zijn.",
        ],
    ),
    "duplicate key": (
        "- id: a\n  application: X\n  question: V?\n  answer: A\n  answer: B\n",
        ["Regel 5: 'answer' staat twee keer in deze vraag."],
    ),
    "syntax error": ("- id: a\n  application: X\n  question: V?\n answer: A\n", None),
    "empty file": ("# alleen commentaar\n", ["Het bestand is leeg."]),
}


@pytest.mark.parametrize("case", YAML_CASES)
def test_bad_yaml_is_refused_with_line_numbers(tmp_path, case):
    text, expected = YAML_CASES[case]
    error = refused(write_text(tmp_path, "faq.yaml", text))
    if expected is None:
        assert len(error.problems) == 1 and re.match(r"Regel 4: dit is geen geldige YAML \(.+\)\.$", error.problems[0])
    else:
        assert error.problems == expected


def test_bad_xlsx_is_refused_with_row_numbers(tmp_path):
    path = write_xlsx(
        tmp_path,
        [
            ["id", "application", "question", "answer"],
            [12, "Werkplek", "V1?", "A1"],
            ["b", "Werkplek", "V2?", None],
            [None, None, None, None],
            ["12", "Werkplek", "V3?", "A3"],
            ["d", "Werkplek", dt.datetime(2024, 3, 1), True],
        ],
    )
    assert refused(path).problems == [
        "Rij 3: 'answer' is leeg.",
        "Rij 5: id '12' komt dubbel voor (zie ook rij 2).",
        "Rij 6: 'question' moet tekst zijn, maar de cel bevat 2024-03-01 00:00:00. Maak de cel op als Tekst.",
        "Rij 6: 'answer' moet tekst zijn, maar de cel bevat True. Maak de cel op als Tekst.",
    ]


def test_xlsx_missing_columns(tmp_path):
    path = write_xlsx(tmp_path, [["ID", "vraag", "antwoord"], ["a", "V?", "A"]])
    assert refused(path).problems == [
        "Rij 1: verplichte kolom ontbreekt: application, question, answer. "
        "Verplicht zijn id, application, question, answer."
    ]


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("faq.txt", b"id,question\n", "Onbekend bestandstype '.txt': gebruik .yaml, .yml, .csv of .xlsx."),
        ("faq.xlsx", b"id,application,question,answer\n", "Dit is geen leesbaar Excel-bestand (.xlsx): "),
        ("faq.yaml", "- id: café\n".encode("cp1252"), "Het bestand is geen UTF-8-tekst."),
    ],
)
def test_unreadable_files_are_refused(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    problems = refused(path).problems
    assert len(problems) == 1 and problems[0].startswith(expected)


def test_missing_file_and_directory_are_refused(tmp_path):
    assert refused(tmp_path / "weg.csv").problems == [f"Het bestand {tmp_path / 'weg.csv'} bestaat niet."]
    (tmp_path / "map.yaml").mkdir()
    assert refused(tmp_path / "map.yaml").problems[0].startswith(f"Het bestand {tmp_path / 'map.yaml'} kan niet")


def test_every_problem_is_listed_with_a_heading(tmp_path):
    path = write_text(tmp_path, "faq.csv", HEADER + "a,App,V?,,,\na,App,,,A,\n")
    error = refused(path)
    assert str(error) == (
        "Het bestand faq.csv is geweigerd en er is niets ingelezen. Er zijn 3 problemen:\n"
        "- Rij 2: 'answer' is leeg.\n"
        "- Rij 3: 'question' is leeg.\n"
        "- Rij 3: id 'a' komt dubbel voor (zie ook rij 2)."
    )


def test_problems_in_english(tmp_path):
    path = write_text(tmp_path, "faq.csv", HEADER + "a,App,V?,,,\n")
    assert str(refused(path, lang="en")) == (
        "The file faq.csv was refused and nothing was read. There is 1 problem:\n- Row 2: 'answer' is empty."
    )


def test_over_long_id_is_refused(tmp_path):
    path = write_text(tmp_path, "faq.csv", HEADER + f"{'x' * 201},App,V?,,A,\n")
    assert refused(path).problems == ["Rij 2: 'id' is 201 tekens lang; dat mag hooguit 200 zijn."]


# --- writing refused ------------------------------------------------------------------------------


def test_write_refuses_unknown_extension_and_list_items_a_spreadsheet_cannot_hold(tmp_path):
    with pytest.raises(FaqFileError) as caught:
        write_faq_file(tmp_path / "faq.json", ENTRIES)
    assert caught.value.problems == ["Onbekend bestandstype '.json': gebruik .yaml, .yml, .csv of .xlsx."]
    piped = [dict(ENTRIES[0], alternates=["a | b"])]
    for suffix in (".csv", ".xlsx"):
        with pytest.raises(FaqFileError) as caught:
            write_faq_file(tmp_path / f"faq{suffix}", piped)
        assert caught.value.problems[0].startswith("vraag 'm365-ww': 'alternates' bevat 'a | b'")
        assert not (tmp_path / f"faq{suffix}").exists()
    write_faq_file(tmp_path / "faq.yaml", piped)
    assert read_faq_file(tmp_path / "faq.yaml") == piped


def test_write_into_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(FaqFileError) as caught:
        write_faq_file(tmp_path / "weg" / "faq.csv", ENTRIES)
    assert caught.value.problems[0].startswith(f"Het bestand {tmp_path / 'weg' / 'faq.csv'} kan niet worden geschreven")


# --- the product's own sample FAQ ---------------------------------------------------------------


def test_sample_faq_loads_with_enough_unique_entries():
    entries = read_faq_file(SAMPLE)
    ids = [entry["id"] for entry in entries]
    assert len(ids) >= 35 and len(set(ids)) == len(ids)
    for entry in entries:
        assert 2 <= len(entry["alternates"]) <= 4, entry["id"]
        assert entry["tags"], entry["id"]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", entry["id"]), entry["id"]
        assert "<" not in entry["answer"], f"{entry['id']}: no raw HTML in Teams answers"
        for url in re.findall(r"https?://[^\s)]+", entry["answer"]):
            assert re.match(r"https://[a-z.-]*example\.org\b", url), f"{entry['id']}: {url}"
    applications = {entry["application"] for entry in entries}
    assert {
        "Microsoft 365",
        "Teams",
        "Outlook",
        "Zaaksysteem",
        "Roostertool",
        "Werkplek",
        "Werkafspraken",
        "Ondersteuning",
    } <= applications


@pytest.mark.parametrize("kb", [("municipal-kb.yaml",), ("xsid-nl", "kb.yaml")])
def test_bench_knowledge_bases_load(kb):
    entries = read_faq_file(require_shared("bench", *kb))
    assert len(entries) >= 15 and all(entry["question"] and entry["answer"] for entry in entries)
