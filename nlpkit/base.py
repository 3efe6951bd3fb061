"""The estimator contract every nlpkit model follows (scikit-learn's conventions).

``__init__`` stores its keyword parameters verbatim and does nothing else; ``get_params``,
``set_params`` and ``repr`` come from introspecting that signature, so a model class writes
none of them; ``fit`` does the work and sets learned attributes ending in ``_``; using a
model before ``fit`` raises ``NotFittedError``.
"""

from __future__ import annotations

import inspect
import numbers
import os
from collections.abc import Iterable
from typing import Any

from .errors import InvalidParameterError, NotFittedError, did_you_mean


class Estimator:
    """Base class: parameters by introspection, a readable repr, the fitted check.

    ``repr`` shows the parameters that differ from their defaults (scikit-learn's way) plus
    those named in ``_always_shown``.
    """

    _always_shown: tuple[str, ...] = ()
    _not_fitted_hint = "call fit() first, or load a saved model"

    @classmethod
    def _param_names(cls) -> list[str]:
        signature = inspect.signature(cls.__init__)
        return [name for name, p in signature.parameters.items()
                if name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]

    @classmethod
    def _defaults(cls) -> dict[str, Any]:
        signature = inspect.signature(cls.__init__)
        return {name: signature.parameters[name].default for name in cls._param_names()}

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor parameters and their current values (``deep`` is accepted for scikit-learn's
        ``clone``; no nlpkit model holds another estimator as a parameter)."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any):
        """Change parameters (takes effect at the next ``fit``); returns self."""
        self.check_param_names(params)
        for name, value in params.items():
            setattr(self, name, value)
        return self

    @classmethod
    def check_param_names(cls, params: Iterable[str]) -> None:
        """Refuse a name that is not a parameter, suggesting the closest one."""
        names = cls._param_names()
        for name in params:
            if name not in names:
                raise InvalidParameterError(
                    f"{cls.__name__} has no parameter {name!r}{did_you_mean(name, names)}",
                    hint=f"parameters are: {', '.join(names)}")

    def __repr__(self) -> str:
        defaults = self._defaults()
        changed = {k: v for k, v in self.get_params().items()
                   if k in self._always_shown or not _same(v, defaults.get(k))}
        args = ", ".join(f"{k}={_short(v)}" for k, v in changed.items())
        return f"{type(self).__name__}({args}){self._fitted_summary()}"

    def _fitted_summary(self) -> str:
        """A short note on what was learned, appended to the repr of a fitted model."""
        return ""

    def _check_param_types(self) -> None:
        """Refuse a parameter of the wrong kind before it fails deep inside a library ("10" for an
        int, 2.5 for a whole number, "yes" for a flag). The kind is the annotation's where it is a
        plain one ("int | None"), else the default's; other parameters are checked by the model."""
        signature = inspect.signature(type(self).__init__)
        for name in self._param_names():
            parameter = signature.parameters[name]
            check_kind(name, getattr(self, name), parameter.annotation, parameter.default)

    def _remember_fitted_params(self, params: dict[str, Any] | None = None) -> None:
        """Called at the end of ``fit`` (and by ``load`` with the saved ones): ``params_`` holds the
        parameters this model was fitted with. ``set_params`` after ``fit`` changes what the next fit
        does, not what this model is, so ``save`` records ``params_``."""
        self.params_ = dict(params if params is not None else self.get_params())

    def fitted_params(self) -> dict[str, Any]:
        """The parameters the fitted model was made with (see ``_remember_fitted_params``)."""
        self.check_fitted()
        return dict(getattr(self, "params_", None) or self.get_params())

    def __getattr__(self, name: str) -> Any:
        # Only reached when normal lookup fails: a learned attribute (topics_, classes_) asked of
        # an unfitted model says what to do. NotFittedError is an AttributeError, so hasattr works.
        attribute = getattr(type(self), name, None)
        if isinstance(attribute, property):   # the property raised an AttributeError (a NotFittedError): again
            return attribute.fget(self)
        if name.endswith("_") and not name.startswith("_") and not self.is_fitted():
            raise NotFittedError(f"this {type(self).__name__} is not fitted yet, so it has no {name}",
                                 hint=self._not_fitted_hint)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def is_fitted(self) -> bool:
        return any(name.endswith("_") and not name.startswith("_") for name in vars(self))

    def check_fitted(self) -> None:
        if not self.is_fitted():
            raise NotFittedError(f"this {type(self).__name__} is not fitted yet", hint=self._not_fitted_hint)


def check_count(name: str, value: Any, hint: str) -> None:
    """Refuse a count of items (top words, neighbours, rows) that is not a whole number ≥ 1: numpy
    would slice silently with it (-1 keeps all but the last, 0 none)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise InvalidParameterError(f"{name} {value!r}: must be a whole number ≥ 1", hint=hint)


def as_batch(texts: Any) -> list:
    """A batch of texts: one string is one text; otherwise each item is a text (a string) or a token list."""
    if isinstance(texts, str):
        return [texts]
    if texts is None or not hasattr(texts, "__iter__"):
        raise InvalidParameterError(f"expected a text or a list of texts, got {_short(texts)}",
                                    hint='e.g. "the food was great" or ["the food was great", "slow service"]')
    return list(texts)


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b) and type(a) is type(b)
    except (TypeError, ValueError):  # arrays and the like have no single truth value
        return a is b


SHORT_REPR = 60     # the longest parameter value a repr shows whole


def _short(value: Any) -> str:
    if isinstance(value, Estimator):  # e.g. a model to start from: its own repr could nest, even in itself
        return f"<{type(value).__name__}>"
    text = repr(value)
    if len(text) <= SHORT_REPR:
        return text
    cut = text[:SHORT_REPR - 4]
    last = _last_top_level_comma(cut)
    if text.endswith(")") and last is not None:      # "Pipeline(keep_punct=True, ...)", not cut mid-word
        return cut[:last] + ", ...)"
    return cut + "..."


def _last_top_level_comma(text: str) -> int | None:
    """Where the last ", " between a call's own arguments stands (not inside a nested value or a string)."""
    depth, quote, last = 0, None, None
    for i, ch in enumerate(text):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 1 and text.startswith(", ", i):
            last = i
    return last


def check_kind(name: str, value: Any, annotation: Any, default: Any) -> None:
    """Refuse ``value`` where it is not of the plain kind its annotation ("int | None") or, without
    one, its default names; other annotations (tuples, models) are left to the owner's checks."""
    unannotated = annotation is inspect.Parameter.empty or annotation is None
    kinds = _plain_kinds(type(default).__name__) if unannotated else _plain_kinds(annotation)
    if kinds and not any(_is_kind(value, kind) for kind in kinds):
        wanted = " or ".join(_KIND_NAMES[kind] for kind in kinds)
        raise InvalidParameterError(f"{name}={value!r}: must be {wanted}", hint=f"e.g. {name}={default!r}")


_KIND_NAMES = {"int": "a whole number", "float": "a number", "bool": "True or False", "str": "a string",
               "None": "None"}


def _plain_kinds(annotation: Any) -> list[str] | None:
    """["int", "None"] for the annotation "int | None"; None where it is not a union of plain kinds
    (no annotation, a tuple, a model) or is a string (a str default says little: split="auto"
    also takes True)."""
    if not isinstance(annotation, str):
        return None
    kinds = [part.strip() for part in annotation.split("|")]
    if not all(kind in _KIND_NAMES for kind in kinds) or kinds == ["str"] or kinds == ["NoneType"]:
        return None
    return kinds


def _is_kind(value: Any, kind: str) -> bool:
    import numbers

    import numpy as np

    if kind == "None":
        return value is None
    flag = isinstance(value, (bool, np.bool_))
    if kind == "bool":
        return flag
    if kind == "int":
        return isinstance(value, numbers.Integral) and not flag
    if kind == "float":
        return isinstance(value, numbers.Real) and not flag
    return isinstance(value, (str, os.PathLike))                           # a str setting is often a path

