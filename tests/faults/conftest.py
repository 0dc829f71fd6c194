"""Real servers of the tests' own, started and stopped by the tests: no mocks."""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import redis

REDIS_SERVER = shutil.which("redis-server")
POSTGRES_BIN = next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)), None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(ready, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError("the server did not come up in time")
        time.sleep(0.1)


def answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
    except OSError:
        return False
    return True


class RedisServer:
    """A redis-server on a port of its own, which a test can stop."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.folder = folder
        self.start()

    def start(self) -> None:
        """Start the server (again) on its port, empty."""
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(lambda: answers(self.port))

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self, *, keep_data: bool = False) -> None:
        """Stop the server; `keep_data`: save what it holds first, for start() to load."""
        if keep_data:
            # The server closes the connection as it stops.
            with contextlib.suppress(redis.exceptions.ConnectionError):
                redis.Redis(port=self.port).shutdown(save=True)
        else:
            self.process.terminate()
        self.process.wait(10)


@pytest.fixture
def redis_server(tmp_path):
    """Yield a running redis-server of the test's own, or skip where there is none."""
    if not REDIS_SERVER:
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path)
    yield server
    if server.process.poll() is None:
        server.stop()


class PostgresCluster:
    """A throwaway PostgreSQL cluster (initdb into a temporary folder) on its own port."""

    def __init__(self, port: int):
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="masthead-pg-"))
        # PostgreSQL refuses to run as root; the cluster belongs to the postgres user then.
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(self.folder, "postgres")
        self.run("initdb", "-D", str(self.folder / "data"), "-U", "postgres", "-A", "trust")

    def run(self, tool: str, *args: str) -> None:
        command = [*self.as_owner, f"{POSTGRES_BIN}/{tool}", *args]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        # With a log file the server holds none of our pipes open, so pg_ctl returns.
        log = str(self.folder / "server.log")
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        if (self.folder / "data" / "postmaster.pid").exists():
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def postgres_cluster():
    """Yield a running PostgreSQL cluster of the test's own on a free port."""
    if not POSTGRES_BIN:
        pytest.skip("PostgreSQL's server programs are not installed")
    # A free port, not a fixed one: the suite may run twice at once (on SQLite and on
    # PostgreSQL), each run in several pytest-xdist workers.
    cluster = PostgresCluster(free_port())
    cluster.start()
    yield cluster
    cluster.remove()
