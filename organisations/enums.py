from django.db import models


class StructureType(models.TextChoices):
    """Kinds of organisation, IAE structures first (as users name them)."""

    AI = "ai", "Association intermédiaire (AI)"
    ACI = "aci", "Atelier et chantier d'insertion (ACI)"
    EI = "ei", "Entreprise d'insertion (EI)"
    ETTI = "etti", "Entreprise de travail temporaire d'insertion (ETTI)"
    EITI = "eiti", "Entreprise d'insertion par le travail indépendant (EITI)"
    GEIQ = "geiq", "Groupement d'employeurs pour l'insertion et la qualification (GEIQ)"
    EA = "ea", "Entreprise adaptée (EA)"
    REGIE_QUARTIER = "regie_quartier", "Régie de quartier ou de territoire"
    GROUPEMENT_EMPLOYEURS = "groupement_employeurs", "Groupement d'employeurs"
    GES_ENSEMBLIER = "ges_ensemblier", "Groupe économique solidaire / ensemblier"
    RESEAU = "reseau", "Réseau / fédération"
    COLLECTIVITE = "collectivite", "Collectivité"
    ASSOCIATION = "association", "Association"
    ENTREPRISE = "entreprise", "Entreprise"
    AUTRE = "autre", "Autre"

    @classmethod
    def siae(cls):
        """The structures of the IAE proper (SIAE)."""
        return [cls.AI, cls.ACI, cls.EI, cls.ETTI, cls.EITI]


class ConventionStatus(models.TextChoices):
    """Where a structure's partnership convention with the network stands."""

    IN_PROGRESS = "en_cours", "En cours de signature"
    SIGNED = "signee", "Signée"
    EXPIRED = "echue", "Échue"
    TERMINATED = "resiliee", "Résiliée"


class ContactRole(models.TextChoices):
    REFERENT_PRINCIPAL = "referent_principal", "Référent principal"
    AUTRE_REFERENT = "autre_referent", "Autre référent"
    FACILITATOR = "facilitator", "Animateur / animatrice"
    SPEAKER = "speaker", "Intervenant / intervenante"
    CONTACT = "contact", "Contact"
