"""May this unit ship to this buyer? Scan a UDI (or type a serial) at the dock.

    HUB_URL=http://127.0.0.1:8000 HUB_API_KEY=hub_... python wms_ship_check.py SCAN INSTITUTION_CODE

Prints ALLOWED or DENIED, then one line per reason; exits 0 when allowed, 1 when denied.
"""

import argparse
import sys
from collections.abc import Sequence

from hub_client import AmbiguousScan, HubClient, HubError, find_device, model_id_for, parse_scan
from hub_client.generated.fragments import ComplianceFieldsReasons


def _print_decision(decision: str, reasons: Sequence[ComplianceFieldsReasons]) -> None:
    print(decision)
    for reason in reasons:
        kind = f" ({reason.certificate_kind.value})" if reason.certificate_kind else ""
        print(f"  {reason.code.value}{kind}: {reason.message}")


def _denied(code: str, message: str) -> int:
    """A refusal decided before asking the hub (nothing to ask it about)."""
    print("DENIED")
    print(f"  {code}: {message}")
    return 1


def check(client: HubClient, scanned: str, institution_code: str) -> int:
    """Look up buyer and unit, ask the hub, print the decision; the exit status."""
    buyer = client.institution_by_code(institution_code).institution
    if buyer is None:
        return _denied("UNKNOWN_INSTITUTION", f"No institution has the code {institution_code}.")
    scan = parse_scan(scanned)
    try:
        device = find_device(client, scan)
    except AmbiguousScan as error:
        return _denied("AMBIGUOUS_SERIAL", f"{error}; scan the full UDI.")
    if device is not None and device.serial_number and device.device_model:
        serial, model_id = device.serial_number, device.device_model.id
    else:
        # The hub refuses units it does not know (DEVICE_NOT_FOUND) once it knows the model.
        serial, model_id = scan.serial, model_id_for(client, scan)
        if serial is None or model_id is None:
            return _denied("DEVICE_NOT_FOUND", f"The hub knows no unit or model for {scanned!r}.")
    result = client.compliance_check_by_device(buyer.id, serial, model_id)
    check = result.compliance_check_by_device
    _print_decision(check.decision.value, check.reasons)
    return 0 if check.decision.value == "ALLOWED" else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments and run the check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scan", help="a GS1 UDI, (01)…(21)…, or a bare serial number")
    parser.add_argument("institution_code", help="the buyer's hub code, e.g. DIS-310104-01")
    args = parser.parse_args(argv)
    try:
        with HubClient.from_env() as client:
            return check(client, args.scan, args.institution_code)
    except HubError as error:
        print(f"wms_ship_check: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
