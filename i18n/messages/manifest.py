"""Texts of building the Teams app package (services/manifest.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    "manifest.invalid_app_id": {
        "nl": "De bot-id {app_id!r} is geen GUID. Zet BOT_ID (MicrosoftAppId) op de app-id van de Entra-appregistratie van de bot, bijvoorbeeld 00000000-0000-0000-0000-000000000000.",
        "en": "The bot id {app_id!r} is not a GUID. Set BOT_ID (MicrosoftAppId) to the app id of the bot's Entra app registration, for example 00000000-0000-0000-0000-000000000000.",
    },
    "manifest.invalid_developer": {
        "nl": "Ongeldige ontwikkelaarsgegevens voor het manifest ({field}): geef name, websiteUrl, privacyUrl of termsOfUseUrl op, niet leeg, en adressen die met https:// beginnen.",
        "en": "Invalid developer details for the manifest ({field}): give name, websiteUrl, privacyUrl or termsOfUseUrl, not empty, with addresses starting with https://.",
    },
    "manifest.invalid_version": {
        "nl": "De appversie {version!r} is geen geldige versie: gebruik de vorm 1.2.3.",
        "en": "The app version {version!r} is not a valid version: use the form 1.2.3.",
    },
    "manifest.invalid_sso_resource": {
        "nl": "SSO_RESOURCE {resource!r} is geen Application ID URI: gebruik de vorm api://<domein>/botid-<app-id>.",
        "en": "SSO_RESOURCE {resource!r} is not an Application ID URI: use the form api://<domain>/botid-<app id>.",
    },
}
