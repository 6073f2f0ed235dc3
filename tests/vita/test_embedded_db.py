"""The embedded PostgreSQL server: started once, shared, recovered after a crash.

Each test runs its own server on a temporary data directory, so the project's
server (var/pgdata) and the test database are never touched.
"""

import os
import signal
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import psutil
import psycopg
import pytest
from django.db import OperationalError, connection, connections

from tests.conftest import PROJECT_DIR
from vita.db import embedded
from vita.db.backend.base import DatabaseWrapper


@pytest.fixture
def data_dir(tmp_path):
    directory = tmp_path / "pgdata"
    yield directory
    embedded.stop(directory)


def _start_in_child_process(data_dir: Path, database: str = "vita") -> subprocess.Popen:
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from vita.db import embedded
        print(embedded.start(Path({str(data_dir)!r}), {database!r}).pid)
        """
    )
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=PROJECT_DIR, stdout=subprocess.PIPE, text=True
    )


def _pid_started_in_child_process(data_dir: Path) -> int:
    child = _start_in_child_process(data_dir)
    output, _ = child.communicate(timeout=120)
    assert child.returncode == 0
    return int(output)


def _select_one(address: embedded.ServerAddress, database: str = "vita") -> int:
    with psycopg.connect(
        dbname=database, user="postgres", host=address.socket_dir, port=address.port
    ) as conn:
        return conn.execute("SELECT 1").fetchone()[0]


def test_a_second_process_reuses_the_running_server(data_dir):
    first_pid = _pid_started_in_child_process(data_dir)
    second_pid = _pid_started_in_child_process(data_dir)

    assert first_pid == second_pid
    address = embedded.running_server(data_dir)
    assert address.pid == first_pid
    assert _select_one(address) == 1


def test_processes_starting_together_share_one_server(data_dir):
    children = [_start_in_child_process(data_dir) for _ in range(3)]
    pids = {int(child.communicate(timeout=120)[0]) for child in children}

    assert all(child.returncode == 0 for child in children)
    assert len(pids) == 1


def test_the_server_is_recovered_after_an_unclean_stop(data_dir):
    crashed = embedded.start(data_dir, "vita")
    os.kill(crashed.pid, signal.SIGKILL)
    psutil.Process(crashed.pid).wait(timeout=10)
    assert (data_dir / "postmaster.pid").exists(), "a crash leaves its pid file behind"

    recovered = embedded.start(data_dir, "vita")

    assert recovered.pid != crashed.pid
    assert _select_one(recovered) == 1


def test_a_pid_file_naming_another_process_does_not_block_start(data_dir):
    address = embedded.start(data_dir, "vita")
    pid_file = (data_dir / "postmaster.pid").read_text().splitlines()
    embedded.stop(data_dir)
    # After a reboot the old pid may belong to any process: here, this one.
    (data_dir / "postmaster.pid").write_text("\n".join([str(os.getpid()), *pid_file[1:]]) + "\n")

    restarted = embedded.start(data_dir, "vita")

    assert restarted.pid != address.pid
    assert _select_one(restarted) == 1


def test_stop_stops_and_reports_whether_it_ran(data_dir):
    address = embedded.start(data_dir)

    assert embedded.stop(data_dir) is True
    assert not psutil.pid_exists(address.pid) or psutil.Process(address.pid).status() == "zombie"
    assert embedded.running_server(data_dir) is None
    assert embedded.stop(data_dir) is False


def test_the_command_line_starts_reports_and_stops(data_dir):
    def run(action):
        return subprocess.run(
            [sys.executable, "-m", "vita.db.embedded", action, "--data-dir", str(data_dir)],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert run("status").returncode == 3
    assert "running" in run("start").stdout
    status = run("status")
    assert status.returncode == 0 and "running (pid" in status.stdout
    assert run("stop").stdout.strip() == "Embedded PostgreSQL stopped."
    assert "not running" in run("status").stdout


def test_a_server_that_cannot_start_is_an_operational_error(tmp_path, django_db_blocker):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings_dict = {
        **connection.settings_dict,
        "ENGINE": "vita.db.backend",
        "EMBEDDED": {"DATA_DIR": str(blocker / "pgdata"), "DATABASE": "vita"},
    }
    wrapper = DatabaseWrapper(settings_dict, alias="unreachable")

    with django_db_blocker.unblock(), pytest.raises(OperationalError, match="did not start"):
        wrapper.ensure_connection()


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "") != "",
    reason="the suite runs on an external server (DATABASE_URL)",
)
def test_the_suite_itself_runs_on_the_embedded_server():
    assert isinstance(connections["default"], DatabaseWrapper)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_runserver_with_its_autoreloader_serves_the_portal():
    """`runserver` runs in two processes (reloader and server) on one database."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"],
        cwd=PROJECT_DIR,
        env={**os.environ, "DEBUG": "true"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    health = r.status, r.read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        # A page that needs no table: this database may not be migrated.
        stylesheet = f"http://127.0.0.1:{port}/static/css/site.css"
        with urllib.request.urlopen(stylesheet, timeout=5) as response:
            static_status = response.status
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    assert health == (200, b'{"database": "ok"}')
    assert static_status == 200
