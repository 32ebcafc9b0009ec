"""Strawberry types, inputs, enums and errors; `schema.py` assembles them."""
