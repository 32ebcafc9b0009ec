"""Fixtures of the service tests: the CLI tests' database URL and the role clients."""

from tests.authz.conftest import as_role  # noqa: F401 - clients per role, for ours
from tests.test_cli import database_url  # noqa: F401 - the CLI tests' fixture, for ours
