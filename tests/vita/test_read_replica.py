"""A read replica for the list pages (DATABASE_REPLICA_URL, vita.db.replica).

The replica here is a real second database: a copy of the test database taken during
the test, behind the `replica` alias. What is written after the copy is what a replica
would not have received yet, which tells which database each page reads."""

import psycopg
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from experiences.models import ExperienceCard
from tests import factories
from vita.db.replica import REPLICA, reads_from_replica

# Transactional: the copy must see what the test wrote.
with_replica = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])

PRIMARY_URL = "postgresql://vita:pw@db.example.org:5432/vita"
REPLICA_URL = "postgresql://vita:pw@replica.example.org:5432/vita"


# -- the settings switch -----------------------------------------------------------------


def test_a_replica_url_adds_the_replica_and_its_router(settings_module_with):
    configured = settings_module_with(
        {"DATABASE_URL": PRIMARY_URL, "DATABASE_REPLICA_URL": REPLICA_URL}
    )

    primary, replica = configured.DATABASES["default"], configured.DATABASES["replica"]
    assert replica["HOST"] == "replica.example.org" and replica["NAME"] == "vita"
    # The same connection settings as the primary: planner costs, look-up threshold,
    # connection time-out.
    assert replica["OPTIONS"] == primary["OPTIONS"]
    assert replica["TEST"] == {"MIRROR": "default"}
    assert configured.DATABASE_ROUTERS == ["vita.db.replica.ReplicaRouter"]


def test_web_processes_limit_the_replica_s_statements_too(settings_module_with):
    web = settings_module_with(
        {
            "DATABASE_URL": PRIMARY_URL,
            "DATABASE_REPLICA_URL": REPLICA_URL,
            "VITA_SERVES_REQUESTS": "true",
            "STATEMENT_TIMEOUT_SECONDS": "2",
        }
    )

    assert "-c statement_timeout=2s" in web.DATABASES["replica"]["OPTIONS"]["options"]


def test_without_a_replica_url_there_is_no_router(settings_module_with):
    configured = settings_module_with({"DATABASE_URL": PRIMARY_URL})

    assert set(configured.DATABASES) == {"default"}
    assert not getattr(configured, "DATABASE_ROUTERS", [])


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"DATABASE_REPLICA_URL": REPLICA_URL}, "DATABASE_REPLICA_URL needs DATABASE_URL"),
        (
            {"DATABASE_URL": "", "DATABASE_REPLICA_URL": REPLICA_URL},
            "DATABASE_REPLICA_URL needs DATABASE_URL",
        ),
        (
            {"DATABASE_URL": PRIMARY_URL, "DATABASE_REPLICA_URL": "mysql://vita@db/vita"},
            "DATABASE_REPLICA_URL must be a PostgreSQL URL",
        ),
    ],
)
def test_a_replica_url_that_cannot_work_stops_start_up(settings_module_with, environment, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        settings_module_with(environment)


# -- reads -------------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup):
    """The `replica` alias, on a database the tests fill by copying the test database
    (`copy_to_replica`); declared before the tests start, as settings would."""
    primary = connections["default"].settings_dict
    name = f"{primary['NAME']}_replica"
    # A mirror for the test machinery: never flushed, nothing created for it.
    connections.settings[REPLICA] = {
        **primary, "NAME": name, "TEST": {**primary["TEST"], "MIRROR": "default"}
    }  # fmt: skip
    yield name
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def copy_to_replica(replica_alias, settings):
    """Copies the test database as it is now to the replica's database and turns the
    router on; called once the data the replica should hold is written."""
    primary = connections["default"]
    test_database = primary.settings_dict["NAME"]
    params = primary.get_connection_params() | {"dbname": "postgres"}
    for unused in ("cursor_factory", "context", "options"):
        params.pop(unused, None)

    def server(sql, arguments=()):
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(sql, arguments)

    def copy():
        connections.close_all()  # a template database takes no connection
        # Nor any other: those threads of earlier tests left open (this run's own database).
        server(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [test_database],
        )
        server(f'CREATE DATABASE "{replica_alias}" TEMPLATE "{test_database}"')
        settings.DATABASE_ROUTERS = ["vita.db.replica.ReplicaRouter"]

    yield copy
    connections[REPLICA].close()
    server(f'DROP DATABASE IF EXISTS "{replica_alias}" WITH (FORCE)')


@pytest.fixture
def territories(transactional_db):
    call_command("load_territories", verbosity=0)  # transactional tests flush them


@with_replica
def test_list_pages_read_the_replica_and_detail_pages_the_primary(
    client, copy_to_replica, territories
):
    copied = factories.ExperienceCardFactory(title="Garage solidaire")
    guide = factories.ResourceFactory(title="Guide de la mobilité solidaire")
    copy_to_replica()
    # Written on the primary only: not yet on the replica.
    recent = factories.ExperienceCardFactory(title="Épicerie solidaire")
    newsletter = factories.ResourceFactory(title="Lettre solidaire récente")

    list_pages = {
        reverse("experiences:list"): (copied.title, recent.title),
        reverse("experiences:list") + "?region=53": (copied.title, recent.title),
        reverse("experiences:list") + "?q=solidaire": (copied.title, recent.title),
        reverse("search") + "?q=solidaire": (copied.title, recent.title),
        reverse("home"): (copied.title, recent.title),
        reverse("resources:library"): (guide.title, newsletter.title),
    }
    for url, (shown, not_yet) in list_pages.items():
        page = client.get(url).content.decode()
        assert shown in page, url
        assert not_yet not in page, url
    listing = client.get(reverse("experiences:list") + "?region=53")
    assert listing.context["search"].total == 1  # facet counts on the replica too

    for record in (recent, newsletter):
        page = client.get(record.get_absolute_url())
        assert page.status_code == 200 and record.title in page.content.decode()


CONTENT_TABLES = (
    "territories_", "organisations_", "workgroups_", "resources_", "experiences_", "events_",
)  # fmt: skip
LIST_PAGES = [
    "home", "search", "experiences:list", "resources:library", "resources:manual",
    "resources:keywords", "workgroups:list", "organisations:list",
    # The public API's lists, like their pages.
    "api:experiences", "api:groups", "api:organisations", "api:resources", "api:fiches",
    "api:events", "api:regions", "api:departements", "api:vocabularies",
    # A list's exports: the CSV's rows are read as it streams, after its view returned.
    "experiences:export_csv", "experiences:export_xlsx", "experiences:export_pdf",
]  # fmt: skip


@with_replica
def test_every_list_page_reads_its_content_from_the_replica_only(
    client, copy_to_replica, territories
):
    factories.ExperienceCardFactory(title="Garage solidaire")
    factories.WorkingGroupFactory()
    factories.EventFactory()  # the home's next events
    copy_to_replica()

    for name in LIST_PAGES:
        query = "?q=solidaire" if name in {"search", "experiences:list"} else ""
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections[REPLICA]) as replica,
        ):
            response = client.get(reverse(name) + query)
            assert response.status_code == 200, name
            if response.streaming:
                b"".join(response.streaming_content)
        assert replica.captured_queries, name
        read_on_primary = [
            query["sql"] for query in primary.captured_queries
            if any(f'"{table}' in query["sql"] for table in CONTENT_TABLES)
        ]  # fmt: skip
        assert read_on_primary == [], name


@with_replica
def test_the_sitemap_reads_its_content_from_the_replica_only(client, copy_to_replica, territories):
    from portal.findable import SITEMAPS

    copied = factories.ExperienceCardFactory(title="Garage solidaire")
    factories.ResourceFactory()
    factories.EventFactory()
    copy_to_replica()
    recent = factories.ExperienceCardFactory(title="Épicerie solidaire")  # primary only

    urls = [reverse("sitemap")]
    urls += [reverse("sitemap_section", kwargs={"section": section}) for section in SITEMAPS]
    read_on_replica = 0
    for url in urls:
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections[REPLICA]) as replica,
        ):
            response = client.get(url)
        assert response.status_code == 200, url
        read_on_primary = [
            query["sql"] for query in primary.captured_queries
            if any(f'"{table}' in query["sql"] for table in CONTENT_TABLES)
        ]  # fmt: skip
        assert read_on_primary == [], url
        read_on_replica += len(replica.captured_queries)
    assert read_on_replica
    cards = client.get(reverse("sitemap_section", kwargs={"section": "experiences"}))
    assert copied.slug in cards.content.decode()
    assert recent.slug not in cards.content.decode()


@with_replica
def test_accounts_and_sessions_are_read_from_the_primary(client, copy_to_replica, territories):
    factories.ExperienceCardFactory(title="Garage solidaire")
    copy_to_replica()
    member = factories.UserFactory(username="nouvelle-adherente")  # not on the replica
    client.force_login(member)

    response = client.get(reverse("experiences:list"))

    assert response.context["user"] == member


@with_replica
def test_a_record_read_from_the_replica_is_written_to_the_primary(copy_to_replica, territories):
    card = factories.ExperienceCardFactory(title="Garage solidaire")
    copy_to_replica()

    @reads_from_replica
    def rename(request):
        read = ExperienceCard.objects.get(pk=card.pk)
        assert read._state.db == REPLICA
        read.title = "Garage solidaire et mobile"
        read.save()

    rename(None)

    assert ExperienceCard.objects.get(pk=card.pk).title == "Garage solidaire et mobile"
    assert ExperienceCard.objects.using(REPLICA).get(pk=card.pk).title == "Garage solidaire"


@pytest.mark.django_db
def test_without_a_replica_the_mark_changes_nothing():
    card = factories.ExperienceCardFactory()

    @reads_from_replica
    def read(request):
        return ExperienceCard.objects.get(pk=card.pk)

    assert read(None)._state.db == "default"


def test_an_asynchronous_view_is_refused_rather_than_read_from_the_primary():
    async def view(request):
        return None

    with pytest.raises(TypeError, match="synchronous views only"):
        reads_from_replica(view)
