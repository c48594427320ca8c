import base64

import pytest
from django.core.exceptions import ImproperlyConfigured

from gonghui.core import crypto


@pytest.fixture
def keys(settings):
    def use(spec: str, index: str = base64.b64encode(b"i" * 32).decode()):
        settings.GONGHUI_FIELD_KEYS = spec
        settings.GONGHUI_INDEX_KEY = index
        crypto._field_keys.cache_clear()
        crypto._index_key.cache_clear()

    yield use
    crypto._field_keys.cache_clear()
    crypto._index_key.cache_clear()


def _key(ch: bytes) -> str:
    return base64.b64encode(ch * 32).decode()


def test_ciphertext_round_trips_and_is_never_the_same_twice(keys):
    keys(f"k1:{_key(b'a')}")
    a, b = crypto.encrypt("510104199001011234"), crypto.encrypt("510104199001011234")
    assert a != b and a.startswith("k1:")
    assert crypto.decrypt(a) == "510104199001011234"


def test_old_keys_still_decrypt_after_rotation(keys):
    keys(f"k1:{_key(b'a')}")
    old = crypto.encrypt("秘密")
    keys(f"k2:{_key(b'b')},k1:{_key(b'a')}")
    assert crypto.decrypt(old) == "秘密"
    assert crypto.encrypt("秘密").startswith("k2:")


def test_the_blind_index_is_stable_and_keyed(keys):
    keys(f"k1:{_key(b'a')}")
    first = crypto.blind_index("510104199001011234")
    assert first == crypto.blind_index("510104199001011234")
    keys(f"k1:{_key(b'a')}", base64.b64encode(b"j" * 32).decode())
    assert crypto.blind_index("510104199001011234") != first


@pytest.mark.parametrize("spec", ["k1:not-base64!", "k1:" + base64.b64encode(b"short").decode(), ":" + _key(b"a")])
def test_a_malformed_key_stops_the_process(keys, spec):
    keys(spec)
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")


def test_a_sealed_blob_opens_only_for_its_purpose(keys):
    keys(f"k1:{_key(b'a')}")
    blob = crypto.encrypt_bytes(b"staged rows", b"roster")
    assert b"staged rows" not in blob and crypto.decrypt_bytes(blob, b"roster") == b"staged rows"
    with pytest.raises(Exception):  # noqa: B017 - AES-GCM's InvalidTag
        crypto.decrypt_bytes(blob, b"something else")


def test_the_blind_index_is_hmac_sha256(keys):
    import hashlib
    import hmac

    keys(f"k1:{_key(b'a')}")
    assert crypto.blind_index("x") == hmac.new(b"i" * 32, b"x", hashlib.sha256).hexdigest()
