"""/abonnements/: subscribe, confirm, unsubscribe (stable tokens, never ids)."""

from django.urls import path

from vita.subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("tout-arreter/", views.unsubscribe_all, name="unsubscribe_all"),
]
