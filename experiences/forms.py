"""« M'alerter des nouvelles fiches »: an address and how often, for the search shown."""

from django import forms

from vita.forms import HoneypotForm
from vita.models import Subscription


class AlertForm(HoneypotForm):
    email = forms.EmailField(
        label="Votre adresse e-mail",
        max_length=Subscription._meta.get_field("email").max_length,
        error_messages={
            "required": "Donnez votre adresse e-mail.",
            "invalid": "Cette adresse e-mail n'est pas valide (par exemple : nom@structure.fr).",
            "max_length": "Cette adresse e-mail est trop longue.",
        },
    )
    frequence = forms.ChoiceField(
        label="Fréquence",
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez une fréquence : chaque jour ou chaque semaine.",
            "invalid_choice": "Choisissez une fréquence : chaque jour ou chaque semaine.",
        },
    )
