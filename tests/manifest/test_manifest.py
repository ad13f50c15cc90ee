"""The Teams app package: valid against Microsoft's schema, bot scopes, commands and icons."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import zipfile

import pytest

from cards import HELP_COMMANDS
from services.manifest import MANIFEST_DIR, build_manifest_zip, render_manifest
from tests.manifest.conftest import FAKE_APP_ID, stable_versions, validator_for
from tests.manifest.png import read_png
from tests.support.requirements import ROOT, require_node_modules
from vocabulary import ActivityType

_spec = importlib.util.spec_from_file_location("make_icons", MANIFEST_DIR / "make_icons.py")
assert _spec is not None and _spec.loader is not None
make_icons = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_icons)

NODE_VALIDATOR = ROOT / "tests" / "manifest" / "validate_manifest.mjs"


def schema_for(teams_schemas, manifest: dict, name: str = "MicrosoftTeams.schema.json") -> dict:
    """The schema file of `manifest`'s manifestVersion."""
    return json.loads((teams_schemas / f"v{manifest['manifestVersion']}" / name).read_text(encoding="utf-8"))


def messages(validator, instance) -> list[str]:
    """Sorted error messages of `instance`."""
    return sorted(f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(instance))


def test_template_uses_newest_released_schema(teams_schemas):
    manifest = json.loads((MANIFEST_DIR / "manifest.json").read_text(encoding="utf-8"))
    major, minor = stable_versions(teams_schemas)[-1]
    assert manifest["manifestVersion"] == f"{major}.{minor}"
    assert manifest["$schema"].endswith(f"/teams/v{major}.{minor}/MicrosoftTeams.schema.json")


def test_package_manifest_matches_microsoft_schema(teams_schemas, package):
    manifest = package["manifest"]
    validator = validator_for(schema_for(teams_schemas, manifest))
    assert messages(validator, manifest) == []
    localization = validator_for(schema_for(teams_schemas, manifest, "MicrosoftTeams.Localization.schema.json"))
    for language in manifest["localizationInfo"]["additionalLanguages"]:
        assert messages(localization, json.loads(package["files"][language["file"]])) == []


def test_schema_validation_rejects_a_broken_manifest(teams_schemas, package):
    manifest = package["manifest"]
    validator = validator_for(schema_for(teams_schemas, manifest))
    broken = copy.deepcopy(manifest)
    broken["id"] = "{{BOT_ID}}"
    broken["manifestVersion"] = "1.3"
    broken["bots"][0]["scopes"].append("everywhere")
    broken["colour"] = "#154273"
    found = "\n".join(messages(validator, broken))
    for expected in ("['id']", "['manifestVersion']", "['bots', 0, 'scopes', 3]", "'colour' was unexpected"):
        assert expected in found


def test_package_passes_app_manifest_validator(teams_schemas, package, tmp_path):
    require_node_modules("@microsoft/app-manifest", "fs-extra")
    manifest = package["manifest"]
    schema = teams_schemas / f"v{manifest['manifestVersion']}" / "MicrosoftTeams.schema.json"
    broken = copy.deepcopy(manifest)
    broken["bots"][0]["botId"] = "not-a-guid"
    results = []
    for name, content in (("good.json", manifest), ("broken.json", broken)):
        (tmp_path / name).write_text(json.dumps(content), encoding="utf-8")
        run = subprocess.run(
            ["node", str(NODE_VALIDATOR), str(tmp_path / name), str(schema)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        results.append(json.loads(run.stdout))
    assert results[0] == []
    assert any(error.startswith("/bots/0/botId must match pattern") for error in results[1])


def test_package_holds_manifest_icons_and_english_strings(package):
    assert sorted(package["files"]) == ["color.png", "en.json", "manifest.json", "outline.png"]
    manifest = package["manifest"]
    assert manifest["id"] == manifest["bots"][0]["botId"] == FAKE_APP_ID.lower()
    assert "{{" not in package["files"]["manifest.json"].decode("utf-8")
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}


def test_bot_is_in_personal_team_and_group_chat_with_dutch_commands(package):
    bot = package["manifest"]["bots"][0]
    assert sorted(bot["scopes"]) == ["groupChat", "personal", "team"]
    assert bot["isNotificationOnly"] is False
    (commands,) = bot["commandLists"]
    assert sorted(commands["scopes"]) == ["groupChat", "personal", "team"]
    titles = [c["title"] for c in commands["commands"]]
    assert titles[0] in HELP_COMMANDS, "the help command must be one the bot answers"
    assert "ww vergeten, hoe kom ik er weer in?" in titles
    assert package["manifest"]["localizationInfo"]["defaultLanguageTag"] == "nl-nl"
    assert "gemeente" in package["manifest"]["description"]["short"]


def test_color_icon_is_192_square(package):
    icon = read_png(package["files"]["color.png"])
    assert (icon.width, icon.height, icon.color_type) == (192, 192, 6)
    pixels = icon.pixels()
    assert all(p[3] == 255 for p in pixels)
    assert len(set(pixels)) > 2, "an icon, not a flat square"


def test_outline_icon_is_white_on_transparent_32(package):
    icon = read_png(package["files"]["outline.png"])
    assert (icon.width, icon.height, icon.color_type) == (32, 32, 6)
    pixels = icon.pixels()
    assert all(icon.rgba(x, y)[3] == 0 for x, y in ((0, 0), (31, 0), (0, 31), (31, 31), (16, 30)))
    assert all(p[:3] == (255, 255, 255) for p in pixels if p[3] > 0)
    opaque = sum(p[3] == 255 for p in pixels)
    assert 60 < opaque < 32 * 32 // 2


def test_png_reader_rejects_damaged_files():
    data = bytearray(make_icons.outline_icon())
    data[20] ^= 0xFF
    with pytest.raises(ValueError, match="CRC"):
        read_png(bytes(data))
    with pytest.raises(ValueError, match="signature"):
        read_png(b"GIF89a" + bytes(20))


def test_committed_icons_are_what_make_icons_draws(tmp_path):
    assert make_icons.main([str(tmp_path)]) == 0
    for name in ("color.png", "outline.png"):
        assert (tmp_path / name).read_bytes() == (MANIFEST_DIR / name).read_bytes(), (
            f"run manifest/make_icons.py ({name})"
        )


@pytest.mark.parametrize(
    "bad", ["", "abc", "{{BOT_ID}}", "3F2504E0-4F89-11D3-9A0C-0305E82C330", "3F2504E0_4F89_11D3_9A0C_0305E82C3301"]
)
def test_build_refuses_an_id_that_is_not_a_guid(tmp_path, bad):
    with pytest.raises(ValueError, match="is not a GUID. Set BOT_ID"):
        build_manifest_zip(bad, tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()


def test_build_error_can_be_dutch(tmp_path):
    with pytest.raises(ValueError, match="is geen GUID"):
        build_manifest_zip("abc", tmp_path / "x.zip", lang="nl")


def test_version_developer_and_domains_can_be_set():
    manifest = render_manifest(
        f" {FAKE_APP_ID} ",
        version="2.3.4",
        developer={"name": "Gemeente Voorbeeld", "privacyUrl": "https://intranet.gemeente.nl/privacy"},
        valid_domains=["vraagbaak.gemeente.nl"],
    )
    assert manifest["version"] == "2.3.4"
    assert manifest["developer"]["name"] == "Gemeente Voorbeeld"
    assert manifest["developer"]["privacyUrl"] == "https://intranet.gemeente.nl/privacy"
    assert manifest["validDomains"] == ["vraagbaak.gemeente.nl"]
    with pytest.raises(ValueError, match="1.2.3"):
        render_manifest(FAKE_APP_ID, version="v2")
    with pytest.raises(ValueError, match="websiteUrl"):
        render_manifest(FAKE_APP_ID, developer={"websiteUrl": "http://plain.example"})
    with pytest.raises(ValueError, match="email"):
        render_manifest(FAKE_APP_ID, developer={"email": "a@b.nl"})


def test_single_sign_on_asks_tokens_for_the_configured_resource():
    default = render_manifest(FAKE_APP_ID)
    app = FAKE_APP_ID.lower()
    assert default["webApplicationInfo"] == {"id": app, "resource": f"api://botid-{app}"}
    resource = f"api://vraagbaak.gemeente.nl/botid-{FAKE_APP_ID}"
    assert render_manifest(FAKE_APP_ID, sso_resource=resource)["webApplicationInfo"]["resource"] == resource
    with pytest.raises(ValueError, match="Application ID URI"):
        render_manifest(FAKE_APP_ID, sso_resource="https://vraagbaak.gemeente.nl")


def test_default_version_is_the_installed_package_version():
    from importlib import metadata

    assert render_manifest(FAKE_APP_ID)["version"] == metadata.version("vraagbaak")


def test_build_is_reproducible_and_accepts_a_folder(tmp_path):
    first = build_manifest_zip(FAKE_APP_ID, tmp_path / "a.zip", version="1.0.0")
    second = build_manifest_zip(FAKE_APP_ID, tmp_path, version="1.0.0")
    assert second == tmp_path / "vraagbaak-1.0.0.zip"
    assert first.read_bytes() == second.read_bytes()
    assert zipfile.ZipFile(second).testzip() is None
    assert not list(tmp_path.glob("*.part"))


def test_every_activity_type_is_declared_with_its_template_in_both_languages():
    manifest = json.loads((MANIFEST_DIR / "manifest.json").read_text(encoding="utf-8"))
    english = json.loads((MANIFEST_DIR / "en.json").read_text(encoding="utf-8"))
    declared = manifest["activities"]["activityTypes"]
    assert [a["type"] for a in declared] == [a.value for a in ActivityType]
    for n, activity in enumerate(declared):
        translated = english[f"activities.activityTypes[{n}].templateText"]
        assert "{title}" in activity["templateText"] and "{title}" in translated
        assert english[f"activities.activityTypes[{n}].description"]


def test_sso_names_the_bots_app_registration():
    manifest = render_manifest(FAKE_APP_ID)
    app_id = FAKE_APP_ID.lower()
    assert manifest["webApplicationInfo"] == {"id": app_id, "resource": f"api://botid-{app_id}"}
