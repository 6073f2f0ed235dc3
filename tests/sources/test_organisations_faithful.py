"""Organisations and people as the five documents give them, on the real files: one
record per real structure, never two merged; each document's presentation and each
person's role and e-mail kept with its year, the latest shown; absolute web addresses."""

import re
from html import unescape

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from experiences.models import ExperienceCard
from organisations.models import Organisation, Person, PersonMention, Presentation, absolute_url
from sources.models import ImportedRecord
from tests.admin_forms import change_through_admin
from tests.sources.test_editors_work_kept import reimport
from workgroups.models import WorkingGroup

pytestmark = pytest.mark.django_db


def card(document: str, key: str) -> ExperienceCard:
    entry = ImportedRecord.objects.get(
        document=document, key=key, content_type__model="experiencecard"
    )
    return ExperienceCard.objects.get(pk=entry.object_id)


def named(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def person(slug: str) -> Person:
    return Person.objects.get(slug=slug)


# -- one record per real structure ----------------------------------------------------


def test_emploi_conseil_of_001_is_the_cibc_of_003(imported):
    """« EMPLOI CONSEIL » (001, Evreux) and « CIBC - Emploi Conseil » (003, Eure): one
    association, labelled CIBC."""
    assert not Organisation.objects.filter(name__iexact="EMPLOI CONSEIL").exists()
    emploi_conseil = named("CIBC - Emploi Conseil")
    assert emploi_conseil.town.lower() == "evreux"
    assert emploi_conseil.website == "http://www.emploiconseil.fr"
    assert card("003", "experience-III-16").porteur == emploi_conseil
    assert emploi_conseil in card("001", "experience-p9").partners.all()


@pytest.mark.parametrize(
    "document, key, porteur, partner",
    [
        ("001", "experience-p15", "AIR (Association Intermédiaire de Réinsertion)", "AICM"),
        ("003", "experience-III-15", "AIR (Association Intermédiaire de Réinsertion)", "AICM"),
        ("001", "experience-p11", "Solidarité Multi Services", "Solidarité Services aux Personnes"),
        (
            "003",
            "experience-III-2",
            "Solidarité Multi Services",
            "Solidarité Services aux Personnes",
        ),
        ("000", "experience-G5-5", "Bateau de Brotonne", "Brotonne Service"),
    ],
)
def test_a_combined_name_is_two_structures_partnering(imported, document, key, porteur, partner):
    """« AIR & AICM », « SMS / SSAP », « Bateau de Brotonne / Brotonne Service »: no
    record of the pair; the first carries the card, the other is its partner."""
    record = card(document, key)
    assert record.porteur.name == porteur
    partners = set(record.partners.values_list("name", flat=True))
    assert partner in partners
    assert porteur not in partners


def test_no_record_for_a_pair_of_structures(imported):
    for name in [
        "AIR & AICM",
        "SOLIDARITE MULTI-SERVICES ET SOLIDARITE SERVICES AUX PERSONNES",
        "Bateau de Brotonne / Brotonne Service",
    ]:
        assert not Organisation.objects.filter(name__iexact=name).exists(), name
    assert not Organisation.objects.filter(acronym="SMS / SSAP").exists()
    # Each member once, with what the document says of it.
    assert named("Solidarité Multi Services").acronym == "SMS"
    assert named("Solidarité Services aux Personnes").acronym == "SSAP"
    assert named("Solidarité Multi Services").town.lower() == "cambrai"
    assert named("AICM").town.lower().startswith("mazi")
    assert Organisation.objects.filter(name__icontains="AIR (").count() == 1


def test_a_partnership_in_a_group_lists_both_members(imported):
    group = WorkingGroup.objects.get(code="A3")
    names = set(group.member_organisations.values_list("name", flat=True))
    assert {"AIR (Association Intermédiaire de Réinsertion)", "AICM"} <= names


def test_each_referent_works_for_the_member_the_document_names(imported):
    """Jannick Vergnault, aicm@…: AICM's director, not AIR's; Chantal Lempereur,
    « Directrice de SMS et administrateur de SSAP »: SMS."""
    assert person("jannick-vergnault").organisation == named("AICM")
    assert person("chantal-lempereur").organisation == named("Solidarité Multi Services")


# -- presentations, per document --------------------------------------------------------


def test_the_2010_presentation_of_a_structure_known_from_2008_is_kept(imported):
    """Groupe ISACTYS: 000 (2008) and 001's « ENTREPRISE(S) » (2010) each keep theirs."""
    isactys = named("Groupe ISACTYS")
    by_document = {p.document: p for p in isactys.presentations.all()}
    assert set(by_document) == {"000", "001"}
    assert by_document["000"].year == 2008
    assert by_document["001"].year == 2010
    assert by_document["001"].text != by_document["000"].text
    assert by_document["001"].source_title.startswith("Fiches synthétiques")
    # The page shows the latest first, the earlier one dated.
    assert [p.document for p in isactys.presentations.all()] == ["001", "000"]


@pytest.mark.parametrize(
    "name",
    [
        "Ulisse",
        "Etudes et Chantiers Bretagne - Pays de la Loire",
        "AIR (Association Intermédiaire de Réinsertion)",
    ],
)
def test_structures_presented_in_2008_and_2010(imported, name):
    assert set(named(name).presentations.values_list("year", flat=True)) == {2008, 2010}


def test_a_pair_presentation_is_kept_on_each_member(imported):
    """001's « ENTREPRISE(S) » of AIR & AICM presents both associations."""
    air = named("AIR (Association Intermédiaire de Réinsertion)").presentations.get(document="001")
    aicm = named("AICM").presentations.get(document="001")
    assert "AICM et AIR sont 2 AI" in air.text
    assert aicm.text == air.text


def test_the_page_shows_the_latest_presentation_and_the_earlier_dated(imported, client):
    isactys = named("Groupe ISACTYS")
    latest, earlier = (
        isactys.presentations.get(document="001"),
        isactys.presentations.get(document="000"),
    )
    html = unescape(
        client.get(reverse("organisations:detail", args=[isactys.slug])).content.decode()
    )
    assert "Présentation de 2010, d'après Fiches synthétiques projets VITA-DTS (2010)" in html
    assert "Présentation antérieure (1)" in html
    assert "Présentation de 2008, d'après COORACE, Recueil d'expériences VITA (2008)" in html
    assert html.index("Présentation de 2010") < html.index("Présentation de 2008")
    body = html[html.index("<body") :]  # the head's description: the latest, below
    assert body.index(latest.text[:30]) < body.index(earlier.text[:30])
    # What the page presents first is what a shared link says of the structure.
    head = html[: html.index("<body")]
    (shared,) = re.findall(r'<meta property="og:description" content="([^"]*)"', head)
    assert shared.startswith(latest.text[:30]) and earlier.text[:30] not in head


def test_an_edited_presentation_is_kept_by_the_import(imported, animator_client):
    presentation = named("Groupe ISACTYS").presentations.get(document="001")
    presentation.text = "Une présentation revue par l'animatrice."
    presentation._change_reason = "animatrice"
    presentation.save()

    report = reimport("001")

    presentation.refresh_from_db()
    assert presentation.text == "Une présentation revue par l'animatrice."
    assert any(kept.field == "présentation" for kept in report.kept)


def test_a_second_run_changes_no_presentation_nor_mention(imported):
    report = reimport()
    for label in (
        "présentations des documents",
        "mentions dans les documents",
        "structures",
        "personnes",
    ):
        counts = report.counts.get(label, {})
        assert not counts.get("créés") and not counts.get("modifiés"), (label, dict(counts))


# -- people, as of each document ----------------------------------------------------------


def test_a_person_named_in_2008_and_2010_keeps_each_role_and_shows_the_latest(imported):
    """Pierre Langlade: director of Espace CENTREMPLOI in 2008 (000), of GDID in 2010
    (001 and 003), planglade@asso-gdid.fr."""
    langlade = person("pierre-langlade")
    mentions = {m.document: m for m in langlade.mentions.all()}
    assert {"000", "001", "003"} <= set(mentions)
    assert mentions["000"].year == 2008
    assert mentions["000"].role == "Directeur"
    assert mentions["000"].organisation == named("Groupement d’employeurs Espace CENTREMPLOI")
    assert mentions["001"].role == "Directeur de GDID"
    assert mentions["001"].email == "planglade@asso-gdid.fr"
    # The latest is the person's own.
    assert langlade.email == "planglade@asso-gdid.fr"
    assert langlade.role == "Directeur de GDID"
    assert langlade.organisation == named("G.D.I.D.")


def test_the_latest_of_two_documents_of_2010_is_the_manual(imported):
    """Issma Benkhaled: « Responsable service social » in 001, « Directrice adjointe » in
    003 (December 2010): the manual is the later."""
    benkhaled = person("issma-benkhaled")
    assert benkhaled.mentions.get(document="001").role == "Responsable service social"
    assert benkhaled.mentions.get(document="003").role == "Directrice adjointe"
    assert benkhaled.role == "Directrice adjointe"


def test_a_first_name_is_spelled_as_the_latest_document_spells_it(imported):
    """Jean-Luc Brossas: « Jean Luc » in 000 (2008), « BROSSAS Jean -Luc » on 001's card
    (2010, p. 7): the 2010 spelling is the person's; each document's mention keeps its own."""
    brossas = person("jean-luc-brossas")
    assert brossas.first_name == "Jean-Luc"
    assert set(brossas.mentions.values_list("document", flat=True)) >= {"000", "001"}


def test_a_first_name_an_editor_changed_is_not_taken_by_a_later_document(imported, animator_client):
    brossas = person("jean-luc-brossas")
    response = change_through_admin(animator_client, Person, brossas, first_name="Jean Luc")
    assert response.status_code == 302

    reimport()

    brossas.refresh_from_db()
    assert brossas.first_name == "Jean Luc"


def test_xavier_collard_is_the_former_director_in_2010(imported):
    collard = person("xavier-collard")
    assert collard.mentions.get(document="000").role == "Directeur"
    assert collard.role == "ancien Directeur"
    assert collard.email == "xcd@orange.fr"


def test_a_role_an_editor_changed_is_not_taken_by_a_later_document(imported, animator_client):
    langlade = person("pierre-langlade")
    response = change_through_admin(animator_client, Person, langlade, role="Directeur général")
    assert response.status_code == 302

    reimport()

    langlade.refresh_from_db()
    assert langlade.role == "Directeur général"
    assert langlade.mentions.get(document="001").role == "Directeur de GDID"


# -- web addresses ---------------------------------------------------------------------------


def test_websites_are_absolute(imported):
    websites = list(Organisation.objects.exclude(website="").values_list("name", "website"))
    assert websites
    for name, website in websites:
        assert website.startswith(("http://", "https://")), (name, website)
    # 001 gives « www.passerelle-thiers.com »: a relative link on the page before.
    assert named("Passerelle").website == "https://www.passerelle-thiers.com"
    # Where the document gives http, http it stays.
    assert named("ADPEI").website == "http://www.adpei.fr"


def test_absolute_url():
    assert absolute_url("www.x.org") == "https://www.x.org"
    assert absolute_url(" http://www.x.org ") == "http://www.x.org"
    assert absolute_url("") == ""


def test_the_database_refuses_a_relative_website(imported):
    passerelle = named("Passerelle")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=passerelle.pk).update(website="www.passerelle-thiers.com")


def test_the_admin_stores_a_typed_address_with_its_scheme(imported, animator_client):
    passerelle = named("Passerelle")
    response = change_through_admin(
        animator_client, Organisation, passerelle, website="www.exemple.org"
    )
    assert response.status_code == 302
    passerelle.refresh_from_db()
    assert passerelle.website == "https://www.exemple.org"


def test_mentions_are_personal_data_not_shown_on_organisation_pages(imported, client):
    isactys = named("Groupe ISACTYS")
    html = client.get(reverse("organisations:detail", args=[isactys.slug])).content.decode()
    assert "l.lambert@isactys.com" not in html
    assert PersonMention.objects.filter(email="l.lambert@isactys.com").exists()
    assert Presentation.objects.count() > 40
