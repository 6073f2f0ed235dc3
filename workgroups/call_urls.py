"""The calls for interest (« appels à manifestation d'intérêt »), under /appels/."""

from django.urls import path

from workgroups import views

app_name = "calls"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("<slug:slug>/", views.call_page, name="detail"),
]
