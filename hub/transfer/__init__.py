"""Moving whole databases in and out: NDJSON export with a manifest, and restore."""
