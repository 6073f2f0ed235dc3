"""« S'abonner »: an address and a topic."""

from django import forms

from vita.forms import HoneypotForm
from vita.models import Subscription
from vita.subscriptions.topics import listed_topics


class SubscribeForm(HoneypotForm):
    email = forms.EmailField(
        label="Votre adresse e-mail",
        max_length=Subscription._meta.get_field("email").max_length,
        help_text="Un lien de confirmation y sera envoyé : l'abonnement commence quand vous "
        "le suivez.",
        error_messages={
            "required": "Donnez votre adresse e-mail.",
            "invalid": "Cette adresse e-mail n'est pas valide (par exemple : nom@structure.fr).",
        },
    )
    topic = forms.ChoiceField(
        label="Abonnement",
        error_messages={
            "required": "Choisissez un abonnement.",
            "invalid_choice": "Cet abonnement n'existe pas : choisissez-en un dans la liste.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read when the form is built: topics registered by the apps' `ready` included.
        self.fields["topic"].choices = [(topic.code, topic.label) for topic in listed_topics()]
