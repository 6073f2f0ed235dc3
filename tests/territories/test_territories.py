import json
import re

import pytest
from django.core.management import CommandError, call_command

from territories import reference
from territories.models import Commune, Departement, FormerRegion, Region
from territories.services import find_departement, find_region
from tests import factories

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


# Communes ---------------------------------------------------------------------


def test_the_communes_file_has_every_current_commune_in_a_known_departement():
    rows = reference.read_rows("communes")
    departements = {row["code"] for row in reference.read_rows("departements")}

    assert len(rows) >= 34_000
    assert len({row["code"] for row in rows}) == len(rows)
    assert {row["departement_code"] for row in rows} == departements
    for row in rows:
        assert re.fullmatch(r"\d{5}|2[AB]\d{3}", row["code"]), row
        assert row["code"].startswith(row["departement_code"]), row
        assert row["name"].strip() == row["name"] != ""
    by_code = {row["code"]: row for row in rows}
    assert by_code["35238"]["name"] == "Rennes"
    assert by_code["42218"]["name"] == "Saint-Étienne"
    assert by_code["97411"]["departement_code"] == "974"  # Saint-Denis de La Réunion
    assert by_code["2A004"]["name"] == "Ajaccio"


def test_the_migrations_load_every_commune_with_its_departement():
    assert Commune.objects.count() == len(reference.read_rows("communes"))
    assert Commune.objects.get(code="35238").departement.region.name == "Bretagne"
    assert not Departement.objects.filter(communes__isnull=True).exists()


def test_communes_are_searched_by_their_words_without_accents_case_or_hyphens():
    assert Commune.objects.get(code="42218").search_name == "saint etienne"
    assert Commune.objects.get(name="Œuilly", departement__code="51").search_name == "oeuilly"


def test_each_departement_knows_its_former_region():
    assert Departement.objects.get(code="59").former_region.name == "Nord-Pas-de-Calais"
    assert Departement.objects.get(code="87").former_region.name == "Limousin"
    assert set(
        FormerRegion.objects.get(name="Rhône-Alpes").departements.values_list("code", flat=True)
    ) == {"01", "07", "26", "38", "42", "69", "73", "74"}
    assert not Departement.objects.filter(former_region__isnull=True).exists()


def test_load_territories_removes_a_commune_the_file_no_longer_has(capsys):
    merged = factories.CommuneFactory(name="Commune fusionnée")
    Commune.objects.filter(code="35238").update(name="Renne")

    call_command("load_territories")

    assert not Commune.objects.filter(pk=merged.pk).exists()
    assert Commune.objects.get(code="35238").name == "Rennes"
    assert f"{Commune.objects.count()} communes" in capsys.readouterr().out


ETALAB = [
    {"code": "35238", "nom": "Rennes", "type": "commune-actuelle", "departement": "35"},
    {"code": "01001", "nom": "L'Abergement-Clémenciat", "type": "commune-actuelle",
     "departement": "01", "population": 860},
    {"code": "75101", "nom": "Paris 1er Arrondissement", "type": "arrondissement-municipal",
     "departement": "75"},
    {"code": "01015", "nom": "Arbignieu", "type": "commune-deleguee", "departement": "01"},
    {"code": "98735", "nom": "Papeete", "type": "commune-actuelle", "departement": "987"},
]  # fmt: skip


def test_write_communes_keeps_current_communes_of_known_departements(tmp_path, monkeypatch):
    source = tmp_path / "communes.json"
    source.write_text(json.dumps(ETALAB), encoding="utf-8")
    monkeypatch.setattr(reference, "COMMUNES_FILE", tmp_path / "communes.csv")

    call_command("write_communes", source)

    assert (tmp_path / "communes.csv").read_text(encoding="utf-8") == (
        "code,name,departement_code,population\n"
        "01001,L'Abergement-Clémenciat,01,860\n"
        "35238,Rennes,35,\n"
    )


def test_write_communes_refuses_another_file_with_a_french_message(tmp_path, monkeypatch):
    source = tmp_path / "communes.json"
    source.write_text(json.dumps([{"name": "Rennes"}]), encoding="utf-8")
    monkeypatch.setattr(reference, "COMMUNES_FILE", tmp_path / "communes.csv")

    with pytest.raises(CommandError, match=r"Ce n'est pas le communes\.json d'Etalab"):
        call_command("write_communes", source)
    assert not (tmp_path / "communes.csv").exists()
