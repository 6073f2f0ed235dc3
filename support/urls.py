"""Support requests, under /appui/: the form, and each request's page (by its reference;
by its private link for a structure without an account)."""

from django.urls import path

from support import views

app_name = "support"
urlpatterns = [
    path("", views.ask, name="ask"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/suivi/<str:token>/", views.private, name="private"),
]
