import pytest
from django.core.management import call_command

from territories.models import Departement, FormerRegion, Region
from territories.services import find_departement, find_region

pytestmark = pytest.mark.django_db


def test_reference_data_has_every_current_region_and_departement():
    assert Region.objects.count() == 18
    assert Departement.objects.count() == 101
    codes = set(Departement.objects.values_list("code", flat=True))
    assert {"01", "2A", "2B", "75", "95", "971", "972", "973", "974", "976"} <= codes
    assert "20" not in codes
    assert Departement.objects.get(code="2B").region.name == "Corse"
    assert Departement.objects.get(code="35").region.name == "Bretagne"
    assert Departement.objects.get(code="974").region.code == "04"


def test_every_region_has_departements():
    assert not Region.objects.filter(departements__isnull=True).exists()


@pytest.mark.parametrize(
    ("written", "current"),
    [
        ("Franche-Comté", "Bourgogne-Franche-Comté"),
        ("Haute-Normandie", "Normandie"),
        ("HAUTE - N ORMANDIE", "Normandie"),
        ("Nord-Pas-de-Calais", "Hauts-de-France"),
        ("Poitou-Charentes", "Nouvelle-Aquitaine"),
        ("POITOU - CHARENTES", "Nouvelle-Aquitaine"),
        ("Midi-Pyrénées", "Occitanie"),
        ("Rhône-Alpes", "Auvergne-Rhône-Alpes"),
        ("Languedoc-Roussillon", "Occitanie"),
        ("Alsace", "Grand Est"),
        ("Limousin", "Nouvelle-Aquitaine"),
        ("Centre", "Centre-Val de Loire"),
        ("Ile de France", "Île-de-France"),
        ("PROVENCE ALPES COTE D ' AZUR", "Provence-Alpes-Côte d'Azur"),
        ("PACA", "Provence-Alpes-Côte d'Azur"),
        ("Bretagne", "Bretagne"),
        ("Hauts-de-France", "Hauts-de-France"),
    ],
)
def test_region_names_as_the_sources_write_them_find_the_current_region(written, current):
    assert find_region(written).name == current


def test_every_former_region_maps_to_a_current_region():
    assert FormerRegion.objects.count() == 27
    for former in FormerRegion.objects.all():
        assert find_region(former.name) == former.current_region


def test_unknown_region_is_none():
    assert find_region("Atlantide") is None
    assert find_region("") is None


@pytest.mark.parametrize(
    ("written", "code"),
    [("35", "35"), ("2a", "2A"), ("Loire -Atlantique", "44"), ("côtes d'armor", "22"), ("9", "09")],
)
def test_departements_are_found_by_code_or_name(written, code):
    assert find_departement(written).code == code


def test_load_territories_is_idempotent(capsys):
    call_command("load_territories")
    call_command("load_territories")

    assert Region.objects.count() == 18
    assert Departement.objects.count() == 101
    assert "101 départements" in capsys.readouterr().out
