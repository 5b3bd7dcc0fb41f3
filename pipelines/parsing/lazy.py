"""`once`: a property computed on first use and then stored on the instance.

It is `functools.cached_property` without the lock Python 3.11 takes on every first use, which
costs more than most of the values it guards here (the parser makes thousands per report).
Like cached_property it stores into the instance's `__dict__`, so it also works on frozen
dataclasses, and it must not be used on classes with `__slots__`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class once(Generic[T]):  # noqa: N801 - named like the decorator it is
    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type) -> once[T]: ...
    @overload
    def __get__(self, instance: object, owner: type) -> T: ...
    def __get__(self, instance: object | None, owner: type) -> T | once[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value
