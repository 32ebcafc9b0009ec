"""Webhooks: signed HTTP POSTs of change-feed events to registered URLs, retried from the DB."""
