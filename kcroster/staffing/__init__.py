"""Staffing maths: Erlang B/C/A, chat concurrency, e-mail backlog, requirement and shrinkage.

Pure numpy, vectorised over whole queue × interval arrays; never imports Qt. docs/design.md §4.

Public API (stable; the rest of the application calls these)
------------------------------------------------------------
Queue level (``kcroster.staffing.requirement``)::

    compute_requirement(volume[Q, I], aht[Q, I], interval_seconds: int,
                        settings: Sequence[QueueTargets],
                        open_mask[Q, I] | None = None) -> Requirement
    predict(volume[Q, I], aht[Q, I], interval_seconds: int,
            settings: Sequence[QueueTargets], agents[Q, I],
            open_mask[Q, I] | None = None) -> Prediction

    Requirement: traffic, agents_fractional, agents (int), scheduled (int), service_level,
                 asa, p_wait, occupancy, abandon, reachability — all [Q, I]
    Prediction:  traffic, service_level, asa, p_wait, occupancy, abandon, reachability

    scheduled_agents(required, shrinkage) -> int array      ceil(required / (1 − shrinkage))
    agent_hours(agents, interval_seconds)
    (FTE: one rule on Project.fte_hours, in kcroster.model.kpis)

``QueueTargets`` (``kcroster.staffing.targets``): channel ('voice'|'chat'|'email'),
sl_percent=80, sl_seconds=20, asa_seconds=None, max_occupancy=0.85, shrinkage=0.30,
patience_seconds=None (None = Erlang C, set = Erlang A), max_abandon=None (fraction),
concurrency=1 (chat 1–6), response_hours=24 (e-mail), min_agents_when_open=0.

Formula level (``kcroster.staffing.erlang``; arguments broadcast, any shape)::

    offered_traffic(volume, aht, interval_seconds)
    erlang_b(agents, traffic), log_inverse_erlang_b(agents, traffic), erlang_c(agents, traffic)
    erlang_c_kpis(agents, traffic, aht, sl_seconds) -> QueueKpis
    erlang_a_kpis(agents, traffic, aht, patience, sl_seconds) -> QueueKpis
    required_agents_erlang_c(traffic, aht, sl_target, sl_seconds,
                             asa_seconds=None, max_occupancy=None) -> int array
    required_agents_erlang_a(traffic, aht, patience, sl_target, sl_seconds,
                             asa_seconds=None, max_abandon=None, max_occupancy=None) -> int array

Channels (``kcroster.staffing.channels``): chat_servers, agents_for_servers,
response_window_intervals, deferred_min_peak_rate, deferred_kpis.

KPI definitions (Erlang A service level over offered contacts, P(wait) = P(all agents busy at
arrival), ASA over answered contacts, ...) are in the ``erlang`` and ``requirement`` docstrings.
"""

from kcroster.staffing.erlang import (
    QueueKpis,
    erlang_a_kpis,
    erlang_b,
    erlang_c,
    erlang_c_kpis,
    log_inverse_erlang_b,
    offered_traffic,
    required_agents_erlang_a,
    required_agents_erlang_c,
)
from kcroster.staffing.requirement import (
    MAX_VOLUME_PER_INTERVAL,
    Prediction,
    Requirement,
    agent_hours,
    compute_requirement,
    first_volume_too_large,
    predict,
    scheduled_agents,
    volume_limit_reason,
)
from kcroster.staffing.targets import CHANNELS, QueueTargets

__all__ = [
    "CHANNELS",
    "MAX_VOLUME_PER_INTERVAL",
    "Prediction",
    "QueueKpis",
    "QueueTargets",
    "Requirement",
    "agent_hours",
    "compute_requirement",
    "erlang_a_kpis",
    "erlang_b",
    "erlang_c",
    "erlang_c_kpis",
    "first_volume_too_large",
    "log_inverse_erlang_b",
    "offered_traffic",
    "predict",
    "required_agents_erlang_a",
    "required_agents_erlang_c",
    "scheduled_agents",
    "volume_limit_reason",
]
