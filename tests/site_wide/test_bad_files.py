"""Bad files at every door a file comes in by — a partner's proposal, an animator's bulk
import, the library's upload: each refused with a French message, nothing written."""

import pytest
from django.urls import reverse

from experiences import card_template
from experiences.models import CardSubmission, ExperienceCard
from organisations.models import Organisation
from resources.models import Resource
from tests import factories, files
from vita.roles import ANIMATEUR

pytestmark = pytest.mark.django_db

# Built when a test asks (the templates read the database): file name and content.
BAD_FILES = {
    "truncated xlsx": lambda: ("fiches.xlsx", card_template.build_xlsx()[:4000]),
    "zip bomb as xlsx": lambda: (
        "fiches.xlsx",
        files.rezipped(card_template.build_xlsx(), extra={"xl/vide.xml": b"0" * 50_000_000}),
    ),
    "docx with macros": lambda: (
        "fiche.docx",
        files.rezipped(card_template.build_docx(), extra={"word/vbaProject.bin": b"x"}),
    ),
    "image named pdf": lambda: ("guide.pdf", files.PNG),
    "image named xlsx": lambda: ("fiches.xlsx", files.PNG),
    "latin-1 csv": lambda: ("structures.csv", "Nom;Commune\nÉlan;Brest\n".encode("latin-1")),
}
SUBMITTER = {"nom": "Jeanne Martin", "email": "jeanne@example.org"}


def _written():
    return (
        ExperienceCard.objects.count(),
        Organisation.objects.count(),
        CardSubmission.objects.count(),
        Resource.objects.count(),
    )


@pytest.fixture
def animator_client(client):
    client.force_login(factories.UserFactory(groups=[ANIMATEUR], is_staff=True))
    return client


def _propose(client, name, content):
    return client.post(
        reverse("experiences:propose"),
        {**SUBMITTER, "mode": "fichier", "fichier": files.upload(name, content)},
    )


def _import(client, name, content):
    formats = {"csv": "0", "xlsx": "1"}
    return client.post(
        reverse("admin:organisations_organisation_import"),
        {"format": formats.get(name.rsplit(".", 1)[-1], "0"),
         "import_file": files.upload(name, content)},
    )  # fmt: skip


def _upload(client, name, content):
    return client.post(
        reverse("admin:resources_resource_add"),
        {
            "title": "Un guide", "slug": "un-guide", "kind": "guide", "access_level": "public",
            "availability": "disponible", "status": "draft", "position": 0,
            "file": files.upload(name, content), "links-TOTAL_FORMS": 0,
            "links-INITIAL_FORMS": 0,
        },
    )  # fmt: skip


DOORS = {"proposal": _propose, "import": _import, "library": _upload}
# A French message each door gives for a file it refuses (a word of it, at least).
REFUSALS = ["ne peut pas être lu", "ne correspond pas", "macros", "volume anormal",
            "UTF-8", "n'est pas accepté", "au format", "illisible", "lire le fichier"]  # fmt: skip


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("bad", BAD_FILES)
def test_a_bad_file_is_refused_with_a_french_message_and_nothing_written(
    animator_client, door, bad
):
    name, content = BAD_FILES[bad]()
    before = _written()

    response = DOORS[door](animator_client, name, content)

    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "'")
    assert any(refusal in page for refusal in REFUSALS), page[:3000]
    assert not any(word in page for word in ("BadZipFile", "UnicodeDecodeError", "Traceback"))
    assert _written() == before
