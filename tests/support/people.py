"""The cast every test shares: who asks, who answers, who manages. Each is the services' Actor of one person.

Which groups they are in is the world's (tests/support/world.py); `user(actor)` is them in a dialog's Incoming,
`account(actor)` in tests/support/activities.py their Teams account for a test through /api/messages.
"""

from __future__ import annotations

from dialogs.types import User
from services.directory import Actor
from tests.support.activities import TENANT


def user(actor: Actor) -> User:
    """The person as a dialog sees them in an Incoming."""
    return User(id=actor.teams_id or actor.key, aad_object_id=actor.key, name=actor.name)


# ---------------------------------------------------------------------------------------------- employees
ANNA = Actor("emp-anna", "Anna", teams_id="29:anna", tenant_id=TENANT, language="nl")
"""Employee at Burgerzaken: the usual asker."""
ESRA = Actor("aad-esra", "Esra Yilmaz", teams_id="29:esra", tenant_id=TENANT, language="nl")
"""Employee: a colleague who asks the same thing, or whom nobody asked."""
SARA = Actor("emp-sara", "Sara", tenant_id=TENANT)
"""Employee at Sociaal Domein, whose department has its own key users."""

# ---------------------------------------------------------------------------------------------- key users
KARIN = Actor("ku-karin", "Karin")
"""Key user who chairs her group (Suite4). Never wrote to the bot: it has no Teams id of hers."""
KEES = Actor("ku-kees", "Kees")
"""Key user (Suite4, sometimes Decos too). Never wrote to the bot."""
ZOE = Actor("ku-zoe", "Zoë")
"""Key user of another application than the ticket's (the Zaaksysteem's chair)."""
BRAM = Actor("aad-bram", "Bram Jansen", teams_id="29:bram")
"""Key user who chairs the Zaaksysteem's group, in the stories told through /api/messages."""
CHANTAL = Actor("aad-chantal", "Chantal Bakker", teams_id="29:chantal")
"""Key user of the Zaaksysteem, Bram's colleague."""

# ---------------------------------------------------------------------------------------------- functional management
DIRK = Actor("aad-dirk", "Dirk Visser", teams_id="29:dirk")
"""Functional manager: the second line, approves FAQ proposals, links channels."""
FRANK = Actor("fm-frank", "Frank")
"""A second functional manager, for two deciding at once."""
