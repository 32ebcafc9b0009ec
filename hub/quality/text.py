"""Normalising names on write: trimmed, one space between words, full-width → half-width."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalise_name(value: str) -> str:
    """NFKC (full-width letters, digits and brackets become ASCII), trimmed, spaces collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", value)).strip()
