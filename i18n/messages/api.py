"""Texts of the announcements API (its error bodies), the counted-link redirect and `vraagbaak apikey`."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- API error bodies (api/routes.py, api/auth.py) ---
    "api.error.unauthorized": {
        "nl": "Geen geldige API-sleutel of token: stuur 'Authorization: Bearer <sleutel>'.",
        "en": "No valid API key or token: send 'Authorization: Bearer <key>'.",
    },
    "api.error.forbidden": {
        "nl": "Dit token heeft de app-rol {role} niet.",
        "en": "This token does not have the app role {role}.",
    },
    "api.error.not_allowed": {
        "nl": "Dit mag je niet met deze aankondiging.",
        "en": "You may not do this with this announcement.",
    },
    "api.error.keys_unavailable": {
        "nl": "De ondertekeningssleutels van Entra ID zijn nu niet op te halen; probeer het zo opnieuw.",
        "en": "Entra ID's signing keys cannot be fetched right now; try again shortly.",
    },
    "api.error.not_found": {
        "nl": "Aankondiging {id} bestaat niet.",
        "en": "Announcement {id} does not exist.",
    },
    "api.error.wrong_status": {
        "nl": "Dit kan niet bij een aankondiging met status {status}.",
        "en": "This cannot be done to an announcement whose status is {status}.",
    },
    "api.error.stale": {
        "nl": "De aankondiging is intussen gewijzigd (nu versie {revision}); haal hem opnieuw op.",
        "en": "The announcement has changed meanwhile (now revision {revision}); fetch it again.",
    },
    "api.error.too_large": {
        "nl": "De body is groter dan {limit} bytes.",
        "en": "The body is larger than {limit} bytes.",
    },
    "api.error.not_json": {
        "nl": "Stuur de body als JSON, met 'Content-Type: application/json'.",
        "en": "Send the body as JSON, with 'Content-Type: application/json'.",
    },
    "api.error.bad_json": {
        "nl": "De body is geen geldige JSON.",
        "en": "The body is not valid JSON.",
    },
    "api.error.not_saved": {
        "nl": "De database kan nu niets bewaren; er is niets veranderd. Probeer het later opnieuw.",
        "en": "The database cannot store anything right now; nothing was changed. Try again later.",
    },
    "api.error.invalid": {
        "nl": "De aankondiging klopt niet: 'fields' zegt per veld wat er mis is.",
        "en": "The announcement is not valid: 'fields' says what is wrong with each field.",
    },
    # --- per-field messages for pydantic's error types (FIELD_ERROR) and the API's own checks ---
    "api.field.missing": {"nl": "Dit veld ontbreekt.", "en": "This field is missing."},
    "api.field.extra": {"nl": "Dit veld bestaat niet.", "en": "This field does not exist."},
    "api.field.too_short": {"nl": "Dit veld is leeg of te kort.", "en": "This field is empty or too short."},
    "api.field.too_long": {"nl": "Dit veld is te lang.", "en": "This field is too long."},
    "api.field.wrong_type": {"nl": "Dit veld heeft het verkeerde type.", "en": "This field has the wrong type."},
    "api.field.time": {
        "nl": "Geef een tijdstip in ISO 8601 met tijdzone, bijvoorbeeld 2026-12-01T09:00:00+01:00.",
        "en": "Give a moment in ISO 8601 with a time zone, for example 2026-12-01T09:00:00+01:00.",
    },
    "api.field.audience": {
        "nl": 'Geef precies een doelgroep: {"everyone": true}, {"channels": [...]}, {"groups": [...]}, '
        '{"entra_group": "..."} of {"department": "..."}.',
        "en": 'Give exactly one audience: {"everyone": true}, {"channels": [...]}, {"groups": [...]}, '
        '{"entra_group": "..."} or {"department": "..."}.',
    },
    "api.field.invalid": {"nl": "Deze waarde klopt niet.", "en": "This value is not valid."},
    "api.field.send_both": {
        "nl": "Geef send_now of send_at, niet allebei.",
        "en": "Give send_now or send_at, not both.",
    },
    "api.field.null": {"nl": "Dit veld mag niet leeg (null) zijn.", "en": "This field may not be null."},
    # --- the counted-link redirect (GET /r/{token}) ---
    "api.link.not_found": {
        "nl": "Deze link bestaat niet (meer).",
        "en": "This link does not exist (any more).",
    },
    # --- vraagbaak apikey (cli.py) ---
    "cli.help.apikey": {"nl": "API-sleutels voor de aankondigingen-API", "en": "API keys for the announcements API"},
    "cli.help.apikey_create": {
        "nl": "maak een sleutel; de laatste regel is de sleutel (wordt maar een keer getoond)",
        "en": "create a key; the last line is the key (shown only once)",
    },
    "cli.help.apikey_list": {
        "nl": "toon alle sleutels (zonder de sleutels zelf)",
        "en": "list every key (not the keys)",
    },
    "cli.help.apikey_revoke": {"nl": "trek een sleutel in", "en": "revoke a key"},
    "cli.apikey.created": {
        "nl": "API-sleutel {name} aangemaakt. Bewaar hem nu veilig: hij wordt niet meer getoond. De sleutel:",
        "en": "API key {name} created. Store it safely now: it will not be shown again. The key:",
    },
    "cli.apikey.bad_name": {
        "nl": "Een sleutelnaam is 1 tot 100 letters, cijfers, punten, streepjes of liggende streepjes: {name!r}",
        "en": "A key name is 1 to 100 letters, digits, dots, dashes or underscores: {name!r}",
    },
    "cli.apikey.taken": {
        "nl": "Er is al een API-sleutel {name} (misschien ingetrokken); kies een andere naam.",
        "en": "There already is an API key {name} (perhaps revoked); choose another name.",
    },
    "cli.apikey.none": {"nl": "Er zijn geen API-sleutels.", "en": "There are no API keys."},
    "cli.apikey.line": {
        "nl": "{name}  {prefix}…  aangemaakt {created}  laatst gebruikt {last_used}  {state}",
        "en": "{name}  {prefix}…  created {created}  last used {last_used}  {state}",
    },
    "cli.apikey.never": {"nl": "nooit", "en": "never"},
    "cli.apikey.active": {"nl": "actief", "en": "active"},
    "cli.apikey.revoked_at": {"nl": "ingetrokken {when}", "en": "revoked {when}"},
    "cli.apikey.revoked": {"nl": "API-sleutel {name} is ingetrokken.", "en": "API key {name} is revoked."},
    "cli.apikey.not_found": {
        "nl": "Er is geen actieve API-sleutel {name}.",
        "en": "There is no active API key {name}.",
    },
}

FIELD_ERROR = {
    "missing": "api.field.missing",
    "extra_forbidden": "api.field.extra",
    "string_too_short": "api.field.too_short",
    "too_short": "api.field.too_short",
    "string_too_long": "api.field.too_long",
    "too_long": "api.field.too_long",
    "string_type": "api.field.wrong_type",
    "bool_type": "api.field.wrong_type",
    "list_type": "api.field.wrong_type",
    "model_type": "api.field.wrong_type",
    "datetime_type": "api.field.time",
    "datetime_parsing": "api.field.time",
    "datetime_from_date_parsing": "api.field.time",
    "timezone_aware": "api.field.time",
    "union_tag_not_found": "api.field.audience",
    "union_tag_invalid": "api.field.audience",
    "literal_error": "api.field.invalid",
    "string_pattern_mismatch": "api.field.invalid",
}
"""pydantic's error types, each with the catalogue text its field gets (any other: api.field.invalid)."""
