"""Small handmade Dutch knowledge bases for the matcher tests."""

from __future__ import annotations

import pytest

from matching import FaqDoc


def _doc(id, application, question, alternates=(), answer="", tags=()):
    """A FaqDoc with tuples."""
    return FaqDoc(
        id, application, question, tuple(alternates), answer or f"Antwoord over {question.lower()}", tuple(tags)
    )


OFFICE_KB = [
    _doc(
        "ww-vergeten",
        "Microsoft 365",
        "Ik ben mijn wachtwoord vergeten, hoe stel ik een nieuw in?",
        ["Wachtwoord resetten", "Ik kan niet inloggen omdat ik mijn wachtwoord niet weet"],
        "Ga naar de selfservice voor wachtwoordherstel en kies een nieuw wachtwoord.",
        ["wachtwoord"],
    ),
    _doc(
        "printer",
        "Werkplek",
        "Hoe installeer ik de printer op mijn laptop?",
        ["Printer toevoegen", "Ik kan niet afdrukken"],
        "Kies Instellingen, Printers, en voeg de printer toe.",
    ),
    _doc(
        "mfa-telefoon",
        "Microsoft 365",
        "Hoe zet ik de Authenticator app over naar een nieuwe telefoon?",
        ["MFA overzetten", "Nieuwe telefoon en authenticatie instellen"],
        "Installeer de Authenticator app en scan de QR-code bij beveiligingsgegevens.",
    ),
    _doc(
        "vergadering",
        "Microsoft 365",
        "Hoe plan ik een vergadering in Teams?",
        ["Teams vergadering maken", "Overleg inplannen in de agenda"],
        "Open de agenda in Teams en kies Nieuwe vergadering.",
    ),
    _doc(
        "verlof",
        "Personeel",
        "Hoe vraag ik verlof aan?",
        ["Vakantie aanvragen", "Vrije dag opnemen"],
        "Vraag verlof aan in het personeelsportaal; je leidinggevende keurt het goed.",
    ),
    _doc(
        "functioneel-beheer",
        "Ondersteuning",
        "Hoe bereik ik functioneel beheer?",
        ["Contact met de applicatiebeheerders"],
        "Mail functioneel beheer via het servicedeskportaal.",
    ),
    _doc(
        "vpn",
        "Werkplek",
        "Hoe maak ik thuis verbinding met het netwerk?",
        ["VPN werkt niet", "Thuiswerken en netwerkverbinding"],
        "Start de VPN-client en log in.",
    ),
    _doc(
        "scherm",
        "Werkplek",
        "Mijn tweede beeldscherm doet het niet",
        ["Extern scherm aansluiten"],
        "Controleer de kabel en druk op Windows+P.",
    ),
]

OTHER_KB = [
    _doc(
        "fiets-vergoeding",
        "Personeel",
        "Krijg ik een vergoeding voor woon-werkverkeer met de fiets?",
        [],
        "Ja, per kilometer, aan te vragen in het portaal.",
    ),
    _doc(
        "parkeren",
        "Facilitair",
        "Waar kan ik parkeren bij het stadhuis?",
        ["Parkeerplaats aanvragen"],
        "In de garage onder het stadhuis met je pas.",
    ),
    _doc(
        "koffie",
        "Facilitair",
        "De koffieautomaat is kapot",
        ["Koffiemachine storing"],
        "Meld het bij de facilitaire balie.",
    ),
    _doc(
        "pas-kwijt",
        "Facilitair",
        "Ik ben mijn toegangspas kwijt",
        ["Nieuwe pas aanvragen", "Pasje verloren"],
        "Blokkeer de pas bij de receptie en vraag een nieuwe aan.",
    ),
    _doc(
        "declaratie",
        "Personeel",
        "Hoe dien ik een declaratie in?",
        ["Onkosten declareren", "Bonnetje indienen"],
        "Dien de declaratie met bon in via het personeelsportaal.",
    ),
]


@pytest.fixture(scope="session")
def office_kb():
    """A small office KB."""
    return list(OFFICE_KB)


@pytest.fixture(scope="session")
def other_kb():
    """A different small KB."""
    return list(OTHER_KB)


@pytest.fixture(scope="session")
def lexical_office(office_kb):
    """A lexical matcher over the office KB."""
    from matching import Matcher

    return Matcher.build(office_kb, use_embeddings=False)
