"""The site's routes: its own pages, whose names are global (`home`, `search`…), and the
domain apps' pages, under their apps' namespaces, some of which the site composes."""

from django.urls import path, re_path

from organisations import views as organisations
from portal import views
from portal.models import SITE_PAGES
from workgroups import views as workgroups

urlpatterns = [
    path("", views.home, name="home"),
    # For search engines (portal.findable).
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    re_path(r"^sitemap-(?P<section>[a-z]+)\.xml$", views.sitemap_section, name="sitemap_section"),
    path("recherche/", views.search, name="search"),
    path("recherche/noms/", views.name_lookup, name="name_lookup"),
    path("mon-espace/", views.my_space, name="my_space"),
    # A member's rights on their data (portal.my_data, portal.services.delete_account).
    path("mon-espace/mes-donnees.json", views.my_data_download, name="my_data"),
    path("mon-espace/supprimer-mon-compte/", views.delete_account, name="delete_account"),
    path("demander-un-compte/", organisations.account_request, name="account_request"),
    path(
        "donnees-personnelles/retrait-ou-anonymisation/",
        organisations.personal_data_request,
        name="personal_data_request",
    ),
    # The footer's pages, written by the animators (portal.models.SitePage).
    re_path(rf"^(?P<slug>{'|'.join(SITE_PAGES)})/$", views.site_page, name="site_page"),
]

organisation_urls = (
    [
        path("", organisations.organisation_index, name="list"),
        path("<slug:slug>/", views.organisation_page, name="detail"),
    ],
    "organisations",
)

group_urls = (
    [
        path("", workgroups.group_list, name="list"),
        path("programmes/<slug:slug>/", workgroups.programme_page, name="programme"),
        path("<str:code>/", views.group_page, name="detail"),
        path("<str:code>/signaler/", workgroups.report, name="report"),
        path("<str:code>/rejoindre/", workgroups.join, name="join"),
        path("<str:code>/espace/", views.group_space, name="space"),
        path(
            "<str:code>/reunions/<slug:slug>/compte-rendu/",
            workgroups.minutes_file,
            name="minutes_file",
        ),
    ],
    "workgroups",
)
