from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from vita import views

admin.site.site_header = "Administration du centre de ressources VITA"
admin.site.site_title = "Administration VITA"
admin.site.index_title = "Tableau de bord"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("recherche/", views.search, name="search"),
    path("recherche/noms/", views.name_lookup, name="name_lookup"),
    path("experiences/", include("experiences.urls")),
    path("groupes/", include("workgroups.urls")),
    path("structures/", include("organisations.urls")),
    path("", include("resources.urls")),
    path(
        "connexion/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
