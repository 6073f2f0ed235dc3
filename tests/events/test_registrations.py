"""Registering for an event (events.services): a place while places remain, else the
waiting list; a freed place goes to the first in line, who is told; refusals in French
that write nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events import services
from events.models import Registration
from tests import factories
from vita.models import PublicationStatus
from vita.roles import MEMBRE
from workgroups.models import Audience

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Runs the e-mails the writes send after their commit."""

    def run(write):
        with django_capture_on_commit_callbacks(execute=True):
            return write()

    return run


def _register(event, n, **kwargs):
    return services.register(event, name=f"Personne {n}", email=f"p{n}@example.org", **kwargs)


def test_places_then_the_waiting_list_in_order(sent):
    event = factories.EventFactory(capacity=2)

    first, second = [sent(lambda n=n: _register(event, n)) for n in (1, 2)]
    third, fourth = [sent(lambda n=n: _register(event, n)) for n in (3, 4)]

    assert [first.status, second.status] == [Status.CONFIRMED, Status.CONFIRMED]
    assert first.confirmed_at is not None
    assert [third.status, fourth.status] == [Status.WAITING, Status.WAITING]
    assert [services.waiting_rank(third), services.waiting_rank(fourth)] == [1, 2]
    assert services.places_left(event) == 0
    subjects = [message.subject for message in mail.outbox]
    assert subjects[0].startswith("[VITA] Inscription confirmée : ")
    assert subjects[2].startswith("[VITA] Liste d'attente : ")
    assert "en position 2" in mail.outbox[3].body
    assert "en première position" in mail.outbox[2].body


def test_a_full_event_then_a_place_freed_moves_the_list_up_and_tells_the_first(sent):
    event = factories.EventFactory(capacity=1)
    holder = sent(lambda: _register(event, 1))
    first_in_line = sent(lambda: _register(event, 2))
    second_in_line = sent(lambda: _register(event, 3))
    mail.outbox.clear()

    promoted = sent(lambda: services.cancel_registration(holder))

    assert promoted == [first_in_line]
    holder.refresh_from_db()
    first_in_line.refresh_from_db()
    second_in_line.refresh_from_db()
    assert holder.status == Status.CANCELLED and holder.cancelled_at is not None
    assert first_in_line.status == Status.CONFIRMED and first_in_line.confirmed_at is not None
    assert second_in_line.status == Status.WAITING
    assert services.waiting_rank(second_in_line) == 1
    [told] = mail.outbox
    assert told.to == ["p2@example.org"]
    assert told.subject.startswith("[VITA] Une place s'est libérée : ")
    assert "votre inscription est confirmée" in told.body
    assert told.attachments[0][0].endswith(".ics")


def test_a_cancelled_waiting_registration_frees_no_place(sent):
    event = factories.EventFactory(capacity=1)
    sent(lambda: _register(event, 1))
    waiting = sent(lambda: _register(event, 2))
    mail.outbox.clear()

    assert sent(lambda: services.cancel_registration(waiting)) == []
    assert mail.outbox == []


def test_a_capacity_raised_gives_its_places_to_those_waiting(sent):
    event = factories.EventFactory(capacity=1)
    for n in range(1, 5):
        sent(lambda n=n: _register(event, n))
    mail.outbox.clear()
    event.capacity = 3
    event.save()

    promoted = sent(lambda: services.move_waiting_list_up(event))

    assert [r.email for r in promoted] == ["p2@example.org", "p3@example.org"]
    assert sorted(m.to[0] for m in mail.outbox) == ["p2@example.org", "p3@example.org"]
    assert event.registrations.filter(status=Status.WAITING).get().email == "p4@example.org"


def test_nobody_jumps_the_line_while_people_wait(sent):
    """A place found free while people wait (a capacity raised by SQL) is theirs."""
    event = factories.EventFactory(capacity=1)
    sent(lambda: _register(event, 1))
    sent(lambda: _register(event, 2))
    event.__class__.objects.filter(pk=event.pk).update(capacity=2)

    late = sent(lambda: _register(event, 3))

    assert late.status == Status.WAITING


def test_a_signed_in_member_registers_with_their_account_person_and_structure(sent):
    user = factories.UserFactory(email="ines.morel@example.org", groups=[MEMBRE])
    person = factories.PersonFactory(first_name="Inès", last_name="Morel", account=user)
    event = factories.EventFactory()

    registration = sent(lambda: services.register(event, user=user))

    assert registration.user == user
    assert registration.person == person
    assert registration.organisation == person.organisation
    assert registration.name == "Inès Morel"
    assert registration.email == "ines.morel@example.org"
    assert registration.organisation_name == person.organisation.name


def test_the_confirmation_gives_the_calendar_and_the_private_link(sent, settings):
    settings.SITE_URL = "https://vita.example.org"
    event = factories.EventFactory(
        title="Rencontre de printemps",
        place="Lyon, salle 2",
        online_url="https://visio.example.org/a",
    )

    registration = sent(lambda: _register(event, 1))

    [message] = mail.outbox
    assert f"https://vita.example.org/rencontres/inscription/{registration.token}/" in message.body
    assert f"https://vita.example.org/rencontres/{event.slug}/calendrier.ics" in message.body
    assert "Où : Lyon, salle 2" in message.body
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == (f"{event.slug}.ics", "text/calendar")
    assert "SUMMARY:Rencontre de printemps" in content
    assert "En ligne : https://visio.example.org/a" in message.body
    assert "https://visio.example.org/a" in content.replace("\r\n ", "")


NOW = timezone.now()


@pytest.mark.parametrize(
    ("event_values", "message"),
    [
        ({"cancelled_at": NOW}, services.CANCELLED),
        ({"starts_at": NOW - timedelta(hours=1)}, services.OVER),
        ({"takes_registrations": False}, services.NOT_TAKEN),
        ({"status": PublicationStatus.DRAFT}, services.NOT_PUBLISHED),
        ({"registration_closes_at": NOW - timedelta(days=1)}, "sont closes depuis le"),
        ({"audience": Audience.NETWORK}, "Réservé aux membres du réseau : connectez-vous"),
        ({"audience": Audience.ANIMATORS}, "Réservé aux animateurs : connectez-vous"),
    ],
    ids=["cancelled", "over", "no-registrations", "draft", "closed", "network", "animators"],
)
def test_refusals_are_french_and_write_nothing(event_values, message, sent):
    event = factories.EventFactory(**event_values)

    with pytest.raises(services.RegistrationRefused) as refused:
        sent(lambda: _register(event, 1))

    assert message in refused.value.messages[0]
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_an_address_registers_once_whatever_its_case(sent):
    event = factories.EventFactory()
    sent(lambda: services.register(event, name="Léa", email="Lea.Martin@example.org"))

    with pytest.raises(services.RegistrationRefused, match="déjà inscrite"):
        sent(lambda: services.register(event, name="Léa", email="lea.martin@EXAMPLE.org "))
    assert event.registrations.count() == 1


def test_a_cancelled_registration_may_register_again(sent):
    event = factories.EventFactory()
    first = sent(lambda: _register(event, 1))
    sent(lambda: services.cancel_registration(first))

    again = sent(lambda: _register(event, 1))

    assert again.status == Status.CONFIRMED


def test_cancelling_twice_or_after_the_event_is_refused(sent):
    event = factories.EventFactory()
    registration = sent(lambda: _register(event, 1))
    sent(lambda: services.cancel_registration(registration))
    with pytest.raises(services.RegistrationRefused, match="déjà annulée"):
        services.cancel_registration(registration)

    past = factories.RegistrationFactory(event__starts_at=NOW - timedelta(days=1))
    with pytest.raises(services.RegistrationRefused, match="a eu lieu"):
        services.cancel_registration(past)
    past.refresh_from_db()
    assert past.status == Status.CONFIRMED


def test_a_group_event_is_its_members_and_the_animators(sent):
    group = factories.WorkingGroupFactory()
    event = factories.EventFactory(audience=Audience.GROUP, working_group=group)
    outsider = factories.UserFactory(email="dehors@example.org", groups=[MEMBRE])
    member = factories.UserFactory(email="membre@example.org")
    factories.GroupMembershipFactory(working_group=group, person__account=member)

    with pytest.raises(services.RegistrationRefused, match=f"groupe {group.code} : votre compte"):
        services.register(event, user=outsider, name="X")
    assert sent(lambda: services.register(event, user=member, name="Membre")).pk


def test_an_event_cancelled_tells_everyone_registered_or_waiting(sent):
    event = factories.EventFactory(capacity=1)
    sent(lambda: _register(event, 1))
    sent(lambda: _register(event, 2))
    cancelled = factories.RegistrationFactory(event=event, status=Status.CANCELLED)
    mail.outbox.clear()

    told = sent(lambda: services.cancel_event(event, note="La salle est inondée."))

    assert told == 2
    event.refresh_from_db()
    assert event.is_cancelled and event.cancellation_note == "La salle est inondée."
    assert sorted(m.to[0] for m in mail.outbox) == ["p1@example.org", "p2@example.org"]
    assert cancelled.email not in [m.to[0] for m in mail.outbox]
    assert all("La salle est inondée." in m.body for m in mail.outbox)
    assert "en liste d'attente" in next(m for m in mail.outbox if m.to == ["p2@example.org"]).body
    with pytest.raises(services.RegistrationRefused, match="déjà annulé"):
        services.cancel_event(event)
