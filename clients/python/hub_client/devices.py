"""Finding the one device a scan names."""

from hub_client.client import HubClient
from hub_client.errors import HubError
from hub_client.generated.fragments import DeviceFields
from hub_client.paging import iter_nodes
from hub_client.scans import Scan


class AmbiguousScan(HubError):
    """A bare serial number matched units of several models; scan the full UDI instead."""

    def __init__(self, scan: Scan, devices: list[DeviceFields]) -> None:
        models = ", ".join(sorted({d.device_model.name or "?" for d in devices if d.device_model}))
        super().__init__(f"serial {scan.serial!r} is used by several models: {models}")
        self.devices = devices


def model_id_for(client: HubClient, scan: Scan) -> str | None:
    """The ID of the model whose UDI-DI is the scan's GTIN, if the hub knows one."""
    if scan.gtin is None:
        return None
    models = client.device_models_by_udi_di(scan.gtin).device_models.nodes
    return models[0].id if len(models) == 1 else None


def find_device(client: HubClient, scan: Scan) -> DeviceFields | None:
    """The device a scan names: by model (from the GTIN) and serial, else by the stored UDI
    exactly as scanned, else, for a bare serial, the only unit with that serial number."""
    model_id = model_id_for(client, scan)
    if model_id is not None and scan.serial is not None:
        device = client.device_by_serial_and_model(scan.serial, model_id).device
        if device is not None:
            return device
    if scan.gtin is not None:
        stored = client.devices_by_udi(scan.raw).devices.nodes
        return stored[0] if len(stored) == 1 else None
    return _only_unit_with_serial(client, scan)


def _only_unit_with_serial(client: HubClient, scan: Scan) -> DeviceFields | None:
    # The filter matches substrings: page through the candidates, keep exact matches.
    matches = [
        device
        for device in iter_nodes(
            lambda after: client.devices_by_serial(scan.raw, first=100, after=after).devices
        )
        if device.serial_number == scan.raw
    ]
    if len(matches) > 1:
        raise AmbiguousScan(scan, matches)
    return matches[0] if matches else None
