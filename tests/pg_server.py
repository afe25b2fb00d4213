"""A throwaway PostgreSQL server for the tests and benchmarks.

`CONSOLE_TEST_PG_URL` names an existing server to use. Otherwise, when PostgreSQL's programs are
installed (Debian's `postgresql` package puts them in /usr/lib/postgresql/<version>/bin), a private
cluster is created in a temporary folder, listening on loopback only, and removed afterwards.
PostgreSQL refuses to run as root, so under root the cluster belongs to the `postgres` user.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV_URL = "CONSOLE_TEST_PG_URL"


def find_bin_dir() -> Path | None:
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PrivateServer:
    """A PostgreSQL cluster of our own in a temporary folder, which a test may stop and start again."""

    def __init__(self, bin_dir: Path) -> None:
        self._bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="console-pg-"))
        self._data = self.root / "data"
        self.port = _free_port()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        subprocess.run(
            _as_owner(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(self._data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                ]
            ),
            check=True,
            capture_output=True,
        )

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        )
        subprocess.run(
            _as_owner(
                [
                    str(self._bin / "pg_ctl"),
                    "-D",
                    str(self._data),
                    "-o",
                    options,
                    "-l",
                    str(self.root / "server.log"),
                    "-w",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )

    def stop(self, mode: str = "fast") -> None:
        """Stop the server; "fast" rolls back open transactions and closes every connection."""
        subprocess.run(
            _as_owner([str(self._bin / "pg_ctl"), "-D", str(self._data), "-m", mode, "-w", "stop"]),
            capture_output=True,
        )

    def _processes(self) -> list[int]:
        postmaster = int((self._data / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout
        return [postmaster, *(int(pid) for pid in children.split())]

    def freeze(self) -> None:
        """Stop the server's processes dead (SIGSTOP): connections stay open but nothing answers,
        as with a hung server or a network that silently drops packets."""
        for pid in self._processes():
            os.kill(pid, signal.SIGSTOP)

    def thaw(self) -> None:
        for pid in self._processes():
            os.kill(pid, signal.SIGCONT)

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def private_server() -> Iterator[PrivateServer]:
    """A started private server, removed afterwards; RuntimeError when PostgreSQL is not installed."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise RuntimeError(
            "PostgreSQL is not installed (no initdb found); set CONSOLE_TEST_PG_URL or install it"
        )
    server = PrivateServer(bin_dir)
    try:
        server.start()
        yield server
    finally:
        server.remove()


@contextmanager
def running_server() -> Iterator[str]:
    """Yield a SQLAlchemy URL of a PostgreSQL server, the configured one or a private one."""
    configured = os.environ.get(ENV_URL)
    if configured:
        yield configured
        return
    with private_server() as server:
        yield server.url


def create_database(server_url: str, name: str, template: str | None = None) -> str:
    """Create database `name` on the server (empty, or a copy of `template`) and return its URL."""
    import psycopg
    from sqlalchemy import make_url

    url = make_url(server_url).set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        copy = f' TEMPLATE "{template}"' if template else ""
        connection.execute(f'CREATE DATABASE "{name}"{copy}')
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)
