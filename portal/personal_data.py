"""What each form of the site keeps about the person who fills it in, why and for how long.

The « Données personnelles » page shows this list under the animators' own text, so it
cannot drift from the code: a test posts to no form that is missing here (every public
page's POST forms are looked up in `FORMS` by their view's URL name).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FormRecord:
    name: str  # as the page names it
    url_names: tuple[str, ...]  # the views that receive the form
    kept: str
    purpose: str
    duration: str


FORMS: tuple[FormRecord, ...] = (
    FormRecord(
        name="Proposer une expérience",
        url_names=("experiences:propose",),
        kept="Vos nom, adresse e-mail et téléphone (facultatif), avec la ou les fiches proposées.",
        purpose="Relire la fiche avec vous avant de la publier. Vos coordonnées ne sont "
        "jamais publiées avec la fiche.",
        duration="Jusqu'à ce qu'un animateur, la proposition traitée, les supprime (la "
        "fiche, elle, reste).",
    ),
    FormRecord(
        name="Signaler une erreur",
        url_names=("experiences:report", "workgroups:report", "resources:report_fiche"),
        kept="Votre message et, si vous la donnez, votre adresse e-mail.",
        purpose="Corriger la page, et vous répondre si vous l'avez demandé. L'adresse "
        "n'est jamais publiée.",
        duration="Avec le signalement, jusqu'à ce qu'un animateur le supprime.",
    ),
    FormRecord(
        name="Demander un document",
        url_names=("resources:request",),
        kept="Vos nom, adresse e-mail, structure et message.",
        purpose="Vous envoyer le document demandé.",
        duration="Rien n'est enregistré sur le site : la demande est transmise par "
        "courriel aux animateurs du centre.",
    ),
    FormRecord(
        name="Répondre à un appel à manifestation d'intérêt",
        url_names=("calls:detail",),
        kept="Le nom de votre structure, vos nom, prénom, fonction, adresse e-mail et "
        "téléphone (facultatif), vos réponses aux questions de l'appel, si vous souhaitez un "
        "compte, puis la décision des animateurs.",
        purpose="Examiner votre réponse et vous écrire. Retenue, elle fait de votre structure "
        "et de vous des membres du groupe de travail (et vous ouvre un compte si vous l'avez "
        "demandé). Vos coordonnées ne sont jamais publiées.",
        duration="Jusqu'à ce qu'un animateur supprime la réponse, une fois l'appel traité ; "
        "membre du groupe, votre nom et votre structure restent dans sa liste de membres.",
    ),
    FormRecord(
        name="Demander un appui",
        url_names=("support:ask", "support:detail", "support:private"),
        kept="Le nom de votre structure, vos nom, adresse e-mail et téléphone (facultatif), "
        "sa région et son département, votre projet et votre besoin, vos messages ; puis le "
        "suivi des animateurs : l'état de la demande, l'expert du réseau qui vous accompagne, "
        "leurs messages et notes, les jours d'expertise donnés. Envoyée depuis votre compte, "
        "la demande lui est reliée.",
        purpose="Étudier votre demande, vous mettre en relation avec un expert du réseau et "
        "vous accompagner ; compter l'appui donné par le réseau (par thème, région, expert). "
        "Rien n'est publié : seuls vous (par Mon espace ou le lien personnel reçu par "
        "e-mail) et les animateurs voyez la demande.",
        duration="Tant que le réseau garde trace de l'appui donné. Votre compte supprimé, la "
        "demande reste sans vos nom, adresse ni téléphone, et sans vos messages ; un animateur "
        "peut la supprimer sur demande.",
    ),
    FormRecord(
        name="Connexion et mot de passe oublié",
        url_names=("login", "password_reset", "password_reset_confirm", "logout"),
        kept="Pour les comptes, que les animateurs créent et qui reçoivent par e-mail une "
        "invitation à choisir leur mot de passe : nom, identifiant, adresse e-mail et mot de "
        "passe (chiffré), date de la dernière connexion. Après des échecs de connexion : "
        "l'identifiant essayé, l'adresse IP et la date.",
        purpose="Vous reconnaître, et protéger les comptes contre les essais de mots de "
        "passe en série.",
        duration="Le compte, tant qu'il existe ; les échecs de connexion, jusqu'à la "
        "connexion réussie suivante ou la levée du blocage (une heure).",
    ),
    FormRecord(
        name="Demander un compte",
        url_names=("account_request",),
        kept="Vos prénom, nom, structure, fonction, adresse e-mail et message ; la décision "
        "des animateurs (qui, quand, le motif d'un refus).",
        purpose="Examiner la demande puis ouvrir votre compte, relié à votre fiche personne "
        "et à votre structure. Rien n'est publié.",
        duration="Jusqu'à la suppression de votre compte (la demande part avec lui), ou, "
        "refusée, jusqu'à ce qu'un animateur la supprime.",
    ),
    FormRecord(
        name="Retrait ou anonymisation",
        url_names=("personal_data_request",),
        kept="Le nom tel qu'il apparaît, les pages concernées, votre adresse e-mail et votre "
        "message ; ce que les animateurs ont fait, qui et quand.",
        purpose="Retirer votre nom des pages publiques ou le réduire à vos initiales, et "
        "vous répondre. L'adresse n'est jamais publiée.",
        duration="Avec la demande, comme preuve de son traitement, jusqu'à ce qu'un "
        "animateur la supprime.",
    ),
    FormRecord(
        name="Supprimer mon compte",
        url_names=("delete_account",),
        kept="Votre mot de passe, seulement le temps de vérifier que c'est vous ; après "
        "la suppression, sa date et ce qui est parti avec le compte, sans nom ni adresse.",
        purpose="Supprimer votre compte et ce qu'il avait apporté, et pouvoir montrer que "
        "c'est fait.",
        duration="La trace de la suppression, sans donnée personnelle, tant que le site existe.",
    ),
    FormRecord(
        name="Demander à rejoindre un groupe de travail",
        url_names=("workgroups:join",),
        kept="Votre demande : le groupe, votre structure, votre rôle souhaité (participant "
        "ou expert) et votre message ; puis la décision de l'animateur, avec sa date.",
        purpose="Examiner votre demande ; acceptée, vous ouvrir l'espace du groupe. Les "
        "autres membres du groupe voient alors vos nom, structure et coordonnées.",
        duration="Tant que vous êtes membre du groupe, puis comme trace de la vie du groupe "
        "(historique des adhésions).",
    ),
    FormRecord(
        name="S'inscrire à un événement (Rencontre, formation, webinaire)",
        url_names=("events:detail", "events:registration"),
        kept="Vos nom, adresse e-mail, structure (facultatif) et besoins particuliers "
        "(facultatif) ; l'état de l'inscription (inscrit·e, en liste d'attente, annulée) et "
        "ses dates ; votre compte, votre fiche et votre structure si vous étiez connecté·e.",
        purpose="Organiser l'événement : vous réserver une place ou vous inscrire sur la "
        "liste d'attente, vous envoyer la confirmation, le rappel, une place libérée ou "
        "l'annulation de l'événement. Rien n'est publié ; les animateurs voient la liste "
        "des inscrits.",
        duration="Jusqu'à ce qu'un animateur supprime les inscriptions, une fois "
        "l'événement passé ; une inscription annulée reste, annulée, avec la liste ; "
        "celles de votre adresse, dès la suppression de votre compte.",
    ),
    FormRecord(
        name="S'abonner (La Lettre VITA) et se désabonner",
        url_names=(
            "subscriptions:subscribe",
            "subscriptions:confirm",
            "subscriptions:unsubscribe",
            "subscriptions:unsubscribe_all",
        ),
        kept="Votre adresse e-mail, l'envoi choisi, l'état de l'abonnement (en attente, actif, "
        "désabonné) et ses dates ; votre compte, si l'adresse est la sienne.",
        purpose="Vous envoyer ce à quoi vous êtes abonné, une fois l'abonnement confirmé par "
        "le lien reçu. L'adresse n'est ni publiée ni transmise.",
        duration="Jusqu'à votre désabonnement (lien de chaque envoi, ou « Me désabonner de "
        "tout » dans Mon espace), puis 7 jours ; un abonnement jamais confirmé est effacé "
        "après 7 jours ; ceux de votre adresse, dès la suppression de votre compte.",
    ),
    FormRecord(
        name="M'alerter des nouvelles fiches (alerte sur une recherche)",
        url_names=("experiences:alert",),
        kept="Votre adresse e-mail, la recherche suivie (ses filtres), la fréquence choisie "
        "(chaque jour ou chaque semaine), l'état de l'alerte et ses dates, dont celle du "
        "dernier envoi ; votre compte, si l'adresse est la sienne.",
        purpose="Vous envoyer les fiches publiées pour cette recherche depuis le dernier envoi, "
        "une fois l'alerte confirmée par le lien reçu. L'adresse n'est ni publiée ni "
        "transmise.",
        duration="Jusqu'à votre désabonnement (lien de chaque alerte, ou « Me désabonner de "
        "tout » dans Mon espace), puis 7 jours ; une alerte jamais confirmée est effacée "
        "après 7 jours ; celles de votre adresse, dès la suppression de votre compte.",
    ),
)


def record_for(url_name: str) -> FormRecord | None:
    return next((form for form in FORMS if url_name in form.url_names), None)
