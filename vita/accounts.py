"""Member accounts the animators open from the admin, and the invitation that lets the
new member choose a password: a link made by Django's password reset machinery (its
token, its confirmation page in `templates/registration/`), sent by e-mail.

An animator is not a superuser: the accounts they manage are the members' (neither
staff nor superuser), and the only groups they give are `GRANTABLE_GROUPS`. Staff
status, superuser status, other groups and permissions stay the superusers' to give.
"""

from __future__ import annotations

import logging
import secrets

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from vita.roles import MEMBRE

logger = logging.getLogger(__name__)

# What an animator may give an account: reading what is reserved to the members.
GRANTABLE_GROUPS = [MEMBRE]


def grantable_groups():
    return Group.objects.filter(name__in=GRANTABLE_GROUPS)


def may_manage_every_account(user) -> bool:
    return user.is_active and user.is_superuser


def managed_by_animators(users):
    """The accounts an animator may see and change: members, not staff nor superusers."""
    return users.filter(is_staff=False, is_superuser=False)


def invite(user, request) -> None:
    """After the commit, e-mails `user` a link to choose their password (valid
    PASSWORD_RESET_TIMEOUT, then « Mot de passe oublié ? » sends another)."""
    site = get_current_site(request)
    context = {
        "email": user.email,
        "domain": site.domain,
        "site_name": site.name,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
        "inviter": request.user.get_full_name() or request.user.get_username(),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }

    def send():
        try:
            PasswordResetForm().send_mail(
                "registration/invitation_subject.txt",
                "registration/invitation_email.txt",
                context,
                None,
                user.email,
            )
        except Exception:  # SMTP errors come in many classes; the account is saved
            logger.exception("Could not send the invitation of account %s", user.pk)

    transaction.on_commit(send)


class MemberAccountForm(forms.ModelForm):
    """An account as an animator opens or edits it: name, e-mail, whether it is active,
    and the groups they may give. Nothing else is a field, so nothing else is written,
    whatever is posted."""

    email = forms.EmailField(label="Adresse e-mail", help_text="L'invitation y est envoyée.")
    username = forms.CharField(
        label="Identifiant",
        required=False,
        max_length=150,
        help_text="Pour se connecter. Laissé vide : l'adresse e-mail.",
    )
    groups = forms.ModelMultipleChoiceField(
        queryset=Group.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Groupes",
        help_text="« Membre » : lit les ressources réservées aux adhérents.",
    )

    class Meta:
        model = get_user_model()
        fields = ["username", "first_name", "last_name", "email", "is_active", "groups"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = grantable_groups()
        if self.instance.pk is None:
            self.fields.pop("is_active", None)  # a new account is active
            self.initial.setdefault("groups", list(self.fields["groups"].queryset))
        # Groups an animator may not give (set by a superuser) stay as they are.
        self.kept_groups = (
            list(self.instance.groups.exclude(name__in=GRANTABLE_GROUPS))
            if self.instance.pk
            else []
        )

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        others = get_user_model().objects.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("Un compte existe déjà avec cette adresse e-mail.")
        return email

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("username") and cleaned.get("email"):
            # The model then checks it as any user name (characters, not taken).
            cleaned["username"] = cleaned["email"].lower()[:150]
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=False)
        if user.pk is None:
            # Nobody knows it: the member chooses theirs from the invitation's link, or
            # from « Mot de passe oublié ? » once the link has expired.
            user.set_password(secrets.token_urlsafe(32))
        if commit:
            user.save()
            self._save_m2m()
        return user

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.groups.add(*self.kept_groups)


def account_data(user) -> dict:
    """What the site keeps of an account, for its member (« Télécharger mes données »)."""
    return {
        "identifiant": user.get_username(),
        "prenom": user.first_name,
        "nom": user.last_name,
        "e_mail": user.email,
        "actif": user.is_active,
        "cree_le": user.date_joined,
        "derniere_connexion": user.last_login,
        "groupes": sorted(user.groups.values_list("name", flat=True)),
    }
