import base64

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str


def test_values_parse_strictly(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", " 42 ")
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env_bool("X_BOOL", False) is True
    assert env_int("X_INT", 0) == 42
    assert env_list("X_LIST", []) == ["a", "b", "c"]


@pytest.mark.parametrize(("name", "value", "reader"), [
    ("X_BOOL", "maybe", lambda: env_bool("X_BOOL", False)),
    ("X_INT", "4x", lambda: env_int("X_INT", 1)),
    ("X_INT", "0", lambda: env_int("X_INT", 1, minimum=1)),
])
def test_a_malformed_value_is_an_error_naming_the_variable(monkeypatch, name, value, reader):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured) as exc:
        reader()
    assert name in str(exc.value)


def test_a_required_value_must_be_present(monkeypatch):
    monkeypatch.delenv("X_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured):
        env_str("X_REQUIRED")


def test_a_keyring_keeps_its_order_and_refuses_short_or_malformed_keys(monkeypatch):
    from config.env import env_keyring

    first, second = base64.b64encode(b"a" * 32).decode(), base64.b64encode(b"b" * 48).decode()
    monkeypatch.setenv("X_KEYS", f"a2:{first}, a1:{second}")
    assert env_keyring("X_KEYS", min_size=32) == {"a2": b"a" * 32, "a1": b"b" * 48}
    for bad in (first, f"a1:{base64.b64encode(b'c' * 16).decode()}", "a1:not base64!", f"a1:{first},a1:{first}"):
        monkeypatch.setenv("X_KEYS", bad)
        with pytest.raises(ImproperlyConfigured, match="X_KEYS"):
            env_keyring("X_KEYS", min_size=32)


def test_a_fixed_size_key_must_have_that_size(monkeypatch):
    from config.env import env_key, env_keys

    monkeypatch.setenv("X_KEY", base64.b64encode(b"k" * 32).decode())
    assert env_key("X_KEY", size=32) == b"k" * 32
    monkeypatch.setenv("X_KEY", base64.b64encode(b"k" * 31).decode())
    with pytest.raises(ImproperlyConfigured, match="X_KEY"):
        env_key("X_KEY", size=32)
    monkeypatch.setenv("X_PUBLIC", f"{base64.b64encode(b'p' * 32).decode()},{base64.b64encode(b'q' * 32).decode()}")
    assert env_keys("X_PUBLIC", size=32) == [b"p" * 32, b"q" * 32]


def test_a_tile_url_gives_the_origin_the_csp_allows(monkeypatch):
    from config.env import env_tile_url

    monkeypatch.setenv("X_TILES", "https://t{s}.tianditu.gov.cn/vec_w/wmts?x={x}&y={y}&l={z}&tk=abc")
    assert env_tile_url("X_TILES")[1] == "https://*.tianditu.gov.cn"
    monkeypatch.setenv("X_TILES", "https://tiles.example.org:8443/{z}/{x}/{y}.png")
    assert env_tile_url("X_TILES")[1] == "https://tiles.example.org:8443"
    monkeypatch.setenv("X_TILES", "")
    assert env_tile_url("X_TILES") == ("", "")


@pytest.mark.parametrize("value", [
    "http://tiles.example.org/{z}/{x}/{y}.png",  # not https
    "https://tiles.example.org/{z}/{x}.png",  # no {y}
    "https://tiles.example.org/{z}/{x}/{y}.png; script-src *",  # would widen the CSP
    "https://a.{s}.example.org/{z}/{x}/{y}.png",  # {s} past the first label
    "https://'self'/{z}/{x}/{y}",
])
def test_a_malformed_tile_url_is_refused_without_echoing_its_key(monkeypatch, value):
    from config.env import env_tile_url

    monkeypatch.setenv("X_TILES", value + "&tk=secret")
    with pytest.raises(ImproperlyConfigured) as exc:
        env_tile_url("X_TILES")
    assert "X_TILES" in str(exc.value) and "secret" not in str(exc.value)
