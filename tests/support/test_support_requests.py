"""Support requests followed from both sides: a structure asks (signed in, or without an
account through its private link), the animators assign an expert, move the status,
write to it and count the days given; the structure reads all of it on its page and in
« Mon espace » and answers. Bad input is refused in French with nothing written; nobody
else reads a request."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from support.models import (
    ExpertiseDays,
    NoteKind,
    StatusChange,
    SupportNote,
    SupportRequest,
    SupportStatus,
)
from support.services import next_reference
from tests import factories
from tests.admin_forms import change_through_admin, inline_prefix
from vita.roles import CONTRIBUTEUR, MEMBRE

pytestmark = pytest.mark.django_db

ASK = "/appui/"


@pytest.fixture(autouse=True)
def setup(db, settings):
    cache.clear()  # the rate limits count in the cache
    settings.ANIMATOR_EMAILS = ["animation@coorace.example.org"]
    settings.SITE_URL = "https://vita.example.org"


@pytest.fixture
def member(client):
    """A member of the network whose account has a person in a structure of Ille-et-Vilaine."""
    user = factories.UserFactory(username="lina", email="lina.rossi@example.org",
                                 groups=[MEMBRE])  # fmt: skip
    structure = factories.OrganisationFactory(name="Chantier d'insertion du Pays de Redon")
    factories.PersonFactory(
        first_name="Lina", last_name="Rossi", organisation=structure,
        email="lina.rossi@example.org", account=user, phone="02 99 00 00 00",
    )  # fmt: skip
    return user


def _request(**changes):
    return {
        "organisation_name": "Chantier d'insertion du Pays de Redon",
        "contact_name": "Lina Rossi",
        "contact_email": "lina.rossi@example.org",
        "contact_phone": "",
        "region": "53",
        "departement": "35",
        "project": "Un garage solidaire pour les salariés en insertion du pays de Redon.",
        "need": "Deux jours d'appui sur le modèle économique du garage.",
        "consent": "on",
        "website": "",
    } | changes


def _ask(client, data, capture):
    with capture(execute=True):
        return client.post(ASK, data)


def test_a_request_followed_from_both_sides(
    client, member, animator, mailoutbox, django_capture_on_commit_callbacks
):
    mobility = factories.ThemeFactory(name="Mobilité", slug="mobilite")
    expert = factories.PersonFactory(first_name="Marc", last_name="Lefort")
    client.force_login(member)

    # The structure asks: the form starts from its person and structure.
    form = client.get(ASK).context["form"]
    assert form.initial["organisation_name"] == "Chantier d'insertion du Pays de Redon"
    assert form.initial["contact_email"] == "lina.rossi@example.org"
    assert (form.initial["region"], form.initial["departement"]) == ("53", "35")
    response = _ask(client, _request(themes=["mobilite"]), django_capture_on_commit_callbacks)

    asked = SupportRequest.objects.get()
    assert asked.reference == f"APPUI-{datetime.date.today().year}-0001"
    assert response.status_code == 302 and response["Location"] == f"/appui/{asked.reference}/"
    assert asked.user == member and asked.person == member.person
    assert asked.organisation == member.person.organisation  # the one matcher found it
    assert list(asked.themes.all()) == [mobility]
    assert asked.status == SupportStatus.RECEIVED
    confirmation, to_animators = mailoutbox
    assert confirmation.to == ["lina.rossi@example.org"] and asked.reference in confirmation.subject
    assert f"https://vita.example.org/appui/{asked.reference}/suivi/{asked.token}/" in (
        confirmation.body
    )
    assert to_animators.to == ["animation@coorace.example.org"]
    assert "Deux jours d'appui" in to_animators.body
    mailoutbox.clear()

    # The animator assigns an expert, moves the status, writes to the structure, notes
    # something for the animators only, and enters the days given.
    client.force_login(animator)
    prefix = inline_prefix(client, SupportRequest, asked, ExpertiseDays)
    with django_capture_on_commit_callbacks(execute=True):
        response = change_through_admin(
            client, SupportRequest, asked,
            expert=expert.pk, new_status=SupportStatus.ONGOING,
            message="Marc Lefort vous appelle cette semaine.",
            internal_note="Structure fragile : suivre de près.",
            **{f"{prefix}-0-day": "2026-03-12", f"{prefix}-0-days": "1.5",
               f"{prefix}-0-note": "Visite et diagnostic"},
        )  # fmt: skip
    assert response.status_code == 302, response.context and response.context["errors"]
    asked.refresh_from_db()
    assert asked.status == SupportStatus.ONGOING and asked.expert == expert
    change = asked.status_changes.get(to_status=SupportStatus.ONGOING)
    assert (change.from_status, change.changed_by) == (SupportStatus.RECEIVED, animator)
    days = asked.expertise_days.get()
    assert (days.days, days.expert) == (Decimal("1.5"), expert)  # the request's expert
    assert {mail.subject for mail in mailoutbox} == {
        f"[VITA] Un expert du réseau vous accompagne ({asked.reference})",
        f"[VITA] Votre demande d'appui : accompagnement en cours ({asked.reference})",
    }
    assert all(mail.to == ["lina.rossi@example.org"] for mail in mailoutbox)
    assert any("Marc Lefort vous appelle" in mail.body for mail in mailoutbox)
    mailoutbox.clear()

    # The structure reads it in « Mon espace » and on its page, and answers.
    client.force_login(member)
    space = client.get(reverse("my_space")).content.decode()
    assert "Mes demandes d'appui" in space and asked.reference in space
    assert "accompagnement en cours" in space
    page = client.get(f"/appui/{asked.reference}/").content.decode()
    assert "Accompagnement en cours" in page and "Marc Lefort" in page
    assert "Marc Lefort vous appelle cette semaine." in page
    assert "1,5" in page  # the days given
    assert "Structure fragile" not in page  # an internal note stays the animators'
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/appui/{asked.reference}/",
            {"text": "Merci, je suis disponible jeudi.", "website": ""},
        )
    assert response.status_code == 302
    answer = SupportNote.objects.get(from_requester=True)
    assert (answer.kind, answer.written_by) == (NoteKind.MESSAGE, member)
    (to_animators,) = mailoutbox
    assert to_animators.to == ["animation@coorace.example.org"]
    assert "disponible jeudi" in to_animators.body

    # The animator reads the answer on the request's admin page.
    client.force_login(animator)
    admin_page = client.get(reverse("admin:support_supportrequest_change", args=[asked.pk]))
    assert "Merci, je suis disponible jeudi." in admin_page.content.decode()


def test_without_an_account_the_structure_follows_by_its_private_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    response = _ask(client, _request(), django_capture_on_commit_callbacks)

    asked = SupportRequest.objects.get()
    assert asked.user is None and asked.person is None
    assert response["Location"] == asked.get_private_url()
    page = client.get(asked.get_private_url())
    assert page.status_code == 200 and asked.reference in page.content.decode()
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    assert asked.get_private_url() in mailoutbox[0].body
    # A wrong secret, or the right one under another reference, opens nothing.
    assert client.get(f"/appui/{asked.reference}/suivi/pas-le-bon/").status_code == 404
    other = factories.SupportRequestFactory()
    assert client.get(f"/appui/{other.reference}/suivi/{asked.token}/").status_code == 404
    # Its page by reference alone asks to log in.
    response = client.get(f"/appui/{asked.reference}/")
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")

    response = client.post(asked.get_private_url(), {"text": "Une précision.", "website": ""})
    assert response.status_code == 302
    assert asked.notes.get().from_requester


def test_nobody_else_reads_a_request(client, member):
    asked = factories.SupportRequestFactory(user=member)
    other_member = factories.UserFactory(groups=[MEMBRE])
    contributor = factories.UserFactory(is_staff=True, groups=[CONTRIBUTEUR])

    client.force_login(other_member)
    assert client.get(f"/appui/{asked.reference}/").status_code == 404
    assert client.post(f"/appui/{asked.reference}/", {"text": "Bonjour"}).status_code == 404
    assert asked.reference not in client.get(reverse("my_space")).content.decode()
    # Staff without the animators' permissions: neither the queue nor the figures.
    client.force_login(contributor)
    assert client.get(reverse("admin:support_supportrequest_changelist")).status_code == 403
    assert client.get(reverse("admin:support_supportrequest_figures")).status_code == 403
    assert client.get(f"/appui/{asked.reference}/").status_code == 404
    assert not SupportNote.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"region": "99"}, "Choisissez une région de la liste."),
        ({"region": ""}, "Choisissez la région de la structure."),
        ({"departement": "75"}, "Le département Paris (75) n'est pas dans la région Bretagne."),
        ({"themes": ["inconnu"]}, "Choisissez des thèmes de la liste."),
        ({"consent": ""}, "Cochez cette case pour que votre demande soit étudiée."),
        ({"contact_email": "pas-une-adresse"}, "valide"),
        ({"need": "  "}, "Ce champ est obligatoire."),
        ({"project": "x" * 5001}, "au plus 5000 caractères"),
    ],
)
def test_bad_input_is_refused_in_french_and_nothing_written(client, changes, message):
    response = client.post(ASK, _request(**changes))

    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not SupportRequest.objects.exists()
    assert not StatusChange.objects.exists()


def test_an_empty_message_is_refused_and_nothing_written(client):
    asked = factories.SupportRequestFactory()

    response = client.post(asked.get_private_url(), {"text": "   ", "website": ""})

    assert response.status_code == 200
    assert "Écrivez votre message avant de l" in response.content.decode()
    assert not SupportNote.objects.exists()


def test_a_robot_is_thanked_and_nothing_written(client):
    response = client.post(ASK, _request(website="https://spam.example.com"))

    assert response.status_code == 302
    assert not SupportRequest.objects.exists()


def test_a_refusal_says_why(client, animator):
    asked = factories.SupportRequestFactory()
    client.force_login(animator)

    response = change_through_admin(client, SupportRequest, asked, new_status="refusee",
                                    message="")  # fmt: skip

    assert response.status_code == 200
    assert "Dites à la structure pourquoi sa demande est refusée" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == SupportStatus.RECEIVED and not asked.status_changes.exists()


def test_references_follow_each_other_within_a_year():
    factories.SupportRequestFactory(reference="APPUI-2026-0009")
    factories.SupportRequestFactory(reference="APPUI-2025-0041")

    assert next_reference(2026) == "APPUI-2026-0010"
    assert next_reference(2027) == "APPUI-2027-0001"


def test_the_figures_equal_the_counts_of_the_queue(client, animator):
    mobility, housing = (
        factories.ThemeFactory(name="Mobilité"),
        factories.ThemeFactory(name="Logement"),
    )
    expert = factories.PersonFactory(first_name="Marc", last_name="Lefort")
    requests = [
        factories.SupportRequestFactory(status=SupportStatus.ONGOING, expert=expert),
        factories.SupportRequestFactory(status=SupportStatus.ONGOING),
        factories.SupportRequestFactory(status=SupportStatus.DONE, region_id=_region("84")),
        factories.SupportRequestFactory(),
    ]
    requests[0].themes.set([mobility, housing])
    requests[1].themes.set([mobility])
    requests[2].themes.set([housing])
    factories.ExpertiseDaysFactory(request=requests[0], days=Decimal("1.5"), expert=expert)
    factories.ExpertiseDaysFactory(request=requests[0], days=2, expert=expert)
    factories.ExpertiseDaysFactory(request=requests[2], days=1, expert=None)
    client.force_login(animator)

    page = client.get(reverse("admin:support_supportrequest_figures"))
    assert page.status_code == 200
    figures = page.context["figures"]

    queue = reverse("admin:support_supportrequest_changelist")

    def listed(**filters):
        return client.get(queue, filters).context["cl"].result_count

    for row in figures.by_theme:
        for status, count in row.counts:
            assert count == listed(themes__id__exact=row.code, status__exact=status), row
        assert row.total == listed(themes__id__exact=row.code)
    for row in figures.by_region:
        for status, count in row.counts:
            assert count == listed(region__id__exact=row.code, status__exact=status), row
    assert figures.total.total == listed() == 4
    assert [(row.label, row.total) for row in figures.by_theme] == [("Logement", 2),
                                                                    ("Mobilité", 2)]  # fmt: skip
    assert figures.without_theme.total == listed(themes__isnull="True") == 1
    assert figures.days_total == Decimal("4.5")
    assert figures.days_by_expert == [("Marc Lefort", Decimal("3.5")),
                                      ("Sans expert·e nommé·e", Decimal("1"))]  # fmt: skip
    assert dict(figures.days_by_theme) == {"Logement": Decimal("4.5"), "Mobilité": Decimal("3.5")}
    html = page.content.decode()
    assert "Demandes par thème et par état" in html and "donnés : 4,5" in html


def _region(code):
    from territories.models import Region

    return Region.objects.get(code=code).pk


def test_the_request_page_reads_a_bounded_number_of_queries(client):
    asked = factories.SupportRequestFactory()
    asked.themes.set([factories.ThemeFactory(), factories.ThemeFactory()])

    def queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(asked.get_private_url()).status_code == 200
        return len(captured)

    few = queries()
    for number in range(5):
        factories.SupportNoteFactory(request=asked, kind="message", text=f"Message {number}")
        factories.ExpertiseDaysFactory(request=asked)
        factories.StatusChangeFactory(request=asked)
    assert queries() == few
