"""A value object carrying a plaintext phone or ID number keeps it out of its repr: a repr ends up in
tracebacks, in Django's template debug lines (which print the whole context) and in error reports,
where the log filter would be the only thing left between the number and the log."""

import dataclasses
import importlib
import pkgutil

import gonghui
from gonghui.core.idnumbers import parse_identity
from gonghui.testing.world import make_person_id

PERSONAL = {"phone", "id_number", "mobile", "payee_account", "bank_account", "account_number"}


def _dataclasses():
    for info in pkgutil.walk_packages(gonghui.__path__, "gonghui."):
        if ".tests" in info.name or ".migrations" in info.name or info.name.endswith("calamine_child"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if dataclasses.is_dataclass(value) and isinstance(value, type) and value.__module__ == info.name:
                yield value


def test_no_dataclass_shows_a_plaintext_phone_or_id_number_in_its_repr():
    shown = sorted(f"{cls.__module__}.{cls.__qualname__}.{f.name}" for cls in _dataclasses()
                   for f in dataclasses.fields(cls) if f.name in PERSONAL and f.repr)
    assert shown == []


def test_a_parsed_identity_shows_its_kind_and_birth_date_not_its_number():
    number = make_person_id()
    identity = parse_identity("resident", number, field="id_number")
    assert number not in repr(identity) and identity.number == number
