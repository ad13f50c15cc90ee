"""DirectoryService on both databases: roles, members and chairs, groups, channels, routing a question to a group."""

from __future__ import annotations

import pytest

from services.conversations import ConversationService
from services.directory import (
    GENERAL_APPLICATION,
    DirectoryService,
    GroupInfo,
    NotAllowed,
    canonical_application,
    route_in,
)
from storage.models import KeyUserGroup
from tests.support.activities import TENANT
from tests.support.people import ANNA, DIRK, KARIN, KEES, SARA
from tests.support.world import (
    DECOS_SD,
    FM_CHANNEL,
    FM_GROUP,
    MUNICIPALITY,
    SD_CHANNEL,
    SUITE4,
    SUITE4_CHANNEL,
    SUITE4_SD,
    ZAAK,
    furnish,
)

GENERAL = "Kerngebruikers Algemeen"
GENERAL_SD = "Kerngebruikers Algemeen (Sociaal Domein)"


@pytest.fixture
async def directory(database) -> DirectoryService:
    """The MUNICIPALITY: functional management above Suite4 (and its Sociaal Domein group), Zaaksysteem and Decos."""
    directory = DirectoryService(database)
    await furnish(directory, ConversationService(database), MUNICIPALITY)
    return directory


async def named(directory: DirectoryService, name: str) -> KeyUserGroup:
    """The group called `name`."""
    return next(group for group in await directory.groups() if group.name == name)


def name_of(group: KeyUserGroup | GroupInfo | None) -> str | None:
    """A routed group's name, None when nothing was routed."""
    return group.name if group is not None else None


async def member_names(directory: DirectoryService, name: str) -> list[tuple[str, bool]]:
    """(name, is chair) of a group's members, as the service lists them: chair first."""
    return [(person.name, chair) for person, chair in await directory.members((await named(directory, name)).id)]


# ---------------------------------------------------------------------------------------------- roles
async def test_someone_unknown_is_an_employee_and_an_unknown_role_is_refused(directory):
    assert await directory.role("aad-nobody") == "employee"
    assert await directory.person("aad-nobody") is None, "asking for a role stores no one"
    with pytest.raises(ValueError, match="chef"):
        await directory.set_person("aad-nobody", name="Nobody", role="chef")
    assert await directory.person("aad-nobody") is None
    assert await directory.role(DIRK.key) == "functional_manager"
    await directory.set_person(DIRK.key, email="dirk@gemeente.nl")
    assert await directory.role(DIRK.key) == "functional_manager", "a field left out leaves the stored one alone"


async def test_a_member_gets_the_role_the_group_needs_but_never_loses_one(directory):
    assert [await directory.role(actor.key) for actor in (KARIN, KEES, ANNA)] == ["key_user", "key_user", "employee"]
    await directory.add_member(FM_GROUP, KEES.key, name=KEES.name)
    assert await directory.role(KEES.key) == "functional_manager", "functional management needs the role"
    await directory.add_member(ZAAK, KEES.key)
    assert await directory.role(KEES.key) == "functional_manager", "joining a key-user group takes nothing away"
    await directory.set_person(ANNA.key, role="admin")
    await directory.add_member(SUITE4, ANNA.key)
    assert await directory.role(ANNA.key) == "admin"
    await directory.add_member(ZAAK, "aad-new", name="Nieuw", department="Burgerzaken", role="functional_manager")
    new = await directory.person("aad-new")
    assert new is not None and (new.name, new.department, new.role) == ("Nieuw", "Burgerzaken", "functional_manager")
    with pytest.raises(ValueError, match="Onbekend"):
        await directory.add_member("Onbekend", KEES.key)


# ---------------------------------------------------------------------------------------------- members and chairs
async def test_one_chair_per_group_and_a_member_added_again_keeps_their_place(directory):
    assert await member_names(directory, SUITE4) == [("Karin", True), ("Kees", False)]
    await directory.add_member(SUITE4, KEES.key, chair=True)
    assert await member_names(directory, SUITE4) == [("Kees", True), ("Karin", False)], "the new chair replaces"
    await directory.add_member(SUITE4, KARIN.key)
    assert await member_names(directory, SUITE4) == [("Kees", True), ("Karin", False)], "chair None leaves it"
    await directory.add_member(SUITE4, KEES.key, chair=False)
    assert (await directory.group_view(await named(directory, SUITE4))).chair is None

    suite4 = await named(directory, SUITE4)
    assert await directory.is_member(suite4.id, KARIN.key) and not await directory.is_member(suite4.id, ANNA.key)
    assert not await directory.is_member(None, KARIN.key)
    assert await directory.remove_member(SUITE4, KARIN.key)
    assert not await directory.remove_member(SUITE4, KARIN.key), "only once"
    assert not await directory.remove_member("Onbekend", KEES.key)
    assert await member_names(directory, SUITE4) == [("Kees", False)]
    assert await directory.role(KARIN.key) == "key_user", "leaving a group changes no role"


async def test_a_groups_view_lists_its_key_users_chair_first(directory):
    view = await directory.group_view(await named(directory, SUITE4))
    assert (view.name, view.application, view.department, view.channel_name) == (SUITE4, "Suite4", None, None)
    assert [(p.key, p.name) for p in view.key_users] == [(KARIN.key, "Karin"), (KEES.key, "Kees")]
    assert view.chair is not None and view.chair.key == KARIN.key
    empty = await directory.group_view(await named(directory, SUITE4_SD))
    assert (empty.department, empty.key_users, empty.chair) == ("Sociaal Domein", (), None)


# ---------------------------------------------------------------------------------------------- groups
async def test_saving_a_group_refuses_what_routing_could_not_use(directory):
    with pytest.raises(ValueError, match="kind"):
        await directory.save_group(name="Teams", kind="teams", application="Teams")
    with pytest.raises(ValueError, match="application"):
        await directory.save_group(name="Zonder applicatie")
    for parent in (SUITE4, "Onbekend"):  # a parent must be a functional-management group
        with pytest.raises(ValueError, match="parent"):
            await directory.save_group(name="Kerngebruikers Outlook", application="Outlook", parent=parent)
    assert [g.name for g in await directory.groups() if g.application == "Outlook"] == []


async def test_saving_a_group_again_updates_it_and_leaves_what_is_not_given(directory):
    before = await named(directory, SUITE4)
    again = await directory.save_group(
        name=SUITE4, application="Suite4", department="Burgerzaken", response_target_minutes=60
    )
    assert again.id == before.id and len(await directory.groups()) == len(MUNICIPALITY.groups)
    assert (again.department, again.response_target_minutes) == ("Burgerzaken", 60)
    assert (again.channel_id, again.parent_id) == (SUITE4_CHANNEL, before.parent_id), "not given: left alone"


async def test_a_channel_leads_to_its_groups(directory):
    for channel, group in ((SUITE4_CHANNEL, SUITE4), (SD_CHANNEL, SUITE4_SD), (FM_CHANNEL, FM_GROUP)):
        assert [name_of(g) for g in await directory.groups_in_channel(channel)] == [group]
    assert await directory.groups_in_channel("19:onbekend@thread.tacv2") == []
    suite4 = await named(directory, SUITE4)
    assert name_of(await directory.group(suite4.id)) == SUITE4 and await directory.group(99999) is None


# ---------------------------------------------------------------------------------------------- linking channels
def typed_in(channel: str) -> dict:
    """The reference of a message typed in a thread of `channel`, which a link is made from."""
    return {
        "serviceUrl": "http://127.0.0.1:1/teams",
        "channelId": "msteams",
        "bot": {"id": "28:vraagbaak"},
        "conversation": {"id": f"{channel};messageid=1", "conversationType": "channel", "tenantId": TENANT},
    }


async def link(
    directory: DirectoryService,
    actor,
    channel: str,
    *,
    kind: str = "key_users",
    application: str | None = None,
    department: str | None = None,
    team_id: str | None = None,
    channel_name: str | None = None,
):
    """`actor` links `channel` as Teams would have them type it there."""
    return await directory.link_channel(
        actor,
        kind=kind,
        application=application,
        department=department,
        channel_id=channel,
        team_id=team_id,
        channel_name=channel_name,
        reference=typed_in(channel),
    )


async def test_only_functional_management_links_a_channel(directory):
    for actor in (ANNA, KARIN):
        with pytest.raises(NotAllowed):
            await link(directory, actor, "19:rooster@thread.tacv2", application="Roostertool", team_id="team-1")
    assert await directory.groups_in_channel("19:rooster@thread.tacv2") == []


async def test_linking_a_channel_makes_the_group_or_moves_an_existing_one(directory):
    made = await link(
        directory,
        DIRK,
        "19:rooster@thread.tacv2",
        application="Roostertool",
        department="Sociaal Domein",
        team_id="team-1",
        channel_name="Roosters",
    )
    assert (made.name, made.application, made.department, made.channel_name) == (
        "Kerngebruikers Roostertool (Sociaal Domein)",
        "Roostertool",
        "Sociaal Domein",
        "Roosters",
    )
    stored = await named(directory, made.name)
    assert (stored.channel_id, stored.team_id) == ("19:rooster@thread.tacv2", "team-1")
    assert name_of(await directory.group(stored.parent_id or 0)) == FM_GROUP, "under functional management"
    assert [name_of(g) for g in await directory.groups_in_channel("19:rooster@thread.tacv2")] == [made.name]

    moved = await link(directory, DIRK, "19:nieuw@thread.tacv2", application="suite4", team_id="team-2")
    assert moved.name == SUITE4, "the application as typed finds the group; its department must match too"
    assert await directory.groups_in_channel(SUITE4_CHANNEL) == [], "the old channel leads nowhere now"
    assert [name_of(g) for g in await directory.groups_in_channel(SD_CHANNEL)] == [SUITE4_SD]
    management = await link(directory, DIRK, "19:beheer@thread.tacv2", kind="functional_management")
    assert management.name == FM_GROUP and len(await directory.groups()) == len(MUNICIPALITY.groups) + 1


# ---------------------------------------------------------------------------------------------- routing
@pytest.mark.parametrize(
    ("application", "department", "routed"),
    [
        ("Suite4", "Sociaal Domein", SUITE4_SD),
        (" suite4 ", "SOCIAAL DOMEIN", SUITE4_SD),
        ("Suite4", "Burgerzaken", SUITE4),
        ("Suite4", None, SUITE4),
        ("Zaaksysteem", "Sociaal Domein", ZAAK),
        ("Decos", "Sociaal Domein", DECOS_SD),
        ("Decos", "Burgerzaken", None),
        ("Decos", None, None),
        ("Onbekend", None, None),
    ],
)
async def test_a_question_goes_to_its_applications_group_for_the_department_else_the_general_one(
    directory, application, department, routed
):
    assert name_of(await directory.route(application, department)) == routed


async def test_a_question_about_no_application_goes_to_functional_management_until_there_is_a_general_group(directory):
    assert await directory.routes_general()
    assert name_of(await directory.route(GENERAL_APPLICATION, "Sociaal Domein")) == FM_GROUP
    await directory.save_group(name=GENERAL, application="algemeen", parent=FM_GROUP)
    await directory.save_group(name=GENERAL_SD, application="Algemeen", department="Sociaal Domein", parent=FM_GROUP)
    assert name_of(await directory.route(GENERAL_APPLICATION, "Sociaal Domein")) == GENERAL_SD
    assert name_of(await directory.route("ALGEMEEN", "Burgerzaken")) == GENERAL
    assert await directory.applications() == ["Decos", "Suite4", "Zaaksysteem"], "the general group is no application"


def test_without_functional_management_or_a_general_group_a_question_about_no_application_has_nowhere_to_go():
    key_users = KeyUserGroup(name=SUITE4, kind="key_users", application="Suite4")
    assert route_in([key_users], GENERAL_APPLICATION, None) is None
    assert route_in([], "Suite4", None) is None


async def test_routes_general_needs_a_general_group_or_functional_management(sqlite_database):
    directory = DirectoryService(sqlite_database)
    await directory.save_group(name=SUITE4, application="Suite4")
    assert not await directory.routes_general()
    await directory.save_group(name=GENERAL, application=GENERAL_APPLICATION)
    assert await directory.routes_general()


async def test_an_application_is_spelled_as_its_groups_spell_it(directory):
    groups = await directory.groups()
    assert [canonical_application(groups, typed) for typed in ("suite4", "ZAAKSYSTEEM", "Onbekend", "", None)] == [
        "Suite4",
        "Zaaksysteem",
        None,
        None,
        None,
    ]
    assert canonical_application(groups, "ALGEMEEN") == GENERAL_APPLICATION, "always stands, even without its group"
    await directory.save_group(name=GENERAL, application="algemeen", parent=FM_GROUP)
    assert canonical_application(await directory.groups(), "Algemeen") == "algemeen"


async def test_the_second_line_is_the_parent_else_functional_management_for_the_application(directory):
    assert name_of(await directory.second_line(await named(directory, SUITE4))) == FM_GROUP
    assert await directory.second_line(await named(directory, FM_GROUP)) is None, "nothing above the last line"
    decos = await named(directory, DECOS_SD)
    assert decos.parent_id is None
    assert name_of(await directory.second_line(decos)) == FM_GROUP, "the general functional management"
    await directory.save_group(name="Functioneel beheer Decos", kind="functional_management", application="decos")
    assert name_of(await directory.second_line(decos)) == "Functioneel beheer Decos", "the application's own"


# ---------------------------------------------------------------------------------------------- who is my key user
async def test_who_is_my_key_user_follows_the_department_and_the_application_named(directory):
    async def names(user_key: str, text: str = "") -> list[str]:
        return [view.name for view in await directory.key_users_for(user_key, text)]

    assert await names(SARA.key) == [DECOS_SD, SUITE4_SD, ZAAK], "Sociaal Domein's own groups where there are"
    assert await names(ANNA.key) == [SUITE4, ZAAK], "Burgerzaken: the general groups, no other department's"
    assert await names("aad-nobody") == [SUITE4, ZAAK]
    assert await names(ANNA.key, "wie is mijn kerngebruiker voor suite4") == [SUITE4]
    assert await names(SARA.key, "wie zijn de kerngebruikers van Suite4") == [SUITE4_SD]
    assert await names(ANNA.key, "wie is mijn kerngebruiker voor decos") == [], "none for her department"
    [suite4] = await directory.key_users_for(ANNA.key, "suite4")
    assert suite4.chair is not None and suite4.chair.name == "Karin"


async def test_who_is_my_key_user_with_a_question_mark_still_names_the_application(directory):
    views = await directory.key_users_for(ANNA.key, "wie is mijn kerngebruiker voor suite4?")
    assert [view.name for view in views] == [SUITE4]
