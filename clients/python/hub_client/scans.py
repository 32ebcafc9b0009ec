"""What a barcode scanner at the dock or a service engineer's phone reads off a device.

A GS1 UDI arrives as human-readable text, `(01)06941234567892(17)271231(10)2412A147(21)SN1`,
or as raw scanner data (optional symbology identifier such as `]C1`, GS separators); anything
that is not a GS1 element string with a GTIN is taken as a bare serial number.
"""

from dataclasses import dataclass

import biip
from biip import ParseError
from biip.gs1_messages import GS1Message


@dataclass(frozen=True)
class Scan:
    """The parts of one scan: `gtin` (the UDI-DI) is None for a bare serial number."""

    raw: str
    serial: str | None
    gtin: str | None = None
    lot: str | None = None


def _gs1_message(value: str) -> GS1Message | None:
    try:
        if value.startswith("("):
            return GS1Message.parse_hri(value)
        return biip.parse(value).gs1_message
    except ParseError:
        return None


def parse_scan(text: str) -> Scan:
    """Split a scanned UDI into GTIN, lot and serial; a plain serial is kept as it is."""
    value = text.strip()
    message = _gs1_message(value)
    elements = {} if message is None else {e.ai.ai: e.value for e in message.element_strings}
    if "01" not in elements:
        return Scan(raw=value, serial=value)
    return Scan(raw=value, serial=elements.get("21"), gtin=elements["01"], lot=elements.get("10"))
