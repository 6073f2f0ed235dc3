"""Library files: what an upload may be, where it is stored, who downloads it, and counts."""

import io
import threading
import urllib.request
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from resources.models import AccessLevel, Resource
from tests import factories, files
from tests.library_access import ACCESS_MATRIX, ANONYMOUS, GROUPS
from vita.files import FileFormat, check_upload, download_name
from vita.roles import MEMBRE

pytestmark = pytest.mark.django_db


def _resource_with_file(name="guide.pdf", content=files.PDF, **fields):
    resource = factories.ResourceFactory(**fields)
    resource.file = files.upload(name, content)
    resource.save()
    return resource


# -- uploads -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("guide.pdf", files.PDF, FileFormat.PDF),
        ("Fiche.DOCX", files.docx_bytes(), FileFormat.DOCX),
        ("tableau.xlsx", files.xlsx_bytes(), FileFormat.XLSX),
        ("texte.odt", files.odt_bytes(), FileFormat.ODT),
        ("liste.csv", "nom;ville\nAIRE;Rennes\nÉlan;Brest\n".encode(), FileFormat.CSV),
        ("photo.png", files.PNG, FileFormat.PNG),
    ],
)
def test_accepted_formats(name, content, expected):
    assert check_upload(files.upload(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programme.exe", files.EXECUTABLE, "Le format « .exe » n'est pas accepté."),
        ("guide.pdf", files.EXECUTABLE, "ne correspond pas à son extension .pdf : c'est un"),
        ("tableau.xlsx", files.docx_bytes(), "ne correspond pas à son extension .xlsx"),
        ("guide.pdf", b"Bonjour", "ne correspond pas à son extension .pdf."),
        ("liste.csv", "nom;ville\nÉlan;Brest\n".encode("latin-1"), "pas un texte en UTF-8"),
        ("liste.csv", files.PNG, "pas un texte en UTF-8"),
        ("vide.pdf", b"", "Le fichier est vide."),
        ("sans-extension", files.PDF, "« sans extension » n'est pas accepté"),
    ],
)
def test_rejected_uploads_say_why_in_french(name, content, message):
    with pytest.raises(ValidationError, match=message):
        check_upload(files.upload(name, content))


def test_an_office_file_is_recognised_whatever_the_order_of_its_entries():
    content = files.docx_bytes()
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    word_last = files.rezipped(content, first=tuple(n for n in names if not n.startswith("word/")))

    assert check_upload(files.upload("fiche.docx", word_last)) == FileFormat.DOCX


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("macros.docx", files.rezipped(files.docx_bytes(), extra={"word/vbaProject.bin": b"x"}),
         "contient des macros"),
        ("macros.odt", files.rezipped(files.odt_bytes(), extra={"Basic/Standard/Module1.xml": "x"}),
         "contient des macros"),
        ("bombe.xlsx", files.rezipped(files.xlsx_bytes(), extra={"xl/vide.xml": b"0" * 5_000_000}),
         "se décompresse en un volume anormal"),
        ("archive.docx", files.rezipped(files.xlsx_bytes()), "extension .docx"),
    ],
)  # fmt: skip
def test_office_files_with_macros_or_too_much_inside_are_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        check_upload(files.upload(name, content))


def test_the_size_limit_is_a_setting(settings):
    settings.UPLOAD_MAX_BYTES = 1024

    with pytest.raises(ValidationError, match="la limite est de 1,0"):
        check_upload(files.upload("gros.pdf", files.PDF + b" " * 2000))


def test_files_are_stored_under_a_random_name_outside_the_media_url(library_files, client):
    resource = _resource_with_file("Mon guide <script>.pdf")

    stored = Path(resource.file.path)
    assert stored.is_relative_to(library_files)
    assert "guide" not in stored.name and stored.suffix == ".pdf"
    assert (resource.file_format, resource.file_size) == (FileFormat.PDF, len(files.PDF))
    assert client.get(f"/media/{resource.file.name}").status_code == 404


def test_the_admin_rejects_a_renamed_executable_and_writes_nothing(admin_client, library_files):
    before = set(library_files.rglob("*"))

    response = admin_client.post(
        reverse("admin:resources_resource_add"),
        {
            "title": "Programme",
            "slug": "programme",
            "kind": "guide",
            "access_level": "public",
            "availability": "disponible",
            "status": "draft",
            "position": 0,
            "file": files.upload("guide.pdf", files.EXECUTABLE),
            "links-TOTAL_FORMS": 0,
            "links-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 200
    assert "ne correspond pas à son extension .pdf" in response.content.decode()
    assert not Resource.objects.filter(slug="programme").exists()
    assert set(library_files.rglob("*")) == before


def test_the_admin_rejects_an_oversized_file(admin_client, settings):
    settings.UPLOAD_MAX_BYTES = 100

    response = admin_client.post(
        reverse("admin:resources_resource_add"),
        {
            "title": "Gros guide",
            "slug": "gros-guide",
            "kind": "guide",
            "access_level": "public",
            "availability": "disponible",
            "status": "draft",
            "position": 0,
            "file": files.upload("guide.pdf", files.PDF),
            "links-TOTAL_FORMS": 0,
            "links-INITIAL_FORMS": 0,
        },
    )

    assert "la limite est de 100" in response.content.decode()
    assert not Resource.objects.filter(slug="gros-guide").exists()


# -- downloads ---------------------------------------------------------------------------


def test_a_download_is_an_attachment_with_a_clean_french_name(client):
    resource = _resource_with_file(title="Guide « clauses sociales » : 2e édition")

    response = client.get(reverse("resources:download", args=[resource.slug]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert (
        "filename*=utf-8''Guide%20%C2%AB%20clauses%20sociales%20%C2%BB%202e%20%C3%A9dition.pdf"
        in (disposition)
    )
    resource.refresh_from_db()
    assert resource.download_count == 1


def test_download_names_drop_what_file_systems_refuse():
    assert download_name('Fiche 1/2 : "mobilité"?', FileFormat.DOCX) == "Fiche 1 2 mobilité.docx"
    assert download_name("...", FileFormat.PDF) == "document.pdf"


def test_a_head_request_is_not_a_download(client):
    resource = _resource_with_file()

    client.head(reverse("resources:download", args=[resource.slug]))

    resource.refresh_from_db()
    assert resource.download_count == 0


@pytest.mark.parametrize(
    "fields", [{"status": "draft"}, {"status": "archived"}], ids=["draft", "archived"]
)
def test_unpublished_resources_are_not_downloadable(client, fields):
    resource = _resource_with_file(**fields)

    assert client.get(reverse("resources:download", args=[resource.slug])).status_code == 404


def test_a_file_missing_from_the_storage_is_a_404_not_a_500(client):
    resource = _resource_with_file()
    resource.file.storage.delete(resource.file.name)

    response = client.get(reverse("resources:download", args=[resource.slug]))

    assert response.status_code == 404
    resource.refresh_from_db()
    assert resource.download_count == 0


@pytest.mark.parametrize("availability", ["sur_demande", "non_diffusable", "en_preparation"])
def test_a_file_kept_for_an_unavailable_document_is_not_handed_out(client, availability):
    resource = _resource_with_file(availability=availability)

    assert client.get(reverse("resources:download", args=[resource.slug])).status_code == 404
    page = client.get(reverse("resources:resource", args=[resource.slug])).content.decode()
    assert reverse("resources:download", args=[resource.slug]) not in page


def test_a_resource_whose_file_went_missing_can_still_be_edited(client):
    resource = _resource_with_file()
    resource.file.storage.delete(resource.file.name)

    resource.title = "Nouveau titre"
    resource.save()

    assert resource.file_size is None


def test_a_resource_without_a_file_has_no_download(client):
    resource = factories.ResourceFactory()

    assert client.get(reverse("resources:download", args=[resource.slug])).status_code == 404


@pytest.mark.parametrize(("reader", "level"), ACCESS_MATRIX)
def test_the_access_matrix(client, reader, level):
    resource = _resource_with_file(access_level=level)
    if reader != ANONYMOUS:
        client.force_login(factories.UserFactory(groups=GROUPS[reader]))
    url = reverse("resources:download", args=[resource.slug])

    response = client.get(url)

    assert response.status_code == ACCESS_MATRIX[reader, level]
    if response.status_code == 302:
        assert response["Location"] == f"{reverse('login')}?next={url}"
    if response.status_code == 200 and level != AccessLevel.PUBLIC:
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    resource.refresh_from_db()
    assert resource.download_count == (1 if response.status_code == 200 else 0)


def test_a_member_logs_in_and_gets_the_file(client):
    resource = _resource_with_file(access_level=AccessLevel.MEMBERS)
    factories.UserFactory(username="adherente", groups=[MEMBRE])
    url = reverse("resources:download", args=[resource.slug])

    login_page = client.get(url, follow=True)
    assert "Connexion" in login_page.content.decode()
    response = client.post(
        reverse("login"),
        {"username": "adherente", "password": "mot-de-passe-de-test", "next": url},
    )

    assert response["Location"] == url
    assert client.get(url).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_concurrent_downloads_are_each_counted(live_server):
    resource = _resource_with_file()
    url = live_server.url + reverse("resources:download", args=[resource.slug])
    downloads, errors = 24, []

    def download():
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the live server
                assert response.read() == files.PDF
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=download) for _ in range(downloads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    resource.refresh_from_db()
    assert resource.download_count == downloads
