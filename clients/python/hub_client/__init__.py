"""Typed Python client for the device master-data hub."""

from hub_client.changes import BatchHandler, ChangeEvent, ChangeFollower
from hub_client.client import BearerAuth, HubClient, graphql_endpoint, raise_for_user_errors
from hub_client.cursors import CursorStore, FileCursor, SqliteCursor
from hub_client.devices import AmbiguousScan, find_device, model_id_for
from hub_client.errors import (
    GraphQLErrorDetail,
    HubConnectionError,
    HubError,
    HubGraphQLError,
    HubHttpError,
    HubUnavailable,
    HubUserErrors,
    UserErrorDetail,
)
from hub_client.paging import iter_nodes, iter_pages
from hub_client.retrying import RetryPolicy, log_retry
from hub_client.scans import Scan, parse_scan

__all__ = [
    "AmbiguousScan",
    "BatchHandler",
    "BearerAuth",
    "ChangeEvent",
    "ChangeFollower",
    "CursorStore",
    "FileCursor",
    "GraphQLErrorDetail",
    "HubClient",
    "HubConnectionError",
    "HubError",
    "HubGraphQLError",
    "HubHttpError",
    "HubUnavailable",
    "HubUserErrors",
    "RetryPolicy",
    "Scan",
    "SqliteCursor",
    "UserErrorDetail",
    "find_device",
    "graphql_endpoint",
    "iter_nodes",
    "iter_pages",
    "log_retry",
    "model_id_for",
    "parse_scan",
    "raise_for_user_errors",
]
