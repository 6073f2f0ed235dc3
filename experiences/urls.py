from django.urls import path

from experiences import views

app_name = "experiences"
urlpatterns = [
    path("", views.experience_list, name="list"),
    path("flux.atom", views.card_feed, name="feed"),
    path("alerte/", views.alert, name="alert"),
    path("selection.csv", views.export_csv, name="export_csv"),
    path("selection.xlsx", views.export_xlsx, name="export_xlsx"),
    path("selection.pdf", views.export_pdf, name="export_pdf"),
    path("proposer/", views.propose, name="propose"),
    path("proposer/merci/", views.proposed, name="proposed"),
    path("proposer/modele-fiche-experience.docx", views.card_template_docx, name="template_docx"),
    path("proposer/modele-fiche-experience.xlsx", views.card_template_xlsx, name="template_xlsx"),
    path("<slug:slug>/", views.experience_detail, name="detail"),
    path("<slug:slug>/apercu/", views.experience_preview, name="preview"),
    path("<slug:slug>/signaler/", views.report, name="report"),
]
