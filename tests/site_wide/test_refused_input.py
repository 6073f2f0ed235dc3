"""What the portal cannot store is refused in French, never answered 500 (issue 18): a
character PostgreSQL or XML refuses, at the edge (`vita.middleware`), in a parameter, a
field, the address or a file's name; a user name longer than an account's, on the site's
and the admin's logins. The sweep of every page and form is tests/site_wide/test_input_sweep.py."""

import html

import pytest
from axes.models import AccessAttempt
from django.db import connection

from experiences.models import CardSubmission, ExperienceCard
from tests import factories, files
from tests.html import count_tags
from vita.text import refused_character

pytestmark = pytest.mark.django_db

# The lists whose search answered 500 for « ?q=%00 ».
LISTS = ["/experiences/", "/ressources/", "/recherche/", "/groupes/", "/manuel/", "/structures/"]
REFUSED = "contient un caractère invisible que le site n'accepte pas"


@pytest.fixture
def content(db):
    """Something for each list to search."""
    card = factories.ExperienceCardFactory(title="Un garage solidaire")
    factories.CardListingFactory(card=card, working_group=factories.WorkingGroupFactory())
    factories.FicheFactory()
    factories.ResourceFactory(title="Guide de la mobilité")


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _writes() -> int:
    """Rows this test's transaction inserted, updated or deleted so far."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) "
            "FROM pg_stat_xact_user_tables"
        )
        return cursor.fetchone()[0]


def test_the_refused_characters_are_those_postgresql_or_xml_refuses():
    controls = [chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"]
    refused = [*controls, "\ufffe", "\uffff", "\ud800", "\udfff"]
    allowed = ["\t", "\n", "\r", " ", "é", "\x7f", "\u00ad", "\ufffd", "\U0001f600", "«»"]

    assert [c for c in refused if refused_character(f"a{c}b") != c] == []
    assert [c for c in allowed if refused_character(f"a{c}b") is not None] == []


@pytest.mark.parametrize("path", LISTS)
def test_a_nul_in_a_list_s_search_is_refused_in_french(client, content, path):
    response = client.get(path, QUERY_STRING="q=%00")

    assert response.status_code == 400
    page = _page(response)
    assert f"Le paramètre « q » {REFUSED} (U+0000)" in page
    assert "bouton « Retour »" not in page  # nothing was typed in a form
    assert count_tags(response.content, "h1") == 1


def test_a_refused_character_in_a_parameter_s_name_is_named_too(client):
    response = client.get("/experiences/", QUERY_STRING="q%01=garage")

    assert response.status_code == 400
    assert f"Le nom du paramètre « q\ufffd » {REFUSED} (U+0001)" in _page(response)


def test_a_posted_field_is_refused_before_anything_is_written(client):
    before = _writes()

    response = client.post(
        "/experiences/proposer/",
        {"contact_name": "Jeanne\x00Martin", "contact_email": "jeanne@aire35.fr",
         "title": "Un garage", "porteur": "Garage", "region": "53", "actions": "Des ateliers"},
    )  # fmt: skip

    assert response.status_code == 400
    page = _page(response)
    assert f"Le champ « contact_name » {REFUSED} (U+0000)" in page
    assert "le bouton « Retour » de votre navigateur ramène au formulaire rempli" in page
    assert _writes() == before
    assert not ExperienceCard.objects.exists() and not CardSubmission.objects.exists()


def test_the_address_is_checked_too(client):
    group = factories.WorkingGroupFactory()

    response = client.get(f"/groupes/{group.code}%00/")

    assert response.status_code == 400
    assert f"L'adresse de la page {REFUSED} (U+0000)" in _page(response)


def test_a_file_s_name_reaches_the_view_without_its_refused_characters(client, monkeypatch):
    """Django's multipart parser drops them (its `sanitize_file_name`): nothing to refuse."""
    from experiences import card_template

    names = []
    monkeypatch.setattr(card_template, "check_upload", lambda upload: names.append(upload.name))

    response = client.post(
        "/experiences/proposer/",
        {"mode": "fichier", "fichier": files.upload("fiche\x00\x1f\uffff.docx", b"x")},
    )

    assert response.status_code == 200
    assert names == ["fiche.docx"]


# -- the logins ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/connexion/", "/admin/login/"])
def test_a_user_name_longer_than_an_account_s_is_a_form_error(client, path):
    response = client.post(path, {"username": "x" * 300, "password": "y"})

    assert response.status_code == 200
    assert "comporte au plus 150 caractères (actuellement 300)" in _page(response)
    assert not AccessAttempt.objects.exists()  # django-axes was not asked to record it


@pytest.mark.parametrize("path", ["/connexion/", "/admin/login/"])
def test_a_failed_login_of_the_longest_user_name_is_still_counted(client, path):
    response = client.post(path, {"username": "x" * 150, "password": "y"})

    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "x" * 150
