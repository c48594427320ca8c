"""The OpenAPI document keeps one component per name: two schemas or two enums of the same class name
in different domains overwrite each other there, and clients (and the fuzzer) then validate one
domain's answers against the other's schema. Every name that becomes a component is unique."""

import collections
import enum
import typing

from ninja import Schema

import gonghui.api.urls  # noqa: F401  (imports every router and its schemas)


def _schemas() -> list[type[Schema]]:
    found, todo = [], list(Schema.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        # A class nested in another (a paginator's Input) is flattened into query parameters, not a component.
        if cls.__module__.startswith("gonghui.api") and "." not in cls.__qualname__:
            found.append(cls)
    return found


def _enums(annotation: typing.Any) -> typing.Iterator[type[enum.Enum]]:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        yield annotation
        return
    if typing.get_origin(annotation) is typing.Annotated:
        base, *extras = typing.get_args(annotation)
        if any(type(extra).__name__ == "WithJsonSchema" for extra in extras):
            return  # written inline under its own name: no component
        yield from _enums(base)
        return
    for arg in typing.get_args(annotation):
        yield from _enums(arg)


def test_no_two_schemas_share_a_component_name():
    by_name = collections.defaultdict(set)
    for cls in _schemas():
        by_name[cls.__name__].add(cls.__module__)
    assert {name: where for name, where in by_name.items() if len(where) > 1} == {}


def test_no_two_enums_in_the_schemas_share_a_component_name():
    by_name = collections.defaultdict(set)
    for cls in _schemas():
        for field in cls.model_fields.values():
            if any(type(extra).__name__ == "WithJsonSchema" for extra in field.metadata):
                continue  # pydantic keeps a field's own Annotated extras apart from its annotation
            for found in _enums(field.annotation):
                by_name[found.__name__].add(f"{found.__module__}.{found.__qualname__}")
    assert {name: where for name, where in by_name.items() if len(where) > 1} == {}
