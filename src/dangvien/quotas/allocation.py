"""Apportion an admission target over party cells (phân bổ chỉ tiêu kết nạp).

A commune party committee sets an annual admission target (say 21) and shares
it among its cells in proportion to weights (each cell's own plan target, its
number of sympathizers, …).  This is the apportionment problem, and
:func:`allocate` solves it with one of four classical methods (:class:`Method`):
Hamilton's largest remainders and the divisor methods of D'Hondt,
Sainte-Laguë and Huntington–Hill.

All arithmetic is exact (``fractions.Fraction``); floats appear only when
the messages are rendered.  Per-cell bounds are supported: a ``minimum``,
a ``maximum`` and a ``cap`` (for instance the number of admissible candidates
in the pipeline this year).  When the bounds cannot meet the target the result
is still returned, marked not :attr:`Allocation.feasible`, with the nearest
allocation the bounds allow and the reason.

Every seat given, every bound applied and every tie broken is logged
(:attr:`Allocation.steps`, :attr:`Allocation.ties`) as catalogue texts
(:class:`~dangvien.messages.Text`, Vietnamese and English), so a committee
can explain the numbers it publishes.

>>> a = allocate(21, {"a": 9, "b": 7, "c": 5}, method=Method.DHONDT)
>>> a.as_dict()
{'a': 9, 'b': 7, 'c': 5}
>>> a.feasible
True
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from typing import TypeVar

import attrs

from dangvien.errors import UsageError
from dangvien.messages import CatalogueEnum, Text

__all__ = [
    "Allocation",
    "AllocationError",
    "FrozenMap",
    "Method",
    "Step",
    "StepKind",
    "Tie",
    "allocate",
]

K = TypeVar("K")
V = TypeVar("V")


class AllocationError(UsageError):
    """Misuse of :func:`allocate` (tham số phân bổ sai).

    Raised for a negative total, weight or bound, a weight or bound of the
    wrong type, a bound naming a key that has no weight, or a minimum above
    the maximum of the same cell.  An unreachable target is *not* misuse: it
    gives an :class:`Allocation` that is not feasible.

    .. versionchanged:: 0.2
       A :class:`~dangvien.errors.UsageError` (still a ``ValueError``) with
       its message in Vietnamese and English from the catalogue.
    """


class FrozenMap(Mapping[K, V]):
    """An immutable, hashable mapping that keeps insertion order.

    :class:`Allocation` uses it for its per-cell mappings so that an
    allocation is a value: it can be hashed, put in sets and compared.  It
    compares equal to any mapping with the same items (order ignored, as for
    :class:`dict`), and its hash ignores order too.  Values must be hashable.

    >>> m = FrozenMap({"a": 1, "b": 2})
    >>> m["b"], list(m), m == {"b": 2, "a": 1}
    (2, ['a', 'b'], True)
    >>> hash(m) == hash(FrozenMap([("b", 2), ("a", 1)]))
    True
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._data: dict[K, V] = dict(data)
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


class Method(CatalogueEnum):
    """Apportionment method (phương pháp phân bổ).

    Its labels (:attr:`label_vi`, :attr:`label_en`) are catalogue entries
    ``enum.Method.<MEMBER>``.

    >>> Method.SAINTE_LAGUE.label_en
    'Sainte-Laguë (divisors 1/2, 3/2, 5/2, …)'

    .. versionchanged:: 0.2
       A :class:`~dangvien.messages.CatalogueEnum`: the bilingual ``label``
       string is replaced by :attr:`label_vi` and :attr:`label_en`.

    Attributes:
        HAMILTON: largest remainders (số dư lớn nhất): every cell gets the
            integer part of its quota, the seats left go to the largest
            fractional parts.  Satisfies the quota rule, but not house
            monotonicity (the Alabama paradox).
        DHONDT: divisor method with divisors 1, 2, 3, … (Jefferson).  Never
            below the lower quota; favours larger cells.
        SAINTE_LAGUE: divisor method with divisors ½, 1½, 2½, … (Webster).
        HUNTINGTON_HILL: divisor method with divisors √(s(s+1)), i.e. 0,
            √2, √6, …: every cell with a positive weight gets a first seat
            before any cell gets a second one.

    """

    HAMILTON = "hamilton"
    DHONDT = "dhondt"
    SAINTE_LAGUE = "sainte-lague"
    HUNTINGTON_HILL = "huntington-hill"

    @property
    def is_divisor(self) -> bool:
        """True for the divisor methods (all but Hamilton)."""
        return self is not Method.HAMILTON


class StepKind(enum.Enum):
    """What a :class:`Step` did.

    Attributes:
        MINIMUM: a cell was set to its minimum before seats were shared (all
            cells for divisor methods; zero-weight cells for Hamilton).
        CLAMP_MINIMUM: Hamilton: a quota below the cell's minimum; the cell
            is fixed at its minimum and the rest re-apportioned.
        CLAMP_MAXIMUM: Hamilton: a quota above the cell's upper bound; the
            cell is fixed at that bound and the rest re-apportioned.
        LOWER_QUOTA: Hamilton: a free cell gets the integer part of its quota.
        REMAINDER: Hamilton: one seat for one of the largest remainders.
        SEAT: divisor methods: one seat for the highest priority.

    """

    MINIMUM = "minimum"
    CLAMP_MINIMUM = "clamp-minimum"
    CLAMP_MAXIMUM = "clamp-maximum"
    LOWER_QUOTA = "lower-quota"
    REMAINDER = "remainder"
    SEAT = "seat"


@attrs.frozen
class Step:
    """One logged step of an apportionment (một bước phân bổ).

    Attributes:
        kind: what the step did.
        key: the cell concerned.
        seats: the cell's seats right after the step.
        value: the exact number that decided the step: the priority for
            D'Hondt and Sainte-Laguë; for Huntington–Hill the *square* of the
            priority, w²/(s(s+1)), which is rational (None when infinite,
            i.e. a first seat); the quota for Hamilton clamps and lower quotas;
            the fractional remainder for Hamilton remainder seats; None for a
            minimum.
        message: what happened, a catalogue text ``allocation.step.*``
            whose facts keep their types (the quota or remainder as a
            fraction); render it with ``.vi`` or ``.en``.

    .. versionchanged:: 0.2
       ``message`` is a :class:`~dangvien.messages.Text`, no longer a
       "Vietnamese / English" string.

    """

    kind: StepKind
    key: str
    seats: int
    value: Fraction | None
    message: Text


@attrs.frozen
class Tie:
    """A tie that had to be broken (trường hợp bằng nhau phải phân xử).

    Several cells had the same claim (priority, or Hamilton remainder) on the
    last seats, and there were fewer seats than cells.  Ties are broken by the
    larger weight, then by the order of the keys in the ``weights`` mapping.

    Attributes:
        keys: the tied cells, in tie-break order (winners first).
        seats: how many seats were left for them (fewer than ``len(keys)``).
        winners: the cells that got those seats.
        value: the common claim (as in :attr:`Step.value`); None for the
            infinite Huntington–Hill priority of a first seat.

    """

    keys: tuple[str, ...]
    seats: int
    winners: tuple[str, ...]
    value: Fraction | None

    @property
    def losers(self) -> tuple[str, ...]:
        """The tied cells that got no seat from the tie."""
        return tuple(k for k in self.keys if k not in self.winners)

    @property
    def message(self) -> Text:
        """What was tied and who won (catalogue text ``allocation.tie``).

        >>> Tie(("a", "b"), 1, ("a",), Fraction(1, 2)).message.en
        'tie between a, b for 1 seat(s); a chosen (larger weight, then order)'

        .. versionchanged:: 0.2
           A :class:`~dangvien.messages.Text`, no longer a bilingual string.
        """
        facts = {"keys": self.keys, "seats": self.seats, "winners": self.winners}
        return Text("allocation.tie", facts)


def _freeze_ints(data: Mapping[str, int]) -> FrozenMap[str, int]:
    return FrozenMap(data)


def _freeze_optional_ints(data: Mapping[str, int | None]) -> FrozenMap[str, int | None]:
    return FrozenMap(data)


def _freeze_fractions(data: Mapping[str, Fraction]) -> FrozenMap[str, Fraction]:
    return FrozenMap(data)


@attrs.frozen
class Allocation:
    """The result of :func:`allocate` (kết quả phân bổ).

    An allocation is an immutable, hashable value: its per-cell mappings are
    :class:`FrozenMap` (read-only, insertion-ordered like ``weights``).  Use
    :meth:`as_dict` for a plain ``dict`` of seats.

    Attributes:
        method: the method used.
        total: the total asked for.
        seats: seats per cell, in the order of ``weights``.
        quotas: the exact standard quotas ``total * w / sum(w)`` (all 0 when
            every weight is 0), before any bound.
        weights: the weights, as exact fractions.
        lower: the effective lower bound of each cell: its minimum, lowered
            to its upper bound when a cap is below the minimum.
        upper: the effective upper bound of each cell: the smaller of its
            maximum and its cap, None when unbounded; a zero-weight cell's
            upper bound is its lower bound (it gets only its minimum).
        shortfall: seats of ``total`` that no cell could take, because the
            upper bounds add up to less than ``total``.
        excess: seats given above ``total``, because the lower bounds add up
            to more than ``total``.
        unmet_minimum: cells whose cap is below their minimum, with by how
            much the minimum is missed.
        ties: the ties broken, in the order they occurred.
        steps: the log of every seat given and bound applied.

    """

    method: Method
    total: int
    seats: FrozenMap[str, int] = attrs.field(converter=_freeze_ints)
    quotas: FrozenMap[str, Fraction] = attrs.field(converter=_freeze_fractions)
    weights: FrozenMap[str, Fraction] = attrs.field(converter=_freeze_fractions)
    lower: FrozenMap[str, int] = attrs.field(converter=_freeze_ints)
    upper: FrozenMap[str, int | None] = attrs.field(converter=_freeze_optional_ints)
    shortfall: int = 0
    excess: int = 0
    unmet_minimum: FrozenMap[str, int] = attrs.field(
        factory=lambda: FrozenMap[str, int](), converter=_freeze_ints
    )
    ties: tuple[Tie, ...] = ()
    steps: tuple[Step, ...] = ()

    @property
    def feasible(self) -> bool:
        """True when every bound is kept and the seats add up to ``total``."""
        return self.shortfall == 0 and self.excess == 0 and not self.unmet_minimum

    @property
    def assigned(self) -> int:
        """The number of seats given, ``total - shortfall + excess``."""
        return sum(self.seats.values())

    @property
    def problems(self) -> tuple[Text, ...]:
        """Why the allocation is not feasible (catalogue texts ``allocation.problem.*``).

        >>> a = allocate(5, {"a": 1, "b": 1}, caps={"a": 1, "b": 2})
        >>> (a.feasible, a.shortfall, a.as_dict())
        (False, 2, {'a': 1, 'b': 2})
        >>> print(a.problems[0].en)
        the upper bounds add up to 3, 2 short of the total 5; every cell gets its upper bound
        >>> a.problems[0].fact("shortfall")
        2

        .. versionchanged:: 0.2
           :class:`~dangvien.messages.Text` values, no longer bilingual strings.
        """
        out: list[Text] = []
        if self.excess:
            facts = {"low": sum(self.lower.values()), "total": self.total, "excess": self.excess}
            out.append(Text("allocation.problem.excess", facts))
        if self.shortfall:
            facts = {"high": self.assigned, "total": self.total, "shortfall": self.shortfall}
            out.append(Text("allocation.problem.shortfall", facts))
        out.extend(
            Text("allocation.problem.unmet_minimum", {"key": key, "missed": missed})
            for key, missed in self.unmet_minimum.items()
        )
        return tuple(out)

    def as_dict(self) -> dict[str, int]:
        """Return the seats as a new plain ``dict`` (in the order of ``weights``).

        >>> allocate(3, {"x": 1, "y": 2}).as_dict()
        {'x': 1, 'y': 2}
        """
        return dict(self.seats)


# ---------------------------------------------------------------------------
# Validation


def _count(what: str, value: object) -> int:
    """Return *value* if it is a non-negative int, else raise AllocationError."""
    if isinstance(value, bool) or not isinstance(value, int):
        facts = {"what": what, "value": value, "type": type(value).__name__}
        raise AllocationError.from_text(Text("error.allocation.not_an_int", facts))
    if value < 0:
        facts = {"what": what, "value": value}
        raise AllocationError.from_text(Text("error.allocation.negative", facts))
    return value


def _weight(key: str, value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        facts = {"key": key, "value": value, "type": type(value).__name__}
        raise AllocationError.from_text(Text("error.allocation.weight_type", facts))
    if value < 0:
        facts = {"key": key, "value": value}
        raise AllocationError.from_text(Text("error.allocation.negative_weight", facts))
    return Fraction(value)


def _bound_map(name: str, bounds: Mapping[str, int], keys: Mapping[str, object]) -> dict[str, int]:
    unknown = [k for k in bounds if k not in keys]
    if unknown:
        facts = {"name": name, "keys": tuple(unknown)}
        raise AllocationError.from_text(Text("error.allocation.keys_without_weight", facts))
    return {k: _count(f"{name}[{k!r}]", v) for k, v in bounds.items()}


# ---------------------------------------------------------------------------
# Display (exact facts; the catalogue renders the approximations)


def _show_priority(method: Method, w: Fraction, s: int) -> Text:
    if method is Method.HUNTINGTON_HILL:
        if s == 0:
            return Text("allocation.priority.infinite")
        product = s * (s + 1)
        facts = {"weight": w, "product": product, "square": w * w / product}
        return Text("allocation.priority.root", facts)
    divisor = Fraction(s + 1) if method is Method.DHONDT else Fraction(2 * s + 1, 2)
    facts = {"weight": w, "divisor": divisor, "priority": w / divisor}
    return Text("allocation.priority.quotient", facts)


# ---------------------------------------------------------------------------
# Divisor methods

# A priority as a sortable pair: (1, 0) is +infinity, (0, p) is the finite p.
_Priority = tuple[int, Fraction]
_INFINITE: _Priority = (1, Fraction(0))


def _priority(method: Method, w: Fraction, s: int) -> _Priority:
    """Return the claim of a cell with weight *w* > 0 and *s* seats on one more seat.

    D'Hondt: w/(s+1).  Sainte-Laguë: w/(s+½) = 2w/(2s+1).  Huntington–Hill:
    w/√(s(s+1)), infinite for s = 0.  For Huntington–Hill the square
    w²/(s(s+1)) is returned instead: it orders cells the same way and is a
    fraction, so comparing two of them, w₁²/(s₁(s₁+1)) against
    w₂²/(s₂(s₂+1)), is exactly comparing w₁²·s₂(s₂+1) with w₂²·s₁(s₁+1)
    without a square root or a float.
    """
    if method is Method.DHONDT:
        return (0, w / (s + 1))
    if method is Method.SAINTE_LAGUE:
        return (0, 2 * w / (2 * s + 1))
    if s == 0:
        return _INFINITE
    return (0, w * w / (s * (s + 1)))


def _room(seats: int, upper: int | None) -> bool:
    return upper is None or seats < upper


def _divisor(
    method: Method,
    target: int,
    weights: Mapping[str, Fraction],
    lower: Mapping[str, int],
    upper: Mapping[str, int | None],
    rank: Mapping[str, tuple[Fraction, int]],
) -> tuple[dict[str, int], list[Step], list[Tie]]:
    """Bounded divisor method: start at the minimums, then seat by seat.

    Every cell starts at its lower bound; each further seat goes to the
    highest priority among the cells still below their upper bound.  This is
    the divisor method with min–max restrictions: a cell ends at
    clamp(round(w/λ), lower, upper) for one common divisor λ.  When several
    cells share the highest priority and fewer seats are left than cells, the
    tie is broken by *rank* and recorded.
    """
    seats = dict(lower)
    steps: list[Step] = []
    ties: list[Tie] = []
    given = sum(seats.values())
    while given < target:
        eligible = [k for k in seats if weights[k] > 0 and _room(seats[k], upper[k])]
        claims = {k: _priority(method, weights[k], seats[k]) for k in eligible}
        best = max(claims.values())
        group = sorted((k for k in eligible if claims[k] == best), key=rank.__getitem__)
        value = None if best == _INFINITE else best[1]
        left = target - given
        if len(group) > left:
            ties.append(Tie(tuple(group), left, tuple(group[:left]), value))
            group = group[:left]
        for k in group:
            shown = _show_priority(method, weights[k], seats[k])
            seats[k] += 1
            given += 1
            facts = {"given": given, "target": target, "key": k, "priority": shown}
            message = Text("allocation.step.seat", facts | {"seats": seats[k]})
            steps.append(Step(StepKind.SEAT, k, seats[k], value, message))
    return seats, steps, ties


# ---------------------------------------------------------------------------
# Hamilton


def _above(quota: Fraction, bound: int | None) -> bool:
    return bound is not None and quota > bound


def _hamilton(
    target: int,
    weights: Mapping[str, Fraction],
    lower: Mapping[str, int],
    upper: Mapping[str, int | None],
    rank: Mapping[str, tuple[Fraction, int]],
) -> tuple[dict[str, int], list[Step], list[Tie]]:
    """Bounded largest remainders, by iterated clamping.

    1. Zero-weight cells are fixed at their minimum (done by the caller).
    2. The seats not yet fixed are shared among the free cells in proportion
       to their weights (quota = seats left · w / free weight).  If no quota
       breaks a bound, go to 3.  Otherwise compare what clamping would cost:
       the seats needed to lift the quotas below their minimum against the
       seats freed by lowering the quotas above their upper bound.  If more
       are needed than freed, only the cells below their minimum are fixed
       there (the others' quotas can only fall, so these stay below); if
       more are freed than needed, only the cells above their upper bound
       are fixed there; if both are equal, both kinds are fixed.  Repeat.
    3. Every free cell gets the integer part of its quota; the seats left go
       one each to the largest fractional remainders.

    Each round fixes at least one cell, so this ends.  The quotas of step 3
    are the continuous bounded quotas clamp(λ·w, lower, upper) adding up to
    the target (step 2 never fixes a cell that this λ leaves free), and they
    lie within the bounds, so rounding them down or up keeps the bounds.
    """
    steps: list[Step] = []
    ties: list[Tie] = []
    seats = {k: lower[k] for k in weights if weights[k] == 0}
    fixed = sum(seats.values())
    free = [k for k in weights if weights[k] > 0]
    while True:
        rest = target - fixed
        if not free:
            assert rest == 0, "bounded quotas always add up to the target"
            return seats, steps, ties
        mass = sum((weights[k] for k in free), Fraction(0))
        quota = {k: rest * weights[k] / mass for k in free}
        low = [k for k in free if quota[k] < lower[k]]
        high = [k for k in free if _above(quota[k], upper[k])]
        if not low and not high:
            break
        needed = sum((lower[k] - quota[k] for k in low), Fraction(0))
        freed = sum((quota[k] - (upper[k] or 0) for k in high), Fraction(0))
        clamp_low = needed >= freed
        clamp_high = freed >= needed
        for k in free:
            if clamp_low and k in low:
                kind, seats[k] = StepKind.CLAMP_MINIMUM, lower[k]
            elif clamp_high and k in high:
                kind, seats[k] = StepKind.CLAMP_MAXIMUM, upper[k] or 0
            else:
                continue
            facts = {"key": k, "quota": quota[k], "seats": seats[k]}
            message = Text(f"allocation.step.{kind.name.lower()}", facts)
            steps.append(Step(kind, k, seats[k], quota[k], message))
            fixed += seats[k]
        free = [k for k in free if k not in seats]

    for k in free:
        seats[k] = math.floor(quota[k])
        facts = {"key": k, "quota": quota[k], "seats": seats[k]}
        message = Text("allocation.step.lower_quota", facts)
        steps.append(Step(StepKind.LOWER_QUOTA, k, seats[k], quota[k], message))
    left = rest - sum(seats[k] for k in free)
    if left == 0:
        return seats, steps, ties
    remainder = {k: quota[k] - seats[k] for k in free}
    ranked = sorted(free, key=lambda k: (-remainder[k], rank[k]))
    cut = remainder[ranked[left - 1]]
    sure = sum(1 for k in ranked if remainder[k] > cut)
    tied = [k for k in ranked if remainder[k] == cut]
    if sure + len(tied) > left:
        ties.append(Tie(tuple(tied), left - sure, tuple(tied[: left - sure]), cut))
    given = target - left
    for k in ranked[:left]:
        seats[k] += 1
        given += 1
        facts = {"given": given, "target": target, "key": k, "remainder": remainder[k]}
        message = Text("allocation.step.remainder", facts | {"seats": seats[k]})
        steps.append(Step(StepKind.REMAINDER, k, seats[k], remainder[k], message))
    return seats, steps, ties


# ---------------------------------------------------------------------------
# Entry point


def _minimum_step(key: str, seats: int, *, zero: bool) -> Step:
    name = "minimum_zero_weight" if zero else "minimum"
    message = Text(f"allocation.step.{name}", {"key": key, "seats": seats})
    return Step(StepKind.MINIMUM, key, seats, None, message)


def allocate(
    total: int,
    weights: Mapping[str, int | Fraction],
    *,
    method: Method = Method.HAMILTON,
    minimum: Mapping[str, int] | int = 0,
    maximum: Mapping[str, int] | None = None,
    caps: Mapping[str, int] | None = None,
) -> Allocation:
    """Apportion *total* seats over the cells of *weights* (phân bổ chỉ tiêu).

    Each cell's upper bound is the smaller of its ``maximum`` and its ``cap``
    (None when it has neither).  ``maximum`` is policy; ``cap`` is a fact of
    the year (e.g. admissible candidates), so a cap below a cell's minimum is
    not misuse: the cell gets its cap and the allocation is not feasible
    (:attr:`Allocation.unmet_minimum`).  A cell with weight 0 gets exactly
    its minimum.

    If the lower bounds add up to more than *total*, every cell gets its lower
    bound (:attr:`Allocation.excess` > 0); if the upper bounds add up to less,
    every cell gets its upper bound (:attr:`Allocation.shortfall` > 0).  In
    both cases the result is the nearest allocation the bounds allow, i.e.
    ``sum(seats) == clamp(total, sum(lower), sum(upper))``, and it is not
    feasible.

    Divisor methods give each cell its lower bound then hand out the seats one
    by one by priority among the cells below their upper bound (the divisor
    method with min–max restrictions).  Hamilton with bounds is iterative:
    compute the quotas of the cells not yet fixed, fix at their bound the
    cells whose quota breaks it (only those below their minimum if lifting
    them needs more seats than lowering the others frees, only those above
    their upper bound in the opposite case), re-apportion the remaining seats
    over the remaining cells, and repeat; then round the final quotas by
    largest remainders.  The final quotas are the continuous bounded quotas
    clamp(λ·w, lower, upper) that add up to the target, so rounding keeps
    every bound; without bounds this is plain Hamilton.

    Ties on the last seats go to the larger weight, then to the key that
    comes first in *weights*; each is recorded in :attr:`Allocation.ties`.
    Divisor methods log every seat, so they take O(seats × cells) time.

    Args:
        total: seats to share (chỉ tiêu), ≥ 0.
        weights: weight of each cell (≥ 0, int or Fraction); its order is the
            final tie-break and the order of the result.
        method: apportionment method.
        minimum: minimum seats, one int for every cell or per cell (missing
            cells: 0).
        maximum: maximum seats per cell (missing cells: unbounded).
        caps: per-cell cap, e.g. admissible candidates (missing: uncapped).

    Returns:
        The allocation, with quotas, ties and a step-by-step log.

    Raises:
        AllocationError: on misuse: a negative total, weight or bound; a
            non-int total or bound, a weight that is neither int nor
            Fraction; a bound for a key not in *weights*; a minimum above the
            maximum of the same cell.

    Examples:
        >>> allocate(10, {"A": 6, "B": 6, "C": 2}).as_dict()
        {'A': 4, 'B': 4, 'C': 2}
        >>> allocate(11, {"A": 6, "B": 6, "C": 2}).as_dict()
        {'A': 5, 'B': 5, 'C': 1}
        >>> a = allocate(5, {"a": 5, "b": 1, "c": 0}, minimum={"b": 1, "c": 1}, maximum={"a": 2})
        >>> (a.as_dict(), a.feasible)
        ({'a': 2, 'b': 2, 'c': 1}, True)
        >>> t = allocate(1, {"a": 1, "b": 1}, method=Method.DHONDT).ties[0]
        >>> (t.keys, t.seats, t.winners)
        (('a', 'b'), 1, ('a',))

    """
    _count("total", total)
    w = {k: _weight(k, v) for k, v in weights.items()}
    if isinstance(minimum, int):
        floor_all = _count("minimum", minimum)
        lower = dict.fromkeys(w, floor_all)
    else:
        lower = dict.fromkeys(w, 0) | _bound_map("minimum", minimum, w)
    maxima = _bound_map("maximum", maximum or {}, w)
    capped = _bound_map("caps", caps or {}, w)
    for k, high in maxima.items():
        if lower[k] > high:
            facts = {"key": k, "low": lower[k], "high": high}
            raise AllocationError.from_text(Text("error.allocation.minimum_above_maximum", facts))

    upper: dict[str, int | None] = {}
    unmet: dict[str, int] = {}
    for k in w:
        bounds = [b for b in (maxima.get(k), capped.get(k)) if b is not None]
        high_k = min(bounds) if bounds else None
        if high_k is not None and lower[k] > high_k:
            unmet[k] = lower[k] - high_k
            lower[k] = high_k
        upper[k] = lower[k] if w[k] == 0 else high_k

    low_sum = sum(lower.values())
    target = max(total, low_sum)
    shortfall = 0
    if None not in upper.values():
        high_sum = sum(u or 0 for u in upper.values())
        shortfall = max(0, total - high_sum)
        target = min(target, high_sum)

    mass = sum(w.values(), Fraction(0))
    quotas = {k: total * v / mass if mass else Fraction(0) for k, v in w.items()}
    rank = {k: (-v, i) for i, (k, v) in enumerate(w.items())}

    steps = [
        _minimum_step(k, lower[k], zero=w[k] == 0)
        for k in w
        if w[k] == 0 or (method.is_divisor and lower[k] > 0)
    ]
    if method.is_divisor:
        seats, more, ties = _divisor(method, target, w, lower, upper, rank)
    else:
        seats, more, ties = _hamilton(target, w, lower, upper, rank)
    return Allocation(
        method=method,
        total=total,
        seats={k: seats[k] for k in w},
        quotas=quotas,
        weights=w,
        lower=lower,
        upper=upper,
        shortfall=shortfall,
        excess=max(0, low_sum - total),
        unmet_minimum=unmet,
        ties=tuple(ties),
        steps=(*steps, *more),
    )
