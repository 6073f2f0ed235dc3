from django.urls import path

from resources import views

app_name = "resources"
urlpatterns = [
    path("manuel/", views.manual, name="manual"),
    path("manuel/mots-clefs/", views.keywords, name="keywords"),
    path("manuel/<str:code>/", views.fiche, name="fiche"),
    path("manuel/<str:code>/signaler/", views.report_fiche, name="report_fiche"),
    path("ressources/", views.library, name="library"),
    path("ressources/flux.atom", views.resource_feed, name="feed"),
    path("ressources/collections/<slug:slug>/", views.collection, name="collection"),
    path("ressources/<slug:slug>/", views.resource, name="resource"),
    path("ressources/<slug:slug>/apercu/", views.resource_preview, name="preview"),
    path("ressources/<slug:slug>/telecharger/", views.download, name="download"),
    path("ressources/<slug:slug>/demander/", views.request_document, name="request"),
]
