"""Subscriptions to the site's mailings (the Lettre VITA, later the search alerts), built
once for every use: a registry of topics declared in code (`topics`), double opt-in and
one-click unsubscribe (`services`), the reads for « Mon espace » (`selectors`), the
public pages (`views`, under /abonnements/). The model is `vita.models.Subscription`."""
