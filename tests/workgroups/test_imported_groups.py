"""The groups of the source documents (2005–2010) are over: the import creates them
closed, and never reopens or recloses one an animator changed."""

import pytest

from workgroups.models import WorkingGroup, WorkingGroupStatus


@pytest.mark.django_db
def test_the_documents_groups_are_imported_closed(imported):
    assert WorkingGroup.objects.exists()
    assert set(WorkingGroup.objects.values_list("status", flat=True)) == {WorkingGroupStatus.CLOSED}
