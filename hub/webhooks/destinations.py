"""Where webhooks may point: not at the hub's own network (loopback, link-local, private and
other non-public ranges) unless the operator's allow-list names the host or its network.

The URL is checked when a webhook is registered or changed, and the addresses its host name
resolves to are checked again before every delivery, so that a public name later pointed at
an internal address does not reach it either.
"""

import asyncio
import ipaddress
import socket
from collections.abc import Sequence

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal")


class Allowlist:
    """Hosts and networks named by `HUB_WEBHOOK_ALLOW_PRIVATE`: IPs, CIDR networks or names."""

    def __init__(self, entries: Sequence[str]) -> None:
        self._networks = []
        self._names = set()
        for entry in entries:
            try:
                self._networks.append(ipaddress.ip_network(entry.strip(), strict=False))
            except ValueError:
                self._names.add(entry.strip().lower().rstrip("."))

    def names(self, host: str) -> bool:
        """Does the allow-list name this host?"""
        return host.lower().rstrip(".") in self._names

    def covers(self, address: IPAddress) -> bool:
        """Does the allow-list name this address or a network holding it?"""
        return any(address in network for network in self._networks)


def _address(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _internal(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def refusal(host: str, allowlist: Allowlist) -> str | None:
    """Why a webhook may not target `host` (None: it may), judged from the host as written."""
    if allowlist.names(host):
        return None
    address = _address(host)
    if address is None:
        name = host.lower().rstrip(".")
        if name == "localhost" or name.endswith(_LOCAL_NAMES):
            return f"{host} is a local host name; name it in HUB_WEBHOOK_ALLOW_PRIVATE to allow it."
        return None
    if _internal(address) and not allowlist.covers(address):
        return (
            f"{host} is a loopback, link-local or private address; name it in "
            "HUB_WEBHOOK_ALLOW_PRIVATE to allow it."
        )
    return None


async def delivery_refusal(host: str, port: int, allowlist: Allowlist) -> str | None:
    """Why a delivery may not go to `host` now: `refusal`, or a resolved internal address.

    A name that does not resolve is left to the HTTP client, which reports it as it connects.
    """
    reason = refusal(host, allowlist)
    if reason is not None or allowlist.names(host) or _address(host) is not None:
        return reason
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        return None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if _internal(address) and not allowlist.covers(address):
            return f"{host} resolves to {address}, an internal address."
    return None
