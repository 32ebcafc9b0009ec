"""Fixtures for the customer-archive tests: role clients and the CLI's database URL."""

from tests.authz.conftest import as_role  # noqa: F401 - the permission tests' fixture, for ours
from tests.test_cli import database_url  # noqa: F401 - the CLI tests' fixture, for ours
