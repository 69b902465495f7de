"""Loaded into the app's own process by the browser tests (PYTHONPATH), to prove it never reaches out.

Every name lookup or connection to a host that is not this machine is written to the file ATLAS_NETWORK_LOG names,
then made to wait 30 s, as a DNS that never answers would: a start or page that needed the network would show it.
"""

from __future__ import annotations

import os
import socket
import time
from typing import Any

_LOG = os.environ.get("ATLAS_NETWORK_LOG")
_LOCAL = ("localhost", "127.", "::1", "0.0.0.0")


def _outside(host: object) -> bool:
    name = host.decode() if isinstance(host, bytes) else str(host or "")
    return bool(name) and not name.startswith(_LOCAL)


def _reach(what: str, host: object) -> None:
    if _LOG and _outside(host):
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{what} {host}\n")
        time.sleep(30)


if _LOG:
    _getaddrinfo = socket.getaddrinfo
    _gethostbyname = socket.gethostbyname

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        _reach("getaddrinfo", host)
        return _getaddrinfo(host, *args, **kwargs)

    def gethostbyname(host: str) -> str:
        _reach("gethostbyname", host)
        return _gethostbyname(host)

    class _Socket(socket.socket):
        def connect(self, address: Any) -> None:
            if isinstance(address, tuple):
                _reach("connect", address[0])
            super().connect(address)

        def connect_ex(self, address: Any) -> int:
            if isinstance(address, tuple):
                _reach("connect", address[0])
            return super().connect_ex(address)

    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = gethostbyname
    socket.socket = _Socket  # type: ignore[misc]  # the same class, recorded
