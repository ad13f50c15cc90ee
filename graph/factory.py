"""Build the GraphClient from the settings: which azure-identity credential, where Graph is."""

from __future__ import annotations

from pathlib import Path

from azure.core.credentials_async import AsyncTokenCredential
from azure.identity.aio import CertificateCredential, ClientSecretCredential, OnBehalfOfCredential

from config import Settings
from graph.client import CredentialFactory, GraphClient


def app_credential(settings: Settings) -> AsyncTokenCredential:
    """The app-only credential: a certificate when GRAPH_CERTIFICATE_PATH is set, else the client secret."""
    if settings.graph_certificate_path:
        return CertificateCredential(
            settings.graph_tenant_id, settings.graph_client_id, certificate_path=settings.graph_certificate_path
        )
    return ClientSecretCredential(settings.graph_tenant_id, settings.graph_client_id, settings.graph_client_secret)


def on_behalf_of_factory(settings: Settings) -> CredentialFactory:
    """Makes an OnBehalfOfCredential for a signed-in person's token, with the same app secret or certificate."""
    certificate = Path(settings.graph_certificate_path).read_bytes() if settings.graph_certificate_path else None

    def credential(user_assertion: str) -> AsyncTokenCredential:
        if certificate is not None:
            return OnBehalfOfCredential(
                settings.graph_tenant_id,
                settings.graph_client_id,
                client_certificate=certificate,
                user_assertion=user_assertion,
            )
        return OnBehalfOfCredential(
            settings.graph_tenant_id,
            settings.graph_client_id,
            client_secret=settings.graph_client_secret,
            user_assertion=user_assertion,
        )

    return credential


def graph_from_settings(settings: Settings) -> GraphClient | None:
    """The GraphClient the settings describe; None when no Graph app registration is configured."""
    if not settings.graph_enabled:
        return None
    return GraphClient(
        app_credential(settings),
        teams_app_id=settings.teams_app_id,
        base_url=settings.graph_base_url,
        on_behalf_of=on_behalf_of_factory(settings),
    )
