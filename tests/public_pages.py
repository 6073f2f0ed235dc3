"""Every public page of the site, listed from the URLconf and a site's records.

A page added later is covered without editing this list; one that needs a record in its
address fails the walk until `SAMPLES` says which record to show. What is not a page for
people (files, fragments, POST-only views, drafts, one-time links) is in `NOT_PAGES`,
each with its reason.
"""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import factories
from vita.subscriptions.services import signed_confirmation

NOT_PAGES = {
    "healthz": "JSON for the load balancer",
    "name_lookup": "an htmx fragment of the territory finder",
    "experiences:template_docx": "a Word file",
    "experiences:template_xlsx": "an Excel file",
    "experiences:export_csv": "a file of a list's cards (tests/experiences/test_exports)",
    "experiences:export_xlsx": "a file of a list's cards (tests/experiences/test_exports)",
    "experiences:export_pdf": "a file of a list's cards (tests/experiences/test_exports)",
    "resources:download": "a file",
    "experiences:preview": "a draft, for its author and the animators",
    "resources:preview": "a draft, for its author and the animators",
    "logout": "POST only",
    "subscriptions:unsubscribe_all": "POST only: its form is in « Mon espace »",
    "resources:request": "POST only: its form is on the resource's page",
    "password_reset_confirm": "a one-time link sent by e-mail",
    "my_data": "a JSON file, a member's data",
    "workgroups:space": "a group's members' space (tests/workgroups walks it as each audience)",
    "workgroups:minutes_file": "a file, for a meeting's audience",
    "support:detail": "a support request's page, for the account that sent it (tests/support)",
    "events:feed": "an Atom feed",
    "experiences:feed": "an Atom feed (tests/experiences/test_feeds.py)",
    "resources:feed": "an Atom feed (tests/experiences/test_feeds.py)",
    "events:ical": "an iCalendar file",
    "api:index": "JSON of the public API (tests/api walks it)",
    "api:experiences": "JSON of the public API (tests/api walks it)",
    "api:experience": "JSON of the public API (tests/api walks it)",
    "api:groups": "JSON of the public API (tests/api walks it)",
    "api:group": "JSON of the public API (tests/api walks it)",
    "api:organisations": "JSON of the public API (tests/api walks it)",
    "api:organisation": "JSON of the public API (tests/api walks it)",
    "api:resources": "JSON of the public API (tests/api walks it)",
    "api:resource": "JSON of the public API (tests/api walks it)",
    "api:fiches": "JSON of the public API (tests/api walks it)",
    "api:fiche": "JSON of the public API (tests/api walks it)",
    "api:events": "JSON of the public API (tests/api walks it)",
    "api:event": "JSON of the public API (tests/api walks it)",
    "api:regions": "JSON of the public API (tests/api walks it)",
    "api:region": "JSON of the public API (tests/api walks it)",
    "api:departements": "JSON of the public API (tests/api walks it)",
    "api:departement": "JSON of the public API (tests/api walks it)",
    "api:vocabularies": "JSON of the public API (tests/api walks it)",
    "api:vocabulary": "JSON of the public API (tests/api walks it)",
    "api:schema": "JSON of the public API (tests/api walks it)",
    "robots_txt": "text for search engines (tests/portal/test_findable.py)",
    "sitemap": "XML for search engines (tests/portal/test_findable.py)",
    "sitemap_section": "XML for search engines (tests/portal/test_findable.py)",
}


def public_site():
    """Records with long names and unbroken strings, as the documents have them."""
    from django.core.management import call_command

    from territories.models import Region

    call_command("load_territories", verbosity=0)  # transactional tests flush them
    programme = factories.ProgrammeFactory(
        name="VITA – Développeurs de territoires solidaires (DTS)", slug="dts"
    )
    group = factories.WorkingGroupFactory(
        code="A3",
        programme=programme,
        name="Gestion territoriale des emplois et compétences en priorité pour les personnes "
        "ayant un faible niveau de qualification",
    )
    porteur = factories.OrganisationFactory(
        name="Association intermédiaire de la communauté de communes des Vallons du Guiers "
        "et de l'Avant-Pays savoyard",
        website="https://www.une-association-intermediaire-au-nom-tres-long.example.org/",
    )
    card = factories.ExperienceCardFactory(
        title="Construction d'une légitimité d'intervention dans la mise en œuvre de la "
        "clause d'insertion du Code des marchés publics pour une ETTI",
        porteur=porteur,
        region=Region.objects.get(code="84"),
        departements=["38", "73"],
        context="Voir https://www.exemple-de-lien-tres-long.example.org/dossiers/"
        "clauses-sociales-et-insertion-par-l-activite-economique-2008.pdf et "
        "contact.referent.clauses.sociales@une-structure-au-nom-long.example.org",
    )
    factories.CardListingFactory(card=card, working_group=group)
    factories.FreinFactory(card=card, text="La mobilité des salariés en milieu rural.")
    factories.LevierFactory(card=card, text="Un garage solidaire.")
    factories.CardToolFactory(card=card, text="Convention-type-de-partenariat-clauses-sociales")
    fiche = factories.FicheFactory(code="I-C-2-b")
    factories.FicheBlockFactory(fiche=fiche)
    factories.FicheKeyPointFactory(fiche=fiche)
    collection = factories.CollectionFactory(
        name="Lettre VITA", slug="lettre-vita", description="Le magazine trimestriel du réseau."
    )
    resource = factories.ResourceFactory(title="Guide de la mobilité solidaire")
    factories.ResourceFactory(
        title="Lettre VITA n°7", kind="lettre", collection=collection, position=7,
        description="- Entretien avec une structure au nom très long de la Lettre VITA",
    )  # fmt: skip
    on_request = factories.ResourceFactory(title="Étude sur demande", availability="sur_demande")
    call = factories.CallForInterestFactory(
        working_group=group,
        title="Appel à manifestation d'intérêt pour la gestion territoriale des emplois et des "
        "compétences des salariés en parcours d'insertion",
    )
    factories.CallQuestionFactory(call=call)
    # Its confirmation and unsubscribe links are the pages the e-mails lead to.
    subscription = factories.SubscriptionFactory(state="pending")
    # An event with its programme, full (its form offers the waiting list), and the private
    # page of a registration on that list.
    event = factories.EventFactory(
        title="Rencontres nationales de l'insertion par l'activité économique : la gestion "
        "territoriale des emplois et des compétences",
        place="Centre de congrès de la communauté de communes des Vallons du Guiers",
        region=Region.objects.get(code="84"),
        capacity=1,
    )
    part = factories.EventPartFactory(event=event, title="Table ronde : les clauses sociales")
    factories.EventSpeakerFactory(part=part, organisation=porteur)
    part.cards.add(card)
    part.resources.add(resource)
    factories.RegistrationFactory(event=event)
    registration = factories.RegistrationFactory(event=event, status="attente")
    # A support request's private page, as its link e-mailed to the structure opens it.
    support_request = factories.SupportRequestFactory(
        organisation_name="Association intermédiaire de la communauté de communes des "
        "Vallons du Guiers et de l'Avant-Pays savoyard",
        project="Voir https://www.exemple-de-lien-tres-long.example.org/dossiers/"
        "projet-de-garage-solidaire-et-de-location-de-vehicules-2026.pdf",
    )
    factories.SupportNoteFactory(
        request=support_request, kind="message", text="Nous vous appelons lundi."
    )
    factories.ExpertiseDaysFactory(request=support_request)
    return {
        "support_request": support_request,
        "event": event,
        "registration": registration,
        "subscription": subscription,
        "call": call,
        "card": card,
        "group": group,
        "programme": programme,
        "organisation": porteur,
        "fiche": fiche,
        "resource": resource,
        "on_request": on_request,
        "collection": collection,
    }


SAMPLES = {
    "experiences:detail": lambda site: [{"slug": site["card"].slug}],
    "experiences:report": lambda site: [{"slug": site["card"].slug}],
    "workgroups:programme": lambda site: [{"slug": site["programme"].slug}],
    "workgroups:detail": lambda site: [{"code": site["group"].code}],
    "workgroups:report": lambda site: [{"code": site["group"].code}],
    "workgroups:join": lambda site: [{"code": site["group"].code}],
    "organisations:detail": lambda site: [{"slug": site["organisation"].slug}],
    "sources:document": lambda site: [{"code": "000"}, {"code": "003"}],
    "sources:page": lambda site: [{"code": "000", "number": 11}, {"code": "003", "number": 5}],
    "resources:fiche": lambda site: [{"code": site["fiche"].code}],
    "resources:report_fiche": lambda site: [{"code": site["fiche"].code}],
    "resources:resource": lambda site: [
        {"slug": site["resource"].slug},
        {"slug": site["on_request"].slug},  # with its request form
    ],
    "resources:collection": lambda site: [{"slug": site["collection"].slug}],
    "calls:detail": lambda site: [{"slug": site["call"].slug}],
    "support:private": lambda site: [
        {"reference": site["support_request"].reference, "token": site["support_request"].token}
    ],
    "events:detail": lambda site: [{"slug": site["event"].slug}],
    "events:registration": lambda site: [{"token": site["registration"].token}],
    "subscriptions:confirm": lambda site: [{"token": signed_confirmation(site["subscription"])}],
    "subscriptions:unsubscribe": lambda site: [{"token": site["subscription"].unsubscribe_token}],
    "site_page": lambda site: [
        {"slug": slug}
        for slug in ("mentions-legales", "accessibilite", "donnees-personnelles", "contact")
    ],
}


def _named_patterns(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from _named_patterns(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name, pattern


def public_page_urls(site) -> dict[str, str]:
    """Each public page's address, by URL name (with a number when it has several)."""
    urls, missing = {}, []
    for name, pattern in _named_patterns(get_resolver().url_patterns):
        if name in NOT_PAGES:
            continue
        if not pattern.pattern.converters and not pattern.pattern.regex.groupindex:
            urls[name] = reverse(name)
        elif name in SAMPLES:
            for number, kwargs in enumerate(SAMPLES[name](site)):
                urls[f"{name}#{number}" if number else name] = reverse(name, kwargs=kwargs)
        else:
            missing.append(name)
    assert not missing, f"pages without a sample record in tests/public_pages.py: {missing}"
    return urls
