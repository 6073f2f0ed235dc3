"""A working group that lives, in a real browser (issue 22): a structure answers the
group's call for interest and asks for an account; an animator accepts the answer; the
person chooses a password from the invitation, signs in, finds the group in « Mon espace »
and, in its members' space, the next meeting and the document shared with the group only,
which the public cannot download."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from resources.models import AccessLevel
from tests import factories, files
from vita.roles import ANIMATEUR
from workgroups.models import WorkingGroupStatus

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "mot-de-passe-de-test"  # noqa: S105 - tests.factories.UserFactory's
NEW_PASSWORD = "Un-mot-de-passe-choisi-2026"  # noqa: S105


@pytest.fixture
def group_with_a_call():
    call_command("load_territories", verbosity=0)  # transactional tests flush them
    group = factories.WorkingGroupFactory(
        code="T1", name="Achats responsables", status=WorkingGroupStatus.CALL
    )
    call = factories.CallForInterestFactory(
        working_group=group, title="Appel : achats responsables et clauses sociales"
    )
    factories.CallQuestionFactory(call=call, text="Que souhaitez-vous apporter au groupe ?")
    factories.MeetingFactory(
        working_group=group,
        title="Réunion de lancement",
        starts_at=timezone.now() + timedelta(days=10),
        place="Maison des associations, Rennes",
    )
    shared = factories.ResourceFactory(
        title="Cahier des charges type (document de travail)", access_level=AccessLevel.GROUP
    )
    shared.file = files.upload("cahier.pdf", files.PDF)
    shared.save()
    shared.working_groups.add(group)
    animator = factories.UserFactory(username="animatrice", groups=[ANIMATEUR], is_staff=True)
    return call, shared, animator


def test_a_structure_answers_a_call_gets_its_account_and_works_in_the_group(
    live_server, page, browser, group_with_a_call
):
    call, shared, animator = group_with_a_call

    # The call is on the home page; a structure answers it and asks for an account.
    page.goto(live_server.url)
    page.get_by_role("link", name=call.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(call.title)
    page.locator("#id_organisation_name").fill("Recyclerie du Pays de Rennes")
    page.locator("#id_first_name").fill("Inès")
    page.locator("#id_last_name").fill("Morel")
    page.locator("#id_role").fill("Directrice")
    page.locator("#id_email").fill("ines.morel@example.org")
    page.locator("#id_question_1").fill("Nos achats de réemploi.")
    page.locator("#id_wants_account").check()
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.locator(".messages, .messagelist, [role=status]").first).to_be_visible()

    # An animator accepts it in the admin.
    admin = browser.new_context(locale="fr-FR").new_page()
    admin.goto(f"{live_server.url}/admin/")
    admin.locator("#id_username").fill(animator.username)
    admin.locator("#id_password").fill(PASSWORD)
    admin.locator("input[type=submit]").click()
    admin.goto(f"{live_server.url}/admin/workgroups/callanswer/")
    row = admin.locator("#result_list tr", has_text="Recyclerie du Pays de Rennes")
    row.locator("input.action-select").check()
    admin.locator("select[name=action]").select_option(
        label="Accepter : membre du groupe (et compte)"
    )
    admin.locator("button[name=index]").click()
    admin.get_by_role("button", name="Confirmer : accepter").click()
    expect(admin.locator(".messagelist")).to_be_visible()
    admin.context.close()

    # The invitation's link: she chooses her password, then signs in.
    invitation = next(m for m in mail.outbox if m.to == ["ines.morel@example.org"])
    path = re.search(r"https?://[^/\s]+(/connexion/nouveau-mot-de-passe/\S+)", invitation.body)
    page.goto(live_server.url + path.group(1))
    page.locator("input[type=password]").nth(0).fill(NEW_PASSWORD)
    page.locator("input[type=password]").nth(1).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    page.goto(f"{live_server.url}/connexion/?next=/mon-espace/")
    page.get_by_label("Identifiant").fill("ines.morel@example.org")
    page.get_by_label("Mot de passe").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    # « Mon espace » names the group; its space shows the next meeting and the document.
    expect(page.get_by_role("heading", name="Mes groupes")).to_be_visible()
    page.get_by_role("link", name="Espace du groupe").click()
    expect(page.get_by_role("heading", name="Calendrier des réunions")).to_be_visible()
    expect(page.get_by_text("Réunion de lancement").first).to_be_visible()
    page.get_by_role("link", name=shared.title).first.click()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Télécharger")).click()
    assert download.value.suggested_filename.endswith(".pdf")

    # The public sees neither the document's file nor the space.
    public = browser.new_context(locale="fr-FR").new_page()
    answer = public.request.get(f"{live_server.url}/ressources/{shared.slug}/telecharger/")
    assert answer.status in (302, 403, 404) or "connexion" in answer.url
    public.goto(f"{live_server.url}/groupes/T1/espace/")
    expect(public.get_by_label("Identifiant")).to_be_visible()
    public.context.close()
