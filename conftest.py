import os

import pytest
from django.dispatch import receiver
from django.test.signals import setting_changed
from hypothesis import settings as hypothesis_settings

from gonghui.testing.world import World, build_world

# No per-example deadline (timings never belong in unit tests); CI runs derandomized so a red run
# can be replayed exactly.
hypothesis_settings.register_profile("gonghui", deadline=None, derandomize=os.environ.get("CI") == "true")
hypothesis_settings.load_profile("gonghui")


@receiver(setting_changed)
def _keyrings_follow_the_settings(*, setting: str, **_kwargs) -> None:
    # The keyrings are parsed once per process; a test that sets a key (and the settings fixture putting it
    # back afterwards) must not leave the next test reading or writing indexes under the other key.
    from gonghui.core import crypto

    if setting == "GONGHUI_INDEX_KEY":
        crypto._index_keys.cache_clear()
    elif setting == "GONGHUI_FIELD_KEYS":
        crypto._field_keys.cache_clear()


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is the production hasher; tests create many accounts and need only a correct one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _reference_snapshots_per_test():
    # Reference tables held per process (core.snapshot) are loaded afresh in each test: a snapshot
    # loaded inside an earlier test's rolled-back transaction would still show that test's rows.
    from gonghui.core.snapshot import forget_all

    forget_all()


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    # Like Django's locmem mail backend under test: no message leaves the process; tests read them.
    from gonghui.accounts import sms_backends

    settings.GONGHUI_SMS_BACKEND = "gonghui.accounts.sms_backends.LocmemBackend"
    sms_backends.outbox.clear()
    return sms_backends.outbox


@pytest.fixture(scope="session")
def _audit_checkpoint_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("audit")


@pytest.fixture(autouse=True)
def _audit_checkpoints_outside_the_repository(settings, _audit_checkpoint_dir):
    # The `periodic` command writes audit checkpoints; under test they go to a scratch file, not var/.
    settings.GONGHUI_AUDIT_CHECKPOINT_FILE = str(_audit_checkpoint_dir / "audit-checkpoints.jsonl")
    settings.GONGHUI_AUDIT_CHECKPOINT_SYSLOG = ""


def _transactional(node) -> bool:
    """Whether a test (its item, or its request) runs without a wrapping transaction."""
    node = getattr(node, "node", node)
    marker = node.get_closest_marker("django_db")
    names = getattr(node, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names or (
        marker is not None and bool(marker.kwargs.get("transaction")))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transaction-less test empties every table at teardown: once it has, seed the reference data
    the migrations seed (gonghui.testing.reference_data) again, committed, so whatever test this
    worker runs next (pytest-xdist hands them out in any order) finds it."""
    result = yield
    # After the session's last test the test database is already gone with the session's fixtures.
    if _transactional(item) and nextitem is not None:
        from django.core.cache import cache
        from pytest_django.plugin import blocking_manager_key

        from gonghui.testing.reference_data import seed_reference_data

        with item.config.stash[blocking_manager_key].unblock():
            seed_reference_data()
        # Snapshots cached while the tables were empty (the working-day calendar) must not outlive it.
        cache.clear()
    return result


@pytest.fixture(autouse=True)
def _subtree_totals_stay_exact(request):
    """After every test that wrote through the services, the stored subtree totals match the tables.

    This is how a write path that forgets to adjust them (orgs.rollup) is caught, wherever it is.
    """
    marker = request.node.get_closest_marker("django_db")
    uses_db = marker is not None or {"db", "world"} & set(request.fixturenames)
    if not uses_db or _transactional(request):
        yield
        return
    request.getfixturevalue("db")
    yield
    from gonghui.orgs.rollup import rollup_drift

    drift = rollup_drift()
    assert not drift, f"stored subtree totals drifted from the tables: {dict(list(drift.items())[:5])}"


# The Redis tests' server: one per worker's session, emptied before each test that asks for it.
from gonghui.testing.redis_server import _redis_process, redis_server  # noqa: E402,F401


@pytest.fixture
def full_media(settings, tmp_path, monkeypatch):
    """Media storage in a fresh directory, on a disk that is full (set `.after` to let writes through first)."""
    from django.core.files.storage import FileSystemStorage

    from gonghui.testing.media import FullDisk

    settings.MEDIA_ROOT = tmp_path / "media"
    disk = FullDisk(settings.MEDIA_ROOT)
    monkeypatch.setattr(FileSystemStorage, "_save", lambda storage, name, content: disk.save(storage, name, content))
    return disk


# Tests that share a build of minutes (a package- or module-scoped fixture): under `--dist loadgroup`
# (pyproject's addopts) each path is one unit that a single worker runs whole, so it builds once; every
# other test is handed out on its own to whichever worker is free.
WHOLE_ON_ONE_WORKER = ("gonghui/demo/tests/province/", "gonghui/demo/tests/test_demo_history.py")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """loadgroup's scheduler, with the paths above as its groups.

    By path rather than xdist_group marks: pytest-xdist passes a mark's group to the scheduler by
    renaming the test's node id, which pytest 9.2 no longer lets it do, so marks group nothing."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class PathGroups(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            group = next((path for path in WHOLE_ON_ONE_WORKER if nodeid.startswith(path)), None)
            return group or super()._split_scope(nodeid)

    return PathGroups(config, log)


def pytest_collection_modifyitems(items):
    # A test marked `long` runs for minutes: started first, the other workers share out the rest around
    # it instead of one worker finishing it alone while the others sit idle at the end of the run.
    items.sort(key=lambda item: item.get_closest_marker("long") is None)
