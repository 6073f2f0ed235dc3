"""The French dictionary's measure of the imported text: at most 0.6 % of the lower-case
words of each document (and of the 2008 recueil's groups) unknown to hunspell-fr."""

import shutil

import pytest

from sources import spelling
from sources.documents import DOCUMENTS
from sources.importer import parse_document

GOAL = 0.006


@pytest.fixture(scope="module")
def readings():
    return {
        document.code: spelling.read_document(parse_document(document)) for document in DOCUMENTS
    }


@pytest.mark.parametrize("code", [document.code for document in DOCUMENTS])
def test_each_document_reads_as_french(readings, code):
    for part, reading in readings[code].items():
        assert reading.words > 0
        listed = "\n".join(
            f"  {count} × « {word} » ({reading.where[word]})"
            for word, count in reading.unknown.most_common()
        )
        assert reading.share <= GOAL, (
            f"document {code} ({part}): {reading.share:.2%} of {reading.words} lower-case "
            f"words unknown to the dictionary:\n{listed}"
        )


def test_the_2008_groups_are_measured_apart(readings):
    assert readings["000"]["groups"].words > 3000


def test_words_are_cut_as_the_measure_says():
    words = spelling.lower_case_words(
        "L’insertion d'aujourd’hui, socio-professionnelle : voir www.vita-ressources.org "
        "ou contact@coorace.org ; le GEIQ Tremplin aaccepté"
    )
    assert words == ["insertion", "professionnelle", "voir", "aaccepté"]


def test_the_dictionary_knows_french_and_refuses_damage():
    unknown = spelling.unknown_to_dictionary({"insertion", "coopération", "aaccepté", "enjuin"})
    assert unknown == {"aaccepté", "enjuin"}


def test_a_missing_dictionary_fails_rather_than_skips(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(spelling.DictionaryMissing, match="hunspell-fr"):
        spelling.unknown_to_dictionary({"insertion"})


def test_every_allowed_word_is_justified():
    spelling.allowed_words.cache_clear()
    assert all(word.islower() for word in spelling.allowed_words())
