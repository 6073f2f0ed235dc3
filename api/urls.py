"""/api/: the public read API, version 1 under /api/v1/, its schema and documentation.
The path words are the site's (« experiences », « groupes », « structures »…), records
are reached by their stable codes and slugs."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from api import views

app_name = "api"
urlpatterns = [
    # Unnamed: a redirect, not a page (the URL walks test named pages).
    path("", views.api_root),
    path("v1/", views.Index.as_view(), name="index"),
    path("v1/experiences/", views.ExperienceList.as_view(), name="experiences"),
    path("v1/experiences/<slug:slug>/", views.ExperienceDetail.as_view(), name="experience"),
    path("v1/groupes/", views.GroupList.as_view(), name="groups"),
    path("v1/groupes/<str:code>/", views.GroupDetail.as_view(), name="group"),
    path("v1/structures/", views.OrganisationList.as_view(), name="organisations"),
    path("v1/structures/<slug:slug>/", views.OrganisationDetail.as_view(), name="organisation"),
    path("v1/ressources/", views.ResourceList.as_view(), name="resources"),
    path("v1/ressources/<slug:slug>/", views.ResourceDetail.as_view(), name="resource"),
    path("v1/manuel/", views.FicheList.as_view(), name="fiches"),
    path("v1/manuel/<str:code>/", views.FicheDetail.as_view(), name="fiche"),
    path("v1/rencontres/", views.EventList.as_view(), name="events"),
    path("v1/rencontres/<slug:slug>/", views.EventDetail.as_view(), name="event"),
    path("v1/regions/", views.RegionList.as_view(), name="regions"),
    path("v1/regions/<str:code>/", views.RegionDetail.as_view(), name="region"),
    path("v1/departements/", views.DepartementList.as_view(), name="departements"),
    path("v1/departements/<str:code>/", views.DepartementDetail.as_view(), name="departement"),
    path("v1/vocabulaires/", views.VocabularyList.as_view(), name="vocabularies"),
    path("v1/vocabulaires/<slug:name>/", views.VocabularyDetail.as_view(), name="vocabulary"),
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/docs/", views.docs, name="docs"),
]
