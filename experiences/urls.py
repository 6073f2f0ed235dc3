from django.urls import path

from experiences import views

app_name = "experiences"
urlpatterns = [
    path("", views.experience_list, name="list"),
    path("<slug:slug>/", views.experience_detail, name="detail"),
]
