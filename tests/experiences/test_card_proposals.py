"""« Modèle de fiche expérience » and « Proposer une expérience »: the templates follow the
model, filled ones come back as cards in review, wrong ones create nothing."""

import html
import io
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

from experiences import card_template
from experiences.models import CardSubmission, ExperienceCard, PointKind
from organisations.models import Organisation
from resources.models import Resource, ResourceKind
from tests import factories, files
from tests.admin_forms import change_through_admin
from tests.card_template_files import (
    FILLED,
    SUBMITTER,
    filled_docx,
    filled_xlsx,
    send_proposal,
)
from vita import workflow
from vita.models import PublicationStatus
from vita.roles import ANIMATEUR

pytestmark = pytest.mark.django_db
PROPOSE = reverse("experiences:propose")


@pytest.fixture(autouse=True)
def setup(db):
    """Animators to tell, a group to choose."""
    cache.clear()  # the rate limits count in the cache
    factories.UserFactory(username="animatrice", email="animatrice@coorace.org",
                          groups=[ANIMATEUR])  # fmt: skip
    factories.WorkingGroupFactory(code="A2", name="Alliances stratégiques")


def _fields():
    return card_template.template_fields()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what waits for the transaction's commit (the e-mail), as in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _assert_card_as_filled(card):
    assert card.status == PublicationStatus.IN_REVIEW
    assert card.summary == FILLED["En bref"]
    assert card.category == "siae"
    assert card.porteur.name == "Garage solidaire du Pays de Redon"
    assert card.porteur.structure_types == ["aci"]
    assert sorted(p.name for p in card.partners.all()) == ["Conseil départemental",
                                                           "Mission locale"]  # fmt: skip
    assert card.region.code == "53"
    assert [d.code for d in card.departements.all()] == ["35"]
    assert card.territory_name == "Pays de Redon"
    assert (card.scale, card.milieux) == ("intercommunalite", ["rural"])
    assert (card.start_year, card.end_year) == (2019, None)
    assert card.actions == FILLED["L'expérience"]
    points = [(p.kind, p.text) for p in card.points.order_by("kind", "position")]
    assert points == [
        (PointKind.FREIN, "Le coût des pièces"),
        (PointKind.FREIN, "Les horaires"),
        (PointKind.LEVIER, "Un partenariat avec un casse automobile"),
    ]
    assert [t.text for t in card.tools.all()] == ["Convention type de mise à disposition"]
    submission = card.submission
    assert (submission.contact_name, submission.contact_email) == ("Jeanne Martin",
                                                                   "jeanne@aire35.fr")  # fmt: skip


# -- the templates follow the model --------------------------------------------------------


def test_every_field_of_the_card_is_in_the_template_or_left_out_on_purpose():
    in_template = {field.model_field for field in _fields()}
    names = {
        field.name
        for field in ExperienceCard._meta.get_fields()
        if not (field.auto_created and not field.concrete) or field.one_to_many or field.one_to_one
    }

    missing = names - in_template - card_template.NOT_IN_TEMPLATE.keys()

    assert missing == set(), f"add to the template or to NOT_IN_TEMPLATE: {sorted(missing)}"
    assert card_template.NOT_IN_TEMPLATE.keys() <= names  # no stale reason


def test_the_labels_are_the_model_s_own(monkeypatch):
    field = ExperienceCard._meta.get_field("territory_name")
    monkeypatch.setattr(field, "verbose_name", "bassin de vie")

    headers = [f.header for f in _fields()]

    assert "Bassin de vie" in headers and "Nom du territoire" not in headers


def test_the_xlsx_template_has_headers_lists_and_instructions():
    workbook = openpyxl.load_workbook(io.BytesIO(card_template.build_xlsx()))

    sheet = workbook[card_template.SHEET]
    assert [cell.value for cell in sheet[1]] == [f.header for f in _fields()]
    assert workbook.sheetnames == ["Fiches", "Listes", "Mode d'emploi"]
    assert workbook["Listes"].sheet_state == "hidden"
    lists = {str(validation.sqref).split(":")[0][:-1]: validation
             for validation in sheet.data_validations.dataValidation}  # fmt: skip
    columns = {f.key: openpyxl.utils.get_column_letter(i) for i, f in enumerate(_fields(), 1)}
    for key in ("departement", "working_group", "porteur_type", "milieu", "category", "region"):
        assert lists[columns[key]].type == "list", key
    assert lists[columns["start_year"]].type == "whole"
    by_list = {column[0].value: [cell.value for cell in column[1:]]
               for column in workbook["Listes"].iter_cols()}  # fmt: skip
    assert "Ille-et-Vilaine (35)" in by_list["Département"]  # from the reference table
    assert "A2 — Alliances stratégiques" in by_list["Atelier ou groupe de travail"]
    instructions = " ".join(
        str(value) for row in workbook["Mode d'emploi"].iter_rows(values_only=True)
        for value in row if value
    )  # fmt: skip
    assert "Une ligne par expérience" in instructions and "Freins rencontrés" in instructions


def test_the_docx_template_is_a_form_of_the_card_s_fields():
    document = docx.Document(io.BytesIO(card_template.build_docx()))

    labels = [row.cells[0].paragraphs[0].text for row in document.tables[0].rows]
    assert labels == [f.header for f in _fields()]
    assert "Modèle de fiche expérience" in document.paragraphs[0].text


@pytest.mark.parametrize(("url_name", "extension"), [("template_docx", "docx"),
                                                      ("template_xlsx", "xlsx")])  # fmt: skip
def test_the_templates_are_downloadable(client, url_name, extension):
    response = client.get(reverse(f"experiences:{url_name}"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        f"Mod%C3%A8le%20de%20fiche%20exp%C3%A9rience.{extension}" in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"


# -- filled templates come back as cards in review ----------------------------------------


def test_an_xlsx_round_trip_gives_the_same_card_in_review(client, mailoutbox, committed):
    second = FILLED | {"Titre": "Une deuxième fiche", "Département": "56",
                       "Atelier ou groupe de travail": "A2 — Alliances stratégiques"}  # fmt: skip

    with committed():
        response = send_proposal(client, "fiches.xlsx", filled_xlsx([FILLED, second]))

    assert response.status_code == 302 and response["Location"] == reverse("experiences:proposed")
    card = ExperienceCard.objects.get(title=FILLED["Titre"])
    _assert_card_as_filled(card)
    assert card.submission.source == "xlsx"
    other = ExperienceCard.objects.get(title="Une deuxième fiche")
    assert [d.code for d in other.departements.all()] == ["56"]  # a code works as well
    assert [g.code for g in other.working_groups.all()] == ["A2"]
    assert other.porteur == card.porteur  # the same organisation, found by its name
    assert len(mailoutbox) == 1 and "2 fiche(s) proposée(s)" in mailoutbox[0].subject
    assert mailoutbox[0].reply_to == ["jeanne@aire35.fr"]


def test_a_docx_round_trip_gives_the_same_card_in_review(client):
    response = send_proposal(client, "fiche.docx", filled_docx(FILLED))

    assert response.status_code == 302
    card = ExperienceCard.objects.get(title=FILLED["Titre"])
    _assert_card_as_filled(card)
    assert card.submission.source == "docx"


def test_the_web_form_proposes_a_card(client, mailoutbox, committed):
    keys = {f.label: f.key for f in _fields()}
    data = card_template.to_codes({keys[label]: value for label, value in FILLED.items()},
                                  _fields())  # fmt: skip

    with committed():
        response = client.post(PROPOSE, {**SUBMITTER, **data, "mode": "formulaire"})

    assert response.status_code == 302
    _assert_card_as_filled(ExperienceCard.objects.get(title=FILLED["Titre"]))
    assert len(mailoutbox) == 1


def test_proposed_cards_are_not_public_and_their_contact_never_is(client):
    send_proposal(client, "fiche.docx", filled_docx(FILLED))
    card = ExperienceCard.objects.get(title=FILLED["Titre"])

    assert FILLED["Titre"] not in client.get(reverse("experiences:list")).content.decode()
    assert client.get(card.get_absolute_url()).status_code == 404
    card.status = PublicationStatus.PUBLISHED
    card.save()
    assert "jeanne@aire35.fr" not in client.get(card.get_absolute_url()).content.decode()


# -- wrong proposals create nothing ---------------------------------------------------------


def _nothing_written(before):
    assert ExperienceCard.objects.count() == before["cards"]
    assert Organisation.objects.count() == before["organisations"]
    assert CardSubmission.objects.count() == 0


def _counts():
    return {"cards": ExperienceCard.objects.count(), "organisations": Organisation.objects.count()}


def test_an_xlsx_with_errors_lists_them_per_row_and_creates_nothing(client, mailoutbox, committed):
    before = _counts()
    rows = [
        FILLED,
        FILLED | {"Titre": "", "Région": "Bretagneee"},
        FILLED | {"Année de début": "l'an dernier", "L'expérience": ""},
    ]

    with committed():
        response = send_proposal(client, "fiches.xlsx", filled_xlsx(rows))

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Rien n'a été enregistré" in page
    for message in [
        "Ligne 3 — Titre — Ce champ est obligatoire.",
        "Ligne 3 — Région — Sélectionnez un choix valide. Bretagneee n’en fait pas partie.",
        "Ligne 4 — Année de début — Saisissez un nombre entier.",
        "Ligne 4 — L'expérience — Ce champ est obligatoire.",
    ]:
        assert message in page
    _nothing_written(before)
    assert mailoutbox == []


def test_an_xlsx_without_the_required_columns_is_refused(client):
    before = _counts()

    response = send_proposal(
        client, "autre.xlsx", files.xlsx_bytes([("nom", "ville"), ("AIRE", "Rennes")])
    )

    assert "Il manque des colonnes obligatoires" in response.content.decode()
    _nothing_written(before)


def _damaged(content: bytes, entry: str) -> bytes:
    """The archive with `entry` replaced by broken XML."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in source.namelist():
            archive.writestr(name, b"<pas du xml" if name == entry else source.read(name))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "entry", "message"),
    [
        ("fiche.docx", "word/document.xml", "Le fichier Word ne peut pas être lu"),
        ("fiches.xlsx", "xl/worksheets/sheet1.xml", "Le fichier Excel ne peut pas être lu"),
    ],
)
def test_a_damaged_template_is_refused_with_a_french_message(client, name, entry, message):
    template = card_template.build_docx() if name.endswith("docx") else card_template.build_xlsx()
    before = _counts()

    response = send_proposal(client, name, _damaged(template, entry))

    assert response.status_code == 200
    assert message in response.content.decode()
    _nothing_written(before)


def test_a_sheet_of_too_many_rows_is_refused(client):
    workbook = openpyxl.load_workbook(io.BytesIO(filled_xlsx([FILLED])))
    workbook[card_template.SHEET].cell(row=card_template.MAX_SCANNED_ROWS + 5, column=1, value="x")
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = send_proposal(client, "fiches.xlsx", buffer.getvalue())

    assert "compte plus de 5000 lignes" in response.content.decode()


def test_a_word_document_that_is_not_the_template_is_refused(client):
    before = _counts()

    response = send_proposal(client, "lettre.docx", files.docx_bytes("Bonjour"))

    assert "n&#x27;est pas le « Modèle de fiche expérience »" in response.content.decode()
    _nothing_written(before)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fiches.xlsx", files.EXECUTABLE, "ne correspond pas à son extension .xlsx"),
        ("fiche.pdf", files.PDF, "au format Word (.docx) ou Excel (.xlsx)"),
        ("fiches.xlsx", b"PK\x03\x04" + b"\x00" * 100, "ne correspond pas à son extension"),
    ],
)
def test_files_that_are_not_a_template_are_refused(client, name, content, message):
    before = _counts()

    response = send_proposal(client, name, content)

    assert message in response.content.decode().replace("&#x27;", "'")
    _nothing_written(before)


def test_enter_in_a_field_sends_the_web_form(client):
    """Enter sends the form's first button, which names no mode."""
    keys = {f.label: f.key for f in _fields()}
    data = card_template.to_codes({keys[label]: value for label, value in FILLED.items()},
                                  _fields())  # fmt: skip

    response = client.post(PROPOSE, {**SUBMITTER, **data})

    assert response.status_code == 302
    assert ExperienceCard.objects.filter(title=FILLED["Titre"]).exists()


def test_a_partner_name_longer_than_a_name_is_refused(client):
    before = _counts()

    response = send_proposal(
        client, "fiche.docx", filled_docx(FILLED | {"Partenaires": "Mission " * 40})
    )

    assert "Partenaires — Une ligne dépasse 255 caractères" in response.content.decode()
    _nothing_written(before)


def test_two_proposals_of_the_same_title_get_two_slugs(client):
    send_proposal(client, "fiche.docx", filled_docx(FILLED))
    send_proposal(client, "fiche.docx", filled_docx(FILLED))

    slugs = ExperienceCard.objects.filter(title=FILLED["Titre"]).values_list("slug", flat=True)
    assert sorted(slugs) == ["un-garage-solidaire-en-pays-de-redon",
                             "un-garage-solidaire-en-pays-de-redon-2"]  # fmt: skip


def test_a_web_form_with_errors_creates_nothing(client):
    before = _counts()

    response = client.post(PROPOSE, {**SUBMITTER, "mode": "formulaire", "title": "Sans le reste"})

    page = _text(response)
    assert "Structure porteuse — Ce champ est obligatoire." in page
    assert "Région — Ce champ est obligatoire." in page
    _nothing_written(before)


def _text(response) -> str:
    """The page as read: tags out (the summary links each field), entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", response.content.decode()))


def _web_form(answers) -> dict[str, str]:
    keys = {f.label: f.key for f in _fields()}
    data = card_template.to_codes({keys[label]: value for label, value in answers.items()},
                                  _fields())  # fmt: skip
    return {**SUBMITTER, **data, "mode": "formulaire"}


PERIOD_OUT_OF_ORDER = FILLED | {"Année de début": 2020, "Année de fin": 2019}
PERIOD_MESSAGE = "Année de fin — L'année de fin précède l'année de début."


@pytest.mark.parametrize("how", ["formulaire", "docx", "xlsx"])
def test_a_period_ending_before_it_starts_is_refused_with_the_model_s_message(client, how):
    """The table's check constraint refused it: an IntegrityError, a 500."""
    before = _counts()

    if how == "formulaire":
        response = client.post(PROPOSE, _web_form(PERIOD_OUT_OF_ORDER))
    elif how == "docx":
        response = send_proposal(client, "fiche.docx", filled_docx(PERIOD_OUT_OF_ORDER))
    else:
        response = send_proposal(client, "fiches.xlsx", filled_xlsx([FILLED, PERIOD_OUT_OF_ORDER]))

    assert response.status_code == 200
    expected = "Ligne 3 — " + PERIOD_MESSAGE if how == "xlsx" else PERIOD_MESSAGE
    assert expected in _text(response)
    _nothing_written(before)


def test_a_period_of_one_year_is_accepted(client):
    response = client.post(PROPOSE, _web_form(FILLED | {"Année de fin": 2019}))

    assert response.status_code == 302
    assert ExperienceCard.objects.get(title=FILLED["Titre"]).end_year == 2019


def test_an_address_longer_than_its_column_is_refused(client):
    """A valid address of 260 characters passed the form's own limit (320) and the
    column's (254) refused it: a 500."""
    before = _counts()
    address = "j" * 250 + "@aire35.fr"

    response = client.post(PROPOSE, _web_form(FILLED) | {"contact_email": address})

    assert response.status_code == 200
    assert "comporte au plus 254 caractères (actuellement 260)" in html.unescape(
        response.content.decode()
    )
    _nothing_written(before)


def test_a_file_s_value_the_portal_cannot_store_is_named_by_row_and_column(client, monkeypatch):
    """A well-formed DOCX or XLSX cannot hold such a character (XML refuses it); the step
    from the file to the form checks anyway, so that no reader lets one through. A control
    character passed the form (which refuses only NUL) and was stored: every XLSX export
    of the card then failed."""
    to_codes = card_template.to_codes
    monkeypatch.setattr(
        card_template,
        "to_codes",
        lambda values, fields: to_codes(values, fields) | {"territory_name": "Pays\x01de Redon"},
    )
    before = _counts()

    response = send_proposal(client, "fiches.xlsx", filled_xlsx([FILLED]))

    assert response.status_code == 200
    assert (
        "Ligne 2 — Nom du territoire — Ce texte contient un caractère invisible que le site "
        "n'accepte pas (U+0001)" in html.unescape(response.content.decode())
    )
    _nothing_written(before)


def test_the_submitter_s_address_is_required(client):
    before = _counts()

    response = send_proposal(
        client, "fiche.docx", filled_docx(FILLED), contact_email="pas-une-adresse"
    )

    assert "Saisissez une adresse e-mail valide." in response.content.decode()
    _nothing_written(before)


def test_a_robot_is_thanked_and_nothing_is_written(client, mailoutbox, committed):
    before = _counts()

    with committed():
        response = send_proposal(
            client, "fiche.docx", filled_docx(FILLED), website="http://spam.example"
        )

    assert response.status_code == 302
    _nothing_written(before)
    assert mailoutbox == []


def test_proposals_are_rate_limited(client, settings):
    settings.PUBLIC_FORM_RATE = "1/h"
    send_proposal(client, "fiche.docx", filled_docx(FILLED))

    response = send_proposal(client, "fiche.docx", filled_docx(FILLED | {"Titre": "Encore une"}),
                     contact_email="autre@siae.fr")  # fmt: skip

    assert response.status_code == 429
    assert "Trop de demandes" in response.content.decode()
    assert not ExperienceCard.objects.filter(title="Encore une").exists()


def test_corrections_do_not_count_against_the_limit(client, settings):
    settings.PUBLIC_FORM_RATE = "1/h"
    for _ in range(3):
        send_proposal(
            client, "fiche.docx", filled_docx(FILLED | {"Titre": ""})
        )  # refused, not counted

    response = send_proposal(client, "fiche.docx", filled_docx(FILLED))

    assert response.status_code == 302


def test_the_templates_are_published_in_the_library(client, library_files, committed, monkeypatch):
    call_command("publish_card_templates", stdout=io.StringIO())
    first_file = Resource.objects.get(slug="modele-fiche-experience-word").file.path
    call_command("publish_card_templates", stdout=io.StringIO())  # again: the same content
    assert Resource.objects.get(slug="modele-fiche-experience-word").file.path == first_file
    # The model gained a rubric: the next run replaces the file.
    monkeypatch.setattr(card_template, "TITLE", f"{card_template.TITLE} (nouvelle version)")
    with committed():
        call_command("publish_card_templates", stdout=io.StringIO())

    word = Resource.objects.get(slug="modele-fiche-experience-word")
    excel = Resource.objects.get(slug="modele-fiche-experience-excel")
    assert (word.file_format, excel.file_format) == ("docx", "xlsx")
    assert word.kind == ResourceKind.MODELE_FICHE and word.status == PublicationStatus.PUBLISHED
    assert not Path(first_file).exists() and Path(word.file.path).exists()
    listed = client.get(reverse("resources:library"), {"type": "modele_fiche"})
    assert [r.slug for r in listed.context["search"].page] == [excel.slug, word.slug]
    response = client.get(reverse("resources:download", args=[excel.slug]))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Fiches", "Listes", "Mode d'emploi"]


def test_organisations_a_proposal_creates_stay_hidden_until_a_card_is_published(client):
    send_proposal(client, "fiche.docx", filled_docx(FILLED))
    porteur = Organisation.objects.get(name="Garage solidaire du Pays de Redon")
    partner = Organisation.objects.get(name="Mission locale")
    assert porteur.proposed and partner.proposed

    def shown():
        listed = client.get(reverse("organisations:list")).content.decode()
        found = client.get(reverse("search"), {"q": "garage redon"}).content.decode()
        looked_up = client.get(reverse("name_lookup"), {"type": "structure", "q": "garage"})
        return {
            "list": porteur.name in listed,
            "page": client.get(porteur.get_absolute_url()).status_code == 200,
            "search": porteur.get_absolute_url() in found,
            "lookup": porteur.name in looked_up.content.decode(),
            "partner": client.get(partner.get_absolute_url()).status_code == 200,
        }

    assert set(shown().values()) == {False}
    card = ExperienceCard.objects.get(title=FILLED["Titre"])
    card.status = PublicationStatus.PUBLISHED
    card.save()
    assert set(shown().values()) == {True}


def test_publishing_the_templates_again_never_undoes_an_animator(client, monkeypatch):
    animator = factories.UserFactory(username="animateur", groups=[ANIMATEUR], is_staff=True)
    call_command("publish_card_templates", stdout=io.StringIO())
    client.force_login(animator)
    word = Resource.objects.get(slug="modele-fiche-experience-word")
    excel = Resource.objects.get(slug="modele-fiche-experience-excel")
    change_through_admin(
        client, Resource, word, title="Modèle Word revu", description="Notre présentation."
    )
    workflow.apply([excel], "archive", animator)
    # The animator puts a Word file of their own in place of the generated one.
    word.refresh_from_db()
    word.file.save("notre-modele.docx", ContentFile(filled_docx(FILLED)), save=False)
    word._history_user = animator
    word.save()
    own_file, generated_file = word.file.name, excel.file.name
    # The model changes: a generated file would be replaced.
    monkeypatch.setattr(card_template, "TITLE", f"{card_template.TITLE} (nouvelle version)")

    call_command("publish_card_templates", stdout=io.StringIO())

    word.refresh_from_db()
    excel.refresh_from_db()
    assert (word.title, word.description) == ("Modèle Word revu", "Notre présentation.")
    assert word.file.name == own_file
    assert excel.status == PublicationStatus.ARCHIVED
    assert excel.file.name != generated_file  # a generated file: brought up to date
    excel.delete()
    call_command("publish_card_templates", stdout=io.StringIO())
    assert not Resource.objects.filter(slug="modele-fiche-experience-excel").exists()
