from django.urls import path

from sources import views

app_name = "sources"
urlpatterns = [
    path("", views.documents, name="documents"),
    path("<str:code>/", views.document, name="document"),
    path("<str:code>/page/<int:number>/", views.page, name="page"),
]
