"""Document 004's webinar as an event (issue 23): its programme in the database, read
against the deck, and a re-import that changes nothing and never undoes an editor."""

import shutil
from datetime import date, datetime, time

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import Event, EventPart, EventSpeaker
from experiences.models import ExperienceCard
from resources.models import Resource
from sources import documents
from sources.documents import DOCUMENTS, DOCUMENTS_BY_CODE
from sources.importer import import_document
from sources.models import ImportedRecord
from sources.writer import ImportReport
from tests import factories
from vita.models import PublicationStatus

pytestmark = pytest.mark.django_db

TITLE = "IAE et EA : quelle coopération avec les acteurs du territoire ?"
SESSION_RD = "La Coopération dans une approche R&D"
PROGRAMME = [
    ("", "Introduction"),
    ("", "Définir la coopération"),
    ("", "Fiches ressources"),
    (SESSION_RD, "Coopérer pour créer de l'emploi"),
    (SESSION_RD, SESSION_RD),
    ("Acteurs engagés", "Les coopérations entre le secteur de l'IAE et le Handicap"),
    (
        "Acteurs engagés",
        "L'AGORA du Ternois : un espace de coopération durable en territoire rural",
    ),
    ("", "Perspectives"),
]
FICHES = ["GME", "REGIE", "PTCE", "TZCLD", "GES", "JVS", "PAT"]


def record(model, key):
    entry = ImportedRecord.objects.get(document="004", key=key)
    return model.objects.get(pk=entry.object_id)


def event() -> Event:
    return record(Event, "evenement")


def part(name) -> EventPart:
    return record(EventPart, f"evenement-{name}")


def reimport() -> ImportReport:
    return import_document(DOCUMENTS_BY_CODE["004"]).report


def state():
    """Everything the import wrote of the event, as comparable values."""
    webinar = event()
    parts = [
        (
            row.position,
            row.session,
            row.title,
            row.description,
            [(s.person_id, s.organisation_id, s.role_as_written) for s in row.speakers.all()],
            sorted(row.cards.values_list("pk", flat=True)),
            sorted(row.resources.values_list("pk", flat=True)),
        )
        for row in webinar.parts.all()
    ]
    fields = {f.attname: getattr(webinar, f.attname) for f in Event._meta.concrete_fields}
    del fields["updated_at"]
    return fields, sorted(webinar.resources.values_list("pk", flat=True)), parts


@pytest.fixture
def sources(tmp_path, monkeypatch):
    """The shipped documents copied aside, so that a test can correct 004 as a new
    version of the project would: `sources(find, replace)`."""
    for document in DOCUMENTS:
        shutil.copy(document.path, tmp_path / document.filename)
    monkeypatch.setattr(documents, "SOURCES_DIR", tmp_path)

    def correct(find, replace):
        path = tmp_path / DOCUMENTS_BY_CODE["004"].filename
        text = path.read_text(encoding="utf-8")
        assert text.count(find) == 1, find
        path.write_text(text.replace(find, replace), encoding="utf-8")

    return correct


def test_the_webinar_is_a_published_past_event_of_its_day(imported):
    webinar = event()
    assert Event.objects.count() == 1
    assert (webinar.slug, webinar.title, webinar.kind) == (
        "webinaire-iae-ea-cooperation-2022",
        TITLE,
        "webinaire",
    )
    assert (webinar.status, webinar.audience) == (PublicationStatus.PUBLISHED, "public")
    assert webinar.organiser.name == "DREETS Hauts-de-France"
    assert (webinar.region.name, webinar.place, webinar.online_url) == (
        "Hauts-de-France",
        "En ligne",
        "",
    )
    # The deck gives its day only: stored at that day's midnight, local time, and said
    # to have no hour; no end.
    starts = timezone.localtime(webinar.starts_at)
    assert (starts.date(), starts.time(), webinar.date_only) == (date(2022, 12, 14), time(0), True)
    assert webinar.ends_at is None
    assert (webinar.takes_registrations, webinar.capacity) == (False, None)
    assert list(Event.objects.past()) == [webinar]
    source = Resource.objects.get(slug="webinaire-iae-ea-cooperation-2022")
    assert webinar.source_resource == source
    assert set(webinar.resources.all()) == {source} | {
        Resource.objects.get(slug=f"cooperation-{code.lower()}") for code in FICHES
    }


def test_the_programme_in_the_decks_order(imported):
    parts = list(event().parts.all())
    assert [(p.position, p.session, p.title) for p in parts] == [
        (position, session, title) for position, (session, title) in enumerate(PROGRAMME)
    ]
    assert parts[0].description.startswith("Présentation de l'axe de travail « Innovation")
    assert parts[-1].description.startswith(
        "- Mise en ligne des fiches ressources sur l'espace collaboratif du CRIE"
    )
    pages = ImportedRecord.objects.filter(document="004", key__startswith="evenement-")
    assert sorted(pages.values_list("key", "page")) == sorted(
        [
            ("evenement-introduction", 1),
            ("evenement-definir-la-cooperation", 1),
            ("evenement-fiches-ressources", 1),
            ("evenement-intervention-1", 4),
            ("evenement-intervention-2", 5),
            ("evenement-intervention-3", 6),
            ("evenement-intervention-4", 7),
            ("evenement-perspectives", 7),
        ]
    )


def test_the_speakers_are_the_documents_people_with_their_functions(imported):
    speakers = [
        [(s.person.full_name, s.organisation.name, s.role_as_written) for s in p.speakers.all()]
        for p in event().parts.all()
    ]
    assert speakers[0] == [("Pierre Manac'h", "DREETS Hauts-de-France", "Chargé de mission IAE")]
    assert speakers[1:3] == [[], []]
    assert [speaker[0][:2] for speaker in speakers[3:7]] == [
        ("Julien Alleau", "COORACE"),
        ("Rachid Cherfaoui", "Institut Godin"),
        ("Émilie Verwaerde", "AFEJI"),
        ("Yoann Caquiere", "AGORA du Ternois"),
    ]
    assert speakers[5][0][2] == "Coordinatrice AFEJI Hauts de France, Emploi Adapté du Littoral"
    assert speakers[7] == []
    # One person each, the one the webinar's resource and the talks' cards name.
    webinar = Resource.objects.get(slug="webinaire-iae-ea-cooperation-2022")
    people = [s.person for s in EventSpeaker.objects.filter(part__event=event())]
    assert set(people) == set(webinar.author_people.all())
    for rank in range(1, 5):
        talk = part(f"intervention-{rank}")
        card = record(ExperienceCard, f"experience-{rank}")
        assert talk.speakers.get().person == card.contacts.get().person


def test_each_talk_presents_its_card_and_the_fiches_are_presented(imported):
    for rank in range(1, 5):
        talk = part(f"intervention-{rank}")
        card = record(ExperienceCard, f"experience-{rank}")
        assert list(talk.cards.all()) == [card]
        assert talk.description == card.summary
    assert set(part("fiches-ressources").resources.values_list("slug", flat=True)) == {
        f"cooperation-{code.lower()}" for code in FICHES
    }
    for name in ("introduction", "definir-la-cooperation", "perspectives"):
        assert not part(name).cards.exists() and not part(name).resources.exists()
    # The cards know where they were presented.
    agora = record(ExperienceCard, "experience-4")
    assert [p.event for p in agora.presented_at.all()] == [event()]


def test_a_second_import_changes_nothing(imported):
    before = state()

    report = reimport()

    assert not report.changed
    assert report.kept == []
    assert state() == before


def test_an_editors_changes_to_the_event_and_its_parts_are_kept(imported):
    animator = factories.UserFactory()
    webinar = event()
    webinar.title = "Webinaire IAE et EA : coopérer sur le territoire"
    webinar.starts_at = timezone.make_aware(datetime(2022, 12, 14, 10, 0))
    webinar.date_only = False
    webinar.online_url = "https://example.org/replay"
    webinar._history_user = animator
    webinar.save()
    webinar.resources.remove(Resource.objects.get(slug="cooperation-pat"))
    introduction = part("introduction")
    introduction.title = "Ouverture"
    introduction.save()
    talk = part("intervention-3")
    speaker = talk.speakers.get()
    speaker.role_as_written = "Coordinatrice, AFEJI"
    speaker.save()
    talk.cards.clear()
    edited = state()

    report = reimport()

    assert state() == edited
    assert {(kept.model, kept.record, kept.field) for kept in report.kept} == {
        ("événement", webinar.title, "titre"),
        ("événement", webinar.title, "début"),
        ("événement", webinar.title, "sans heure"),
        ("événement", webinar.title, "lien de connexion"),
        ("événement", webinar.title, "ressources"),
        ("partie du programme", f"{webinar.title} — Ouverture", "intitulé"),
        ("partie du programme", f"{webinar.title} — {talk.title}", "intervenants"),
        ("partie du programme", f"{webinar.title} — {talk.title}", "fiches expériences présentées"),
    }
    assert not report.changed
    assert not reimport().changed and state() == edited


def test_a_correction_of_the_document_reaches_what_nobody_edited(imported, sources):
    introduction = part("introduction")
    introduction.title = "Ouverture"
    introduction.save()

    sources("- Autres besoins ?", "- Quels autres besoins ?")
    report = reimport()

    assert part("perspectives").description.endswith("- Quels autres besoins ?")
    assert part("introduction").title == "Ouverture"
    assert [(kept.record, kept.field) for kept in report.kept] == [
        (f"{TITLE} — Ouverture", "intitulé")
    ]


def test_what_an_editor_deleted_is_not_created_again(imported):
    part("perspectives").delete()

    report = reimport()

    assert [p.title for p in event().parts.all()] == [title for _, title in PROGRAMME[:-1]]
    assert report.gone == ["partie du programme « evenement-perspectives »"]

    event().delete()
    report = reimport()

    assert not Event.objects.exists() and not EventPart.objects.exists()
    assert "événement « evenement »" in report.gone
    assert not report.changed


def test_the_command_names_the_event(imported, capsys):
    call_command("import_sources", "--only", "004")

    output = capsys.readouterr().out
    assert f"1 événement (« {TITLE} »)" in output
    assert "Tout était déjà à jour." in output
