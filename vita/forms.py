"""Form pieces shared by the public forms."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core import validators


class HoneypotForm(forms.Form):
    """A field people do not see and robots fill in: a filled one marks the form as spam,
    which then pretends to succeed and does nothing."""

    website = forms.CharField(
        label="Ne pas remplir ce champ",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class _BoundedUsername:
    """Django's login form sets the user name's `max_length` after building the field,
    which leaves it without its validator: a longer name reached `authenticate()`, and
    django-axes stored it in its lock-out table (255 characters) — a 500. It is refused
    here as the field's own error, before anything authenticates or records it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(validators.MaxLengthValidator(field.max_length))


class LoginForm(_BoundedUsername, AuthenticationForm):
    """The site's login (« Connexion »)."""


class AdminLoginForm(_BoundedUsername, AdminAuthenticationForm):
    """The admin's login."""
