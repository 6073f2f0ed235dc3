"""Large imports run by the task worker, with a page that follows them."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from experiences.models import ExperienceCard
from organisations.models import Organisation
from tests import factories, files
from tests.admin_imports import CSV
from vita.models import ImportJob

# The worker opens and closes its own connections: real transactions, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def territories_and_groups(settings):
    """Transactional tests flush the territories and the groups: put back first (autouse),
    before the shared `animator_client` (tests/conftest.py) makes its animator."""
    call_command("load_territories", verbosity=0)
    call_command("sync_groups", verbosity=0)
    settings.IMPORT_IN_REQUEST_MAX_ROWS = 3


def _csv(rows):
    lines = ["Nom;Commune;Département"] + [";".join(row) for row in rows]
    return "\n".join(lines).encode()


def _send(client, content):
    return client.post(
        reverse("admin:organisations_organisation_import"),
        {"format": CSV, "import_file": files.upload("structures.csv", content)},
    )


def _work():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_a_large_file_is_checked_by_the_worker_then_imported_once_confirmed(animator_client):
    rows = [(f"Structure {n}", "Rennes", "35") for n in range(5)]

    response = _send(animator_client, _csv(rows))

    job = ImportJob.objects.get()
    assert response["Location"] == reverse("admin:vita_importjob_change", args=[job.pk])
    page = animator_client.get(response["Location"]).content.decode()
    assert "Vérification en cours" in page and 'http-equiv="refresh"' in page
    _work()
    job.refresh_from_db()
    assert (job.status, job.total_rows, job.counts["new"]) == ("checked", 5, 5)
    assert not Organisation.objects.filter(name__startswith="Structure ").exists()
    page = animator_client.get(response["Location"]).content.decode()
    assert "Confirmer l&#x27;import" in page or "Confirmer l'import" in page

    animator_client.post(response["Location"], {"confirmer": "1"})
    _work()

    job.refresh_from_db()
    assert job.status == "done"
    assert Organisation.objects.filter(name__startswith="Structure ").count() == 5
    assert not job.file  # the stored file is deleted once imported


def test_a_large_file_with_errors_lists_them_and_writes_nothing(animator_client):
    rows = [(f"Structure {n}", "Rennes", "35") for n in range(4)] + [("Mauvaise", "X", "999")]

    response = _send(animator_client, _csv(rows))
    _work()

    job = ImportJob.objects.get()
    assert job.status == "invalid"
    assert job.errors == ["Ligne 6 — Département — « 999 » n'est pas un code de département connu."]
    page = animator_client.get(response["Location"]).content.decode()
    assert "Rien n'a été importé" in page and "Confirmer" not in page
    assert not Organisation.objects.filter(name__startswith="Structure ").exists()


def test_small_files_stay_in_the_request(animator_client):
    response = _send(animator_client, _csv([("Petite", "Rennes", "35")]))

    assert response.status_code == 200 and "confirm_form" in response.context
    assert not ImportJob.objects.exists()


def test_only_those_who_may_import_follow_a_job(animator_client, client):
    response = _send(animator_client, _csv([(f"S{n}", "Rennes", "35") for n in range(5)]))
    client.force_login(factories.UserFactory(username="autre", is_staff=True))

    assert client.get(response["Location"]).status_code == 403
    client.force_login(factories.UserFactory(username="editrice", is_staff=True,
                                             groups=["Contributeur"]))  # fmt: skip
    listed = client.get(reverse("admin:vita_importjob_changelist"))
    assert "structures.csv" not in listed.content.decode()


def test_ten_thousand_cards_are_checked_then_imported_by_the_worker(animator_client):
    from benchmarks.imports import card_file

    response = animator_client.post(
        reverse("admin:experiences_experiencecard_import"),
        {"format": CSV, "import_file": files.upload("fiches.csv", card_file(10_000))},
    )
    job = ImportJob.objects.get()
    _work()
    job.refresh_from_db()
    assert (job.status, job.counts["new"], job.errors) == ("checked", 10_000, [])
    assert not ExperienceCard.objects.exists() and not Organisation.objects.exists()

    animator_client.post(response["Location"], {"confirmer": "1"})
    _work()

    job.refresh_from_db()
    assert (job.status, job.counts["new"]) == ("done", 10_000)
    assert ExperienceCard.objects.count() == 10_000
    assert Organisation.objects.count() == 2_001  # 2,000 porteurs and one partner
    card = ExperienceCard.objects.get(title="Fiche de charge 9999")
    assert [d.code for d in card.departements.order_by("code")] == ["35", "56"]
    assert card.points.count() == 3 and card.partners.get().name == "Mission locale"
    assert card.search_vector and card.history.get().history_user == job.user


def test_an_identifiant_given_twice_in_two_chunks_is_found_by_the_check(
    animator_client, monkeypatch
):
    """The worker checks a file by chunks: a repeated Identifiant is still named, at its
    second line, while rows without one (free slugs made per chunk) are not repeats."""
    monkeypatch.setattr("vita.spreadsheet_jobs.CHUNK_ROWS", 2)
    rows = [
        "Identifiant;Titre;Structure porteuse;Région",
        "garage-solidaire;Garage solidaire;Régie de Rennes;Bretagne",
        ";Atelier vélo;Régie de Rennes;Bretagne",
        ";Atelier vélo;Régie de Rennes;Bretagne",
        "garage-solidaire;Garage solidaire bis;Régie de Rennes;Bretagne",
    ]
    animator_client.post(
        reverse("admin:experiences_experiencecard_import"),
        {"format": CSV, "import_file": files.upload("fiches.csv", "\n".join(rows).encode())},
    )
    _work()

    job = ImportJob.objects.get()
    assert job.status == "invalid"
    assert job.errors == ["Ligne 5 — Identifiant — Cet identifiant est déjà celui de la ligne 2."]
