"""parse_scan: GS1 UDIs as printed or as scanned, and bare serial numbers."""

from hub_client import Scan, parse_scan


def test_a_printed_udi_gives_gtin_lot_and_serial() -> None:
    scan = parse_scan("(01)06901234567892(17)271231(10)2412A147(21)SN-77")
    assert scan == Scan(
        raw="(01)06901234567892(17)271231(10)2412A147(21)SN-77",
        serial="SN-77",
        gtin="06901234567892",
        lot="2412A147",
    )


def test_raw_scanner_data_with_symbology_and_group_separator_is_understood() -> None:
    scan = parse_scan("]C1010690123456789217271231102412A147\x1d21SN-77")
    assert (scan.gtin, scan.lot, scan.serial) == ("06901234567892", "2412A147", "SN-77")


def test_anything_else_is_a_bare_serial_number() -> None:
    assert parse_scan(" DS-0001 \n") == Scan(raw="DS-0001", serial="DS-0001")
