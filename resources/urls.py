from django.urls import path

from resources import views

app_name = "resources"
urlpatterns = [
    path("", views.manual, name="manual"),
    path("mots-clefs/", views.keywords, name="keywords"),
    path("<str:code>/", views.fiche, name="fiche"),
]
