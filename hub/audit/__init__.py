"""Audit writer and change feed."""
