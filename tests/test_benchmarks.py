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
