"""Teams/Bot Framework edge of Vraagbaak: the only package that imports botbuilder."""

from bot.connector import ConnectorError, RetryPolicy
from bot.endpoint import Handle, MessagesEndpoint, create_endpoint
from bot.proactive import ConnectorMessenger
from bot.tokens import NoToken, StaticToken, TokenProvider

__all__ = [
    "ConnectorError",
    "ConnectorMessenger",
    "Handle",
    "MessagesEndpoint",
    "NoToken",
    "RetryPolicy",
    "StaticToken",
    "TokenProvider",
    "create_endpoint",
]
