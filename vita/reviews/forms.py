"""The public form of the « points à vérifier »."""

from django import forms

from vita.forms import HoneypotForm


class ErrorReportForm(HoneypotForm):
    """« Signaler une erreur » on a card, a working group or a fiche of the manual."""

    what = forms.CharField(
        label="Ce qui est inexact ou manque",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Dites-nous ce qui ne va pas sur cette page."},
    )
    where = forms.CharField(
        label="Où, sur la page (facultatif)",
        max_length=200,
        required=False,
        help_text="Par exemple : « Freins et leviers », « Contacts », le titre.",
    )
    email = forms.EmailField(
        label="Votre adresse e-mail (facultatif)",
        max_length=254,  # the column's; the form's own default is longer
        required=False,
        help_text="Seulement pour vous répondre : elle n'est jamais publiée.",
    )
