from django.urls import path

from workgroups import views

app_name = "workgroups"
urlpatterns = [
    path("", views.group_list, name="list"),
    path("programmes/<slug:slug>/", views.programme_page, name="programme"),
    path("<str:code>/", views.group_page, name="detail"),
    path("<str:code>/signaler/", views.report, name="report"),
]
