import pytest

from sources.documents import DOCUMENTS_BY_CODE
from sources.importer import parse_document


@pytest.fixture(scope="session")
def parsed_000():
    """The 2008 scan as the import reads it (corrections applied), parsed once per session:
    a parse repairs every word of the scan and takes seconds. Tests read it, never change it."""
    return parse_document(DOCUMENTS_BY_CODE["000"])
