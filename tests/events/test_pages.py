"""The pages of the events under /rencontres/: the list, an event's page and its form, a
registration's private page, the iCal file, the feed, « Mes inscriptions », the home
page; each audience sees its own events."""

import datetime
import html
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from territories.models import Region
from tests import factories
from vita.roles import ANIMATEUR, MEMBRE
from workgroups.models import Audience

pytestmark = pytest.mark.django_db

Status = Registration.Status
PARIS = ZoneInfo("Europe/Paris")


def _text(response) -> str:
    """The page as read: tags out, entities (« d&#x27;attente ») back to characters."""
    return html.unescape(re.sub(r"<[^>]+>", "", response.content.decode()))


def _at(day, hour, minute=0):
    return datetime.datetime(*day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def rencontre():
    year = timezone.localdate().year + 1
    card = factories.ExperienceCardFactory(title="Un garage solidaire")
    draft_card = factories.ExperienceCardFactory(title="Une fiche en relecture", status="draft")
    support = factories.ResourceFactory(title="Support : la mobilité")
    event = factories.EventFactory(
        title="Rencontres nationales : la mobilité",
        starts_at=_at((year, 3, 14), 9, 30),
        ends_at=_at((year, 3, 14), 17),
        place="Couvent des Jacobins, Rennes",
        capacity=3,
    )
    part = factories.EventPartFactory(event=event, title="Table ronde : se déplacer")
    part.cards.add(card, draft_card)
    part.resources.add(support)
    speaker = factories.EventSpeakerFactory(
        part=part, person__first_name="Inès", person__last_name="Morel"
    )
    factories.EventSpeakerFactory(
        part=part, person__last_name="Retiré", person__withdrawn_at=timezone.now()
    )
    return event, card, draft_card, speaker


def test_the_event_page_says_when_where_the_places_and_the_programme(client, rencontre):
    event, card, draft_card, speaker = rencontre
    factories.RegistrationFactory(event=event)

    response = client.get(event.get_absolute_url())
    page = response.content.decode()

    assert "14 mars" in _text(response) and "09h30 – 17h00" in _text(response)
    assert "Couvent des Jacobins, Rennes" in page
    assert "2 places restantes" in page
    assert "Table ronde : se déplacer" in page
    assert "Inès Morel" in page and "Retiré" not in page
    assert f'href="{reverse("organisations:detail", args=[speaker.organisation.slug])}"' in page
    assert card.get_absolute_url() in page and draft_card.title not in page
    assert "Support : la mobilité" in page
    assert reverse("events:ical", args=[event.slug]) in page
    assert 'id="id_email"' in page


def test_a_full_event_offers_the_waiting_list(client):
    event = factories.EventFactory(capacity=1)
    factories.RegistrationFactory(event=event)

    page = client.get(event.get_absolute_url()).content.decode()

    assert "Complet : liste d'attente" in html.unescape(page)
    assert "M'inscrire sur la liste d'attente" in html.unescape(page)


def test_registering_on_the_page_leads_to_the_private_page(
    client, django_capture_on_commit_callbacks
):
    event = factories.EventFactory(capacity=1)
    data = {"name": "Léa Martin", "email": "lea@example.org", "consent": "on"}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.get_absolute_url(), data)

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:registration", args=[registration.token])
    page = client.get(response["Location"]).content.decode()
    assert "Votre place est réservée" in page
    assert "Annuler mon inscription" in page
    assert len(mail.outbox) == 1

    # A second person: the waiting list, with her rank on her page.
    other = {"name": "Paul Durand", "email": "paul@example.org", "consent": "on"}
    response = client.post(event.get_absolute_url(), other, follow=True)
    assert "liste d'attente, en position 1" in _text(response)
    assert "En liste d'attente, position 1" in _text(response)


def test_a_form_with_errors_or_a_refusal_writes_nothing(client):
    event = factories.EventFactory()
    factories.RegistrationFactory(event=event, email="lea@example.org")

    missing = client.post(event.get_absolute_url(), {"name": "", "email": "x"})
    twice = client.post(
        event.get_absolute_url(), {"name": "Léa", "email": "LEA@example.org", "consent": "on"}
    )

    assert missing.status_code == 400
    assert "Donnez votre prénom et votre nom." in missing.content.decode()
    assert "Cochez cette case pour vous inscrire." in missing.content.decode()
    assert twice.status_code == 400
    assert "déjà inscrite à cet événement" in twice.content.decode()
    assert event.registrations.count() == 1


def test_a_closed_event_says_why_and_a_late_post_is_refused(client):
    event = factories.EventFactory(registration_closes_at=timezone.now() - timedelta(hours=1))

    page = client.get(event.get_absolute_url())
    late = client.post(event.get_absolute_url(), {"name": "Léa", "email": "l@example.org"})

    assert "Les inscriptions à cet événement sont closes depuis le" in page.content.decode()
    assert 'id="id_email"' not in page.content.decode()
    assert late.status_code == 400
    assert "Votre inscription n'a pas été enregistrée." in _text(late)
    assert not Registration.objects.exists()


def test_cancelling_from_the_private_page_moves_the_line_up(
    client, django_capture_on_commit_callbacks
):
    event = factories.EventFactory(capacity=1)
    holder = factories.RegistrationFactory(event=event)
    waiting = factories.RegistrationFactory(event=event, status=Status.WAITING)
    url = reverse("events:registration", args=[holder.token])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "annuler"}, follow=True)

    assert "Votre inscription est annulée." in response.content.decode()
    assert "Annuler mon inscription" not in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.email]]
    again = client.post(url, {"action": "annuler"})
    assert again.status_code == 400 and "déjà annulée" in again.content.decode()


def test_the_private_page_is_its_holders_only(client):
    registration = factories.RegistrationFactory()

    response = client.get(reverse("events:registration", args=[registration.token]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"  # the token stays on the site
    assert response["X-Robots-Tag"] == "noindex"  # a link that leaked is not indexed
    assert client.get(reverse("events:registration", args=["x" * 43])).status_code == 404


def test_the_ical_file(client, settings):
    settings.SITE_URL = "https://vita.example.org"
    event = factories.EventFactory(
        title="Rencontre ; virgules, et « guillemets » " + "très longue " * 10,
        summary="Ligne un\nLigne deux",
        starts_at=_at((2030, 6, 4), 9, 30),
        ends_at=_at((2030, 6, 4), 17),
        place="Salle 2, Lyon",
        online_url="https://visio.example.org/salle",
    )

    response = client.get(reverse("events:ical", args=[event.slug]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    raw = response.content.decode()
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))  # folded
    assert "SUMMARY:Rencontre \\; virgules\\, et" in raw.replace("\r\n ", "")
    [entry] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert entry["SUMMARY"] == event.title
    assert entry.decoded("DTSTART") == event.starts_at
    assert entry.decoded("DTEND") == event.ends_at
    # The connection link is for those who hold a place (their e-mails' file has it).
    assert entry["LOCATION"] == "Salle 2, Lyon — En ligne"
    assert entry["UID"] == f"evenement-{event.pk}@vita.example.org"
    assert entry["URL"] == f"https://vita.example.org{event.get_absolute_url()}"
    assert "Ligne un\nLigne deux" in entry["DESCRIPTION"]
    assert entry["STATUS"] == "CONFIRMED"

    event.cancelled_at = timezone.now()
    event.save()
    cancelled = icalendar.Calendar.from_ical(
        client.get(reverse("events:ical", args=[event.slug])).content
    )
    assert cancelled.walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_the_list_upcoming_first_then_past_with_filters(client):
    now = timezone.now()
    later = factories.EventFactory(title="Plus tard", starts_at=now + timedelta(days=20))
    sooner = factories.EventFactory(
        title="Bientôt", starts_at=now + timedelta(days=2), kind="webinaire", region=None
    )
    past = factories.EventFactory(
        title="Passé", starts_at=now - timedelta(days=30), ends_at=now - timedelta(days=29)
    )
    factories.EventFactory(title="Brouillon", status="draft")
    later.region = Region.objects.get(code="53")
    later.save()

    page = client.get(reverse("events:list")).content.decode()
    webinars = client.get(reverse("events:list"), {"type": "webinaire"}).content.decode()
    bretagne = client.get(reverse("events:list"), {"region": "53"}).content.decode()
    unknown = client.get(reverse("events:list"), {"type": "atelier", "region": "99"})

    assert page.index("Bientôt") < page.index("Plus tard") < page.index("Passé")
    assert "Brouillon" not in page
    assert "Bientôt" in webinars and "Plus tard" not in webinars and past.title not in webinars
    assert "Plus tard" in bretagne and "Bientôt" not in bretagne
    assert unknown.status_code == 200
    assert "« atelier » n'est pas un type d'événement connu" in _text(unknown)
    assert "« 99 » n'est pas une région connue" in _text(unknown)
    assert sooner.title in unknown.content.decode()


def test_the_list_s_queries_do_not_grow_with_the_events(client, django_assert_max_num_queries):
    factories.EventFactory.create_batch(2)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("events:list"))
    factories.EventFactory.create_batch(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("events:list"))


def test_the_event_page_s_queries_do_not_grow_with_the_programme(
    client, rencontre, django_assert_max_num_queries
):
    event = rencontre[0]
    with django_assert_max_num_queries(30) as few:
        client.get(event.get_absolute_url())
    for _ in range(4):
        part = factories.EventPartFactory(event=event)
        factories.EventSpeakerFactory(part=part)
        part.cards.add(factories.ExperienceCardFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(event.get_absolute_url())


def test_the_feed_lists_the_upcoming_public_events(client):
    now = timezone.now()
    factories.EventFactory(title="À venir <b>", starts_at=now + timedelta(days=3))
    factories.EventFactory(title="Réservé", audience=Audience.NETWORK)
    factories.EventFactory(title="Passé", starts_at=now - timedelta(days=3), ends_at=None)

    response = client.get(reverse("events:feed"))

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert "À venir &lt;b&gt;" in feed
    assert "Réservé" not in feed and "Passé" not in feed


# -- audiences ------------------------------------------------------------------------------


@pytest.fixture
def audiences():
    group = factories.WorkingGroupFactory()
    events = {
        Audience.PUBLIC: factories.EventFactory(title="Pour tous"),
        Audience.NETWORK: factories.EventFactory(title="Pour le réseau", audience="reseau"),
        Audience.GROUP: factories.EventFactory(
            title="Pour le groupe", audience="groupe", working_group=group
        ),
        Audience.ANIMATORS: factories.EventFactory(title="Pour les animateurs",
                                                   audience="animateurs"),
    }  # fmt: skip
    member = factories.UserFactory(groups=[MEMBRE])
    group_member = factories.UserFactory()
    factories.GroupMembershipFactory(working_group=group, person__account=group_member)
    people = {
        "anonyme": None,
        "membre": member,
        "membre du groupe": group_member,
        "animateur": factories.UserFactory(groups=[ANIMATEUR]),
    }
    return events, people


SEES = {
    "anonyme": {Audience.PUBLIC},
    "membre": {Audience.PUBLIC, Audience.NETWORK},
    "membre du groupe": {Audience.PUBLIC, Audience.NETWORK, Audience.GROUP},
    "animateur": set(Audience.values),
}


@pytest.mark.parametrize("who", list(SEES))
def test_each_audience_sees_its_events(client, audiences, who):
    events, people = audiences
    if people[who] is not None:
        client.force_login(people[who])

    listed = client.get(reverse("events:list")).content.decode()

    for audience, event in events.items():
        page = client.get(event.get_absolute_url())
        ical = client.get(reverse("events:ical", args=[event.slug]))
        if audience in SEES[who]:
            assert event.title in listed
            assert page.status_code == ical.status_code == 200
        else:
            assert event.title not in listed
            expected = 302 if who == "anonyme" else 403
            assert page.status_code == ical.status_code == expected, (who, audience)
            if expected == 403:
                assert "votre compte ne donne pas accès à cet événement" in page.content.decode()


def test_an_unknown_event_is_a_404_for_members_and_the_login_for_the_public(client):
    assert client.get("/rencontres/inconnu/").status_code == 302
    client.force_login(factories.UserFactory())
    assert client.get("/rencontres/inconnu/").status_code == 404


# -- Mon espace, the home page --------------------------------------------------------------


def test_my_registrations_in_my_space(client):
    user = factories.UserFactory(email="lea@example.org")
    mine = factories.RegistrationFactory(user=user, event__title="Ma Rencontre")
    by_address = factories.RegistrationFactory(
        email="LEA@example.org", event__title="Mon webinaire", status=Status.WAITING
    )
    factories.RegistrationFactory(event__title="Celle d’un autre")
    past = factories.RegistrationFactory(
        user=user, event__title="Ma formation passée",
        event__starts_at=timezone.now() - timedelta(days=10), event__ends_at=None,
    )  # fmt: skip
    client.force_login(user)

    page = client.get(reverse("my_space")).content.decode()

    assert "Mes inscriptions" in page
    assert "Ma Rencontre" in page and "Mon webinaire" in page and "Celle d’un autre" not in page
    assert reverse("events:registration", args=[mine.token]) in page
    assert reverse("events:registration", args=[by_address.token]) in page
    assert "En liste d'attente" in html.unescape(page)
    assert past.event.title in page


def test_the_home_page_shows_the_next_public_events(client):
    factories.EventFactory(title="Prochaine Rencontre")
    factories.EventFactory(title="Rencontre réservée", audience="reseau")
    factories.EventFactory(title="Rencontre annulée", cancelled_at=timezone.now())

    page = client.get("/").content.decode()

    assert "Prochains événements" in page
    assert "Prochaine Rencontre" in page
    assert "Rencontre réservée" not in page and "Rencontre annulée" not in page


def test_my_registrations_are_in_my_data(client):
    user = factories.UserFactory(email="lea@example.org")
    factories.RegistrationFactory(user=user, event__title="Ma Rencontre", note="Végétarien")
    client.force_login(user)

    data = client.get(reverse("my_data")).json()

    [mine] = data["inscriptions"]
    assert mine["evenement"] == "Ma Rencontre" and mine["besoins_particuliers"] == "Végétarien"


def test_an_event_without_hours_shows_and_exports_its_days_only(client):
    event = factories.EventFactory(
        starts_at=_at((2031, 12, 14), 0), ends_at=None, date_only=True, capacity=None
    )

    page = _text(client.get(event.get_absolute_url()))
    ical = client.get(reverse("events:ical", args=[event.slug])).content

    assert "dimanche 14 décembre 2031" in page and "00h00" not in page
    [entry] = icalendar.Calendar.from_ical(ical).walk("VEVENT")
    assert entry.decoded("DTSTART") == datetime.date(2031, 12, 14)
    assert entry.decoded("DTEND") == datetime.date(2031, 12, 15)  # exclusive: one day
    assert b"DTSTART;VALUE=DATE:20311214" in ical


def test_a_day_without_hours_is_upcoming_until_its_end():
    from events.models import Event

    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    event = factories.EventFactory(starts_at=today, ends_at=None, date_only=True)

    assert list(Event.objects.upcoming()) == [event]
    assert not event.is_over
    later = today + timedelta(days=1, hours=1)
    assert list(Event.objects.past(later)) == [event]


def test_the_programme_groups_the_parts_of_a_session(client):
    event = factories.EventFactory()
    factories.EventPartFactory(event=event, position=0, title="Ouverture")
    factories.EventPartFactory(event=event, position=1, session="Acteurs engagés", title="A")
    factories.EventPartFactory(event=event, position=2, session="Acteurs engagés", title="B")

    page = client.get(event.get_absolute_url()).content.decode()

    assert page.count("Acteurs engagés") == 1
    assert re.search(r"<h3[^>]*>Acteurs engagés</h3>\s*<ol", page)
    assert page.index("Ouverture") < page.index("Acteurs engagés") < page.index(" A</h4>")
