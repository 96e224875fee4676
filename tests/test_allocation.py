"""Apportionment of an admission target over cells: properties, references, worked examples."""

from __future__ import annotations

import ast
import doctest
import itertools
import math
from collections.abc import Iterator, Mapping
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvien.quotas import allocation
from dangvien.quotas.allocation import (
    AllocationError,
    FrozenMap,
    Method,
    StepKind,
    Tie,
    allocate,
)

DIVISOR_METHODS = [Method.DHONDT, Method.SAINTE_LAGUE, Method.HUNTINGTON_HILL]

# ---------------------------------------------------------------------------
# Strategies

KEYS = [f"c{i}" for i in range(8)]

weight_values = st.one_of(
    st.integers(min_value=0, max_value=30),
    st.fractions(min_value=0, max_value=30, max_denominator=6),
)


@st.composite
def weight_maps(draw: st.DrawFn, max_size: int = 6, positive: bool = False) -> dict[str, Fraction]:
    """Weights for 1..max_size cells, ints and fractions, some zero unless positive."""
    n = draw(st.integers(min_value=1, max_value=max_size))
    values = st.integers(1, 30) if positive else weight_values
    return {KEYS[i]: Fraction(draw(values)) for i in range(n)}


@st.composite
def problems(
    draw: st.DrawFn, max_size: int = 6, max_total: int = 30
) -> tuple[int, dict[str, Fraction], dict[str, int], dict[str, int], dict[str, int]]:
    """A total, weights and random (consistent) minimum, maximum and caps."""
    weights = draw(weight_maps(max_size=max_size))
    total = draw(st.integers(min_value=0, max_value=max_total))
    minimum: dict[str, int] = {}
    maximum: dict[str, int] = {}
    caps: dict[str, int] = {}
    for k in weights:
        low = draw(st.one_of(st.none(), st.integers(0, 5)))
        if low is not None:
            minimum[k] = low
        high = draw(st.one_of(st.none(), st.integers(low or 0, 10)))
        if high is not None:
            maximum[k] = high
        cap = draw(st.one_of(st.none(), st.integers(0, 10)))
        if cap is not None:
            caps[k] = cap
    return total, weights, minimum, maximum, caps


def bounds_of(
    weights: Mapping[str, Fraction],
    minimum: Mapping[str, int],
    maximum: Mapping[str, int],
    caps: Mapping[str, int],
) -> tuple[dict[str, int], dict[str, int | None]]:
    """Effective bounds, worked out independently of the module."""
    lower: dict[str, int] = {}
    upper: dict[str, int | None] = {}
    for k, w in weights.items():
        limits = [d[k] for d in (maximum, caps) if k in d]
        high = min(limits) if limits else None
        low = minimum.get(k, 0)
        if high is not None:
            low = min(low, high)
        lower[k] = low
        upper[k] = low if w == 0 else high
    return lower, upper


def clamp_total(total: int, lower: Mapping[str, int], upper: Mapping[str, int | None]) -> int:
    """The seats a bounded allocation can hand out: total clamped to [sum lower, sum upper]."""
    target = max(total, sum(lower.values()))
    if all(u is not None for u in upper.values()):
        target = min(target, sum(u for u in upper.values() if u is not None))
    return target


# ---------------------------------------------------------------------------
# Naive references (brute force over every allocation of small problems)


def vectors(
    target: int, lower: Mapping[str, int], upper: Mapping[str, int | None]
) -> Iterator[dict[str, int]]:
    """Every integer allocation within the bounds adding up to target."""
    keys = list(lower)
    ranges = [range(lower[k], (upper[k] if upper[k] is not None else target) + 1) for k in keys]
    for combo in itertools.product(*ranges):
        if sum(combo) == target:
            yield dict(zip(keys, combo, strict=True))


def squared_divisor(method: Method, s: int) -> Fraction:
    """d(s)² for the divisor of the (s+1)-th seat; squares keep Huntington–Hill rational."""
    if method is Method.DHONDT:
        return Fraction((s + 1) ** 2)
    if method is Method.SAINTE_LAGUE:
        return (s + Fraction(1, 2)) ** 2
    return Fraction(s * (s + 1))


def divisor_solutions(
    method: Method,
    target: int,
    weights: Mapping[str, Fraction],
    lower: Mapping[str, int],
    upper: Mapping[str, int | None],
) -> list[dict[str, int]]:
    """All bounded divisor-method allocations, by the min–max definition.

    An allocation is a divisor-method one iff some divisor λ separates the
    seats given from the seats not given: every seat a cell got above its
    minimum has priority w/d(s-1) at least the priority w/d(s) of every seat a
    cell below its upper bound could still get.  With squares:
    w_i² · d(s_j)² ≥ w_j² · d(s_i - 1)².
    """
    out = []
    for s in vectors(target, lower, upper):
        got = [k for k in s if s[k] > lower[k]]
        could = [k for k in s if weights[k] > 0 and (upper[k] is None or s[k] < (upper[k] or 0))]
        if all(
            weights[i] ** 2 * squared_divisor(method, s[j])
            >= weights[j] ** 2 * squared_divisor(method, s[i] - 1)
            for i in got
            for j in could
        ):
            out.append(s)
    return out


def bounded_quotas(
    target: int,
    weights: Mapping[str, Fraction],
    lower: Mapping[str, int],
    upper: Mapping[str, int | None],
) -> dict[str, Fraction]:
    """Continuous quotas clamp(λw, lower, upper) adding up to target, by trying every split.

    Each positive-weight cell is guessed to be at its lower bound, at its
    upper bound or free; a guess is right when one λ ≥ 0 makes it consistent.
    """
    zero = {k: Fraction(lower[k]) for k in weights if weights[k] == 0}
    keys = [k for k in weights if weights[k] > 0]
    for guess in itertools.product("LUF", repeat=len(keys)):
        role = dict(zip(keys, guess, strict=True))
        if any(role[k] == "U" and upper[k] is None for k in keys):
            continue
        fixed = {k: Fraction(lower[k] if role[k] == "L" else upper[k] or 0) for k in keys}
        fixed = {k: v for k, v in fixed.items() if role[k] != "F"}
        free = [k for k in keys if role[k] == "F"]
        rest = target - sum(fixed.values()) - sum(zero.values())
        if free:
            lam = rest / sum(weights[k] for k in free)
            candidates = [lam]
        else:
            if rest != 0:
                continue
            at_upper = [Fraction(upper[k] or 0) / weights[k] for k in keys if role[k] == "U"]
            candidates = [max(at_upper, default=Fraction(0))]
        for lam in candidates:
            if lam < 0:
                continue
            ok = all(
                (role[k] == "L" and lam * weights[k] <= lower[k])
                or (role[k] == "U" and lam * weights[k] >= (upper[k] or 0))
                or (
                    role[k] == "F"
                    and lower[k] <= lam * weights[k]
                    and (upper[k] is None or lam * weights[k] <= upper[k])
                )
                for k in keys
            )
            if ok:
                quotas = {k: fixed.get(k, lam * weights[k]) for k in keys}
                return {k: zero[k] if k in zero else quotas[k] for k in weights}
    raise AssertionError("no consistent split")  # pragma: no cover


def hamilton_solutions(
    target: int,
    weights: Mapping[str, Fraction],
    lower: Mapping[str, int],
    upper: Mapping[str, int | None],
) -> list[dict[str, int]]:
    """All allocations in bounds closest to the bounded quotas in total absolute deviation."""
    q = bounded_quotas(target, weights, lower, upper)
    scored = [(sum(abs(s[k] - q[k]) for k in s), s) for s in vectors(target, lower, upper)]
    best = min(d for d, _ in scored)
    return [s for d, s in scored if d == best]


def expected_solution_count(ties: tuple[Tie, ...]) -> int:
    """How many allocations differ only in how the recorded ties were broken."""
    return math.prod(math.comb(len(t.keys), t.seats) for t in ties)


# ---------------------------------------------------------------------------
# Properties of every method


@settings(max_examples=150)
@given(problem=problems(), method=st.sampled_from(Method))
def test_seats_add_up_to_the_total_clamped_by_the_bounds(problem, method):
    """Seats add up to the total when feasible, else to the nearest total the bounds allow."""
    total, weights, minimum, maximum, caps = problem
    a = allocate(total, weights, method=method, minimum=minimum, maximum=maximum, caps=caps)
    lower, upper = bounds_of(weights, minimum, maximum, caps)
    assert clamp_total(total, lower, upper) == a.assigned
    assert (a.shortfall == 0 and a.excess == 0 and not a.unmet_minimum) == a.feasible
    if a.feasible:
        assert total == sum(a.seats.values())
    assert total - a.shortfall + a.excess == a.assigned


@settings(max_examples=150)
@given(problem=problems(), method=st.sampled_from(Method))
def test_bounds_are_kept(problem, method):
    """No cell goes below its minimum (unless capped lower) or above its maximum or cap."""
    total, weights, minimum, maximum, caps = problem
    a = allocate(total, weights, method=method, minimum=minimum, maximum=maximum, caps=caps)
    lower, upper = bounds_of(weights, minimum, maximum, caps)
    assert lower == a.lower
    assert upper == a.upper
    for k, s in a.seats.items():
        assert lower[k] <= s
        assert s <= maximum.get(k, s)
        assert s <= caps.get(k, s)
        if minimum.get(k, 0) > s:
            assert caps[k] == s
            assert minimum[k] - caps[k] == a.unmet_minimum[k]
    assert set(a.unmet_minimum) == {k for k in caps if minimum.get(k, 0) > caps[k]}


@given(problem=problems(), method=st.sampled_from(Method))
def test_zero_weight_cells_get_only_their_minimum(problem, method):
    """A cell with weight 0 gets its minimum (or its cap if lower), never more."""
    total, weights, minimum, maximum, caps = problem
    a = allocate(total, weights, method=method, minimum=minimum, maximum=maximum, caps=caps)
    for k, w in weights.items():
        if w == 0:
            assert min(minimum.get(k, 0), caps.get(k, minimum.get(k, 0))) == a.seats[k]


@given(
    weights=weight_maps(),
    total=st.integers(0, 30),
    method=st.sampled_from(Method),
    scale=st.fractions(min_value=Fraction(1, 7), max_value=10, max_denominator=7),
)
def test_scaling_every_weight_changes_nothing(weights, total, method, scale):
    """Only the ratios of the weights matter: scaling them all keeps the seats."""
    scaled = {k: w * scale for k, w in weights.items()}
    expected = allocate(total, weights, method=method)
    actual = allocate(total, scaled, method=method)
    assert expected.as_dict() == actual.as_dict()
    assert expected.quotas == actual.quotas


@given(weights=weight_maps(), total=st.integers(0, 30), method=st.sampled_from(Method))
def test_quotas_are_exact_standard_quotas(weights, total, method):
    """The reported quotas are total·w/W exactly and add up to the total."""
    a = allocate(total, weights, method=method)
    mass = sum(weights.values())
    expected = {k: total * w / mass if mass else Fraction(0) for k, w in weights.items()}
    assert expected == a.quotas
    if mass:
        assert total == sum(a.quotas.values())


@given(problem=problems(), method=st.sampled_from(Method))
def test_caps_act_as_maximums_when_not_below_the_minimum(problem, method):
    """A cap at or above the minimum bounds a cell exactly like the same maximum."""
    total, weights, minimum, _maximum, caps = problem
    caps = {k: c for k, c in caps.items() if c >= minimum.get(k, 0)}
    expected = allocate(total, weights, method=method, minimum=minimum, maximum=caps)
    actual = allocate(total, weights, method=method, minimum=minimum, caps=caps)
    assert expected.seats == actual.seats


@given(problem=problems(), method=st.sampled_from(Method))
def test_step_log_accounts_for_every_seat(problem, method):
    """Replaying the logged steps gives the final seats of every cell, each step explained."""
    total, weights, minimum, maximum, caps = problem
    a = allocate(total, weights, method=method, minimum=minimum, maximum=maximum, caps=caps)
    replay = dict.fromkeys(weights, 0)
    for step in a.steps:
        assert step.message.key.startswith("allocation.step.")
        assert step.key == step.message.fact("key")
        assert step.seats == step.message.fact("seats")
        assert step.message.vi  # every placeholder has its fact
        assert step.message.en
        replay[step.key] = step.seats
    assert dict(a.seats) == replay
    seat_steps = [s for s in a.steps if s.kind in (StepKind.SEAT, StepKind.REMAINDER)]
    if method.is_divisor:
        assert a.assigned - sum(a.lower.values()) == len(seat_steps)


@given(problem=problems(), method=st.sampled_from(Method))
def test_ties_are_well_formed(problem, method):
    """Each recorded tie had fewer seats than tied cells, and its winners got them."""
    total, weights, minimum, maximum, caps = problem
    a = allocate(total, weights, method=method, minimum=minimum, maximum=maximum, caps=caps)
    for tie in a.ties:
        assert 0 < tie.seats < len(tie.keys)
        assert tie.keys[: tie.seats] == tie.winners
        assert len(tie.keys) == len(set(tie.keys))
        ranks = [(-weights[k], list(weights).index(k)) for k in tie.keys]
        assert sorted(ranks) == ranks
        assert set(tie.keys) - set(tie.winners) == set(tie.losers)


@given(problem=problems(), method=st.sampled_from(Method))
def test_allocation_is_a_hashable_value(problem, method):
    """The same problem gives equal, equally hashed allocations whose seats cannot be changed."""
    total, weights, minimum, maximum, caps = problem
    a = allocate(total, weights, method=method, minimum=minimum, maximum=maximum, caps=caps)
    b = allocate(total, weights, method=method, minimum=minimum, maximum=maximum, caps=caps)
    assert a == b
    assert hash(a) == hash(b)
    assert 1 == len({a, b})
    with pytest.raises(TypeError):
        a.seats["c0"] = 99  # type: ignore[index]


# ---------------------------------------------------------------------------
# What each method guarantees


@given(weights=weight_maps(), total=st.integers(0, 40))
def test_hamilton_satisfies_the_quota_rule(weights, total):
    """Unbounded Hamilton gives each cell its quota rounded down or up."""
    a = allocate(total, weights)
    for k, q in a.quotas.items():
        assert a.seats[k] in {math.floor(q), math.ceil(q)}


@pytest.mark.parametrize("method", DIVISOR_METHODS)
@given(weights=weight_maps(), total=st.integers(0, 30))
def test_divisor_methods_are_house_monotone(method, weights, total):
    """One more seat in total never takes a seat from any cell (no Alabama paradox)."""
    before = allocate(total, weights, method=method)
    after = allocate(total + 1, weights, method=method)
    for k in weights:
        assert before.seats[k] <= after.seats[k]


@pytest.mark.parametrize("method", DIVISOR_METHODS)
@given(data=st.data())
def test_divisor_methods_are_population_monotone(method, data):
    """If i's weight grows strictly relative to j's, i never loses a seat while j gains one."""
    old = data.draw(weight_maps(positive=True))
    new = {k: Fraction(data.draw(st.integers(1, 30))) for k in old}
    total = data.draw(st.integers(0, 30))
    before = allocate(total, old, method=method).seats
    after = allocate(total, new, method=method).seats
    for i, j in itertools.permutations(old, 2):
        if new[i] / new[j] > old[i] / old[j]:
            assert not (after[i] < before[i] and after[j] > before[j])


@given(weights=weight_maps(), total=st.integers(0, 40))
def test_dhondt_satisfies_lower_quota(weights, total):
    """D'Hondt never gives a cell fewer seats than its quota rounded down."""
    a = allocate(total, weights, method=Method.DHONDT)
    for k, q in a.quotas.items():
        assert math.floor(q) <= a.seats[k]


@given(weights=weight_maps(positive=True), total=st.integers(0, 20))
def test_huntington_hill_gives_first_seats_first(weights, total):
    """Huntington–Hill gives every cell one seat before any cell gets a second one."""
    a = allocate(total, weights, method=Method.HUNTINGTON_HILL)
    if total >= len(weights):
        assert all(s >= 1 for s in a.seats.values())
    else:
        assert all(s <= 1 for s in a.seats.values())


# ---------------------------------------------------------------------------
# Agreement with brute force


@st.composite
def small_problems(
    draw: st.DrawFn,
) -> tuple[int, dict[str, Fraction], dict[str, int], dict[str, int]]:
    """Up to 4 cells and 10 seats, with or without minimums and maximums."""
    weights = draw(weight_maps(max_size=4))
    total = draw(st.integers(0, 10))
    bounded = draw(st.booleans())
    minimum: dict[str, int] = {}
    maximum: dict[str, int] = {}
    if bounded:
        for k in weights:
            low = draw(st.integers(0, 3))
            minimum[k] = low
            if draw(st.booleans()):
                maximum[k] = draw(st.integers(low, 6))
    return total, weights, minimum, maximum


@settings(max_examples=150)
@pytest.mark.parametrize("method", DIVISOR_METHODS)
@given(problem=small_problems())
def test_divisor_methods_agree_with_brute_force(method, problem):
    """The seat-by-seat result is a divisor-method allocation, the only one unless ties."""
    total, weights, minimum, maximum = problem
    a = allocate(total, weights, method=method, minimum=minimum, maximum=maximum)
    lower, upper = bounds_of(weights, minimum, maximum, {})
    solutions = divisor_solutions(method, a.assigned, weights, lower, upper)
    assert dict(a.seats) in solutions
    assert expected_solution_count(a.ties) == len(solutions)


@settings(max_examples=150)
@given(problem=small_problems())
def test_hamilton_agrees_with_brute_force(problem):
    """Bounded Hamilton is the allocation nearest the bounded quotas, the only one unless ties."""
    total, weights, minimum, maximum = problem
    a = allocate(total, weights, minimum=minimum, maximum=maximum)
    lower, upper = bounds_of(weights, minimum, maximum, {})
    solutions = hamilton_solutions(a.assigned, weights, lower, upper)
    assert dict(a.seats) in solutions
    assert expected_solution_count(a.ties) == len(solutions)


# ---------------------------------------------------------------------------
# Worked examples

# The 16 cells of the commune, in the order of the plan's table, with their
# annual plan targets (they add up to 21).
LONG_THANH_TARGETS = dict(
    zip(
        [f"chi-bo-{i:02d}" for i in range(1, 17)],
        [2, 2, 1, 1, 2, 1, 2, 1, 1, 1, 1, 2, 2, 2, 0, 0],
        strict=True,
    )
)


@pytest.mark.parametrize("method", list(Method))
def test_long_thanh_targets_are_reproduced(method):
    """21 seats weighted by the 16 cells' plan targets give back exactly those targets."""
    # Weights adding up to the total make every quota an integer (21·w/21 = w);
    # Hamilton has no remainders, and for a divisor method λ = 1 works: every
    # cell's last seat has priority > 1 (or = 1 for D'Hondt) and its next < 1.
    a = allocate(21, LONG_THANH_TARGETS, method=method)
    assert 21 == sum(LONG_THANH_TARGETS.values())
    assert LONG_THANH_TARGETS == a.as_dict()
    assert () == a.ties
    assert a.feasible


def test_dhondt_and_sainte_lague_differ_on_textbook_example():
    """8 seats over weights 10, 8, 3, 2: D'Hondt gives 4-3-1-0, Sainte-Laguë 3-3-1-1."""
    weights = {"A": 10, "B": 8, "C": 3, "D": 2}
    # D'Hondt, divisors 1, 2, 3, 4:
    #   A: 10, 5, 3.33, 2.5, 2     B: 8, 4, 2.67, 2     C: 3, 1.5     D: 2, 1
    #   the 8 largest: 10A 8B 5A 4B 3.33A 3C 2.67B 2.5A -> A 4, B 3, C 1, D 0
    #   (the three 2s of A, B and D would compete only for a 9th seat).
    dhondt = allocate(8, weights, method=Method.DHONDT)
    assert {"A": 4, "B": 3, "C": 1, "D": 0} == dhondt.as_dict()
    assert () == dhondt.ties
    # Sainte-Laguë, divisors 1/2, 3/2, 5/2, 7/2 (same order as 1, 3, 5, 7):
    #   A: 10, 3.33, 2, 1.43       B: 8, 2.67, 1.6     C: 3, 1          D: 2, 0.67
    #   the 8 largest: 10A 8B 3.33A 3C 2.67B 2A 2D 1.6B -> A 3, B 3, C 1, D 1
    #   (A and D tie at 2 but both get a seat, so no tie is broken).
    sainte_lague = allocate(8, weights, method=Method.SAINTE_LAGUE)
    assert {"A": 3, "B": 3, "C": 1, "D": 1} == sainte_lague.as_dict()
    assert () == sainte_lague.ties


def test_hamilton_alabama_paradox():
    """Hamilton: going from 10 to 11 seats over weights 6, 6, 2 takes a seat from C."""
    weights = {"A": 6, "B": 6, "C": 2}
    # 10 seats, W = 14: quotas 60/14 = 4.286, 4.286, 20/14 = 1.429.
    #   Floors 4 + 4 + 1 = 9; the 10th seat goes to the largest remainder,
    #   C's 0.429 > 0.286 -> 4, 4, 2.
    # 11 seats: quotas 66/14 = 4.714, 4.714, 22/14 = 1.571.
    #   Floors 4 + 4 + 1 = 9; seats 10 and 11 go to A and B (0.714 > 0.571)
    #   -> 5, 5, 1: C lost a seat when the total grew.
    ten = allocate(10, weights)
    eleven = allocate(11, weights)
    assert {"A": 4, "B": 4, "C": 2} == ten.as_dict()
    assert {"A": 5, "B": 5, "C": 1} == eleven.as_dict()
    assert {"A": Fraction(30, 7), "B": Fraction(30, 7), "C": Fraction(10, 7)} == ten.quotas
    # A divisor method cannot do this: with D'Hondt C's seats never fall.
    c_seats = [allocate(t, weights, method=Method.DHONDT).seats["C"] for t in (10, 11)]
    assert sorted(c_seats) == c_seats


def test_hamilton_tie_goes_to_the_first_key():
    """Two equal cells and one seat: the first key wins and the tie is recorded."""
    a = allocate(1, {"a": 1, "b": 1})
    assert {"a": 1, "b": 0} == a.as_dict()
    assert (Tie(keys=("a", "b"), seats=1, winners=("a",), value=Fraction(1, 2)),) == a.ties
    assert ("b",) == a.ties[0].losers


def test_dhondt_tie_goes_to_the_larger_weight():
    """Equal D'Hondt priorities for the last seat: the larger weight wins, not the first key."""
    # Priorities: a 1, 1/2 …; b 2, 1, 2/3 …  Seat 1: b (2).  Seat 2: a (1) and
    # b (2/2 = 1) tie; b has the larger weight.
    a = allocate(2, {"a": 1, "b": 2}, method=Method.DHONDT)
    assert {"a": 0, "b": 2} == a.as_dict()
    assert (Tie(keys=("b", "a"), seats=1, winners=("b",), value=Fraction(1)),) == a.ties


def test_huntington_hill_first_seat_tie_is_recorded():
    """Fewer seats than cells under Huntington–Hill: the infinite first-seat tie is recorded."""
    a = allocate(2, {"x": 1, "y": 5, "z": 3}, method=Method.HUNTINGTON_HILL)
    assert {"x": 0, "y": 1, "z": 1} == a.as_dict()
    assert (Tie(keys=("y", "z", "x"), seats=2, winners=("y", "z"), value=None),) == a.ties


def test_huntington_hill_compares_exactly():
    """Huntington–Hill compares w/√(s(s+1)) exactly, here 3/√2 against 2/√1 for seat 3."""
    # After one seat each, a (w 3) has priority 3/√2 ≈ 2.121 and b (w 2) 2/√2 ≈
    # 1.414, so a gets seat 3; then a has 3/√6 ≈ 1.225 and b 1.414, so b gets
    # seat 4.  Squares: 9/2 > 4/2, then 9/6 = 1.5 < 2.
    a = allocate(4, {"a": 3, "b": 2}, method=Method.HUNTINGTON_HILL)
    assert {"a": 2, "b": 2} == a.as_dict()
    values = [s.value for s in a.steps if s.kind is StepKind.SEAT]
    assert [None, None, Fraction(9, 2), Fraction(2)] == values


def test_minimums_above_the_total_give_everyone_their_minimum():
    """Minimums adding up to more than the total: not feasible, everyone at the minimum."""
    a = allocate(3, {"a": 5, "b": 1}, minimum=2, method=Method.SAINTE_LAGUE)
    assert {"a": 2, "b": 2} == a.as_dict()
    assert (False, 1, 0) == (a.feasible, a.excess, a.shortfall)
    assert 1 == len(a.problems)


def test_caps_below_the_total_give_everyone_their_cap():
    """Caps adding up to less than the total: not feasible, the shortfall is reported."""
    a = allocate(21, {"a": 5, "b": 1, "c": 0}, caps={"a": 4, "b": 3}, minimum={"c": 1})
    assert {"a": 4, "b": 3, "c": 1} == a.as_dict()
    assert (False, 0, 13) == (a.feasible, a.excess, a.shortfall)
    # Upper bounds: a 4, b 3, c (weight 0) its minimum 1 = 8; 21 - 8 = 13 short.
    (problem,) = a.problems
    assert "allocation.problem.shortfall" == problem.key
    assert (8, 21, 13) == (problem.fact("high"), problem.fact("total"), problem.fact("shortfall"))
    assert "tổng cận trên 8 thấp hơn chỉ tiêu 21, thiếu 13 suất; mỗi chi bộ nhận đến cận trên" == (
        problem.vi
    )
    assert (
        "the upper bounds add up to 8, 13 short of the total 21; every cell gets its upper bound"
        == problem.en
    )


def test_cap_below_a_minimum_is_reported_not_raised():
    """A cap below a cell's minimum caps the cell and makes the allocation infeasible."""
    a = allocate(4, {"a": 1, "b": 1}, minimum=2, caps={"b": 1})
    assert {"a": 3, "b": 1} == a.as_dict()
    assert {"b": 1} == a.unmet_minimum
    assert not a.feasible


def test_hamilton_clamps_and_reapportions():
    """A quota above the cap is fixed at the cap and the rest shared among the others."""
    # 10 seats over 5, 3, 2: quotas 5, 3, 2; cap a at 3 -> 7 seats over b, c
    # (3:2): quotas 4.2 and 2.8 -> 4 + 2, the 7th seat to c's 0.8 -> 3, 4, 3.
    a = allocate(10, {"a": 5, "b": 3, "c": 2}, caps={"a": 3})
    assert {"a": 3, "b": 4, "c": 3} == a.as_dict()
    assert [StepKind.CLAMP_MAXIMUM] == [
        s.kind for s in a.steps if s.kind in (StepKind.CLAMP_MAXIMUM, StepKind.CLAMP_MINIMUM)
    ]
    assert a.feasible


def test_frozen_map_is_a_read_only_mapping():
    """FrozenMap compares like a dict, hashes without regard to order and has no setter."""
    m = FrozenMap({"a": 1, "b": 2})
    assert {"a": 1, "b": 2} == m
    assert hash(FrozenMap([("b", 2), ("a", 1)])) == hash(m)
    assert ["a", "b"] == list(m)
    assert not hasattr(m, "__setitem__")


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"total": -1, "weights": {"a": 1}}, "total"),
        ({"total": 1, "weights": {"a": -1}}, "weight"),
        ({"total": 1, "weights": {"a": 0.5}}, "Fraction"),
        ({"total": 1, "weights": {"a": 1}, "minimum": -1}, "minimum"),
        ({"total": 1, "weights": {"a": 1}, "minimum": {"b": 1}}, "without a weight: b"),
        ({"total": 1, "weights": {"a": 1}, "maximum": {"b": 1}}, "without a weight: b"),
        ({"total": 1, "weights": {"a": 1}, "caps": {"b": 1}}, "without a weight: b"),
        ({"total": 1, "weights": {"a": 1}, "caps": {"a": -2}}, "caps"),
        ({"total": 1, "weights": {"a": 1}, "minimum": {"a": 3}, "maximum": {"a": 2}}, "maximum"),
    ],
)
def test_misuse_raises_allocation_error(kwargs, fragment):
    """Negative numbers, wrong types, unknown keys and min > max are misuse, not infeasibility."""
    with pytest.raises(AllocationError, match=fragment):
        allocate(**kwargs)
    assert issubclass(AllocationError, ValueError)


def test_empty_weights():
    """No cells: zero seats is feasible, any positive total is all shortfall."""
    assert {} == allocate(0, {}).as_dict()
    assert allocate(0, {}).feasible
    assert 3 == allocate(3, {}).shortfall


def test_module_doctests_pass():
    """The examples in the module's docstrings are correct."""
    result = doctest.testmod(allocation)
    assert 0 == result.failed
    assert result.attempted > 0


# ---------------------------------------------------------------------------
# Messages: catalogue texts with typed facts


def test_step_messages_keep_exact_fractions_and_render_both_languages():
    """A Hamilton log: quotas stay Fractions in the facts, shown with three decimals."""
    # Weights 19, 12, 11 (sum 42), total 9, cap a at 1.  Quota a = 9·19/42 = 57/14
    # ≈ 4.071 > 1: fixed at 1.  Then 8 seats over b, c (sum 23): b 96/23 ≈ 4.174,
    # c 88/23 ≈ 3.826; integer parts 4 + 3 = 7, the last seat to c (remainder
    # 19/23 ≈ 0.826 > b's 4/23).
    a = allocate(9, {"a": 19, "b": 12, "c": 11}, caps={"a": 1})
    clamp, b, c, seat = (s.message for s in a.steps)
    assert "allocation.step.clamp_maximum" == clamp.key
    assert Fraction(57, 14) == clamp.fact("quota")
    assert "a: hạn ngạch 57/14 ≈ 4,071 vượt cận trên 1, giữ ở 1, chia lại phần còn lại" == clamp.vi
    assert (
        "a: quota 57/14 ≈ 4.071 above its upper bound 1, fixed there, the rest re-apportioned"
        == clamp.en
    )
    assert "b: quota 96/23 ≈ 4.174, gets its integer part 4" == b.en
    assert "c: hạn ngạch 88/23 ≈ 3,826, nhận phần nguyên 3" == c.vi
    assert Fraction(19, 23) == seat.fact("remainder")
    assert "seat 9/9 → c, remainder 19/23 ≈ 0.826, now 4" == seat.en


@pytest.mark.parametrize(
    ("method", "en"),
    [
        # a: weight 3, no seat yet.  D'Hondt 3/1 = 3; Sainte-Laguë 3/(1/2) = 6;
        # Huntington-Hill: infinite for a first seat.
        (Method.DHONDT, "seat 1/2 → a, priority 3/1 = 3, now 1"),
        (Method.SAINTE_LAGUE, "seat 1/2 → a, priority 3/1/2 ≈ 0.500 = 6, now 1"),
        (Method.HUNTINGTON_HILL, "seat 1/2 → a, priority ∞, now 1"),
    ],
)
def test_divisor_seat_messages(method, en):
    """A divisor seat shows the weight, the divisor and the exact priority."""
    a = allocate(2, {"a": 3, "b": 1}, method=method)
    assert en == a.steps[0].message.en


def test_huntington_hill_second_seat_shows_the_root():
    """Huntington–Hill priorities are kept squared and shown as w/√(s(s+1))."""
    # a 3, b 1, three seats: a ∞, b ∞, then a 3/√2 ≈ 2.121 (square 9/2) against b 1/√2.
    a = allocate(3, {"a": 3, "b": 1}, method=Method.HUNTINGTON_HILL)
    third = a.steps[2].message
    assert Fraction(9, 2) == third.fact("priority").fact("square")
    assert "suất 3/3 → a, thương số 3/√2 ≈ 2,121, nay có 2" == third.vi


def test_minimum_and_tie_messages():
    """Minimum steps and ties are catalogue texts whose facts are the keys and counts."""
    a = allocate(1, {"a": 1, "b": 1, "z": 0}, method=Method.DHONDT, minimum={"z": 1})
    # z weighs 0: it gets its minimum 1, which uses the only seat; a, b get none.
    assert "z: weight 0, gets only its minimum 1" == a.steps[0].message.en
    b = allocate(1, {"a": 1, "b": 1}, method=Method.DHONDT, minimum={"a": 0})
    (tie,) = b.ties
    assert ("a", "b") == tie.message.fact("keys")
    assert (
        "bằng nhau giữa a, b cho 1 suất; a được chọn (trọng số lớn hơn, rồi theo thứ tự)"
        == tie.message.vi
    )


def test_problems_for_excess_and_unmet_minimum():
    """Excess over the total and a cap below a minimum each give a catalogue text."""
    # Minimums 2 + 2 = 4 over a total of 3: excess 1.
    excess = allocate(3, {"a": 5, "b": 1}, minimum=2).problems
    assert ("the minimums add up to 4, 1 over the total 3; every cell gets just its minimum",) == (
        tuple(p.en for p in excess)
    )
    # a: minimum 3, cap 1: missed by 2.
    unmet = allocate(3, {"a": 1, "b": 1}, minimum={"a": 3}, caps={"a": 1}).problems
    assert "a: trần thấp hơn mức tối thiểu 2 suất" == unmet[-1].vi


def test_method_labels_come_from_the_catalogue():
    """Every method has a label in each language, with no bilingual slash."""
    assert "số dư lớn nhất (Hamilton)" == Method.HAMILTON.label_vi
    assert "D'Hondt (divisors 1, 2, 3, …)" == Method.DHONDT.label_en
    for m in Method:
        assert " / " not in m.label_vi + m.label_en


def test_no_bilingual_text_is_written_in_the_module():
    """allocation.py builds catalogue texts only: no "vi / en" string outside docstrings."""
    tree = ast.parse(Path(allocation.__file__).read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and " / " in node.value
    ]
    assert [] == found
