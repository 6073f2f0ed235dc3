import os
import sys
from pathlib import Path

import pytest
from django.db import transaction

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
            if key
            not in {
                "DATABASE_URL",
                "SECRET_KEY",
                "DEBUG",
                "ALLOWED_HOSTS",
                "CSRF_TRUSTED_ORIGINS",
                "MEDIA_ROOT",
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


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """The real import of the shipped documents, once per module, rolled back after it."""
    from sources.documents import DOCUMENTS_BY_CODE
    from sources.importer import import_document

    with django_db_blocker.unblock(), transaction.atomic():
        outcomes = {code: import_document(DOCUMENTS_BY_CODE[code]) for code in IMPORTED}
        yield outcomes
        transaction.set_rollback(True)


@pytest.fixture(autouse=True, scope="session")
def library_files(tmp_path_factory):
    """Library files written by the tests go to a temporary directory, not to var/."""
    from resources.files import library_storage

    storage = library_storage()  # the instance the Resource.file field holds
    storage._location = str(tmp_path_factory.mktemp("library"))
    storage._clear_cached_properties("MEDIA_ROOT")  # its location was computed from _location
    return Path(storage.location)
