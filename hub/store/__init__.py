"""Data functions per aggregate: they take a session, validate, write and audit; never commit."""
