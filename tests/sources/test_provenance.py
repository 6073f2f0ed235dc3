"""Provenance, visible: the documents cut into their pages, the reader, the corrections
beside their page, every imported record's document and page, e-mails and phones masked."""

import re
import tomllib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import escape

from experiences.models import ExperienceCard
from resources.models import Fiche, Resource
from sources import corrections
from sources.documents import DOCUMENTS
from sources.models import ImportedRecord
from sources.pages import paged
from sources.selectors import EMAIL_MASK, PHONE_MASK, mask_personal_data
from workgroups.models import WorkingGroup


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- the pages, on the real files -------------------------------------------------------


@pytest.mark.parametrize("code", [document.code for document in DOCUMENTS])
def test_the_pages_cover_the_text_in_order(code):
    reader = paged(code)
    assert reader.pages[0].start == 0
    assert reader.pages[-1].end == len(reader.lines)
    for page, following in zip(reader.pages, reader.pages[1:], strict=False):
        assert page.end == following.start and page.start < page.end
        assert page.number <= page.last < following.number


def test_the_recueil_keeps_the_numbers_of_its_surviving_footers():
    reader = paged("000")
    footers = {10, 11, 12, 13, 28, 30, 31, 32, 61, 65, 88, 91, 112}
    exact = {page.number for page in reader.pages if not page.estimated}
    assert exact == footers
    page = reader.page(28)
    assert "Sommaire | 28" in reader.text(page) and page.label == "p. 28"
    assert reader.page(29).label == "p. 29 (numéro estimé)"


def test_the_dts_cards_are_cut_at_their_page_headers():
    reader = paged("001")
    assert len(reader.pages) == 25
    assert "2/ 40" in reader.lines[reader.page(2).start]
    lost = reader.page(24)  # headers 22 to 27 were lost: one page stands for them
    assert (lost.number, lost.last, lost.label) == (21, 27, "p. 21 à 27")
    assert "Promouvoir le recours" in reader.text(lost)


def test_the_newsletter_has_its_eight_pages():
    reader = paged("002")
    assert [page.number for page in reader.pages] == list(range(1, 9))
    assert "Une solution innovante en Haute-Corse" in reader.text(reader.page(2))
    assert "Bilan de l'accompagnement des SIAE par les DLA en 2011" in reader.text(reader.page(7))


def test_the_manual_is_read_fiche_by_fiche_and_its_footers_agree():
    reader = paged("003")
    assert reader.unit == "fiche"
    assert len(reader.pages) == 1 + 41 + 2
    assert reader.page(21).key == "II-3" and reader.page(21).label == "fiche II-3"
    for page in reader.pages:
        for footer in re.findall(r"Fiche ([IV]+-[\w-]+) - Page \d/\d", reader.text(page)):
            assert footer == page.key


def test_the_webinar_without_page_marks_is_read_by_parts():
    reader = paged("004")
    assert reader.unit == "partie"
    assert [page.key for page in reader.pages] == [
        "programme", "fiche-1", "fiche-2",
        "intervention-1", "intervention-2", "intervention-3", "intervention-4",
    ]  # fmt: skip
    assert "Julien ALLEAU" in reader.text(reader.page_of_key("intervention-1"))


def test_every_correction_names_the_page_where_its_find_stands():
    replacements = corrections.load().replacements
    assert replacements
    for replacement in replacements:
        assert replacement.page is not None, replacement.find[:60]
        reader = paged(replacement.document)
        page = reader.page(replacement.page)
        assert page is not None, replacement.find[:60]
        assert _squeeze(replacement.find) in _squeeze(reader.text(page)), (
            f"{replacement.document} p. {replacement.page}: « {replacement.find[:60]} »"
        )


# -- personal data ----------------------------------------------------------------------


def test_e_mails_and_phone_numbers_are_masked():
    text = (
        "Tél. : 02 99 12 34 56 - Fax 02.99.12.34.57\n"
        "Email : jean.dupont@coorace.org / m.durand @ orange.fr\n"
        "Email : n.martin©iae-bretagne .fr\n"
        "LE DANTEC Véronique , Directrice -  vld@contact - service - eure.fr  A1, GT\n"
        "association.e4(dgmail.com\n"
        "Mél : ecrire a la structure\n"
        "Siret 123 456 789 00012, en 2008, 15 salariés.\n"
        "191 salarié s dont une majorit® dôhommes. AI ç atypique"
    )
    masked = mask_personal_data(text)
    assert "dupont" not in masked and "durand" not in masked and "martin" not in masked
    assert "vld" not in masked and "eure.fr" not in masked and "e4" not in masked
    assert "LE DANTEC Véronique , Directrice -" in masked and "A1, GT" in masked
    assert "99 12" not in masked and "99.12" not in masked
    assert masked.count(PHONE_MASK) == 2 and EMAIL_MASK in masked
    assert "Siret 123 456 789 00012, en 2008, 15 salariés." in masked
    assert "majorit® dôhommes. AI ç atypique" in masked  # 001's damaged « é », no @


@pytest.mark.django_db
@pytest.mark.parametrize("code", [document.code for document in DOCUMENTS])
def test_the_reader_publishes_no_e_mail_and_no_phone(client, code):
    for page in paged(code).pages:
        response = client.get(reverse("sources:page", args=[code, page.number]))
        assert response.status_code == 200
        shown = response.context["found"].text
        assert not re.search(r"@\s?[\w-]+\s?[.-]", shown), (code, page.label)
        assert not re.search(r"\b0[1-9](?:[ .]?\d){8}\b", shown), (code, page.label)


@pytest.mark.django_db
def test_a_page_shows_its_text_and_the_corrections_beside_it(client):
    replacement = next(r for r in corrections.load().replacements if r.document == "000")
    response = client.get(reverse("sources:page", args=["000", replacement.page]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Corrections du portail" in html and escape(replacement.reason) in html
    assert f"Motif : {escape(replacement.reason)}" in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert '<pre class="source-text"' in html


@pytest.mark.django_db
def test_the_manual_contents_name_each_fiche_by_its_title(client, imported):
    html = client.get(reverse("sources:document", args=["003"])).content.decode()
    title = Fiche.objects.get(code="I-B-2").resource.title
    assert f'Fiche I-B-2</a> <span class="muted">— {title}</span>' in html


@pytest.mark.django_db
def test_a_page_whose_marks_were_lost_is_found_in_its_passage(client):
    response = client.get(reverse("sources:page", args=["001", 23]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "La page 23 se trouve dans ce passage" in html and "Page 21 à 27" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/documents/999/", "/documents/000/page/0/", "/documents/000/page/9999/",
     "/documents/abc/page/1/", "/documents/000/page/-1/"],
)  # fmt: skip
def test_unknown_documents_and_pages_are_404(client, path):
    assert client.get(path).status_code == 404


# -- every imported record, its document and page --------------------------------------

# Records that have no page, and why.
NO_PAGE = {
    ("resources.resource", "document"): "the document itself: its source is the whole reader",
    ("workgroups.workinggroup", "GT"): "001 never presents « GT »: only its cards carry it",
}


@pytest.mark.django_db
def test_every_imported_record_has_its_document_and_page(imported):
    missing = []
    for model in (ExperienceCard, WorkingGroup, Fiche, Resource):
        content_type = ContentType.objects.get_for_model(model)
        entries = ImportedRecord.objects.filter(content_type=content_type)
        for entry in entries:
            reason = NO_PAGE.get((content_type.app_label + "." + content_type.model, entry.key))
            if entry.page is None and reason is None:
                missing.append(f"{entry.document} {model.__name__} {entry.key}")
            elif entry.page is not None:
                assert paged(entry.document).page(entry.page), (entry.document, entry.key)
    assert not missing
    # Every card, group, fiche and resource in the database came from a document.
    for model in (ExperienceCard, WorkingGroup, Fiche, Resource):
        content_type = ContentType.objects.get_for_model(model)
        known = set(
            ImportedRecord.objects.filter(content_type=content_type).values_list(
                "object_id", flat=True
            )
        )
        assert set(model.objects.values_list("pk", flat=True)) <= known, model.__name__


@pytest.mark.django_db
def test_a_record_stands_on_its_page(imported):
    def page_of(instance):
        content_type = ContentType.objects.get_for_model(instance)
        entry = ImportedRecord.objects.get(content_type=content_type, object_id=instance.pk)
        reader = paged(entry.document)
        return reader, reader.page(entry.page)

    for fiche in Fiche.objects.filter(code__regex=r"^[IV]+-"):
        reader, page = page_of(fiche)
        assert page.key == fiche.code
    for group in WorkingGroup.objects.filter(code__in=["G1", "G2", "G3", "G4", "G5"]):
        reader, page = page_of(group)
        assert "ORIGINE" in reader.text(page), group.code
    for card in ExperienceCard.objects.filter(source_resource__slug__contains="2008"):
        reader, page = page_of(card)
        following = reader.neighbours(page)[1]
        around = reader.text(page) + (reader.text(following) if following else "")
        assert re.search(r"NOTRE EXP[EÉ]RIENCE", around), (card.title, page.label)


@pytest.mark.django_db
def test_each_page_shows_its_source_line_and_the_link_resolves(client, imported):
    pages = (
        [card.get_absolute_url() for card in ExperienceCard.objects.filter(status="published")[:40]]
        + [reverse("workgroups:detail", args=[g.code]) for g in WorkingGroup.objects.all()]
        + [reverse("resources:fiche", args=[f.code]) for f in Fiche.objects.all()[:20]]
        + [
            reverse("resources:resource", args=[r.slug])
            for r in Resource.objects.filter(status="published")[:40]
        ]
    )
    followed = set()
    for url in pages:
        response = client.get(url)
        if response.status_code != 200:
            continue  # unpublished here: not this test's subject
        html = response.content.decode()
        link = re.search(r'<p class="source-line">Source : <a href="([^"]+)">', html)
        assert link, url
        followed.add(link.group(1))
    assert len(followed) > 30
    for url in followed:
        assert client.get(url).status_code == 200, url


# -- the reasons of the reviewed corrections, shown to the public ----------------------

ENGLISH_MARKERS = (
    " the ",
    " is ",
    " are ",
    " of the ",
    " read as ",
    " lost ",
    " card ",
    " and ",
    " by ",
    " with ",
    " which ",
    " its ",
    " split ",
    " glued",
    " no rule ",
)


def test_every_reason_of_the_corrections_reads_as_french():
    data = tomllib.loads(corrections.CORRECTIONS_FILE.read_text(encoding="utf-8"))
    reasons = [entry["reason"] for entries in data.values() for entry in entries]
    assert len(reasons) >= 200
    english = [
        (reason[:80], marker)
        for reason in reasons
        for marker in ENGLISH_MARKERS
        if marker in f" {reason.lower()} "
    ]
    assert not english, english[:10]
