"""factory_boy factories, one per model; reference territories come from the migration."""

import datetime
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify

from events import models as events
from experiences import models as experiences
from organisations import models as organisations
from organisations.enums import ContactRole, StructureType
from portal.models import SitePage
from resources import models as resources
from support import models as support
from territories import models as territories
from vita.models import PublicationStatus, ReviewPoint, Subscription
from workgroups import models as workgroups

# The domain apps, whose models the factories make, from the bottom layer up.
CONTENT_APPS = ["territories", "organisations", "workgroups", "resources", "experiences",
                "events", "support"]  # fmt: skip

# Written by database triggers from other rows, or by django-simple-history on every
# change: neither made by a factory nor edited in the admin (the history has its pages).
DERIVED_MODELS = {
    experiences.SearchWord,
    experiences.ExperienceCard.history.model,
    organisations.Organisation.history.model,
    organisations.Presentation.history.model,
    organisations.PersonMention.history.model,
    organisations.AccountRequest.history.model,
    organisations.PersonalDataRequest.history.model,
    workgroups.WorkingGroup.history.model,
    workgroups.Programme.history.model,
    workgroups.GroupMembership.history.model,
    workgroups.CallForInterest.history.model,
    workgroups.CallAnswer.history.model,
    workgroups.Meeting.history.model,
    resources.Resource.history.model,
    SitePage.history.model,
    support.SupportRequest.history.model,
    support.SupportNote.history.model,
    support.ExpertiseDays.history.model,
    events.Event.history.model,
}


def _slug(attribute):
    return factory.LazyAttributeSequence(lambda obj, n: f"{slugify(getattr(obj, attribute))}-{n}")


def existing(model, **lookup):
    """Reference rows are loaded by migrations: factories pick them, never create them."""
    return factory.LazyFunction(lambda: model.objects.get(**lookup))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("mot-de-passe-de-test")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.set(Group.objects.filter(name__in=names))


# Territories ----------------------------------------------------------------


class RegionFactory(factory.django.DjangoModelFactory):
    """Only for regions beyond the reference data (tests of the model itself)."""

    class Meta:
        model = territories.Region

    code = factory.Sequence(lambda n: f"X{n % 10}")
    name = factory.Sequence(lambda n: f"Région test {n}")
    slug = _slug("name")


class DepartementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = territories.Departement

    code = factory.Sequence(lambda n: f"Y{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Département test {n}")
    slug = _slug("name")
    region = existing(territories.Region, code="53")


class FormerRegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = territories.FormerRegion

    code = factory.Sequence(lambda n: f"Z{n % 10}")
    name = factory.Sequence(lambda n: f"Ancienne région test {n}")
    slug = _slug("name")
    current_region = existing(territories.Region, code="32")


class CommuneFactory(factory.django.DjangoModelFactory):
    """Only for communes beyond the reference data."""

    class Meta:
        model = territories.Commune

    code = factory.Sequence(lambda n: f"X{n % 10000:04d}")
    name = factory.Sequence(lambda n: f"Commune test {n}")
    departement = existing(territories.Departement, code="35")


# Organisations and people ---------------------------------------------------


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = organisations.Organisation

    name = factory.Sequence(lambda n: f"Association intermédiaire n°{n}")
    acronym = factory.Sequence(lambda n: f"AI{n}")
    slug = _slug("name")
    structure_types = factory.LazyFunction(lambda: [StructureType.AI])
    town = "Rennes"
    departement = existing(territories.Departement, code="35")


class NetworkMemberFactory(OrganisationFactory):
    """A structure with a signed partnership convention: a member of the network."""

    class Meta:
        model = organisations.NetworkMember

    convention_status = "signee"
    convention_signed_on = datetime.date(2026, 1, 15)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = organisations.Person

    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    slug = factory.LazyAttributeSequence(lambda p, n: slugify(f"{p.first_name} {p.last_name}-{n}"))
    role = "Directrice"
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.LazyAttribute(lambda p: f"{p.slug}@example.org")


class PresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = organisations.Presentation

    organisation = factory.SubFactory(OrganisationFactory)
    document = factory.Sequence(lambda n: f"{n:03d}")
    source_title = "Fiches synthétiques projets VITA-DTS (2010)"
    year = 2010
    text = "Association intermédiaire créée en 1992."


class PersonMentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = organisations.PersonMention

    person = factory.SubFactory(PersonFactory)
    document = factory.Sequence(lambda n: f"{n:03d}")
    source_title = "Recueil d'expériences VITA (2008)"
    year = 2008
    role = "Directrice"
    organisation = factory.SelfAttribute("person.organisation")
    email = factory.LazyAttribute(lambda m: m.person.email)


class AccountRequestFactory(factory.django.DjangoModelFactory):
    """A request of « Demander un compte », waiting for an animator."""

    class Meta:
        model = organisations.AccountRequest

    first_name = "Lina"
    last_name = factory.Sequence(lambda n: f"Rossi{n}")
    organisation_name = "Régie de quartier de Lorient"
    role = "Chargée d'insertion"
    email = factory.Sequence(lambda n: f"demande{n}@example.org")


class PersonalDataRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = organisations.PersonalDataRequest

    name_as_shown = "Camille Martin"
    pages = "https://vita.example.org/experiences/un-garage-solidaire/"
    email = "camille.martin@example.org"
    kind = organisations.DataRequestKind.WITHDRAWAL


# Working groups -------------------------------------------------------------


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = workgroups.Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = _slug("name")
    start_year = 2005
    end_year = 2008


class ProgrammePhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = workgroups.ProgrammePhase

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Phase {n}")


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = workgroups.WorkingGroup

    code = factory.Sequence(lambda n: f"T{n}")  # not G1…, A1…: the imported groups have those
    name = factory.Sequence(lambda n: f"Commande publique responsable {n}")
    slug = _slug("name")
    programme = factory.SubFactory(ProgrammeFactory)


class WorkingGroupContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = workgroups.WorkingGroupContact

    working_group = factory.SubFactory(WorkingGroupFactory)
    person = factory.SubFactory(PersonFactory)
    role = ContactRole.FACILITATOR


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    """An active member of a group, a person of a structure (`person__account=user` to
    make a user the group's member)."""

    class Meta:
        model = workgroups.GroupMembership

    working_group = factory.SubFactory(WorkingGroupFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.LazyAttribute(lambda m: m.person.organisation)
    status = workgroups.MembershipStatus.ACTIVE


class CallForInterestFactory(factory.django.DjangoModelFactory):
    """An open call of a group (its deadline a month away)."""

    class Meta:
        model = workgroups.CallForInterest

    working_group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Appel à manifestation d'intérêt : achats responsables {n}")
    slug = _slug("title")
    theme = "Commande publique"
    presentation = "Le groupe réunira des **structures** volontaires."
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class CallQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = workgroups.CallQuestion

    call = factory.SubFactory(CallForInterestFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Quelle est votre expérience de la question n°{n} ?")


class CallAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = workgroups.CallAnswer

    call = factory.SubFactory(CallForInterestFactory)
    organisation_name = factory.Sequence(lambda n: f"Chantier d'insertion n°{n}")
    first_name = "Léa"
    last_name = factory.Sequence(lambda n: f"Durand{n}")
    role = "Directrice"
    email = factory.Sequence(lambda n: f"lea.durand{n}@example.org")


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting of a group, a week from now, for its members (the default audience)."""

    class Meta:
        model = workgroups.Meeting

    working_group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Réunion de travail {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    place = "Maison des associations, Rennes"
    agenda = "1. Tour de table\n2. Le guide des achats responsables"


# Resource library -----------------------------------------------------------


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = resources.Theme

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = _slug("name")


class KeywordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = resources.Keyword

    name = factory.Sequence(lambda n: f"Mot clef {n}")
    slug = _slug("name")


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = resources.Collection

    name = factory.Sequence(lambda n: f"Collection {n}")
    slug = _slug("name")


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = resources.Resource

    title = factory.Sequence(lambda n: f"Guide de la mutualisation {n}")
    slug = _slug("title")
    kind = resources.ResourceKind.GUIDE
    year = 2008
    status = PublicationStatus.PUBLISHED


class IssueMailingFactory(factory.django.DjangoModelFactory):
    """An issue of the Lettre VITA mailed to its subscribers."""

    class Meta:
        model = resources.IssueMailing

    resource = factory.SubFactory(ResourceFactory, kind=resources.ResourceKind.LETTRE)
    topic = "lettre-vita"
    status = resources.IssueMailing.Status.SENT
    sent_at = factory.LazyFunction(timezone.now)
    recipients = 12


class ResourceLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = resources.ResourceLink

    resource = factory.SubFactory(ResourceFactory)
    url = "https://www.example.org/guide.pdf"


class FicheFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = resources.Fiche

    resource = factory.SubFactory(ResourceFactory, kind=resources.ResourceKind.FICHE_REPERE)
    code = factory.Sequence(lambda n: f"X-{n}")  # not a code of the imported manual
    part = resources.FichePart.REPERES
    section = "A"


class FicheBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = resources.FicheBlock

    fiche = factory.SubFactory(FicheFactory)
    kind = resources.BlockKind.EN_BREF
    body = "Une démarche de coopération territoriale."


class FicheKeyPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = resources.FicheKeyPoint

    fiche = factory.SubFactory(FicheFactory)
    kind = resources.KeyPointKind.SUCCESS_KEY
    text = "Associer les élus dès le départ."


class FicheLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = resources.FicheLink

    source = factory.SubFactory(FicheFactory)
    target = factory.SubFactory(FicheFactory)
    kind = resources.FicheLinkKind.SEE_ALSO


class KeywordEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = resources.KeywordEntry

    keyword = factory.SubFactory(KeywordFactory)
    fiche = factory.SubFactory(FicheFactory)


# Experience cards -----------------------------------------------------------


class ExperienceCardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = experiences.ExperienceCard
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Un pôle de développement territorial n°{n}")
    slug = _slug("title")
    summary = "Des SIAE qui coopèrent sur leur territoire."
    porteur = factory.SubFactory(OrganisationFactory)
    region = existing(territories.Region, code="53")
    territory_name = "Pays de Brocéliande"
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def departements(self, create, codes, **kwargs):
        if create:
            self.departements.set(territories.Departement.objects.filter(code__in=codes or ["35"]))


class CardContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = experiences.CardContact

    card = factory.SubFactory(ExperienceCardFactory)
    person = factory.SubFactory(PersonFactory)
    role = ContactRole.AUTRE_REFERENT


class CardPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = experiences.CardPoint

    card = factory.SubFactory(ExperienceCardFactory)
    kind = experiences.PointKind.FREIN
    text = "Des financements morcelés."


class FreinFactory(CardPointFactory):
    class Meta:
        model = experiences.Frein


class LevierFactory(CardPointFactory):
    class Meta:
        model = experiences.Levier

    kind = experiences.PointKind.LEVIER
    text = "Un élu porteur du projet."


class CardToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = experiences.CardTool

    card = factory.SubFactory(ExperienceCardFactory)
    text = "Convention de partenariat type"


class CardSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = experiences.CardSubmission

    card = factory.SubFactory(ExperienceCardFactory, status=PublicationStatus.IN_REVIEW)
    contact_name = "Jeanne Martin"
    contact_email = "jeanne.martin@example.org"
    source = experiences.SubmissionSource.FORM


class CardLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = experiences.CardLink

    card = factory.SubFactory(ExperienceCardFactory)
    kind = experiences.CardLinkKind.OTHER_PROJECT
    target_card = factory.SubFactory(ExperienceCardFactory)


class CardListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = experiences.CardListing

    card = factory.SubFactory(ExperienceCardFactory)
    working_group = factory.SubFactory(WorkingGroupFactory)


class FicheCardLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = experiences.FicheCardLink

    fiche = factory.SubFactory(FicheFactory)
    card = factory.SubFactory(ExperienceCardFactory)
    kind = resources.FicheLinkKind.ILLUSTRATED_BY


class ProjectListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = experiences.ProjectListing

    working_group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Projet listé {n}")
    porteur_name = "Association Passerelle"
    source_resource = factory.SubFactory(ResourceFactory)


# Points à vérifier ----------------------------------------------------------


class ReviewPointFactory(factory.django.DjangoModelFactory):
    """A reader's report on a card (`record=` another one, or origin="import" with a
    `document`)."""

    class Meta:
        model = ReviewPoint
        exclude = ["record"]

    record = factory.SubFactory(ExperienceCardFactory)
    content_type = factory.LazyAttribute(lambda p: ContentType.objects.get_for_model(p.record))
    object_id = factory.LazyAttribute(lambda p: p.record.pk)
    origin = ReviewPoint.Origin.REPORT
    what = factory.Sequence(lambda n: f"Le numéro de téléphone n'est plus le bon ({n}).")
    where = "Contacts"


class SitePageFactory(factory.django.DjangoModelFactory):
    """A page of the footer (the four real ones exist after `migrate`)."""

    class Meta:
        model = SitePage

    slug = factory.Sequence(lambda n: f"page-{n}")
    title = factory.Sequence(lambda n: f"Page {n}")
    body = "Un texte **en Markdown**."


# Subscriptions ---------------------------------------------------------------


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """An active subscription to the Lettre VITA (`state="pending"` for one to confirm)."""

    class Meta:
        model = Subscription

    email = factory.Sequence(lambda n: f"abonne{n}@example.org")
    topic = "lettre-vita"
    state = Subscription.State.ACTIVE
    confirmation_token = factory.Sequence(lambda n: f"confirmation-{n}")
    unsubscribe_token = factory.Sequence(lambda n: f"desabonnement-{n}")
    confirmation_sent_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyAttribute(
        lambda s: timezone.now() if s.state == Subscription.State.ACTIVE else None
    )
    unsubscribed_at = factory.LazyAttribute(
        lambda s: timezone.now() if s.state == Subscription.State.UNSUBSCRIBED else None
    )


# Support requests ------------------------------------------------------------


class SupportRequestFactory(factory.django.DjangoModelFactory):
    """A request as a structure sends it, « reçue » (its references are the factory's)."""

    class Meta:
        model = support.SupportRequest

    reference = factory.Sequence(lambda n: f"APPUI-2026-{n + 9000:04d}")
    organisation_name = factory.Sequence(lambda n: f"Chantier d'insertion du Val n°{n}")
    contact_name = "Léa Durand"
    contact_email = factory.Sequence(lambda n: f"lea.durand.appui{n}@example.org")
    region = existing(territories.Region, code="53")
    project = "Créer une activité de maraîchage biologique avec les salariés en insertion."
    need = "Un diagnostic de la filière et deux jours d'appui sur le modèle économique."
    token = factory.Sequence(lambda n: f"lien-prive-de-test-{n:04d}")


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = support.StatusChange

    request = factory.SubFactory(SupportRequestFactory)
    from_status = support.SupportStatus.RECEIVED
    to_status = support.SupportStatus.STUDY


class SupportNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = support.SupportNote

    request = factory.SubFactory(SupportRequestFactory)
    kind = support.NoteKind.INTERNAL
    text = "Appeler la directrice avant la visite."


class ExpertiseDaysFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = support.ExpertiseDays

    request = factory.SubFactory(SupportRequestFactory)
    day = datetime.date(2026, 3, 12)
    days = 1
    expert = factory.SubFactory(PersonFactory)


# Events ----------------------------------------------------------------------


class EventFactory(factory.django.DjangoModelFactory):
    """A published Rencontre, public, a month from now, of 30 places."""

    class Meta:
        model = events.Event

    title = factory.Sequence(lambda n: f"Rencontre nationale des SIAE n°{n}")
    slug = _slug("title")
    kind = events.EventKind.RENCONTRE
    status = PublicationStatus.PUBLISHED
    summary = "Deux jours pour partager les expériences du réseau."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + timedelta(hours=7))
    place = "Maison de la Mutualité, Paris"
    capacity = 30


class EventPartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = events.EventPart

    event = factory.SubFactory(EventFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Table ronde n°{n} : la commande publique")
    starts_at = datetime.time(9, 30)
    ends_at = datetime.time(11, 0)


class EventSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = events.EventSpeaker

    part = factory.SubFactory(EventPartFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.LazyAttribute(lambda s: s.person.organisation)
    role_as_written = "Directrice"


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration (`status="attente"` for one on the waiting list)."""

    class Meta:
        model = events.Registration

    event = factory.SubFactory(EventFactory)
    status = events.Registration.Status.CONFIRMED
    name = factory.Sequence(lambda n: f"Camille Martin{n}")
    email = factory.Sequence(lambda n: f"camille.martin{n}@example.org")
    organisation_name = "Chantier d'insertion du Pays de Rennes"
    token = factory.Sequence(lambda n: f"jeton-inscription-{n}")
    confirmed_at = factory.LazyAttribute(
        lambda r: (
            timezone.now() - timedelta(days=7)
            if r.status == events.Registration.Status.CONFIRMED
            else None
        )
    )
    cancelled_at = factory.LazyAttribute(
        lambda r: timezone.now() if r.status == events.Registration.Status.CANCELLED else None
    )
