from django import forms

from vita.forms import HoneypotForm


class DocumentRequestForm(HoneypotForm):
    """« Demander ce document » for a resource available on request."""

    name = forms.CharField(label="Nom et prénom", max_length=150)
    email = forms.EmailField(label="Adresse e-mail")
    organisation = forms.CharField(label="Structure", max_length=200, required=False)
    message = forms.CharField(
        label="Message (facultatif)", max_length=2000, required=False, widget=forms.Textarea
    )
