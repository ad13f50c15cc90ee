"""Microsoft Graph: the only package importing msgraph-sdk, kiota and azure-identity; implements the Graph port."""

from graph.client import GraphClient
from graph.factory import graph_from_settings

__all__ = ["GraphClient", "graph_from_settings"]
