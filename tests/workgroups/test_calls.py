"""Calls for interest: a structure answers a call from its page (with or without an
account), the animators accept the answer (the structure and its person become members
of the group, and an account is opened where asked) or refuse it; a closed call takes no
answer; the home page and the group's page list the open calls."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from organisations.models import Organisation, Person
from tests import factories
from tests.html import count_tags
from vita.roles import MEMBRE
from workgroups.models import (
    AnswerStatus,
    CallAnswer,
    GroupMembership,
    MemberRole,
    MembershipStatus,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
ANSWERS_URL = "admin:workgroups_callanswer_changelist"


@pytest.fixture(autouse=True)
def setup(db, settings):
    cache.clear()  # the rate limits count in the cache
    settings.ANIMATOR_EMAILS = ["animation@coorace.example.org"]


@pytest.fixture
def call():
    group = factories.WorkingGroupFactory(code="T7", name="Achats responsables")
    call = factories.CallForInterestFactory(
        working_group=group, title="Rejoindre le groupe des achats responsables",
        slug="achats-responsables",
    )  # fmt: skip
    factories.CallQuestionFactory(call=call, position=1, text="Quelle est votre activité ?")
    factories.CallQuestionFactory(call=call, position=2, text="Qu'attendez-vous du groupe ?")
    return call


def _answer(**changes):
    return {
        "organisation_name": "Chantier d'insertion du Pays de Redon",
        "first_name": "Lina",
        "last_name": "Rossi",
        "role": "Directrice",
        "email": "lina.rossi@example.org",
        "phone": "",
        "question_1": "Un chantier d'insertion en espaces verts.",
        "question_2": "Des clauses sociales pour nos marchés.",
        "consent": "on",
        **changes,
    }


def _send(client, call, data, committed=None):
    if committed is None:
        return client.post(call.get_absolute_url(), data)
    with committed(execute=True):
        return client.post(call.get_absolute_url(), data)


def _decide(client, answers, action, **extra):
    return client.post(
        reverse(ANSWERS_URL),
        {"action": action, "_selected_action": [answer.pk for answer in answers],
         "confirmation": "oui", **extra},
    )  # fmt: skip


# -- answering ----------------------------------------------------------------------------


def test_an_answer_without_an_account_is_kept_and_the_animators_told(
    client, call, mailoutbox, django_capture_on_commit_callbacks
):
    page = client.get(call.get_absolute_url()).content.decode()
    assert "Rejoindre le groupe des achats responsables" in page and count_tags(page, "h1") == 1
    assert "Qu&#x27;attendez-vous du groupe ?" in page and 'class="form answer-form"' in page

    response = _send(client, call, _answer(), django_capture_on_commit_callbacks)

    assert response.status_code == 302 and response["Location"] == call.get_absolute_url()
    answer = CallAnswer.objects.get()
    assert (answer.organisation_name, answer.full_name, answer.email) == (
        "Chantier d'insertion du Pays de Redon", "Lina Rossi", "lina.rossi@example.org"
    )  # fmt: skip
    assert answer.answers == {
        "Quelle est votre activité ?": "Un chantier d'insertion en espaces verts.",
        "Qu'attendez-vous du groupe ?": "Des clauses sociales pour nos marchés.",
    }
    assert answer.status == AnswerStatus.PENDING and not answer.wants_account
    assert answer.submitted_by is None
    [message] = mailoutbox
    assert message.to == ["animation@coorace.example.org"]
    assert message.reply_to == ["lina.rossi@example.org"]
    assert "Rejoindre le groupe des achats responsables" in message.subject
    assert "Des clauses sociales pour nos marchés." in message.body
    assert reverse("admin:workgroups_callanswer_change", args=[answer.pk]) in message.body
    assert "votre réponse est envoyée" in client.get(call.get_absolute_url()).content.decode()


def test_a_signed_in_member_s_form_starts_from_their_person_and_structure(client, call):
    user = factories.UserFactory(username="membre", email="compte@example.org", groups=[MEMBRE])
    person = factories.PersonFactory(
        first_name="Noé", last_name="Bernard", role="Encadrant technique", email="noe@example.org",
        organisation__name="Régie de quartier de Villejean", account=user,
    )  # fmt: skip
    client.force_login(user)

    page = client.get(call.get_absolute_url()).content.decode()

    for value in ("Régie de quartier de Villejean", "Noé", "Bernard", "Encadrant technique",
                  "noe@example.org"):  # fmt: skip
        assert f'value="{value}"' in page
    data = _answer(organisation_name=person.organisation.name, first_name="Noé",
                   last_name="Bernard", email="noe@example.org")  # fmt: skip
    assert _send(client, call, data).status_code == 302
    assert CallAnswer.objects.get().submitted_by == user


def test_bad_input_is_refused_in_french_and_writes_nothing(client, call, mailoutbox):
    for data in [
        _answer(consent=""),
        _answer(email="pas-une-adresse"),
        _answer(question_2=""),
        _answer(organisation_name="", first_name=""),
        _answer(email="x" * 250 + "@example.org"),
    ]:
        response = client.post(call.get_absolute_url(), data)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Rien n'a été envoyé" in page and "field__error" in page
    assert not CallAnswer.objects.exists() and mailoutbox == []
    response = client.post(call.get_absolute_url(), _answer(consent=""))
    assert "Cochez cette case pour que votre réponse soit examinée." in response.content.decode()


def test_the_same_e_mail_answers_a_call_once(client, call):
    assert _send(client, call, _answer()).status_code == 302

    response = _send(client, call, _answer(email="Lina.Rossi@Example.org", first_name="Léa"))

    assert response.status_code == 200
    assert "déjà été envoyée avec cette adresse e-mail" in response.content.decode()
    assert CallAnswer.objects.count() == 1
    # Another call of the group is another answer.
    other = factories.CallForInterestFactory(working_group=call.working_group)
    assert (
        client.post(other.get_absolute_url(), _answer(question_1="", question_2="")).status_code
        == 302
    )


def test_answers_are_rate_limited(client, call, settings):
    settings.PUBLIC_FORM_RATE = "1/h"
    assert _send(client, call, _answer()).status_code == 302

    response = _send(client, call, _answer(email="autre@example.org"))

    assert response.status_code == 429 and "Trop de demandes" in response.content.decode()
    assert CallAnswer.objects.count() == 1


# -- a closed call ----------------------------------------------------------------------------


@pytest.mark.parametrize("closing", ["deadline", "early"])
def test_a_closed_call_shows_no_form_and_refuses_an_answer_in_french(client, call, closing):
    if closing == "deadline":
        call.deadline = TODAY() - datetime.timedelta(days=1)
    else:
        call.closed_at = timezone.now()
    call.save()

    page = client.get(call.get_absolute_url()).content.decode()
    assert "answer-form" not in page and "Envoyer ma réponse" not in page
    assert "Cet appel est clos depuis le" in page and "il ne reçoit plus de réponses" in page

    response = client.post(call.get_absolute_url(), _answer())

    assert response.status_code == 400
    assert "Votre réponse n'a pas été enregistrée. Cet appel est clos" in response.content.decode()
    assert not CallAnswer.objects.exists()


def test_a_call_is_open_through_its_deadline_day(client, call):
    call.deadline = TODAY()
    call.save()
    assert "Envoyer ma réponse" in client.get(call.get_absolute_url()).content.decode()
    assert _send(client, call, _answer()).status_code == 302


def test_an_animator_closes_a_call_early(animator_client, call):
    response = animator_client.post(
        reverse("admin:workgroups_callforinterest_changelist"),
        {"action": "close_calls", "_selected_action": [call.pk]},
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.closed_at is not None and not call.is_open()
    assert call.history.count() == 2  # the closing is in its history


# -- review -----------------------------------------------------------------------------------


def test_accepting_an_answer_makes_its_structure_and_person_members_of_the_group(
    animator_client, call, mailoutbox, django_capture_on_commit_callbacks
):
    known = factories.OrganisationFactory(name="Chantier d'insertion du Pays de Redon")
    _send(animator_client.__class__(), call, _answer(phone="02 99 00 00 00"))
    answer = CallAnswer.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(animator_client, [answer], "accept")

    assert response.status_code == 302
    answer.refresh_from_db()
    person = Person.objects.get(email="lina.rossi@example.org")
    assert (person.first_name, person.last_name, person.role, person.phone) == (
        "Lina", "Rossi", "Directrice", "02 99 00 00 00"
    )  # fmt: skip
    membership = GroupMembership.objects.get()
    assert (membership.working_group, membership.organisation, membership.person) == (
        call.working_group, known, person
    )  # fmt: skip
    assert membership.role == MemberRole.PARTICIPANT
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.decided_by == animator_client.user
    assert answer.status == AnswerStatus.ACCEPTED
    assert (answer.organisation, answer.person, answer.membership) == (known, person, membership)
    assert answer.account is None and answer.decided_by == animator_client.user
    assert person.account is None and mailoutbox == []  # no account asked, none opened
    assert Organisation.objects.count() == 1  # found, not created again


def test_accepting_an_answer_that_asked_for_an_account_opens_it_and_invites(
    animator_client, call, mailoutbox, django_capture_on_commit_callbacks
):
    _send(animator_client.__class__(), call, _answer(wants_account="on"))
    answer = CallAnswer.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        _decide(animator_client, [answer], "accept")

    answer.refresh_from_db()
    user = get_user_model().objects.get(email="lina.rossi@example.org")
    assert answer.account == user and answer.person.account == user
    assert list(user.groups.values_list("name", flat=True)) == [MEMBRE]
    assert answer.organisation.name == "Chantier d'insertion du Pays de Redon"  # created
    assert answer.membership.status == MembershipStatus.ACTIVE
    [invitation] = mailoutbox
    assert invitation.to == ["lina.rossi@example.org"]


def test_an_accepted_answer_sent_signed_in_is_the_account_s_own_person(animator_client, call):
    user = factories.UserFactory(username="membre", email="noe@example.org", groups=[MEMBRE])
    person = factories.PersonFactory(email="noe@example.org", account=user)
    factories.CallAnswerFactory(call=call, submitted_by=user, wants_account=True,
                                email="noe@example.org")  # fmt: skip

    _decide(animator_client, CallAnswer.objects.all(), "accept")

    answer = CallAnswer.objects.get()
    assert answer.person == person and answer.account == user
    assert get_user_model().objects.filter(email="noe@example.org").count() == 1


def test_accepting_is_all_or_nothing(animator_client, call, mailoutbox):
    fine = factories.CallAnswerFactory(call=call, organisation_name="Régie de Redon")
    # The account asked for cannot be opened: the address is another account's.
    factories.UserFactory(username="deja", email="pris@example.org")
    blocked = factories.CallAnswerFactory(
        call=call, organisation_name="Garage solidaire", email="pris@example.org",
        wants_account=True,
    )  # fmt: skip

    response = _decide(animator_client, [fine, blocked], "accept")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Rien n'a été changé" in page and "Un compte existe déjà avec cette adresse" in page
    assert "Garage solidaire" in page
    assert set(CallAnswer.objects.values_list("status", flat=True)) == {AnswerStatus.PENDING}
    assert not GroupMembership.objects.exists() and not Person.objects.exists()
    assert not Organisation.objects.exists() and mailoutbox == []


def test_refusing_keeps_the_reason_and_e_mails_it_when_asked(
    animator_client, call, mailoutbox, django_capture_on_commit_callbacks
):
    kept_quiet, told = factories.CallAnswerFactory.create_batch(2, call=call)

    _decide(animator_client, [kept_quiet], "refuse", reason="Le groupe est complet.")
    with django_capture_on_commit_callbacks(execute=True):
        _decide(animator_client, [told], "refuse", reason="Hors du thème.", send_reason="oui")

    kept_quiet.refresh_from_db()
    told.refresh_from_db()
    assert kept_quiet.status == told.status == AnswerStatus.REFUSED
    assert (
        kept_quiet.refusal_reason == "Le groupe est complet." and kept_quiet.refusal_sent_at is None
    )
    assert told.refusal_sent_at is not None and told.decided_by == animator_client.user
    [message] = mailoutbox
    assert message.to == [told.email] and "Hors du thème." in message.body
    assert not GroupMembership.objects.exists()


def test_a_decided_answer_is_not_decided_again(animator_client, call):
    answer = factories.CallAnswerFactory(call=call, status=AnswerStatus.REFUSED)

    response = _decide(animator_client, [answer], "accept")

    assert "Rien n'a été changé" in response.content.decode()
    assert not GroupMembership.objects.exists()
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.REFUSED


def test_a_refusal_to_send_needs_its_reason(animator_client, call, mailoutbox):
    answer = factories.CallAnswerFactory(call=call)

    response = _decide(animator_client, [answer], "refuse", reason=" ", send_reason="oui")

    assert "Écrivez le motif à envoyer" in response.content.decode()
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.PENDING and mailoutbox == []


def test_the_animators_review_answers_in_the_admin(animator_client, call):
    answer = factories.CallAnswerFactory(
        call=call, answers={"Qu'attendez-vous du groupe ?": "Des échanges."}
    )
    call_page = animator_client.get(
        reverse("admin:workgroups_callforinterest_change", args=[call.pk])
    ).content.decode()
    assert escape(answer.organisation_name) in call_page  # listed, read only, on the call

    page = animator_client.get(
        reverse("admin:workgroups_callanswer_change", args=[answer.pk])
    ).content.decode()
    assert "Qu&#x27;attendez-vous du groupe ?" in page and "Des échanges." in page
    changelist = animator_client.get(reverse(ANSWERS_URL) + "?status__exact=en_attente")
    assert changelist.status_code == 200
    assert escape(answer.organisation_name) in changelist.content.decode()
    assert animator_client.get(reverse("admin:workgroups_callanswer_add")).status_code == 403


def test_a_contributor_reads_calls_but_not_answers(client, call):
    from vita.roles import CONTRIBUTEUR

    contributor = factories.UserFactory(username="contrib", groups=[CONTRIBUTEUR], is_staff=True)
    client.force_login(contributor)
    assert client.get(reverse("admin:workgroups_callforinterest_changelist")).status_code == 200
    assert client.get(reverse(ANSWERS_URL)).status_code == 403


# -- where calls are listed --------------------------------------------------------------------


def test_the_home_page_and_the_group_s_page_list_open_calls_only(client, call):
    closed = factories.CallForInterestFactory(
        working_group=call.working_group, title="Un appel clos de 2025",
        deadline=TODAY() - datetime.timedelta(days=3),
    )  # fmt: skip
    closed_early = factories.CallForInterestFactory(
        working_group=call.working_group, title="Un appel clos plus tôt", closed_at=timezone.now()
    )
    elsewhere = factories.CallForInterestFactory(title="Appel du groupe voisin")

    home = client.get(reverse("home")).content.decode()
    group_page = client.get(call.working_group.get_absolute_url()).content.decode()

    assert call.title in home and elsewhere.title in home
    assert call.title in group_page and elsewhere.title not in group_page
    for page in (home, group_page):
        assert closed.title not in page and closed_early.title not in page
        assert 'id="appels-ouverts"' in page


def test_pages_without_open_calls_say_nothing_of_them(client):
    group = factories.WorkingGroupFactory()
    factories.CallForInterestFactory(working_group=group, deadline=TODAY() - datetime.timedelta(1))
    for url in (reverse("home"), group.get_absolute_url()):
        assert "appels-ouverts" not in client.get(url).content.decode()


def test_the_list_shows_open_calls_first_then_closed_ones(client, call):
    closed = factories.CallForInterestFactory(
        title="Un appel clos de 2025", deadline=TODAY() - datetime.timedelta(days=3)
    )
    page = client.get(reverse("calls:list")).content.decode()

    assert count_tags(page, "h1") == 1
    assert page.index("Appels ouverts") < page.index(call.title) < page.index("Appels clos")
    assert page.index("Appels clos") < page.index(closed.title)
    assert reverse("calls:list") == "/appels/"
    assert call.get_absolute_url() == "/appels/achats-responsables/"


def test_an_unknown_call_is_not_found(client):
    assert client.get("/appels/pas-un-appel/").status_code == 404
