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
        crypto._index_keys.cache_clear()

    yield use
    crypto._field_keys.cache_clear()
    crypto._index_keys.cache_clear()


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


@pytest.mark.parametrize("spec", ["k1:not-base64!", "k1:" + base64.b64encode(b"short").decode(), ":" + _key(b"a"),
                                  _key(b"a"), f"k1:{_key(b'a')},k1:{_key(b'b')}"])
def test_a_malformed_key_stops_the_process_without_showing_the_key(keys, spec):
    # One parser reads both keyrings: a field key id given twice is refused as an index key id is.
    keys(spec)
    with pytest.raises(ImproperlyConfigured) as refused:
        crypto.encrypt("x")
    assert _key(b"a") not in str(refused.value)


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


@pytest.mark.parametrize("length", [32, 63, 64, 65, 100])
def test_the_blind_index_equals_the_standard_hmac_for_every_key_length_and_value(keys, length):
    import hashlib
    import hmac

    key = bytes(range(length))
    keys(f"k1:{_key(b'a')}", base64.b64encode(key).decode())
    for value in ["", "x", "13800138000", "resident:11010519491231002X", "长" * 200]:
        expected = hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
        assert crypto.blind_index(value) == expected and crypto.blind_index_candidates(value) == [expected]


def test_a_bare_index_key_is_the_single_current_key_of_the_keyring(keys):
    keys(f"k1:{_key(b'a')}", _key(b"i"))
    bare = crypto.blind_index("x")
    keys(f"k1:{_key(b'a')}", f"0:{_key(b'i')}")
    assert crypto.blind_index("x") == bare and crypto.index_kids() == ["0"]


def test_during_an_index_rotation_writes_use_the_first_key_and_lookups_match_every_key(keys):
    keys(f"k1:{_key(b'a')}", _key(b"i"))
    old = crypto.blind_index("13800138000")
    keys(f"k1:{_key(b'a')}", f"i2:{_key(b'j')},{_key(b'i')}")
    new = crypto.blind_index("13800138000")
    assert new != old and crypto.blind_index_candidates("13800138000") == [new, old]
    assert crypto.current_index_kid() == "i2"


@pytest.mark.parametrize("index", ["i1:" + base64.b64encode(b"short").decode(), "i1:not-base64!",
                                   f"i1:{_key(b'a')},i1:{_key(b'b')}"])
def test_a_malformed_index_keyring_stops_the_process(keys, index):
    keys(f"k1:{_key(b'a')}", index)
    with pytest.raises(ImproperlyConfigured):
        crypto.blind_index("x")


def test_a_bulk_sealer_seals_with_the_current_key_and_a_fresh_nonce_each_time(keys):
    keys(f"k2:{_key(b'b')},k1:{_key(b'a')}")
    seal = crypto.field_sealer()
    a, b = seal("13912345678"), seal("13912345678")
    assert a != b and a.startswith("k2:")
    assert crypto.decrypt(a) == crypto.decrypt(b) == "13912345678"
