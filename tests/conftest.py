import os
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection, connections, transaction

PROJECT_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture
def run_manage():
    """Run `manage.py` in a child process with a controlled environment.

    Settings-related variables of the current environment are removed first, so
    each test states exactly the configuration it means.
    """

    def run(*arguments, env=None, timeout=60):
        import subprocess

        child_env = {
            key: value
            for key, value in os.environ.items()
            if not is_settings_variable(key)
            and key
            not in {
                "DEBUG",
                "CSRF_TRUSTED_ORIGINS",
                "LOG_LEVEL",
                "DJANGO_SETTINGS_MODULE",
                "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests only
            }
        }
        child_env.update(env or {})
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=PROJECT_DIR,
            env=child_env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    return run


IMPORTED = ["000", "001", "002", "003", "004"]


@pytest.fixture(scope="session")
def imported_database(django_db_setup, django_db_blocker):
    """A copy of the test database with the shipped documents imported, made once per
    session (the import takes seconds per document): `CREATE DATABASE … TEMPLATE` copies
    the migrated test database, the real import is committed in the copy, and `imported`
    points the tests at it. Dropped at the end of the session."""
    from sources.documents import DOCUMENTS_BY_CODE
    from sources.importer import import_document

    test_database = connection.settings_dict["NAME"]
    copy = f"{test_database}_imported"
    with django_db_blocker.unblock():
        _copy_database(test_database, copy)
        with _connected_to(copy):
            outcomes = {code: import_document(DOCUMENTS_BY_CODE[code]) for code in IMPORTED}
        yield copy, outcomes
        connections.close_all()
        _server_statement(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')


@pytest.fixture(scope="module")
def imported(imported_database, django_db_blocker):
    """The real import of the shipped documents, for a module: its tests run on the
    session's imported copy of the test database, inside a transaction rolled back after
    the module (as each test's own is after the test), so no module sees another's writes."""
    copy, outcomes = imported_database
    with django_db_blocker.unblock(), _connected_to(copy), transaction.atomic():
        yield outcomes
        transaction.set_rollback(True)


def _server_statement(sql: str, arguments=()) -> None:
    """A statement on the server's maintenance database (creating or dropping one)."""
    with connection._nodb_cursor() as cursor:
        cursor.execute(sql, arguments)


def _copy_database(source: str, copy: str) -> None:
    connections.close_all()  # a template database takes no connection
    _server_statement(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid()",
        [source],
    )  # nor any other, such as a live server's thread left open
    _server_statement(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')  # an aborted run's
    _server_statement(f'CREATE DATABASE "{copy}" TEMPLATE "{source}"')


@contextmanager
def _connected_to(database: str):
    """Every alias on the test database is pointed at `database` meanwhile (a mirror
    alias follows it); the connections reopen on first use."""
    test_database = connection.settings_dict["NAME"]
    moved = [
        alias for alias in connections if connections[alias].settings_dict["NAME"] == test_database
    ]
    if any(connections[alias].in_atomic_block for alias in moved):
        raise RuntimeError("`imported` needs the database outside any transaction")
    for alias in moved:
        connections[alias].close()
        connections[alias].settings_dict["NAME"] = database
    try:
        yield
    finally:
        for alias in moved:
            connections[alias].close()
            connections[alias].settings_dict["NAME"] = test_database


def pytest_configure(config):
    """Tests hash passwords with MD5: the production hasher (PBKDF2, hundreds of thousands
    of rounds) is slow on purpose, and every test that logs an animator in pays it. Set
    before any password is hashed, so Django's cache of hashers never holds the slow one."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(items):
    """A test reading the `imported` documents must carry the django_db mark: unmarked,
    pytest-django runs it after the transactional tests, whose flush has emptied the
    territories the import needs."""
    unmarked = [
        item.nodeid
        for item in items
        if "imported" in getattr(item, "fixturenames", ())
        and item.get_closest_marker("django_db") is None
    ]
    if unmarked:
        raise pytest.UsageError(
            "tests using `imported` without @pytest.mark.django_db: " + ", ".join(unmarked)
        )


@pytest.fixture(autouse=True, scope="session")
def library_files(tmp_path_factory):
    """Library files written by the tests go to a temporary directory, not to var/."""
    from vita.files import library_storage

    storage = library_storage()  # the instance the Resource.file field holds
    storage._location = str(tmp_path_factory.mktemp("library"))
    storage._clear_cached_properties("MEDIA_ROOT")  # its location was computed from _location
    return Path(storage.location)


# Variables a test of the settings states itself, never inherited from the caller.
SETTINGS_VARIABLES = {"SECRET_KEY", "ALLOWED_HOSTS", "MEDIA_ROOT", "VITA_SERVES_REQUESTS",
                      "STATEMENT_TIMEOUT_SECONDS"}  # fmt: skip
SETTINGS_PREFIXES = ("DATABASE_", "OBJECT_STORAGE_")


def is_settings_variable(name: str) -> bool:
    return name in SETTINGS_VARIABLES or name.startswith(SETTINGS_PREFIXES)


@pytest.fixture
def settings_module_with(monkeypatch):
    """Execute a fresh copy of vita/settings.py under the given environment."""
    import importlib.util

    from vita import settings as live_settings

    def load(environment):
        for variable in [name for name in os.environ if is_settings_variable(name)]:
            monkeypatch.delenv(variable)
        monkeypatch.setenv("DEBUG", "true")
        for variable, value in environment.items():
            monkeypatch.setenv(variable, value)
        spec = importlib.util.spec_from_file_location("settings_under_test", live_settings.__file__)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


# -- object storage ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3 server on loopback: the S3 API over real HTTP, as a bucket of an
    S3-compatible service answers it. Started for the tests that ask for it."""
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


class Bucket:
    """A bucket of the S3 server, read and written around the portal's back."""

    def __init__(self, endpoint: str, name: str):
        import boto3

        self.name = name
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="vita-test",
            aws_secret_access_key="vita-test",  # noqa: S106 - the local test server's
        )
        self.client.create_bucket(Bucket=name)

    def keys(self) -> set[str]:
        listed = self.client.list_objects_v2(Bucket=self.name)
        return {entry["Key"] for entry in listed.get("Contents", [])}

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def content_type(self, key: str) -> str:
        return self.client.head_object(Bucket=self.name, Key=key)["ContentType"]

    def write(self, key: str, content: bytes) -> None:
        self.client.put_object(Bucket=self.name, Key=key, Body=content)

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.name, Key=key)


@pytest.fixture
def object_storage(s3_endpoint, settings_module_with, settings, monkeypatch):
    """The portal configured as OBJECT_STORAGE_BUCKET configures it, on a new bucket:
    the library's files and the media are then in that bucket."""
    import uuid

    from django.core.files.storage import storages

    from resources.models import Resource
    from vita.models import ImportJob

    bucket = Bucket(s3_endpoint, f"vita-{uuid.uuid4().hex[:16]}")
    configured = settings_module_with(
        {
            "OBJECT_STORAGE_BUCKET": bucket.name,
            "OBJECT_STORAGE_ENDPOINT_URL": s3_endpoint,
            "OBJECT_STORAGE_REGION": "us-east-1",
            "OBJECT_STORAGE_ACCESS_KEY_ID": "vita-test",
            "OBJECT_STORAGE_SECRET_ACCESS_KEY": "vita-test",
        }
    )
    settings.STORAGES = configured.STORAGES
    # File fields hold the storage they were given when the models were built.
    for model in (Resource, ImportJob):
        monkeypatch.setattr(model._meta.get_field("file"), "storage", storages["library"])
    return bucket


@pytest.fixture
def animator(db):
    """An animator of the network (staff, group Animateur), who edits in the admin."""
    from tests import factories
    from vita.roles import ANIMATEUR

    return factories.UserFactory(username="animatrice", groups=[ANIMATEUR], is_staff=True)


@pytest.fixture
def animator_client(client, animator):
    """The test client, logged in as `animator` (`client.user`)."""
    client.force_login(animator)
    client.user = animator
    return client


@pytest.fixture
def group_a2(db):
    """The working group a filled card template names (« A2 — Alliances stratégiques »)."""
    from tests import factories

    return factories.WorkingGroupFactory(code="A2", name="Alliances stratégiques")
