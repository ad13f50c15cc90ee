"""The ticket flow's app fixture, shared by every endpoint test in this folder."""

from tests.scenarios.test_ticket_loop import client  # noqa: F401 - a fixture, found by pytest through this module
