"""Strawberry types, inputs, enums and errors, a module per aggregate, and the relation fields
they resolve through the request's DataLoaders; `hub/api.py` assembles them."""
