"""Duplicate detection and merging.

The matching engine (`normalise`, `comparators`, `rules`, `engine`) works on plain mappings and
needs no database; `candidates`, `merge` and `undo` apply it to stored records.
"""
