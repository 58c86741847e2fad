"""Callbacks that do not keep their owner alive.

A child widget that stores a parent's bound method (or the parent itself) makes a reference cycle:
the window is then freed only by the garbage collector, late and all at once. Signals connected to
bound methods do not do this (PySide holds those weakly); a stored callback uses `weak_callback`.
"""
from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, TypeVar, cast

R = TypeVar("R")


def weak_callback(method: Callable[..., R], default: R) -> Callable[..., R]:
    """Call `method` while its object lives; afterwards return `default` (a plain function stays strong)."""
    owner = getattr(method, "__self__", None)
    if owner is None:
        return method
    ref = weakref.ref(owner)
    name = method.__name__  # Qt's own methods (close, undo…) are looked up again: they have no __func__

    def call(*args: Any) -> R:
        alive = ref()
        return default if alive is None else cast(R, getattr(alive, name)(*args))

    return call


def weak_slot(method: Callable[..., object], *bound: Any, take: int = 0) -> Callable[..., None]:
    """A slot for `signal.connect` that calls method(*bound, *first `take` signal arguments) while the
    method's object lives: the weak form of `lambda *args: method(*bound, *args[:take])`.

    A connected lambda that names `self` keeps the widget alive through its own child's signal; this
    one does not. Bind names or indexes, not child widgets (a child held here is a cycle of its own).
    """
    call = weak_callback(method, None)

    def slot(*args: Any) -> None:
        call(*bound, *args[:take])

    return slot
