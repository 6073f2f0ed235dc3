"""The public form of the events: « S'inscrire »."""

from django import forms

from vita.forms import HoneypotForm


class RegistrationForm(HoneypotForm):
    name = forms.CharField(
        label="Prénom et nom",
        max_length=200,
        error_messages={"required": "Donnez votre prénom et votre nom."},
    )
    # The column's length: a longer address is the form's error, not the database's.
    email = forms.EmailField(
        label="Adresse e-mail",
        max_length=254,
        help_text="La confirmation et le lien pour annuler y sont envoyés.",
        error_messages={
            "required": "Donnez votre adresse e-mail.",
            "invalid": "Saisissez une adresse e-mail valide, par exemple nom@structure.fr.",
        },
    )
    organisation_name = forms.CharField(
        label="Structure (facultatif)", max_length=255, required=False
    )
    note = forms.CharField(
        label="Besoins particuliers (facultatif)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Accessibilité, repas, interprétation : ce qui nous aide à vous accueillir.",
    )
    consent = forms.BooleanField(
        label="J'accepte que ces informations soient conservées pour organiser l'événement",
        error_messages={"required": "Cochez cette case pour vous inscrire."},
        help_text="Elles ne sont pas publiées. Voir la page « Données personnelles ».",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, autocomplete in [("name", "name"), ("email", "email"),
                                   ("organisation_name", "organization")]:  # fmt: skip
            self.fields[name].widget.attrs["autocomplete"] = autocomplete

    def fields_to_show(self):
        return [self[name] for name in ("name", "email", "organisation_name", "note")]
