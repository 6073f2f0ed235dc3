"""Golden records: the years of the 2008 recueil's cards (000) as the card page shows them.

An empty end year is an experience still running (`ExperienceCard.end_year`): the page says
so, as of its source's year, never a bare start year a reader takes for a single year."""

import html

import pytest

from experiences.models import ExperienceCard


def test_a_period_reads_as_a_reader_expects_it():
    assert ExperienceCard(start_year=2004, end_year=2007).period_label == "2004 – 2007"
    assert ExperienceCard(start_year=2007, end_year=2007).period_label == "2007"
    assert ExperienceCard(start_year=2003).period_label == "depuis 2003"
    assert ExperienceCard().period_label == ""


@pytest.mark.django_db
def test_an_end_after_the_sources_year_was_a_plan():
    from tests import factories

    source = factories.ResourceFactory(year=2008)
    planned = [(2007, 2010), (2009, 2009), (2009, 2011), (2007, 2008)]
    shown = [
        ExperienceCard(start_year=start, end_year=end, source_resource=source).period_label
        for start, end in planned
    ]
    assert shown == [
        "depuis 2007, prévu jusqu'en 2010", "prévu en 2009", "prévu de 2009 à 2011", "2007 – 2008"
    ]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "shown"),
    [
        # The BISE, created in 2003 and still running (« Aujourd'hui, la BISE associe … »)
        ("G1-3", "depuis 2003, en cours en 2008"),
        # E3i's action (2003-2004, p. 41) and its place since (« Aujourd'hui », 2007)
        ("G2-4", "depuis 2003, en cours en 2008"),
        # The Maison's co-construction « (2004 - 2007) », then the Maison opened in 2007
        ("G1-1", "depuis 2004, en cours en 2008"),
        # Results « de mai 2005 à décembre 2007 », its committee « actuellement animé »
        ("G2-1", "depuis 2005, en cours en 2008"),
        # The training's three phases, « (avril 2006 - mars 2007) » its last
        ("G3-5", "2005 – 2007"),
        ("G2-6", "2007"),
        # Started in the autumn of 2007, its programme « pluriannuel sur trois ans
        # (2008-2010) »: 2010 was a plan in 2008
        ("G3-4", "depuis 2007, prévu jusqu'en 2010"),
    ],
)
def test_a_card_page_shows_its_period(imported, client, code, shown):
    from sources.models import ImportedRecord

    record = ImportedRecord.objects.get(document="000", key=f"experience-{code}")
    card = ExperienceCard.objects.get(pk=record.object_id)
    page = client.get(card.get_absolute_url()).content.decode()
    assert f"<dt>Période</dt><dd>{html.escape(shown)}</dd>" in page
