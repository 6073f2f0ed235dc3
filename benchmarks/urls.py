"""The portal's URLs and the naive reference list, for the benchmark only."""

from django.urls import path

from benchmarks.naive import NaiveCardList
from vita.urls import urlpatterns as portal

urlpatterns = [path("naif/experiences/", NaiveCardList.as_view()), *portal]
