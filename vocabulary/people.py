"""Roles of people and kinds of groups."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What someone may do, in ascending power: each role includes the rights of the ones before it."""

    EMPLOYEE = "employee"
    KEY_USER = "key_user"
    FUNCTIONAL_MANAGER = "functional_manager"
    ADMIN = "admin"

    @classmethod
    def of(cls, value: str | None) -> Role:
        """A stored role; someone unknown, or with a role no longer known, is an employee."""
        try:
            return cls(value)
        except ValueError:
            return cls.EMPLOYEE

    @property
    def rank(self) -> int:
        """Position in ascending power (employee 0 .. admin 3)."""
        return list(Role).index(self)

    def includes(self, needed: Role) -> bool:
        """Whether this role has the rights of `needed`."""
        return self.rank >= needed.rank


class GroupKind(StrEnum):
    """A group of people who handle tickets."""

    KEY_USERS = "key_users"
    """Key users (kerngebruikers) of one application, optionally one department: the first line."""
    FUNCTIONAL_MANAGEMENT = "functional_management"
    """Functional management (functioneel beheer): the second line."""


class SmallTalk(StrEnum):
    """The kinds of small talk a person sends (services/utterances.py), each with a reply of its own."""

    GREETING = "greeting"
    HOW_ARE_YOU = "how_are_you"
    THANKS = "thanks"
    ACK = "ack"
    BYE = "bye"
