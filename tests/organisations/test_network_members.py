"""Partnership conventions on the structures, and the network's members (a signed
convention in force) listed and exported for the animators."""

import csv
import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from organisations.models import Organisation
from organisations.organisation_spreadsheet import NetworkMemberSheet
from tests import factories
from tests.admin_forms import change_through_admin
from tests.admin_imports import CSV, XLSX
from vita.roles import CONTRIBUTEUR

pytestmark = pytest.mark.django_db
MEMBERS = reverse("admin:organisations_networkmember_changelist")
EXPORT = reverse("admin:organisations_networkmember_export")
HEADERS = [
    "Structure", "Sigle", "Région", "Département", "Types de structure", "Commune",
    "Convention signée le", "Convention valable jusqu'au", "Personnes avec un compte",
    "E-mail de la structure", "Téléphone",
]  # fmt: skip


@pytest.fixture
def network():
    today = timezone.localdate()
    signed = {"convention_status": "signee", "convention_signed_on": date(2026, 1, 15)}
    made = {
        "aire": factories.OrganisationFactory(
            name="AIRE", acronym="", structure_types=["ai", "etti"], **signed
        ),
        "ouverte": factories.OrganisationFactory(
            name="Régie Ouest",
            acronym="",
            structure_types=["regie_quartier"],
            convention_ends_on=today,
            **signed,
        ),
        "passee": factories.OrganisationFactory(
            name="Ancienne", convention_ends_on=today - timedelta(days=1), **signed
        ),
        "en_cours": factories.OrganisationFactory(name="En route", convention_status="en_cours"),
        "resiliee": factories.OrganisationFactory(name="Partie", convention_status="resiliee"),
        "aucune": factories.OrganisationFactory(name="Sans lien"),
    }
    lina = factories.UserFactory(username="lina", email="lina@example.org")
    factories.PersonFactory(
        first_name="Lina", last_name="Rossi", organisation=made["aire"], account=lina
    )
    gone = factories.UserFactory(username="parti", email="parti@example.org", is_active=False)
    factories.PersonFactory(first_name="Paul", last_name="Parti", organisation=made["aire"],
                            account=gone)  # fmt: skip
    factories.PersonFactory(first_name="Sam", last_name="Sanscompte", organisation=made["aire"])
    return made


def test_the_members_are_the_signed_conventions_in_force(network):
    members = set(Organisation.objects.network_members().values_list("name", flat=True))
    assert members == {"AIRE", "Régie Ouest"}


def test_the_structures_list_filters_by_convention(animator_client, network):
    url = reverse("admin:organisations_organisation_changelist")

    def names(value):
        page = animator_client.get(url, {"convention": value})
        return {organisation.name for organisation in page.context["cl"].result_list}

    assert names("membres") == {"AIRE", "Régie Ouest"}
    assert names("en_cours") == {"En route"}
    assert names("finie") == {"Ancienne", "Partie"}  # past its end, or ended
    assert "Sans lien" in names("aucune") and "AIRE" not in names("aucune")
    page = animator_client.get(url).content.decode()
    assert "Membres du réseau (convention signée, en vigueur)" in page


def test_the_members_list_shows_their_place_convention_and_accounts(animator_client, network):
    page = animator_client.get(MEMBERS)

    assert [m.name for m in page.context["cl"].result_list] == ["AIRE", "Régie Ouest"]
    html = page.content.decode()
    for text in ("Bretagne", "Ille-et-Vilaine", "Association intermédiaire (AI)",
                 "signée le 15/01/2026", "Lina Rossi"):  # fmt: skip
        assert text in html, text
    assert "Paul Parti" not in html and "Sam Sanscompte" not in html  # no active account
    filtered = animator_client.get(MEMBERS, {"type": "regie_quartier"})
    assert [m.name for m in filtered.context["cl"].result_list] == ["Régie Ouest"]


def _export(client, file_format, **params):
    fields = {f"networkmembersheet_{name}": True for name in NetworkMemberSheet().fields}
    url = EXPORT + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
    return client.post(url, {"format": file_format, **fields})


def test_the_export_for_french_excel(animator_client, network):
    response = _export(animator_client, CSV)

    assert response.status_code == 200
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")  # the BOM: Excel reads the accents as UTF-8
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0] == HEADERS
    by_name = {row[0]: dict(zip(HEADERS, row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {"AIRE", "Régie Ouest"}
    aire = by_name["AIRE"]
    assert aire["Région"] == "Bretagne" and aire["Département"] == "35 — Ille-et-Vilaine"
    assert aire["Types de structure"].startswith("Association intermédiaire (AI)")
    assert aire["Convention signée le"] == "15/01/2026"
    assert aire["Convention valable jusqu'au"] == ""
    assert aire["Personnes avec un compte"] == "Lina Rossi <lina@example.org>"


def test_the_export_to_xlsx_follows_the_list_s_filters(animator_client, network):
    response = _export(animator_client, XLSX, type="regie_quartier")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert [row[0] for row in rows[1:]] == ["Régie Ouest"]


def test_the_members_are_the_animators_only(client, network):
    contributor = factories.UserFactory(username="contributrice", groups=[CONTRIBUTEUR],
                                        is_staff=True)  # fmt: skip
    client.force_login(contributor)

    assert client.get(MEMBERS).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert _export(client, CSV).status_code == 403
    # The contributors read a structure's convention, the animators record it.
    change = reverse("admin:organisations_organisation_change", args=[network["aire"].pk])
    form = client.get(change).context["adminform"].form
    assert "convention_status" not in form.fields
    viewer = factories.UserFactory(username="lecteur", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_networkmember"))
    client.force_login(viewer)
    assert client.get(MEMBERS).status_code == 200
    assert client.get(EXPORT).status_code == 403  # exporting is a permission of its own


def test_an_animator_records_a_convention_and_the_database_checks_it(animator_client, network):
    change = reverse("admin:organisations_organisation_change", args=[network["en_cours"].pk])
    form = animator_client.get(change).context["adminform"].form
    assert {"convention_status", "convention_signed_on", "convention_ends_on"} <= set(form.fields)
    structure = network["en_cours"]

    refused = change_through_admin(animator_client, Organisation, structure,
                                   convention_status="signee")  # fmt: skip
    assert "Une convention signée a sa date de signature." in refused.content.decode()
    structure.refresh_from_db()
    assert structure.convention_status == "en_cours"  # nothing written
    change_through_admin(animator_client, Organisation, structure, convention_status="signee",
                         convention_signed_on="01/03/2026")  # fmt: skip
    assert Organisation.objects.network_members().filter(pk=structure.pk).exists()

    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=network["aucune"].pk).update(convention_status="signee")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=network["aire"].pk).update(
            convention_ends_on=date(2025, 12, 31)
        )
