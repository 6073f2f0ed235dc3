"""E-mail alerts on a search of the cards (issue 24): « M'alerter des nouvelles fiches »
on the kernel's subscriptions (double opt-in, one-click unsubscribe), daily or weekly,
only the cards published since the previous e-mail, nothing when none is, once however
many schedulers and workers run; end to end through the scheduler and the real worker."""

import html
import re
import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from experiences import alerts
from experiences.filters import CARD_FACETS
from portal.services import delete_account
from territories.models import Region
from tests import factories
from vita.models import PublicationStatus, Subscription
from vita.scheduling import registered_jobs, run_due_jobs
from vita.subscriptions.services import SETTLING

ALERT = reverse("experiences:alert")
ACTIVE, PENDING, UNSUBSCRIBED = (
    Subscription.State.ACTIVE,
    Subscription.State.PENDING,
    Subscription.State.UNSUBSCRIBED,
)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()  # the rate limits count in the cache


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://vita.example.org"


def _links(message) -> list[str]:
    return re.findall(r"https://vita\.example\.org(/\S*)", message.body)


def _card(title, published_at, region="32", **fields):
    return factories.ExperienceCardFactory(
        title=title, published_at=published_at, region=Region.objects.get(code=region), **fields
    )


def _alert(email="lea.martin@example.org", parameters="region=32", frequency="daily", **fields):
    return factories.SubscriptionFactory(
        email=email, topic=alerts.TOPIC, parameters=parameters, frequency=frequency, **fields
    )


# -- asking for an alert -----------------------------------------------------------------


@pytest.mark.django_db
def test_an_alert_is_asked_from_the_list_and_confirmed_by_its_link(
    client, site, django_capture_on_commit_callbacks, mailoutbox
):
    page = client.get(reverse("experiences:list") + "?region=32&tri=recent").content.decode()
    assert 'action="/experiences/alerte/?region=32"' in page  # the search, its sort aside

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{ALERT}?region=32", {"email": "lea.martin@example.org", "frequence": "weekly"}
        )

    assert response.status_code == 302 and response["Location"] == "/experiences/?region=32"
    alert = Subscription.objects.get()
    assert (alert.topic, alert.parameters, alert.frequency, alert.state) == (
        "alerte-fiches", "region=32", "weekly", PENDING,
    )  # fmt: skip
    (message,) = mailoutbox
    assert message.subject == (
        "[VITA] Confirmez votre abonnement à « Nouvelles fiches — Région : Hauts-de-France »"
    )
    assert "chaque semaine, seulement quand il y a du nouveau" in message.body
    assert "https://vita.example.org/experiences/?region=32" in message.body
    confirm = next(link for link in _links(message) if "/confirmer/" in link)

    page = client.get(confirm).content.decode()
    assert "Nouvelles fiches — Région : Hauts-de-France" in page and "chaque semaine" in page
    assert Subscription.objects.get().state == PENDING
    done = client.post(confirm).content.decode()
    assert "Abonnement confirmé" in done
    assert 'href="https://vita.example.org/experiences/?region=32"' in done
    assert Subscription.objects.get().state == ACTIVE


@pytest.mark.django_db
def test_an_address_holds_one_alert_per_search(client, django_capture_on_commit_callbacks):
    for query in ("region=32", "groupe=&region=32", "region=84", ""):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"{ALERT}?{query}", {"email": "lea@example.org", "frequence": "daily"})

    assert sorted(Subscription.objects.values_list("parameters", flat=True)) == [
        "", "region=32", "region=84",
    ]  # fmt: skip
    # The database holds it too: one live alert per address and search.
    with pytest.raises(IntegrityError), transaction.atomic():
        _alert(email="LEA@example.org", parameters="region=84", state=PENDING)
    _alert(email="lea@example.org", parameters="region=84", state=UNSUBSCRIBED)  # the past


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "data", "status", "message"),
    [
        ("region=32", {"email": "pas-une-adresse", "frequence": "daily"}, 200,
         "Cette adresse e-mail n'est pas valide"),
        ("region=32", {"email": "", "frequence": "daily"}, 200, "Donnez votre adresse e-mail."),
        ("region=32", {"email": "lea@example.org", "frequence": "chaque-heure"}, 200,
         "Choisissez une fréquence"),
        ("region=99", {"email": "lea@example.org", "frequence": "daily"}, 400,
         "« 99 » n'est pas un code de région connu"),
        ("everything", {"email": "lea@example.org", "frequence": "daily"}, 400,
         "Cette recherche est trop longue pour une alerte"),
    ],
)  # fmt: skip
def test_bad_input_gets_a_french_message_and_writes_nothing(
    client, mailoutbox, query, data, status, message
):
    if query == "everything":  # every code of every facet: longer than an alert holds
        query = (
            "q="
            + "a" * 200
            + "".join(
                f"&{facet}={code}"
                for facet, choices in CARD_FACETS.choices().items()
                for code, _ in choices
            )
        )
    response = client.post(f"{ALERT}?{query}", data)

    assert response.status_code == status
    assert message in html.unescape(response.content.decode())
    assert not Subscription.objects.exists() and mailoutbox == []


@pytest.mark.django_db
def test_a_robot_is_thanked_and_nothing_is_written(client, mailoutbox):
    response = client.post(
        f"{ALERT}?region=32", {"email": "robot@example.org", "frequence": "daily", "website": "x"}
    )
    assert response.status_code == 302 and not Subscription.objects.exists()


@pytest.mark.django_db
def test_the_alert_page_names_the_search_and_the_generic_page_does_not_offer_alerts(client):
    page = client.get(f"{ALERT}?region=32")
    assert page.status_code == 200 and "Région : Hauts-de-France" in page.content.decode()

    subscribe = client.get(reverse("subscriptions:subscribe")).content.decode()
    assert "La Lettre VITA" in subscribe and "Alerte sur les nouvelles fiches" not in subscribe


# -- what an alert sends ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_weekly_alert_waits_for_its_week_and_tells_only_what_is_new(
    site, django_capture_on_commit_callbacks, mailoutbox
):
    monday = datetime(2027, 3, 15, 6, 0, tzinfo=UTC)  # 7:00 in Paris
    alert = _alert(frequency="weekly", confirmed_at=monday - timedelta(days=3))
    first = _card("Un garage solidaire à Lens", monday - timedelta(days=1))
    _card("Un chantier en Bretagne", monday - timedelta(days=1), region="53")  # not its search

    def send(now):
        with django_capture_on_commit_callbacks(execute=True):
            return alerts.send_alerts(now)

    assert send(monday) == 0 and mailoutbox == []  # three days after its confirmation
    assert send(monday + timedelta(days=4)) == 1  # a week after: the new card
    assert [card in mailoutbox[0].body for card in (first.title, "Bretagne")] == [True, False]

    second = _card("Une recyclerie à Arras", monday + timedelta(days=5))
    assert send(monday + timedelta(days=6)) == 0  # within the week
    assert send(monday + timedelta(days=11)) == 1  # the next week: the second card only
    assert second.title in mailoutbox[1].body and first.title not in mailoutbox[1].body
    assert send(monday + timedelta(days=19)) == 0 and len(mailoutbox) == 2  # nothing new
    alert.refresh_from_db()
    # The period ends a little behind the run: a card dated before it but still being
    # written then is told next time (test_a_card_published_while_the_alerts_are_sent…).
    assert alert.last_sent_at == monday + timedelta(days=11) - SETTLING


@pytest.mark.django_db
def test_a_daily_alert_confirmed_in_the_evening_tells_the_next_morning(
    site, django_capture_on_commit_callbacks, mailoutbox
):
    evening = datetime(2027, 3, 15, 19, 30, tzinfo=UTC)  # 20:30 in Paris
    _alert(frequency="daily", confirmed_at=evening)
    _card("Un garage solidaire à Lens", evening + timedelta(hours=2))
    morning = datetime(2027, 3, 16, 6, 0, tzinfo=UTC)  # the job's 7:00 in Paris

    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.send_alerts(morning) == 1
    # Published while the first run went, told by the next morning's, not a second run's.
    _card("Une recyclerie à Arras", morning - timedelta(minutes=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.send_alerts(morning + timedelta(minutes=10)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.send_alerts(morning + timedelta(days=1)) == 1
    assert "Une recyclerie à Arras" in mailoutbox[1].body
    assert "Un garage solidaire à Lens" not in mailoutbox[1].body


@pytest.mark.django_db
def test_drafts_pending_and_unsubscribed_alerts_get_nothing(
    site, django_capture_on_commit_callbacks, mailoutbox
):
    now = timezone.now()
    _alert(email="en-attente@example.org", state=PENDING)
    _alert(email="parti@example.org", state=UNSUBSCRIBED, confirmed_at=now - timedelta(days=2))
    _alert(email="lea@example.org", confirmed_at=now - timedelta(days=2))
    _card("Un brouillon à Lille", now - timedelta(hours=1), status=PublicationStatus.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.send_alerts(now) == 0
    assert mailoutbox == []


# -- end to end: the scheduler, the real worker, the mail outbox ---------------------------


def _job():
    (job,) = [job for job in registered_jobs() if job.name == "search-alerts"]
    return job


def _run_job(now):
    """The scheduler's pass over the job, then the worker's over the task it queued."""
    runs = run_due_jobs(now, [_job()])
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    return runs


@pytest.mark.django_db(transaction=True)
def test_an_alert_is_sent_once_with_only_the_new_card_then_unsubscribed_in_one_click(
    site, mailoutbox
):
    call_command("load_territories", verbosity=0)  # transactional tests flush them
    now = timezone.now()
    alert = _alert(confirmed_at=now - timedelta(days=1))
    _card("Une régie de quartier à Roubaix", now - timedelta(days=3))  # before the alert
    new = _card("Un garage solidaire à Lens", now - timedelta(hours=2))
    _card("Un chantier en Bretagne", now - timedelta(hours=2), region="53")
    _card("Un brouillon à Lille", now - timedelta(hours=2), status=PublicationStatus.DRAFT)

    (run,) = _run_job(now)

    assert run.status == "succeeded"
    (message,) = mailoutbox
    assert message.to == ["lea.martin@example.org"]
    assert message.subject == "[VITA] 1 nouvelle fiche — Région : Hauts-de-France"
    assert "Une nouvelle fiche expérience a été publiée" in message.body
    assert "  - Région : Hauts-de-France\n" in message.body
    assert new.title in message.body and f"https://vita.example.org/experiences/{new.slug}/" in (
        message.body
    )
    for other in ("Roubaix", "Bretagne", "brouillon"):
        assert other not in message.body
    assert "Voir cette recherche sur le site : https://vita.example.org/experiences/?region=32" in (
        message.body
    )
    unsubscribe = f"https://vita.example.org/abonnements/desabonnement/{alert.unsubscribe_token}/"
    assert f"Pour vous désabonner : {unsubscribe}" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<{unsubscribe}>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    alert.refresh_from_db()
    assert alert.last_sent_at is not None

    # The next day's occurrence: the card was told, nothing new, nothing sent.
    (again,) = _run_job(now + timedelta(days=1))
    assert again.status == "succeeded" and len(mailoutbox) == 1

    # The mail client's one-click POST (RFC 8058): no page, no CSRF token.
    path = unsubscribe.removeprefix("https://vita.example.org")
    assert Client().get(path).status_code == 200  # the page asks, changes nothing
    assert Subscription.objects.get().state == ACTIVE
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200 and Subscription.objects.get().state == UNSUBSCRIBED
    _card("Une autre fiche à Lens", timezone.now())
    assert alerts.send_alerts(timezone.now() + timedelta(days=2)) == 0


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_alert_once(site, mailoutbox):
    call_command("load_territories", verbosity=0)
    now = timezone.now()
    for n in range(6):
        _alert(email=f"lecteur{n}@example.org", confirmed_at=now - timedelta(days=1))
    _card("Un garage solidaire à Lens", now - timedelta(hours=1))

    for attempt in range(3):  # any interleaving the threads get, three times over
        barrier = threading.Barrier(2)
        counts, errors = [0, 0], []

        def work(n, when=now + timedelta(days=attempt), barrier=barrier, counts=counts,
                 errors=errors):  # fmt: skip
            try:
                barrier.wait(timeout=10)
                counts[n] = alerts.send_alerts(when)
            except Exception as error:  # reported by the assertion below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert errors == []
        assert sum(counts) == (6 if attempt == 0 else 0), counts

    assert sorted(message.to[0] for message in mailoutbox) == [
        f"lecteur{n}@example.org" for n in range(6)
    ]


@pytest.mark.django_db(transaction=True)
def test_a_card_published_while_the_alerts_are_sent_is_told_next_time(site, mailoutbox):
    """A card is dated when its transaction writes it and seen when it commits: one that
    commits after a run but is dated before it falls in the next run's period."""
    call_command("load_territories", verbosity=0)
    _alert(confirmed_at=timezone.now() - timedelta(days=1))
    _card("Un garage solidaire à Lens", timezone.now() - timedelta(hours=1))
    written, release, errors = threading.Event(), threading.Event(), []

    def publish_slowly():
        try:
            with transaction.atomic():
                _card("Une recyclerie à Arras", timezone.now())
                written.set()
                release.wait(timeout=30)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    publisher = threading.Thread(target=publish_slowly)
    publisher.start()
    assert written.wait(timeout=30)
    try:
        assert alerts.send_alerts(timezone.now()) == 1  # the committed card only
    finally:
        release.set()
        publisher.join(timeout=30)
    assert errors == []
    assert "Un garage solidaire à Lens" in mailoutbox[0].body
    assert "Une recyclerie à Arras" not in mailoutbox[0].body

    assert alerts.send_alerts(timezone.now() + timedelta(days=1)) == 1
    assert "Une recyclerie à Arras" in mailoutbox[1].body
    assert "Un garage solidaire à Lens" not in mailoutbox[1].body


# -- the account's side --------------------------------------------------------------------


@pytest.mark.django_db
def test_my_space_and_my_data_list_the_alerts_and_account_deletion_removes_them(client, site):
    user = factories.UserFactory(email="lea.martin@example.org")
    factories.SubscriptionFactory(email="lea.martin@example.org")  # the Lettre
    _alert(parameters="region=32", frequency="weekly")
    _alert(parameters="region=84", frequency="daily")
    client.force_login(user)

    page = client.get(reverse("my_space")).content.decode()
    assert (
        '<a href="https://vita.example.org/experiences/?region=32">Nouvelles fiches — Région : '
        "Hauts-de-France</a> (chaque semaine)"
    ) in page
    assert "Nouvelles fiches — Région : Auvergne-Rhône-Alpes</a> (chaque jour)" in page
    data = client.get(reverse("my_data")).json()["abonnements"]
    assert {(row["abonnement"], row["recherche"], row["frequence"]) for row in data} == {
        ("La Lettre VITA", "", ""),
        ("Nouvelles fiches — Région : Hauts-de-France", "region=32", "Chaque semaine"),
        ("Nouvelles fiches — Région : Auvergne-Rhône-Alpes", "region=84", "Chaque jour"),
    }

    delete_account(user)

    assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_one_search_whatever_the_order_of_its_codes_is_one_alert(client, site):
    """« Hauts-de-France or Bretagne » asked in either order is the same search: one alert,
    never two e-mails of the same cards to one address."""
    for query in ("region=32&region=53", "region=53&region=32"):
        response = client.post(
            f"{ALERT}?{query}", {"email": "lea.martin@example.org", "frequence": "daily"}
        )
        assert response.status_code == 302

    assert Subscription.objects.filter(topic=alerts.TOPIC).count() == 1
