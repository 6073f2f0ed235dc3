"""« Télécharger mes données »: everything the site keeps about a member, one JSON file.

Each app gives its part as a selector (`user` → plain data) and the site lists them
here, in the file's order: a model that keeps something of a member adds its line.
"""

import json
from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from events.selectors import registration_data
from experiences.selectors import submission_data
from organisations.selectors import account_request_data, person_data
from support.selectors import support_request_data
from vita.accounts import account_data
from vita.subscriptions.selectors import subscription_data
from workgroups.selectors import call_answer_data, membership_data

# (key in the file, what it holds, the app's selector)
SECTIONS: list[tuple[str, str, Callable]] = [
    ("compte", "Votre compte", account_data),
    ("personne", "Votre fiche personne et votre structure", person_data),
    ("demandes_de_compte", "Vos demandes de compte", account_request_data),
    ("groupes_de_travail", "Vos adhésions aux groupes de travail", membership_data),
    ("reponses_aux_appels", "Vos réponses aux appels à manifestation d'intérêt", call_answer_data),
    ("propositions_de_fiches", "Les fiches que vous avez proposées", submission_data),
    ("demandes_d_appui", "Vos demandes d'appui", support_request_data),
    ("inscriptions", "Vos inscriptions aux événements", registration_data),
    ("abonnements", "Vos abonnements aux envois du site", subscription_data),
]


def my_data(user) -> dict:
    return {
        "exporte_le": timezone.now(),
        "site": "Centre de ressources VITA",
        **{key: selector(user) for key, _label, selector in SECTIONS},
    }


def my_data_json(user) -> str:
    return json.dumps(my_data(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
