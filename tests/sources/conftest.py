import pytest
from django.db import transaction

from sources.documents import DOCUMENTS_BY_CODE
from sources.importer import import_document

IMPORTED = ["000", "001", "002", "003", "004"]


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """The real import of the shipped documents, once per module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        outcomes = {code: import_document(DOCUMENTS_BY_CODE[code]) for code in IMPORTED}
        yield outcomes
        transaction.set_rollback(True)
