"""Build the Teams app package: manifest.json with the bot's id, icons and translations, zipped."""

from __future__ import annotations

import json
import re
import zipfile
from importlib import metadata
from pathlib import Path
from typing import Any, Mapping

from i18n import t

MANIFEST_DIR = Path(__file__).resolve().parents[1] / "manifest"
"""The repository's manifest/ folder: template, icons and localization files."""
PLACEHOLDER = "{{BOT_ID}}"
ICONS = ("color.png", "outline.png")
DEVELOPER_FIELDS = ("name", "websiteUrl", "privacyUrl", "termsOfUseUrl")

_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
"""Fixed timestamp for zip entries, so the same input gives the same bytes."""


def package_version() -> str | None:
    """The installed vraagbaak version if it is plain semver (x.y.z), else None."""
    try:
        version = metadata.version("vraagbaak")
    except metadata.PackageNotFoundError:
        return None
    return version if _SEMVER.match(version) else None


def _fill(value: Any, app_id: str) -> Any:
    """`value` with every `{{BOT_ID}}` replaced by `app_id`."""
    if isinstance(value, str):
        return value.replace(PLACEHOLDER, app_id)
    if isinstance(value, list):
        return [_fill(item, app_id) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, app_id) for key, item in value.items()}
    return value


def render_manifest(
    app_id: str,
    *,
    version: str | None = None,
    developer: Mapping[str, str] | None = None,
    valid_domains: list[str] | None = None,
    source: Path = MANIFEST_DIR,
    lang: str = "en",
    sso_resource: str = "",
) -> dict[str, Any]:
    """The manifest template from `source` filled in for bot `app_id` (`sso_resource`: the Application ID URI Teams
    single sign-on asks tokens for, SSO_RESOURCE; default api://botid-<app id>); ValueError on bad input."""
    app_id = app_id.strip()
    if not _GUID.match(app_id):
        raise ValueError(t("manifest.invalid_app_id", lang, app_id=app_id))
    template = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    manifest = _fill(template, app_id.lower())
    chosen = version or package_version() or manifest["version"]
    if not _SEMVER.match(chosen):
        raise ValueError(t("manifest.invalid_version", lang, version=chosen))
    manifest["version"] = chosen
    for field, value in (developer or {}).items():
        if field not in DEVELOPER_FIELDS or not value.strip():
            raise ValueError(t("manifest.invalid_developer", lang, field=field))
        if field.endswith("Url") and not value.startswith("https://"):
            raise ValueError(t("manifest.invalid_developer", lang, field=field))
        manifest["developer"][field] = value.strip()
    if valid_domains is not None:
        manifest["validDomains"] = list(valid_domains)
    if sso_resource:
        if not sso_resource.startswith("api://"):
            raise ValueError(t("manifest.invalid_sso_resource", lang, resource=sso_resource))
        manifest["webApplicationInfo"]["resource"] = sso_resource
    return manifest


def package_files(manifest: Mapping[str, Any], source: Path = MANIFEST_DIR) -> list[str]:
    """Files from `source` that `manifest` refers to: icons and localization files."""
    names = [manifest["icons"][kind] for kind in ("color", "outline")]
    localization = manifest.get("localizationInfo", {})
    if "defaultLanguageFile" in localization:
        names.append(localization["defaultLanguageFile"])
    names += [language["file"] for language in localization.get("additionalLanguages", [])]
    return names


def build_manifest_zip(
    app_id: str,
    out: Path,
    *,
    version: str | None = None,
    developer: Mapping[str, str] | None = None,
    valid_domains: list[str] | None = None,
    source: Path = MANIFEST_DIR,
    lang: str = "en",
    sso_resource: str = "",
) -> Path:
    """Write the Teams app package for bot `app_id` to `out` (a .zip file or a folder) and return its path."""
    manifest = render_manifest(
        app_id,
        version=version,
        developer=developer,
        valid_domains=valid_domains,
        source=source,
        lang=lang,
        sso_resource=sso_resource,
    )
    out = Path(out)
    if out.is_dir():
        out = out / f"vraagbaak-{manifest['version']}.zip"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        entry = zipfile.ZipInfo("manifest.json", date_time=_ZIP_TIME)
        archive.writestr(entry, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", zipfile.ZIP_DEFLATED)
        for name in package_files(manifest, source):
            entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            archive.writestr(entry, (source / name).read_bytes(), zipfile.ZIP_DEFLATED)
    tmp.replace(out)
    return out
