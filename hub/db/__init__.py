"""Database layer: engine, sessions, portable column types and ORM models."""
