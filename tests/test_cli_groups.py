"""`vraagbaak groups`: list, add, member add/remove, role, and the all-or-nothing CSV import."""

from __future__ import annotations

import asyncio

import pytest

import cli
from services.directory import DirectoryService
from services.groups_file import GroupsFileError, import_groups_file
from storage import Database, GroupRepository, PersonRepository
from tests.support.requirements import ROOT

SAMPLE = ROOT / "samples" / "groups.csv"
ANNA = "00000000-0000-0000-0000-0000000000020"
HEADER = "group,kind,application,department,parent,channel_id,user_key,name,email,role,chair\n"


@pytest.fixture
def env(tmp_path, monkeypatch):
    """A fresh SQLite file for the CLI, and no stray bot registration from the developer's shell."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("VRAAGBAAK_MATCHER", "lexical")
    for name in ("BOT_ID", "BOT_PASSWORD", "MicrosoftAppId", "MicrosoftAppPassword"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def snapshot(path) -> dict:
    """Groups, memberships and people of the CLI's SQLite file, to compare before and after."""

    async def read() -> dict:
        db = Database(f"sqlite+aiosqlite:///{path}")
        try:
            await db.upgrade()
            async with db.transaction() as session:
                groups = await GroupRepository(session).all()
                members = {
                    g.name: sorted((m.user_key, m.is_chair) for m, _ in await GroupRepository(session).members(g.id))
                    for g in groups
                }
                people = await PersonRepository(session).with_role(
                    ("employee", "key_user", "functional_manager", "admin")
                )
                return {
                    "groups": {
                        g.name: (g.kind, g.application, g.department, g.parent_id, g.channel_id) for g in groups
                    },
                    "members": members,
                    "people": {p.user_key: (p.name, p.role, p.department) for p in people},
                }
        finally:
            await db.dispose()

    return asyncio.run(read())


def write(path, text: str, encoding: str = "utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_add_member_role_and_list(env, capsys):
    assert cli.main(["groups", "list"]) == 0
    assert "nog geen groepen" in capsys.readouterr().out
    assert (
        cli.main(
            [
                "groups",
                "add",
                "Functioneel beheer",
                "--kind",
                "functional_management",
                "--channel-id",
                "19:fb@thread.tacv2",
            ]
        )
        == 0
    )
    assert (
        cli.main(
            [
                "groups",
                "add",
                "KG Zaaksysteem",
                "--application",
                "Zaaksysteem",
                "--department",
                "Burgerzaken",
                "--parent",
                "Functioneel beheer",
                "--channel-id",
                "19:zs@thread.tacv2",
                "--team-id",
                "team-1",
                "--target-hours",
                "4",
            ]
        )
        == 0
    )
    assert (
        cli.main(
            [
                "groups",
                "member",
                "add",
                "KG Zaaksysteem",
                "u-1",
                "--name",
                "Bram Jansen",
                "--chair",
                "--department",
                "Burgerzaken",
                "--email",
                "bram@example.org",
            ]
        )
        == 0
    )
    assert cli.main(["groups", "member", "add", "KG Zaaksysteem", "u-2", "--name", "Chantal Bakker"]) == 0
    assert cli.main(["groups", "role", "u-2", "functional_manager"]) == 0
    capsys.readouterr()
    assert cli.main(["groups", "list"]) == 0
    out = capsys.readouterr().out
    assert (
        "KG Zaaksysteem [kerngebruikers] toepassing: Zaaksysteem, afdeling: Burgerzaken, "
        "kanaal: 19:zs@thread.tacv2, valt onder: Functioneel beheer"
    ) in out
    assert "  - Bram Jansen (u-1, key_user) *voorzitter*" in out
    assert "  - Chantal Bakker (u-2, functional_manager)\n" in out
    state = snapshot(env / "cli.db")
    assert state["people"]["u-1"] == ("Bram Jansen", "key_user", "Burgerzaken")

    assert cli.main(["groups", "member", "remove", "KG Zaaksysteem", "u-2"]) == 0
    assert cli.main(["groups", "member", "remove", "KG Zaaksysteem", "u-2"]) == 1
    assert "zat niet in KG Zaaksysteem" in capsys.readouterr().err
    assert snapshot(env / "cli.db")["members"]["KG Zaaksysteem"] == [("u-1", True)]

    assert cli.main(["groups", "member", "add", "KG Zaaksysteem", "u-1"]) == 0  # no flag: still the chair
    assert snapshot(env / "cli.db")["members"]["KG Zaaksysteem"] == [("u-1", True)]
    assert cli.main(["groups", "member", "add", "KG Zaaksysteem", "u-1", "--no-chair"]) == 0
    assert snapshot(env / "cli.db")["members"]["KG Zaaksysteem"] == [("u-1", False)]


def test_add_refuses_what_cannot_work(env, capsys):
    assert cli.main(["groups", "add", "KG", "--kind", "key_users"]) == 2
    assert "--application" in capsys.readouterr().err
    assert cli.main(["groups", "add", "KG", "--application", "Zaaksysteem", "--parent", "Bestaat niet"]) == 1
    assert "'Bestaat niet' is geen groep functioneel beheer" in capsys.readouterr().err
    assert cli.main(["groups", "add", "FB", "--kind", "functional_management", "--parent", "X"]) == 2
    assert cli.main(["groups", "member", "add", "Bestaat niet", "u-1"]) == 1
    assert "geen groep met de naam 'Bestaat niet'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["groups", "role", "u-1", "baas"])
    assert snapshot(env / "cli.db")["groups"] == {}


def test_sample_import_is_idempotent_and_order_free(env, capsys, monkeypatch):
    assert cli.main(["groups", "import", str(SAMPLE)]) == 0
    first = capsys.readouterr().out
    assert "0 nieuw" not in first
    state = snapshot(env / "cli.db")
    assert cli.main(["groups", "import", str(SAMPLE)]) == 0
    assert "(0 nieuw)" in capsys.readouterr().out
    assert snapshot(env / "cli.db") == state
    fb = state["groups"]["Functioneel beheer"]
    assert fb[0] == "functional_management" and fb[4] == "channel-announcements"
    zaak = state["groups"]["Kerngebruikers Zaaksysteem"]
    assert zaak[:3] == ("key_users", "Zaaksysteem", None) and zaak[4] == "team-gemeente-voorbeeld"
    assert state["people"][ANNA] == ("Anna de Vries", "admin", None)
    assert (ANNA, True) in state["members"]["Kerngebruikers Zaaksysteem"]

    # the same file with the functional-management rows last, in Windows-1252 with ';' as Dutch Excel saves it
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    reordered = [
        lines[0],
        *[line for line in lines[1:] if not line.startswith("Functioneel beheer")],
        *[line for line in lines[1:] if line.startswith("Functioneel beheer")],
    ]
    other = env / "other.db"
    path = write(env / "excel.csv", "\r\n".join(line.replace(",", ";") for line in reordered) + "\r\n", "cp1252")
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{other}")
    assert cli.main(["groups", "import", str(path)]) == 0
    assert snapshot(other) == state


def test_bom_comma_file_with_dutch_values(env, capsys):
    path = write(
        env / "bom.csv",
        "\ufeff" + HEADER + "Beheer,functioneel beheer,,,,,fm-1,Fatima,,,\n"
        "KG Roostertool,,Roostertool,Zorg,Beheer,,ku-1,Dirk Visser,,,Ja\n"
        "KG Roostertool,,,,,,ku-2,Élise Müller,,,nee\n",
        "utf-8",
    )
    assert cli.main(["groups", "import", str(path)]) == 0
    state = snapshot(env / "cli.db")
    assert state["groups"]["Beheer"][0] == "functional_management"
    assert state["groups"]["KG Roostertool"][:3] == ("key_users", "Roostertool", "Zorg")
    assert state["members"]["KG Roostertool"] == [("ku-1", True), ("ku-2", False)]
    assert state["people"]["ku-2"] == ("Élise Müller", "key_user", "Zorg")
    assert state["people"]["fm-1"][1] == "functional_manager"


BAD_ROWS = [  # after one good row (row 2), so the bad one is row 3
    ("KG,onzin,Zaaksysteem,,,,u-1,,,,\n", "rij 3: onbekende soort 'onzin'"),
    ("KG,key_users,Zaaksysteem,,,,u-1,,,baas,\n", "rij 3: onbekende rol 'baas'"),
    ("KG,key_users,,,,,u-1,,,,\n", "rij 3: groep kerngebruikers KG heeft geen application"),
    ("KG,key_users,Zaaksysteem,,,,,,,,\n", "rij 3: de kolom user_key is leeg"),
    ("KG,key_users,Zaaksysteem,,,,u-1,,,,misschien\n", "rij 3: chair is 'misschien'"),
    (
        "KG,key_users,Zaaksysteem,,Andere KG,,u-1,,,,\nAndere KG,key_users,Teams,,,,u-2,,,,\n",
        "rij 3: parent 'Andere KG' van KG is geen groep functioneel beheer",
    ),
    ("KG,key_users,Zaaksysteem,,Niemand,,u-1,,,,\n", "rij 3: parent 'Niemand' van KG is geen groep functioneel beheer"),
    ("KG,key_users,Zaaksysteem,,,,u-1,,,,ja\nKG,,,,,,u-2,,,,ja\n", "rij 4: KG heeft al een voorzitter (rij 3)"),
    ("KG,key_users,Zaaksysteem,,,,u-1,,,,\nKG,key_users,Teams,,,,u-2,,,,\n", "rij 4: application van groep KG"),
    ("FB nieuw,,,,,,fm-9,,,,\n", "rij 3: fm-9 staat al in FB nieuw (rij 2)"),
    ("KG,key_users,Zaaksysteem,,,,fm-9,,,admin,\n", "rij 3: fm-9 krijgt hier de rol admin, maar op rij 2"),
]


@pytest.mark.parametrize("rows, message", BAD_ROWS)
def test_a_bad_row_refuses_the_whole_file(env, capsys, rows, message):
    assert cli.main(["groups", "import", str(SAMPLE)]) == 0
    before = snapshot(env / "cli.db")
    path = write(
        env / "bad.csv", HEADER + "FB nieuw,functional_management,,,,,fm-9,Nieuw,,functional_manager,\n" + rows
    )
    assert cli.main(["groups", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "bad.csv is geweigerd, er is niets veranderd" in err
    assert message in err
    assert snapshot(env / "cli.db") == before


def test_every_problem_is_listed_with_its_row(env, capsys):
    path = write(env / "bad.csv", HEADER + "KG,onzin,,,,,,,,baas,\nOK,key_users,Teams,,,,u-1,,,,\n")
    assert cli.main(["groups", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "rij 2: onbekende soort 'onzin'" in err and "rij 2: onbekende rol 'baas'" in err
    assert "rij 2: de kolom user_key is leeg" in err
    assert snapshot(env / "cli.db")["groups"] == {}


def test_missing_columns_and_missing_file(env, capsys):
    path = write(env / "cols.csv", "groep,naam\nKG,Bram\n")
    assert cli.main(["groups", "import", str(path)]) == 1
    assert "kolom(men) ontbreken: group, user_key" in capsys.readouterr().err
    assert cli.main(["groups", "import", str(env / "nergens.csv")]) == 1
    assert "bestaat niet" in capsys.readouterr().err


async def test_import_on_both_databases_is_all_or_nothing(database, tmp_path):
    directory = DirectoryService(database)
    await directory.save_group(name="FB bestaand", kind="functional_management")
    good = write(
        tmp_path / "good.csv",
        HEADER + "KG Zaak,key_users,Zaaksysteem,Burgerzaken,FB bestaand,19:c,u-1,Bram,,,ja\n"
        "KG Zaak,,,,,,u-2,Chantal,,admin,\n",
    )
    result = await import_groups_file(database, good)
    assert (result.groups_created, result.members_added) == (1, 2)
    group = next(g for g in await directory.groups() if g.name == "KG Zaak")
    assert group.parent_id == next(g.id for g in await directory.groups() if g.name == "FB bestaand")
    assert await directory.route("Zaaksysteem", "Burgerzaken") is not None
    assert [(p.key, chair) for p, chair in await directory.members(group.id)] == [("u-1", True), ("u-2", False)]
    person = await directory.person("u-1")
    assert await directory.role("u-2") == "admin" and person is not None and person.department == "Burgerzaken"

    again = await import_groups_file(database, good)
    assert (again.groups_created, again.members_added, again.members_kept) == (0, 0, 2)

    # the parent check needs the database: found only while writing, and then nothing of the file stays
    bad = write(
        tmp_path / "bad.csv",
        HEADER + "KG Nieuw,key_users,Teams,,,,u-3,Dirk,,,\nKG Ander,key_users,Outlook,,KG Zaak,,u-4,Esra,,,\n",
    )
    with pytest.raises(GroupsFileError) as refused:
        await import_groups_file(database, bad)
    assert "rij 3" in str(refused.value) and "KG Zaak" in str(refused.value)
    assert {g.name for g in await directory.groups()} == {"FB bestaand", "KG Zaak"}
    assert await directory.person("u-3") is None
