"""The OCR repair of 000 reads hunspell-fr's answers from a committed lexicon: the import
needs nothing but Python, and the lexicon never drifts from the dictionary or the rules."""

import shutil

from sources.documents import DOCUMENTS_BY_CODE
from sources.importer import parse_document
from sources.repair import ocr


def test_the_committed_lexicon_is_what_the_dictionary_answers_today():
    assert ocr.LEXICON_FILE.read_text(encoding="utf-8") == ocr.recorded_lexicon(), (
        "the OCR rules or the text of 000 changed: run python manage.py write_ocr_lexicon"
    )


def test_the_import_reads_000_without_hunspell(monkeypatch):
    monkeypatch.setattr(ocr, "_speller", ocr.Speller())
    with_dictionary = parse_document(DOCUMENTS_BY_CODE["000"])
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(ocr, "_speller", None)
    without = parse_document(DOCUMENTS_BY_CODE["000"])
    assert isinstance(ocr.default_speller(), ocr.Lexicon)
    assert without == with_dictionary
