"""The ticket flows of dialogs/tickets.py, called with Incoming objects over a real TicketService on both databases."""

from __future__ import annotations

import re

import pytest

from dialogs.tickets import LINK_PATTERN, MY_TICKETS_PATTERN, OPEN_TICKETS_PATTERN, WHO_PATTERN, parse_link
from i18n import t


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_command_the_help_card_names_reaches_its_flow(lang):
    for key, pattern in (("my_questions", MY_TICKETS_PATTERN), ("key_users", WHO_PATTERN),
                         ("open_tickets", OPEN_TICKETS_PATTERN)):
        assert re.fullmatch(pattern, t(f"card.help.{key}", lang), re.IGNORECASE), key
    typed = t("card.help.link", lang).replace("APPLICATIE", "Zaaksysteem").replace("APPLICATION", "Zaaksysteem")
    assert re.fullmatch(LINK_PATTERN, typed, re.IGNORECASE)
    assert parse_link(typed) == ("key_users", "Zaaksysteem", None)
