"""Texts of reading and writing FAQ files (services/faq_files.py): located problems and refusals."""

MESSAGES: dict[str, dict[str, str]] = {
    "faq_file.where.row": {
        "nl": "Rij {number}",
        "en": "Row {number}",
    },
    "faq_file.where.line": {
        "nl": "Regel {number}",
        "en": "Line {number}",
    },
    "faq_file.other.row": {
        "nl": "rij {number}",
        "en": "row {number}",
    },
    "faq_file.other.line": {
        "nl": "regel {number}",
        "en": "line {number}",
    },
    "faq_file.refused.one": {
        "nl": "Het bestand {name} is geweigerd en er is niets ingelezen. Er is {count} probleem:",
        "en": "The file {name} was refused and nothing was read. There is {count} problem:",
    },
    "faq_file.refused.many": {
        "nl": "Het bestand {name} is geweigerd en er is niets ingelezen. Er zijn {count} problemen:",
        "en": "The file {name} was refused and nothing was read. There are {count} problems:",
    },
    "faq_file.write_refused": {
        "nl": "Het bestand {name} is niet geschreven:",
        "en": "The file {name} was not written:",
    },
    "faq_file.unknown_extension": {
        "nl": "Onbekend bestandstype '{suffix}': gebruik .yaml, .yml, .csv of .xlsx.",
        "en": "Unknown file type '{suffix}': use .yaml, .yml, .csv or .xlsx.",
    },
    "faq_file.not_found": {
        "nl": "Het bestand {name} bestaat niet.",
        "en": "The file {name} does not exist.",
    },
    "faq_file.unreadable": {
        "nl": "Het bestand {name} kan niet worden gelezen: {error}.",
        "en": "The file {name} cannot be read: {error}.",
    },
    "faq_file.unreadable_detail": {
        "nl": "Het bestand kan niet worden gelezen: {error}.",
        "en": "The file cannot be read: {error}.",
    },
    "faq_file.xlsx_unreadable": {
        "nl": "Dit is geen leesbaar Excel-bestand (.xlsx): {error}. Sla het in Excel op als 'Excel-werkmap (*.xlsx)'.",
        "en": "This is not a readable Excel file (.xlsx): {error}. Save it in Excel as 'Excel Workbook (*.xlsx)'.",
    },
    "faq_file.unwritable": {
        "nl": "Het bestand {name} kan niet worden geschreven: {error}.",
        "en": "The file {name} cannot be written: {error}.",
    },
    "faq_file.not_utf8": {
        "nl": "Het bestand is geen UTF-8-tekst. Sla het op met de codering UTF-8 (in Excel: 'CSV UTF-8').",
        "en": "The file is not UTF-8 text. Save it with UTF-8 encoding (in Excel: 'CSV UTF-8').",
    },
    "faq_file.empty": {
        "nl": "Het bestand is leeg.",
        "en": "The file is empty.",
    },
    "faq_file.no_header": {
        "nl": "Rij 1 is leeg: daar horen de kolomnamen te staan (id, application, question, alternates, answer, tags).",
        "en": "Row 1 is empty: it must hold the column names (id, application, question, alternates, answer, tags).",
    },
    "faq_file.missing_columns": {
        "nl": "verplichte kolom ontbreekt: {columns}. Verplicht zijn {required}.",
        "en": "required column missing: {columns}. Required are {required}.",
    },
    "faq_file.duplicate_column": {
        "nl": "de kolom '{column}' staat er meer dan één keer in.",
        "en": "the column '{column}' appears more than once.",
    },
    "faq_file.field_empty": {
        "nl": "'{field}' is leeg.",
        "en": "'{field}' is empty.",
    },
    "faq_file.field_missing": {
        "nl": "'{field}' ontbreekt.",
        "en": "'{field}' is missing.",
    },
    "faq_file.too_long": {
        "nl": "'{field}' is {length} tekens lang; dat mag hooguit {limit} zijn.",
        "en": "'{field}' is {length} characters long; at most {limit} are allowed.",
    },
    "faq_file.duplicate_id": {
        "nl": "id '{id}' komt dubbel voor (zie ook {other}).",
        "en": "id '{id}' is a duplicate (see also {other}).",
    },
    "faq_file.not_text_cell": {
        "nl": "'{field}' moet tekst zijn, maar de cel bevat {value}. Maak de cel op als Tekst.",
        "en": "'{field}' must be text, but the cell holds {value}. Format the cell as Text.",
    },
    "faq_file.not_text_structure": {
        "nl": "'{field}' moet tekst zijn, geen lijst of blok met sleutels.",
        "en": "'{field}' must be text, not a list or a block of keys.",
    },
    "faq_file.not_list": {
        "nl": "'{field}' moet een lijst zijn, bijvoorbeeld [eerste, tweede].",
        "en": "'{field}' must be a list, for example [first, second].",
    },
    "faq_file.not_text_item": {
        "nl": "onderdeel {index} van '{field}' moet tekst zijn.",
        "en": "item {index} of '{field}' must be text.",
    },
    "faq_file.yaml_invalid": {
        "nl": "dit is geen geldige YAML ({error}).",
        "en": "this is not valid YAML ({error}).",
    },
    "faq_file.yaml_invalid_unlocated": {
        "nl": "Het bestand is geen geldige YAML ({error}).",
        "en": "The file is not valid YAML ({error}).",
    },
    "faq_file.yaml_not_list": {
        "nl": "het bestand moet een lijst van vragen zijn: elke vraag begint met '- id: ...'.",
        "en": "the file must be a list of questions: each question starts with '- id: ...'.",
    },
    "faq_file.yaml_item_not_mapping": {
        "nl": "dit onderdeel is geen vraag met velden (id:, application:, question:, answer: ...).",
        "en": "this item is not a question with fields (id:, application:, question:, answer: ...).",
    },
    "faq_file.yaml_duplicate_key": {
        "nl": "'{field}' staat twee keer in deze vraag.",
        "en": "'{field}' appears twice in this question.",
    },
    "faq_file.separator_in_list": {
        "nl": "vraag '{id}': '{field}' bevat '{value}' met een | of regeleinde; dat scheidt in CSV en Excel de onderdelen. Pas de tekst aan of exporteer naar YAML.",
        "en": "question '{id}': '{field}' holds '{value}' with a | or line break, which separates items in CSV and Excel. Change the text or export to YAML.",
    },
}

# Keys chosen by where a problem is, a row (CSV, XLSX) or a line (YAML): named whole, so tests/test_i18n.py sees them.

WHERE: dict[str, str] = {"row": "faq_file.where.row", "line": "faq_file.where.line"}
"""Where a problem is, at the start of its sentence."""

OTHER_PLACE: dict[str, str] = {"row": "faq_file.other.row", "line": "faq_file.other.line"}
"""The other place of a duplicate, inside a sentence."""
