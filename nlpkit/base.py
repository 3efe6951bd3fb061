"""The estimator contract every nlpkit model follows (scikit-learn's conventions).

``__init__`` stores its keyword parameters verbatim and does nothing else; ``get_params``,
``set_params`` and ``repr`` come from introspecting that signature, so a model class writes
none of them; ``fit`` does the work and sets learned attributes ending in ``_``; using a
model before ``fit`` raises ``NotFittedError``.
"""

from __future__ import annotations

import inspect
from typing import Any

from .errors import InvalidParameterError, NotFittedError, closest


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
        names = self._param_names()
        for name, value in params.items():
            if name not in names:
                near = closest(name, names, 1)
                raise InvalidParameterError(
                    f"{type(self).__name__} has no parameter {name!r}" + (f" (did you mean {near[0]!r}?)" if near else ""),
                    hint=f"parameters are: {', '.join(names)}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        defaults = self._defaults()
        changed = {k: v for k, v in self.get_params().items()
                   if k in self._always_shown or not _same(v, defaults.get(k))}
        args = ", ".join(f"{k}={_short(v)}" for k, v in changed.items())
        return f"{type(self).__name__}({args}){self._fitted_summary()}"

    def _fitted_summary(self) -> str:
        """A short note on what was learned, appended to the repr of a fitted model."""
        return ""

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
        if name.endswith("_") and not name.startswith("_") and not self.is_fitted():
            raise NotFittedError(f"this {type(self).__name__} is not fitted yet, so it has no {name}",
                                 hint=self._not_fitted_hint)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def is_fitted(self) -> bool:
        return any(name.endswith("_") and not name.startswith("_") for name in vars(self))

    def check_fitted(self) -> None:
        if not self.is_fitted():
            raise NotFittedError(f"this {type(self).__name__} is not fitted yet", hint=self._not_fitted_hint)


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b) and type(a) is type(b)
    except (TypeError, ValueError):  # arrays and the like have no single truth value
        return a is b


def _short(value: Any) -> str:
    if isinstance(value, Estimator):  # e.g. a model to start from: its own repr could nest, even in itself
        return f"<{type(value).__name__}>"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
