"""Every public page is valid HTML for the Nu HTML checker (vnu-jar from the npm registry,
run with Debian's Java). Without them the test is skipped with its reason, unless
VITA_REQUIRE_BROWSER is set (CI installs both: .ci/run)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.public_pages import public_page_urls, public_site

pytestmark = pytest.mark.django_db

VNU = Path(__file__).parents[1] / "browser/node_modules/vnu-jar/build/dist/vnu.jar"


def _checker() -> list[str]:
    java = shutil.which("java")
    missing = [what for what, there in (("java", java), ("vnu-jar", VNU.exists())) if not there]
    if missing:
        reason = f"{' and '.join(missing)} missing: apt-get install default-jre-headless; make test"
        if os.environ.get("VITA_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    return [java, "-Xss4m", "-jar", str(VNU), "--format", "json", "--exit-zero-always"]


def test_every_public_page_is_valid_html(client, tmp_path):
    checker = _checker()
    client.force_login(__import__("tests.factories").factories.UserFactory())
    files = {}
    for name, url in public_page_urls(public_site()).items():
        response = client.get(url, follow=True)
        assert response.status_code == 200, (name, url)
        path = tmp_path / f"{name.replace(':', '-').replace('#', '-')}.html"
        path.write_bytes(response.content)
        files[path.as_uri()] = url

    result = subprocess.run(
        [*checker, *[str(path) for path in tmp_path.iterdir()]],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip

    errors = [
        f"{files.get(message.get('url'), message.get('url'))}:{message.get('lastLine')}: "
        f"{message['message']}"
        for message in json.loads(result.stderr)["messages"]
        if message["type"] == "error"
    ]
    assert errors == [], "\n".join(errors)
