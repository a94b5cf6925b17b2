"""Registries where backends and formats plug in, in the manner of rdflib's ``plugin.register``.

A :class:`Registry` maps a name to a target: the object itself, or ``"module:attribute"``
text that is imported the first time the target is needed, so registering a backend never
loads its driver. Each registry is owned by the part that uses it:

- stores by URI scheme: :func:`lianjie.graph.registry.register_store`
- Cypher dialects by store: :func:`lianjie.graph.dialects.register_dialect`
- export formats: :func:`lianjie.graph.writers.register_writer`
- readers by file suffix: :func:`lianjie.loaders.readers.register_reader`
- layouts recognised by their headers: :func:`lianjie.loaders.layouts.registry.register_layout`

Examples
--------
>>> colours = Registry("colour")
>>> colours.register("red", "builtins:str", note="lazy")
>>> colours.names(), colours.info("red")["note"]
(['red'], 'lazy')
>>> colours.get("red")("x")
'x'
>>> colours.get("blue")
Traceback (most recent call last):
...
lianjie.base.errors.LianjieError: no colour named 'blue'; expected one of red
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from typing import Any, Generic, TypeVar

from .errors import LianjieError

T = TypeVar("T")


def load_target(target: Any) -> Any:
    """``"module:attribute"`` imported and looked up; anything else returned as it is."""
    if not isinstance(target, str):
        return target
    module, _, attribute = target.partition(":")
    value: Any = import_module(module)
    for part in attribute.split(".") if attribute else ():
        value = getattr(value, part)
    return value


class Registry(Generic[T]):
    """Named plug-ins of one kind, in registration order; later registrations of a name replace earlier ones."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._targets: dict[str, T | str] = {}
        self._info: dict[str, dict[str, Any]] = {}
        self._loaded: dict[str, T] = {}

    def register(self, name: str, target: T | str, **info: Any) -> None:
        """Register ``target`` (or ``"module:attribute"``) under ``name``, with any facts about it."""
        self._targets[name] = target
        self._info[name] = dict(info)
        self._loaded.pop(name, None)

    def unregister(self, name: str) -> None:
        self._targets.pop(name, None)
        self._info.pop(name, None)
        self._loaded.pop(name, None)

    def get(self, name: str) -> T:
        """The target registered under ``name``, imported on first use."""
        if name not in self._targets:
            raise LianjieError(f"no {self.what} named {name!r}; expected one of {', '.join(self._targets) or 'none'}")
        if name not in self._loaded:
            self._loaded[name] = load_target(self._targets[name])
        return self._loaded[name]

    def info(self, name: str) -> dict[str, Any]:
        """The facts given when ``name`` was registered."""
        if name not in self._info:
            raise LianjieError(f"no {self.what} named {name!r}; expected one of {', '.join(self._targets) or 'none'}")
        return self._info[name]

    def names(self) -> list[str]:
        return list(self._targets)

    def __contains__(self, name: object) -> bool:
        return name in self._targets

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._targets))

    def __len__(self) -> int:
        return len(self._targets)


__all__ = ["Registry", "load_target"]
