"""graph_from_settings: no Graph without its settings, the credential type the settings ask for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from azure.identity.aio import CertificateCredential, ClientSecretCredential, OnBehalfOfCredential
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from config import ConfigError, Settings
from graph import GraphClient, graph_from_settings
from graph.factory import on_behalf_of_factory

TENANT = "11111111-2222-3333-4444-555555555555"
CLIENT = "66666666-7777-8888-9999-000000000000"
APP = "b1c2d3e4-0000-4000-8000-00000000a77a"


def _pem(path: Path) -> Path:
    """A self-signed certificate and its private key in one PEM file, as CertificateCredential reads it."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "vraagbaak-graph")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.write_bytes(key_pem + cert.public_bytes(serialization.Encoding.PEM))
    return path


def _env(**extra: str) -> dict[str, str]:
    return {"GRAPH_TENANT_ID": TENANT, "GRAPH_CLIENT_ID": CLIENT, "TEAMS_APP_ID": APP, **extra}


def test_no_graph_settings_no_client():
    assert graph_from_settings(Settings.from_env({})) is None


async def test_a_client_secret_makes_a_client_secret_credential():
    settings = Settings.from_env(_env(GRAPH_CLIENT_SECRET="geheim"))
    client = graph_from_settings(settings)
    assert isinstance(client, GraphClient)
    try:
        assert isinstance(client.credential, ClientSecretCredential)
        assert client.base_url == "https://graph.microsoft.com/v1.0"
        obo = on_behalf_of_factory(settings)("user-jwt")
        assert isinstance(obo, OnBehalfOfCredential)
        await obo.close()
    finally:
        await client.close()


async def test_a_certificate_makes_a_certificate_credential(tmp_path: Path):
    pem = _pem(tmp_path / "graph.pem")
    settings = Settings.from_env(_env(GRAPH_CERTIFICATE_PATH=str(pem), GRAPH_BASE_URL="http://127.0.0.1:9/v1.0/"))
    client = graph_from_settings(settings)
    assert client is not None
    try:
        assert isinstance(client.credential, CertificateCredential)
        assert client.base_url == "http://127.0.0.1:9/v1.0"
        obo = on_behalf_of_factory(settings)("user-jwt")
        assert isinstance(obo, OnBehalfOfCredential)
        await obo.close()
    finally:
        await client.close()


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"GRAPH_CLIENT_SECRET": "geheim"}, "GRAPH_CLIENT_ID is empty"),
        ({"GRAPH_CLIENT_ID": CLIENT, "GRAPH_CLIENT_SECRET": "x", "TEAMS_APP_ID": APP}, "GRAPH_TENANT_ID"),
        (_env(), "exactly one of GRAPH_CLIENT_SECRET and GRAPH_CERTIFICATE_PATH"),
        (_env(GRAPH_CLIENT_SECRET="x", GRAPH_CERTIFICATE_PATH="/x.pem"), "exactly one"),
        (_env(GRAPH_CERTIFICATE_PATH="/nowhere/graph.pem"), "names no file"),
        ({**_env(GRAPH_CLIENT_SECRET="x"), "TEAMS_APP_ID": ""}, "TEAMS_APP_ID"),
        (_env(GRAPH_CLIENT_SECRET="x", GRAPH_BASE_URL="http://graph.example.org/v1.0"), "GRAPH_BASE_URL"),
    ],
)
def test_incomplete_graph_settings_say_what_to_fix(env: dict[str, str], named: str):
    with pytest.raises(ConfigError, match=named):
        Settings.from_env(env)


def test_the_secret_is_not_in_the_settings_repr():
    assert "geheim" not in repr(Settings.from_env(_env(GRAPH_CLIENT_SECRET="geheim")))
