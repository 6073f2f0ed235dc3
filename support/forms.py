"""The public forms of support requests: « Demander un appui », and a message from the
structure on its request's page."""

from django import forms

from resources.models import Theme
from support.services import WRONG_DEPARTEMENT, Asked
from territories.models import Departement, Region
from vita.forms import HoneypotForm

CONTACT_FIELDS = ["organisation_name", "contact_name", "contact_email", "contact_phone"]
TERRITORY_FIELDS = ["region", "departement"]


class SupportRequestForm(HoneypotForm):
    organisation_name = forms.CharField(label="Nom de la structure", max_length=200)
    contact_name = forms.CharField(label="Votre nom et prénom", max_length=200)
    # The column's length: a longer address is the form's error, not the database's.
    contact_email = forms.EmailField(
        label="Adresse e-mail",
        max_length=254,
        help_text="Nous y envoyons la référence de votre demande et le lien pour la suivre.",
    )
    contact_phone = forms.CharField(
        label="Téléphone (facultatif)",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    region = forms.ModelChoiceField(
        label="Région",
        queryset=Region.objects.all(),
        to_field_name="code",
        empty_label="Choisissez la région",
        error_messages={
            "required": "Choisissez la région de la structure.",
            "invalid_choice": "Choisissez une région de la liste.",
        },
    )
    departement = forms.ModelChoiceField(
        label="Département (facultatif)",
        queryset=Departement.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="—",
        error_messages={"invalid_choice": "Choisissez un département de la liste."},
    )
    themes = forms.ModelMultipleChoiceField(
        label="Thèmes (facultatif)",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choisissez des thèmes de la liste."},
    )
    project = forms.CharField(
        label="Votre projet",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="La structure, son activité, le projet qu'elle porte ou veut lancer.",
    )
    need = forms.CharField(
        label="Votre besoin d'appui",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Ce que vous attendez d'un expert du réseau : un diagnostic, un conseil, un "
        "accompagnement de quelques jours…",
    )
    consent = forms.BooleanField(
        label="J'accepte que ces informations soient conservées pour étudier ma demande",
        error_messages={"required": "Cochez cette case pour que votre demande soit étudiée."},
        help_text="Elles ne sont pas publiées. Voir la page « Données personnelles ».",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departement"].label_from_instance = lambda d: f"{d.code} — {d.name}"
        autocompletes = {"organisation_name": "organization", "contact_name": "name",
                         "contact_email": "email"}  # fmt: skip
        for name, autocomplete in autocompletes.items():
            self.fields[name].widget.attrs["autocomplete"] = autocomplete

    def clean(self):
        cleaned = super().clean()
        region, departement = cleaned.get("region"), cleaned.get("departement")
        if region and departement and departement.region_id != region.pk:
            self.add_error("departement", WRONG_DEPARTEMENT.format(departement, region))
        return cleaned

    def contact_fields(self):
        return [self[name] for name in CONTACT_FIELDS]

    def territory_fields(self):
        return [self[name] for name in TERRITORY_FIELDS]

    def asked(self) -> Asked:
        data = self.cleaned_data
        return Asked(
            organisation_name=data["organisation_name"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            region=data["region"],
            departement=data["departement"],
            themes=list(data["themes"]),
            project=data["project"],
            need=data["need"],
        )


class MessageForm(HoneypotForm):
    text = forms.CharField(
        label="Votre message",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Écrivez votre message avant de l'envoyer."},
        help_text="Les animateurs le lisent et vous répondent ici et par e-mail.",
    )
