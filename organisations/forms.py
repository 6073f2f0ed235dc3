"""The public forms of the network's people: asking for an account, and asking to be
withdrawn from the public pages or anonymised."""

from django import forms

from organisations.models import AccountRequest, DataRequestKind, PersonalDataRequest
from vita.forms import HoneypotForm


def _length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


class AccountRequestForm(HoneypotForm):
    """« Demander un compte »."""

    first_name = forms.CharField(
        label="Prénom",
        max_length=_length(AccountRequest, "first_name"),
        error_messages={"required": "Donnez votre prénom."},
    )
    last_name = forms.CharField(
        label="Nom",
        max_length=_length(AccountRequest, "last_name"),
        error_messages={"required": "Donnez votre nom."},
    )
    organisation_name = forms.CharField(
        label="Votre structure",
        max_length=_length(AccountRequest, "organisation_name"),
        help_text="Son nom, tel que vous l'écrivez (« Régie de quartier de Lorient »).",
        error_messages={"required": "Donnez le nom de votre structure."},
    )
    role = forms.CharField(
        label="Votre fonction (facultatif)",
        max_length=_length(AccountRequest, "role"),
        required=False,
    )
    # The form's own limit (320) is longer than the column's (254).
    email = forms.EmailField(
        label="Votre adresse e-mail",
        max_length=_length(AccountRequest, "email"),
        help_text="L'invitation à choisir votre mot de passe y sera envoyée.",
        error_messages={
            "required": "Donnez votre adresse e-mail.",
            "invalid": "Cette adresse e-mail n'est pas valide (par exemple : nom@structure.fr).",
        },
    )
    message = forms.CharField(
        label="Message aux animateurs (facultatif)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Par exemple : le groupe de travail qui vous intéresse.",
    )


class PersonalDataRequestForm(HoneypotForm):
    """« Retrait ou anonymisation »: someone named in the documents."""

    name_as_shown = forms.CharField(
        label="Votre nom, tel qu'il apparaît sur le site",
        max_length=_length(PersonalDataRequest, "name_as_shown"),
        error_messages={"required": "Donnez le nom tel qu'il apparaît sur le site."},
    )
    pages = forms.CharField(
        label="La ou les pages concernées",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Leurs adresses (copiées de la barre d'adresse), une par ligne.",
        error_messages={"required": "Donnez l'adresse d'au moins une page."},
    )
    email = forms.EmailField(
        label="Votre adresse e-mail, pour la réponse",
        max_length=_length(PersonalDataRequest, "email"),
        help_text="Seulement pour vous répondre : elle n'est jamais publiée.",
        error_messages={
            "required": "Donnez une adresse e-mail pour la réponse.",
            "invalid": "Cette adresse e-mail n'est pas valide (par exemple : nom@structure.fr).",
        },
    )
    kind = forms.ChoiceField(
        label="Vous demandez",
        choices=[("", "Choisissez…"), *DataRequestKind.choices],
        error_messages={
            "required": "Choisissez le retrait ou l'anonymisation.",
            "invalid_choice": "Choisissez le retrait ou l'anonymisation.",
        },
    )
    message = forms.CharField(
        label="Message (facultatif)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
