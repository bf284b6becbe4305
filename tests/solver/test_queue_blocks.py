"""The planner's shortest stretch on one queue (``ShiftRules.min_queue_block_minutes``): the
block pass of the queue split, checked by counting staff per queue and interval by hand, and a
solve measured by the independent checker's ``queue_block_length`` findings."""

from __future__ import annotations

from collections import Counter

import numpy as np
from scenario_kit import scenario

from kcroster.rules.checker import check
from kcroster.solver import SolveOptions, solve
from kcroster.solver.extract import QueueCells
from kcroster.solver.queue_blocks import blocks, longer_blocks, short_blocks

BOTH = (("C", "T"), 10)  # a skill group: both queues, full productivity


def _onduty(activity: dict, group=BOTH) -> dict:
    """Every interval of every shift on duty, the shift's offset being its interval."""
    out: dict = {}
    for (ai, d), acts in activity.items():
        for off in range(len(acts)):
            out.setdefault((group, off), []).append((ai, d, off))
    return out


def _staff(activity: dict) -> Counter:
    return Counter((off, q) for acts in activity.values() for off, q in enumerate(acts))


def test_blocks_ignore_breaks_and_short_ones_need_a_change() -> None:
    assert blocks(["T", "T", "break", "T", "C"]) == [("T", [0, 1, 3]), ("C", [4])]
    assert short_blocks({(0, 0): ["T", "break", "T"]}, 4) == 0  # one queue: nothing to judge
    assert short_blocks({(0, 0): ["T", "T", "C", "T", "T", "T", "T"]}, 4) == 2


def test_two_agents_hand_each_other_their_excursions_at_the_same_staff() -> None:
    activity = {(0, 0): list("TTCTTTTT"), (1, 0): list("CCTCCCCC")}
    staff = _staff(activity)
    removed = longer_blocks(_onduty(activity), activity, min_len=4)
    assert removed == 4  # both agents' one-interval excursions and the blocks they split
    assert activity == {(0, 0): list("TTTTTTTT"), (1, 0): list("CCCCCCCC")}
    assert _staff(activity) == staff


def _cells(req_c: int) -> QueueCells:
    req = np.zeros((2, 8), dtype=np.int64)
    req[1] = 10  # T needs its agent, except in interval 2
    req[1, 2] = 0
    req[0, 2] = req_c  # queue C needs req_c tenths in interval 2
    staff = np.zeros_like(req)
    staff[1] = 10
    staff[1, 2] = 0
    staff[0, 2] = 10
    return QueueCells(["C", "T"], req, staff, [10], 1)


def test_an_agent_alone_leaves_an_excursion_that_covers_nobody_needed() -> None:
    activity = {(0, 0): list("TTCTTTTT")}
    cells = _cells(req_c=0)  # the half hour on C is over-staffing there
    longer_blocks(_onduty(activity), activity, min_len=4, cells=cells, weights=(20, 25))
    assert activity == {(0, 0): list("TTTTTTTT")}
    assert cells.staff[0, 2] == 0 and cells.staff[1, 2] == 10  # the cells follow the move


def test_an_excursion_that_covers_a_real_need_stays_when_the_need_outweighs_it() -> None:
    activity = {(0, 0): list("TTCTTTTT")}
    # leaving C costs a whole missing agent (100 points) against 20 + 2 x 25 for the block
    longer_blocks(_onduty(activity), activity, min_len=4, cells=_cells(req_c=10), weights=(20, 25))
    assert activity == {(0, 0): list("TTCTTTTT")}


def test_a_closed_queue_is_never_the_one_served_instead() -> None:
    activity = {(0, 0): list("TTCTTTTT")}
    cells = _cells(req_c=0)
    cells.open = np.ones((2, 8), dtype=bool)
    cells.open[1, 2] = False  # T closed in interval 2
    longer_blocks(_onduty(activity), activity, min_len=4, cells=cells, weights=(20, 25))
    assert activity == {(0, 0): list("TTCTTTTT")}


def _short_block_findings(minimum: int) -> tuple[int, int]:
    p, req = scenario("S", 1)
    p.shift_rules.min_queue_block_minutes = minimum
    res = solve(p, req, options=SolveOptions(time_limit_s=6, workers=1, seed=1, deterministic=True))
    p.shift_rules.min_queue_block_minutes = 60  # both judged by the same yardstick
    found = [v for v in check(res.roster, p) if v.rule_id == "queue_block_length"]
    return sum(int(v.message_nl.split()[0]) for v in found), sum(v.severity == "error" for v in check(res.roster, p))


def test_a_solve_with_the_minimum_leaves_far_fewer_short_blocks_than_one_without() -> None:
    without, errors_without = _short_block_findings(0)
    with_minimum, errors_with = _short_block_findings(60)
    assert errors_without == errors_with == 0
    assert without > 0
    assert with_minimum <= without / 2
