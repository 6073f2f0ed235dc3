"""The events, under /rencontres/."""

from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("flux.atom", views.event_feed, name="feed"),
    path("inscription/<str:token>/", views.registration_page, name="registration"),
    path("<slug:slug>/", views.event_page, name="detail"),
    path("<slug:slug>/calendrier.ics", views.event_ical, name="ical"),
]
