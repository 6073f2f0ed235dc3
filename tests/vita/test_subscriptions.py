"""Subscriptions (issue 23): double opt-in, the same answer for any address, one-click
unsubscribe (RFC 8058), each mailing's headers, « Me désabonner de tout », refused input."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.html import count_tags
from vita.models import Subscription
from vita.subscriptions import services
from vita.subscriptions.topics import TOPICS

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("subscriptions:subscribe")
ACTIVE, PENDING, UNSUBSCRIBED = (
    Subscription.State.ACTIVE,
    Subscription.State.PENDING,
    Subscription.State.UNSUBSCRIBED,
)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()  # the rate limits count in the cache


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what waits for the transaction's commit (the e-mail), as in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _ask(client, committed, email="lea.martin@example.org", **extra):
    with committed():
        return client.post(SUBSCRIBE, {"email": email, "topic": "lettre-vita", **extra})


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def _path(url: str) -> str:
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_the_lettre_is_a_registered_topic():
    assert TOPICS["lettre-vita"].label == "La Lettre VITA"


def test_a_subscription_is_pending_until_its_link_is_followed(client, committed, mailoutbox):
    response = _ask(client, committed)

    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.state) == ("lea.martin@example.org", PENDING)
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["lea.martin@example.org"]
    assert "La Lettre VITA" in mailoutbox[0].subject
    confirm = _path(_link(mailoutbox[0]))

    page = client.get(confirm)  # a mail filter opening the link subscribes nobody
    assert page.status_code == 200 and "Confirmer mon abonnement" in page.content.decode()
    assert Subscription.objects.get().state == PENDING

    done = client.post(confirm)
    assert done.status_code == 200 and "Abonnement confirmé" in done.content.decode()
    subscription.refresh_from_db()
    assert subscription.state == ACTIVE and subscription.confirmed_at is not None

    again = client.post(confirm)  # a second click changes nothing
    assert again.status_code == 200 and "déjà confirmé" in again.content.decode()


def test_an_expired_link_confirms_nothing(client, committed, mailoutbox):
    eight_days_ago = time.time() - 8 * 86400
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        _ask(client, committed)
    confirm = _path(_link(mailoutbox[0]))

    for response in (client.get(confirm), client.post(confirm)):
        assert response.status_code == 400
        assert "a expiré" in response.content.decode()
    assert Subscription.objects.get().state == PENDING


def test_a_forged_or_damaged_link_gets_a_french_page(client):
    subscription = factories.SubscriptionFactory(state=PENDING)
    forged = reverse("subscriptions:confirm", args=[subscription.confirmation_token + ":x:y"])

    for url in (forged, reverse("subscriptions:confirm", args=["nimporte-quoi"])):
        response = client.post(url)
        assert response.status_code == 400
        assert "n'est pas reconnu" in response.content.decode()
    assert Subscription.objects.get().state == PENDING


def test_the_answer_is_the_same_whether_the_address_is_known_or_not(client, committed, mailoutbox):
    factories.UserFactory(email="connue@example.org")
    factories.SubscriptionFactory(email="Abonnee@example.org")  # already active

    answers = []
    for email in ("inconnue@example.org", "connue@example.org", "abonnee@example.org"):
        response = _ask(client, committed, email=email)
        answers.append((response.status_code, response["Location"]))
        answers[-1] += (client.get(response["Location"]).content.decode().count("un e-mail"),)

    assert len(set(answers)) == 1
    # The active subscription stays as it was: no second one, no new link.
    assert Subscription.objects.filter(email__iexact="abonnee@example.org").count() == 1
    assert [m.to for m in mailoutbox] == [["inconnue@example.org"], ["connue@example.org"]]
    # The account's address: its subscription is the account's.
    assert Subscription.objects.get(email="connue@example.org").user.email == "connue@example.org"


def test_asking_twice_keeps_one_subscription_with_a_new_link(client, committed, mailoutbox):
    _ask(client, committed)
    _ask(client, committed, email="LEA.MARTIN@example.org")

    assert Subscription.objects.count() == 1
    first, second = (_path(_link(message)) for message in mailoutbox)
    assert client.post(first).status_code == 400  # replaced by the second
    assert client.post(second).status_code == 200
    assert Subscription.objects.get().state == ACTIVE


@pytest.mark.parametrize(
    "data",
    [
        {"email": "", "topic": "lettre-vita"},
        {"email": "pas-une-adresse", "topic": "lettre-vita"},
        {"email": "x" * 250 + "@example.org", "topic": "lettre-vita"},
        {"email": "lea@example.org", "topic": "inconnu"},
        {"email": "lea@example.org", "topic": ""},
    ],
)
def test_bad_input_writes_nothing(client, committed, mailoutbox, data):
    with committed():
        response = client.post(SUBSCRIBE, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Rien n'a été enregistré" in page and count_tags(page, "h1") == 1
    assert not Subscription.objects.exists() and mailoutbox == []


def test_a_robot_is_thanked_and_nothing_is_written(client, committed, mailoutbox):
    response = _ask(client, committed, website="http://spam.example")

    assert response.status_code == 302
    assert not Subscription.objects.exists() and mailoutbox == []


def test_subscribing_is_rate_limited(client, committed, settings):
    settings.PUBLIC_FORM_RATE = "1/h"
    assert _ask(client, committed).status_code == 302

    response = _ask(client, committed, email="autre@example.org")

    assert response.status_code == 429 and "Trop de demandes" in response.content.decode()
    assert Subscription.objects.count() == 1


def test_unsubscribing_shows_a_page_then_unsubscribes_on_post(client):
    subscription = factories.SubscriptionFactory()
    url = reverse("subscriptions:unsubscribe", args=[subscription.unsubscribe_token])

    page = client.get(url)
    assert page.status_code == 200 and "Me désabonner" in page.content.decode()
    assert Subscription.objects.get().state == ACTIVE

    done = client.post(url)
    assert done.status_code == 200 and "ne recevra plus" in done.content.decode()
    subscription.refresh_from_db()
    assert subscription.state == UNSUBSCRIBED and subscription.unsubscribed_at is not None

    again = client.post(url)  # idempotent
    assert again.status_code == 200 and "déjà désabonnée" in again.content.decode()


def test_the_one_click_post_of_rfc_8058_needs_no_csrf_token(committed):
    subscription = factories.SubscriptionFactory()
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        reverse("subscriptions:unsubscribe", args=[subscription.unsubscribe_token]),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert Subscription.objects.get().state == UNSUBSCRIBED
    # Only that view is exempt: subscribing still needs the form's token.
    refused = mail_client.post(SUBSCRIBE, {"email": "lea@example.org", "topic": "lettre-vita"})
    assert refused.status_code == 403 and not Subscription.objects.filter(email="lea@example.org")


def test_an_unknown_unsubscribe_token_gets_a_french_page(client):
    for method in (client.get, client.post):
        response = method(reverse("subscriptions:unsubscribe", args=["inconnu"]))
        assert response.status_code == 400
        assert "n'est pas, ou plus, reconnu" in response.content.decode()


def test_each_message_of_a_mailing_carries_its_own_unsubscribe_headers(mailoutbox, settings):
    settings.SITE_URL = "https://vita.example.org"
    settings.UNSUBSCRIBE_EMAIL = "desabonnement@vita.example.org"
    first, second = factories.SubscriptionFactory.create_batch(2)
    factories.SubscriptionFactory(state=PENDING)
    factories.SubscriptionFactory(state=UNSUBSCRIBED)

    sent = services.send_to_subscribers("lettre-vita", "La Lettre VITA n° 12", "Bonjour,\n")

    assert sent == 2 and sorted(m.to[0] for m in mailoutbox) == [first.email, second.email]
    for message, subscription in zip(
        sorted(mailoutbox, key=lambda m: m.to[0]), (first, second), strict=True
    ):
        link = "https://vita.example.org" + reverse(
            "subscriptions:unsubscribe", args=[subscription.unsubscribe_token]
        )
        headers = message.message()
        assert headers["List-Unsubscribe"] == (
            f"<{link}>, <mailto:desabonnement@vita.example.org"
            f"?subject=unsubscribe-{subscription.unsubscribe_token}>"
        )
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link in message.body and message.body.startswith("Bonjour,")


def test_a_mailing_to_an_unknown_topic_is_refused():
    with pytest.raises(ValueError, match="inconnu"):
        services.send_to_subscribers("inconnu", "Sujet", "Texte")


def test_my_space_lists_the_subscriptions_and_unsubscribes_from_everything(client):
    user = factories.UserFactory(email="Lea.Martin@example.org")
    mine = factories.SubscriptionFactory(email="lea.martin@example.org")
    pending = factories.SubscriptionFactory(email="lea.martin@example.org", state=PENDING,
                                            topic="alertes")  # fmt: skip
    linked = factories.SubscriptionFactory(email="autre@example.org", user=user)
    someone_else = factories.SubscriptionFactory(email="quelquun@example.org")
    client.force_login(user)

    page = client.get(reverse("my_space")).content.decode()
    assert "Mes abonnements" in page and "La Lettre VITA" in page
    assert "en attente de confirmation" in page and "quelquun@example.org" not in page

    response = client.post(reverse("subscriptions:unsubscribe_all"))

    assert response.status_code == 302 and response["Location"] == reverse("my_space")
    for subscription in (mine, pending, linked):
        subscription.refresh_from_db()
        assert subscription.state == UNSUBSCRIBED
    someone_else.refresh_from_db()
    assert someone_else.state == ACTIVE
    assert "aucun envoi" in client.get(reverse("my_space")).content.decode()


def test_unsubscribing_from_everything_needs_an_account_and_a_post(client):
    factories.SubscriptionFactory()
    url = reverse("subscriptions:unsubscribe_all")

    assert client.post(url).status_code == 302  # to the login page
    client.force_login(factories.UserFactory())
    assert client.get(url).status_code == 405
    assert Subscription.objects.get().state == ACTIVE


def test_my_data_holds_the_subscriptions(client):
    user = factories.UserFactory(email="lea.martin@example.org")
    factories.SubscriptionFactory(email="lea.martin@example.org")
    client.force_login(user)

    data = client.get(reverse("my_data")).json()

    assert data["abonnements"][0]["abonnement"] == "La Lettre VITA"
    assert data["abonnements"][0]["etat"] == "Actif"


def test_unconfirmed_and_unsubscribed_subscriptions_are_purged_after_seven_days():
    old = timezone.now() - timedelta(days=8)
    factories.SubscriptionFactory(state=PENDING, confirmation_sent_at=old)
    factories.SubscriptionFactory(state=UNSUBSCRIBED, unsubscribed_at=old)
    recent = factories.SubscriptionFactory(state=PENDING)
    active = factories.SubscriptionFactory(confirmation_sent_at=old)

    call_command("purge_subscriptions", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert set(Subscription.objects.all()) == {recent, active}


def test_one_live_subscription_per_address_and_topic():
    from django.db import IntegrityError, transaction

    factories.SubscriptionFactory(email="lea@example.org")
    factories.SubscriptionFactory(email="lea@example.org", state=UNSUBSCRIBED)  # the past
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.SubscriptionFactory(email="LEA@example.org", state=PENDING)


def test_animators_see_and_delete_subscriptions_in_the_admin(animator_client):
    subscription = factories.SubscriptionFactory()

    assert animator_client.get(reverse("admin:vita_subscription_changelist")).status_code == 200
    page = animator_client.get(reverse("admin:vita_subscription_change", args=[subscription.pk]))
    assert page.status_code == 200
    assert animator_client.get(reverse("admin:vita_subscription_add")).status_code == 403
    animator_client.post(
        reverse("admin:vita_subscription_delete", args=[subscription.pk]), {"post": "yes"}
    )
    assert not Subscription.objects.exists()
