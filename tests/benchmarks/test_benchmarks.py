"""The benchmark works (its timings are its own business, not the tests')."""

import pytest

from benchmarks import pages
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_search_benchmark_measures_each_page():
    factories.ExperienceCardFactory(title="Insertion et mobilité")

    measures = pages.run(["/recherche/?q=mobilité", "/experiences/?q=insertoin"], repeat=2)

    assert [m.url for m in measures] == ["/recherche/?q=mobilité", "/experiences/?q=insertoin"]
    assert all(m.median_ms > 0 and m.queries > 0 and m.size_kb > 0 for m in measures)
    assert "| `/experiences/?q=insertoin` |" in pages.table(measures)


def test_a_page_that_fails_stops_the_benchmark():
    with pytest.raises(RuntimeError, match="404"):
        pages.run(["/experiences/pas-de-fiche/"], repeat=1)


def test_the_import_benchmark_imports_then_rolls_back():
    from benchmarks import imports
    from experiences.models import ExperienceCard

    measure = imports.run(rows=30)

    assert measure.status == "done" and measure.rows == 30
    assert "| 30 |" in measure.table()
    assert not ExperienceCard.objects.filter(title__startswith="Fiche de charge").exists()


@pytest.mark.django_db(transaction=True)
def test_the_suite_runs_end_to_end_at_a_thousand_cards(monkeypatch, tmp_path):
    """The whole suite, small: its own processes (import_sources, the import measure,
    gunicorn, locust) work on the test database, named to them as DATABASE_URL."""
    from django.core.management import call_command
    from django.db import connection

    from benchmarks import report, suite
    from experiences.models import ExperienceCard

    call_command("load_territories", verbosity=0)  # transactional tests flush them
    monkeypatch.setenv("DATABASE_URL", suite.database_url(connection.settings_dict["NAME"]))
    monkeypatch.setenv("LIBRARY_FILES_ROOT", str(tmp_path / "files"))

    results = suite.run(
        [1000], repeat=1, load_seconds=2, load_users=5, import_rows=40, distinct_cards=300,
        naive_seconds=1,
    )  # fmt: skip

    assert ExperienceCard.objects.filter(status="published").count() == 1000
    copy = ExperienceCard.objects.get(slug="banc-900")  # a copy of banc-0
    original = ExperienceCard.objects.get(slug="banc-0")
    # banc-0 draws its number of points from the imported cards' (some have none).
    assert copy.points.count() == original.points.count()
    assert copy.departements.exists() and copy.search_vector
    assert ExperienceCard.objects.filter(slug__startswith="banc-", points__isnull=False).exists()
    measured = results["sizes"]["1000"]
    assert set(measured["pages"]) == {name for name, _ in suite.scenarios(1000)}
    assert all(page["queries"] > 0 and page["size_kb"] > 0 for page in measured["pages"].values())
    assert set(measured["naive"]) == set(suite.NAIVE)
    assert set(measured["http"]) == set(measured["pages"])
    assert measured["load"]["requests"] > 0 and measured["load"]["failures"] == 0
    assert all(plans and "Execution Time" in plans[0]["plan"]
               for plans in measured["explain"].values())  # fmt: skip
    assert results["bulk_import"]["rows"] == 40 and results["sources_import"]["seconds"] > 0
    report.write(results, tmp_path / "benchmarks.md", tmp_path / "benchmarks.json")
    written = (tmp_path / "benchmarks.md").read_text()
    assert "## Summary" in written and "liste, trois facettes" in written
