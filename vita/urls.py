from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from portal.urls import group_urls, organisation_urls
from vita import views
from vita.forms import AdminLoginForm, LoginForm

admin.site.site_header = "Administration du centre de ressources VITA"
admin.site.site_title = "Administration VITA"
admin.site.index_title = "Tableau de bord"
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("", include("portal.urls")),
    path("experiences/", include("experiences.urls")),
    # Groups and structures show what the apps above them hold: the site composes them.
    path("groupes/", include(group_urls)),
    path("structures/", include(organisation_urls)),
    path("appels/", include("workgroups.call_urls")),
    path("appui/", include("support.urls")),
    path("rencontres/", include("events.urls")),
    path("documents/", include("sources.urls")),
    path("abonnements/", include("vita.subscriptions.urls")),
    path("api/", include("api.urls")),
    path("", include("resources.urls")),
    path(
        "connexion/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    # Password reset by e-mail, on the site's own French pages (templates/registration/).
    path(
        "connexion/mot-de-passe-oublie/",
        auth_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "connexion/mot-de-passe-oublie/envoye/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "connexion/nouveau-mot-de-passe/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "connexion/nouveau-mot-de-passe/fait/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
]
