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
