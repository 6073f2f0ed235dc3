"""The footer's pages (`portal.models.SitePage`): their first texts, which the animators then
rewrite in the admin, created after every `migrate` when missing (a page an animator
wrote is never touched)."""

MENTIONS_LEGALES = """\
## Éditeur

Le centre de ressources VITA est publié par COORACE, fédération nationale d'entreprises
de l'économie sociale et solidaire, pour les structures de l'insertion par l'activité
économique (SIAE) et leurs partenaires.

L'adresse postale de l'éditeur, le nom du directeur ou de la directrice de la publication
et ceux de l'hébergeur du site sont donnés par les animateurs du centre, qui tiennent
cette page à jour dans l'administration.

## Contenus

Les fiches expériences, les groupes de travail et le manuel viennent des documents du
réseau, dont chaque page cite la source et la page ; les structures qui les ont écrits
en restent les auteurs. Les fiches proposées par les visiteurs sont relues par les
animateurs avant d'être publiées.

Fond de carte des régions : [SVG Maps](https://github.com/VictorCazanave/svg-maps),
Victor Cazanave, licence CC BY-NC 4.0. Découpage territorial : code officiel
géographique de l'Insee, licence ouverte.

## Signaler un contenu

Une information inexacte, dépassée ou qui vous concerne ? Le lien « Signaler une erreur »
au bas de chaque fiche la transmet aux animateurs ; vous pouvez aussi leur écrire (page
« Contact »).
"""

ACCESSIBILITE = """\
COORACE s'engage à rendre le centre de ressources VITA accessible, conformément à
l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration d'accessibilité
s'applique au site du centre de ressources VITA.

## État de conformité

Le centre de ressources VITA est **non conforme** avec le référentiel général
d'amélioration de l'accessibilité (RGAA), version 4.1 : aucun audit complet n'a encore
été réalisé. Les résultats des contrôles automatiques sont donnés ci-dessous.

## Résultats des tests

- À chaque modification du site, ses pages principales (accueil, liste des fiches,
  fiche expérience, fiche du manuel, bibliothèque, recherche, connexion) sont
  contrôlées avec l'outil axe-core (règles WCAG 2.1 niveaux A et AA) :
  **aucune erreur grave ou critique**.
- Chaque page publique est ouverte sur un écran de 375 pixels de large : aucune ne
  déborde de l'écran.
- Le menu et les filtres s'utilisent entièrement au clavier (contrôle automatique).

## Contenus non accessibles

- Les documents sources sont des PDF, dont un document numérisé de 2008 : leur texte est
  donné page à page, en texte, dans « Documents sources ».
- La carte des régions de la page d'accueil est doublée de la liste des régions, avec le
  nombre de fiches de chacune.

## Établissement de cette déclaration

- Technologies utilisées : HTML5, CSS, JavaScript.
- Environnement de test : Chromium (Debian), axe-core.

## Retour d'information et contact

Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez aux animateurs du
centre (page « Contact ») : ils vous orienteront vers une alternative accessible ou vous
enverront le contenu sous une autre forme.

## Voies de recours

Si vous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu
ou à un service et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez :

- écrire un message au [Défenseur des droits](https://formulaire.defenseurdesdroits.fr/) ;
- contacter le [délégué du Défenseur des droits](https://www.defenseurdesdroits.fr/saisir/delegues)
  de votre région ;
- envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des
  droits, Libre réponse 71120, 75342 Paris CEDEX 07.
"""

DONNEES_PERSONNELLES = """\
Le centre de ressources VITA garde le moins de données personnelles possible. Il n'utilise
ni outil de mesure d'audience ni cookie publicitaire.

## Cookies

Deux cookies techniques seulement, sans consentement à donner : celui de la session,
posé quand vous vous connectez, et celui qui protège les formulaires contre l'envoi
par un autre site.

## Les personnes citées dans les documents

Les fiches nomment les personnes qui ont porté les expériences, avec leur fonction et leur
structure, telles que les documents du réseau les donnent. Leurs téléphones et adresses
e-mail ne sont montrés qu'aux adhérents connectés. Toute personne citée peut demander
que son nom soit retiré des pages publiques ou réduit à ses initiales (formulaire
« Retrait ou anonymisation », ci-dessous), ou que ses informations soient corrigées
(« Signaler une erreur » sur la fiche).

## Vos droits

Vous pouvez accéder aux données qui vous concernent, les faire corriger ou effacer : avec
un compte, depuis « Mon espace » (télécharger vos données, supprimer votre compte) ; sinon
en écrivant aux animateurs du centre (page « Contact »). Si vous estimez, après nous avoir
contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à
la [CNIL](https://www.cnil.fr/).
"""

CONTACT = """\
Les animateurs du centre de ressources VITA, au sein de COORACE, répondent aux
structures de l'insertion par l'activité économique et à leurs partenaires.

- **Une erreur sur une page** : le lien « Signaler une erreur », au bas de chaque fiche,
  groupe de travail ou fiche du manuel, la leur transmet directement.
- **Faire connaître une expérience** : remplissez le formulaire « Proposer une
  expérience », ou téléchargez le modèle de fiche et renvoyez-le.
- **Un document de la bibliothèque « sur demande »** : demandez-le depuis sa page.

L'adresse e-mail et le téléphone de l'équipe sont donnés ici par les animateurs, qui
tiennent cette page à jour dans l'administration.
"""

FIRST_TEXTS = {
    "mentions-legales": MENTIONS_LEGALES,
    "accessibilite": ACCESSIBILITE,
    "donnees-personnelles": DONNEES_PERSONNELLES,
    "contact": CONTACT,
}


def create_missing_site_pages() -> int:
    """Creates the footer's pages that do not exist yet; how many were created."""
    from portal.models import SITE_PAGES, SitePage

    created = 0
    for slug, title in SITE_PAGES.items():
        body = FIRST_TEXTS[slug]
        created += SitePage.objects.get_or_create(
            slug=slug, defaults={"title": title, "body": body}
        )[1]
    return created
