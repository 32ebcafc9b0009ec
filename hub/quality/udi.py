"""UDI strings: GS1 element strings parsed fully (biip); MA and AHM codes kept raw.

A GS1 UDI arrives either as human-readable text with parentheses, `(01)06941234567892(21)SN1`,
or as scanned raw data: an optional symbology identifier (`]C1`, `]d2`, `]Q3`), then AIs with the
GS character (FNC1) ending each variable-length field.
"""

import re
from dataclasses import dataclass
from datetime import date

from biip import ParseError
from biip.gs1_messages import GS1Message
from biip.gtin import Gtin

from hub.errors import ErrorCode
from hub.quality.invalid import Invalid

_SYMBOLOGY = re.compile(r"^\][A-Za-z]\d")
_GS = "\x1d"
# The other two issuing agencies NMPA accepts: MA codes (ISO/IEC 15459 issuer "MA") and AHM.
_NON_GS1 = re.compile(r"^(MA\.|AHM)", re.IGNORECASE)


@dataclass(frozen=True)
class Udi:
    """What a UDI says. `issuer` is GS1, MA or AHM; only GS1 strings are parsed."""

    issuer: str
    gtin: str | None = None
    lot: str | None = None
    serial: str | None = None
    produced_on: date | None = None
    expires_on: date | None = None


def check_gtin(value: str) -> str:
    """A GTIN-14 (UDI-DI) with a correct check digit; shorter GTINs are padded with zeros."""
    digits = value.strip()
    if not digits.isdigit() or len(digits) not in (8, 12, 13, 14):
        raise Invalid(ErrorCode.INVALID, "A UDI-DI (GTIN) has 14 digits.")
    try:
        Gtin.parse(digits)
    except ParseError as error:
        raise Invalid(ErrorCode.INVALID_CHECKSUM, "The GTIN's check digit is wrong.") from error
    return digits.zfill(14)


def _gs1_message(value: str) -> GS1Message:
    if value.startswith("("):
        return GS1Message.parse_hri(value)
    return GS1Message.parse(_SYMBOLOGY.sub("", value).lstrip(_GS))


def parse_udi(value: str) -> Udi:
    """The parts of a UDI; Invalid when a GS1 string is malformed or inconsistent."""
    text = value.strip()
    if _NON_GS1.match(text):
        return Udi(issuer="AHM" if text.upper().startswith("AHM") else "MA")
    try:
        message = _gs1_message(text)
    except ParseError as error:
        raise Invalid(ErrorCode.INVALID, "Not a GS1 UDI element string.") from error
    found = {element.ai.ai: element for element in message.element_strings}
    if "01" not in found:
        raise Invalid(ErrorCode.INVALID, "A GS1 UDI starts with the GTIN, AI (01).")
    gtin = check_gtin(found["01"].value)
    udi = Udi(
        issuer="GS1",
        gtin=gtin,
        lot=found["10"].value if "10" in found else None,
        serial=found["21"].value if "21" in found else None,
        produced_on=found["11"].date if "11" in found else None,
        expires_on=found["17"].date if "17" in found else None,
    )
    if udi.produced_on and udi.expires_on and udi.expires_on <= udi.produced_on:
        raise Invalid(ErrorCode.INVALID_DATE, "The UDI's expiry date is not after production.")
    return udi


def check_udi(value: str) -> str:
    """A UDI that parses; stored as given, trimmed."""
    parse_udi(value)
    return value.strip()
