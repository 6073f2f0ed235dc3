from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from vita import views
from vita.forms import AdminLoginForm, LoginForm
from vita.models import SITE_PAGES

admin.site.site_header = "Administration du centre de ressources VITA"
admin.site.site_title = "Administration VITA"
admin.site.index_title = "Tableau de bord"
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("recherche/", views.search, name="search"),
    path("recherche/noms/", views.name_lookup, name="name_lookup"),
    path("experiences/", include("experiences.urls")),
    path("groupes/", include("workgroups.urls")),
    path("structures/", include("organisations.urls")),
    path("documents/", include("sources.urls")),
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
    path("mon-espace/", views.my_space, name="my_space"),
    # The footer's pages, written by the animators (vita.models.SitePage).
    re_path(rf"^(?P<slug>{'|'.join(SITE_PAGES)})/$", views.site_page, name="site_page"),
    path("admin/", admin.site.urls),
]
