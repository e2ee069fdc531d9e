"""The pure funnel fold on hand-built timelines: each way through the funnel,
the bulk-screened applicants, candidates still running, and the time maths."""

from datetime import timedelta

import pytest

from domain.audit.funnel import Durations, FunnelReport, funnel, quantile
from domain.audit.funnel_facts import CandidateFacts, fold_candidate
from domain.process.stages import STAGE_ORDER
from tests.report.timelines import (
    DEFINITION,
    EXPECTED_STAGES,
    MINUTE,
    T0,
    Step,
    bulk_screened,
    drafts,
    lifecycle,
    population,
    population_drafts,
    through,
)


def facts(steps: list[Step]) -> CandidateFacts:
    folded = fold_candidate(drafts("c", steps))
    assert folded is not None
    return folded


def assert_durations(durations: Durations, count: int, median: float, p90: float) -> None:
    assert durations.count == count
    assert durations.median_s == pytest.approx(median)
    assert durations.p90_s == pytest.approx(p90)


def test_happy_path_reaches_every_stage_and_is_hired() -> None:
    hired = facts(lifecycle(through("promotion_review"), "hired", 480, "completed"))

    assert hired.stages == tuple(map(str, STAGE_ORDER))
    assert (hired.outcome, hired.last_stage, hired.hired, hired.running) == (
        "hired",
        "promotion_review",
        True,
        False,
    )
    assert hired.ai_completed and hired.ai_passed
    assert hired.applied_at == T0 and hired.ended_at == T0 + timedelta(minutes=480)
    assert hired.stage_seconds == {
        **{str(stage): 60 * MINUTE for stage in STAGE_ORDER[:-1]},
        "promotion_review": 120 * MINUTE,
    }


@pytest.mark.parametrize(
    ("last", "outcome"),
    [
        ("screening", "talent_pool"),
        ("screening", "rejected"),
        ("ai_interview", "talent_pool"),
        ("second_interview", "talent_pool"),
        ("offer", "rejected"),
        ("offer", "offer_declined"),
        ("offer", "offer_expired"),
        ("promotion_review", "probation_failed"),
    ],
)
def test_a_reject_ends_the_candidate_at_that_stage(last: str, outcome: str) -> None:
    steps = lifecycle(through(last), outcome, 1000, "completed")
    report = funnel(drafts("c", steps))

    stage = {figures.stage: figures for figures in report.stages}
    assert stage[last].reached == 1 and stage[last].passed_on == 0
    assert dict(stage[last].ended) == {outcome: 1} and stage[last].dropped == 1
    assert stage[last].drop_off_rate == 1.0
    assert stage[last].pass_rate == (None if last == "promotion_review" else 0.0)
    earlier = [figures for figures in report.stages if figures.stage != last and figures.reached]
    assert all(figures.pass_rate == 1.0 and figures.dropped == 0 for figures in earlier)
    assert report.outcomes == {outcome: 1} and report.hired == 0 and report.running == 0


def test_withdrawals_are_counted_apart_from_drops() -> None:
    report = funnel(
        drafts("c", lifecycle(through("second_interview"), "withdrawn", 150, "completed"))
    )

    second = report.stages[2]
    assert (second.stage, second.withdrawn, second.dropped, dict(second.ended)) == (
        "second_interview",
        1,
        0,
        {},
    )
    assert second.drop_off_rate == 1.0


def test_an_expired_ai_interview_is_not_a_completed_one() -> None:
    expired = facts(lifecycle(through("ai_interview"), "withdrawn", 200, "expired", 200))

    assert not expired.ai_completed and not expired.ai_passed


def test_a_running_candidate_is_running_at_their_stage_and_its_time_is_censored() -> None:
    running = facts(lifecycle(through("offer"), None, None, "completed"))
    report = funnel(drafts("c", lifecycle(through("offer"), None, None, "completed")))

    assert running.running and running.outcome is None and running.last_stage == "offer"
    assert "offer" not in running.stage_seconds
    assert set(running.stage_seconds) == {"screening", "ai_interview", "second_interview"}
    offer = report.stages[3]
    assert (offer.reached, offer.running, offer.passed_on, offer.time.count) == (1, 1, 0, 0)
    assert offer.pass_rate == 0.0 and offer.decided_pass_rate is None
    assert report.running == 1 and report.outcomes == {}


def test_bulk_screened_rejects_reach_only_screening_with_the_screening_outcome() -> None:
    rejected = facts(bulk_screened("rejected", decided=5))
    pooled = facts(bulk_screened("talent_pool", decided=7))

    assert rejected.bulk_screened and rejected.stages == ("screening",)
    assert (rejected.outcome, rejected.last_stage) == ("rejected", "screening")
    assert rejected.stage_seconds == {"screening": 5 * MINUTE}
    assert pooled.outcome == "talent_pool" and pooled.stage_seconds == {"screening": 7 * MINUTE}


def test_bulk_manual_review_is_still_running_at_screening() -> None:
    pending = facts(bulk_screened("manual_review"))

    assert pending.running and pending.last_stage == "screening"
    assert pending.stage_seconds == {}


def test_a_bulk_applicant_who_advances_counts_once_from_the_application() -> None:
    steps = bulk_screened("advance", score=0.8) + lifecycle(
        [(10, "screening"), (70, "ai_interview")], "talent_pool", 100, "completed", 80, begin=10
    )
    advanced = facts(steps)

    assert advanced.applied_at == T0  # application.received, not process.started
    assert advanced.stages == ("screening", "ai_interview")
    assert advanced.stage_seconds == {"screening": 70 * MINUTE, "ai_interview": 30 * MINUTE}
    assert (advanced.outcome, advanced.last_stage) == ("talent_pool", "ai_interview")
    assert funnel(drafts("c", steps)).candidates == 1


def test_a_stream_that_never_applied_is_not_a_candidate() -> None:
    stray = drafts("c", [(0, "node.entered", {"token": "t1", "node": "x", "type": "x"})])

    assert fold_candidate(stray) is None
    assert funnel(stray).candidates == 0


def test_compressed_timers_are_counted_and_times_stay_in_ledger_time() -> None:
    fast = facts(
        lifecycle(through("ai_interview"), "talent_pool", 90, "completed", time_scale=0.001)
    )
    report = funnel(drafts("c", lifecycle(through("screening"), "rejected", 30, time_scale=0.01)))

    assert fast.time_scale == 0.001
    assert fast.stage_seconds["screening"] == 60 * MINUTE  # not divided by the scale
    assert report.compressed == 1


def test_quantiles_interpolate_between_ranks() -> None:
    assert quantile([], 0.5) is None
    assert quantile([7.0], 0.9) == 7.0
    assert quantile([10.0, 20.0, 40.0], 0.5) == 20.0
    assert quantile([10.0, 20.0, 40.0], 0.9) == pytest.approx(36.0)
    assert quantile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert_durations(Durations.of([40.0, 10.0, 20.0]), 3, 20.0, 36.0)


def test_time_in_stage_runs_from_entry_to_the_next_entry_or_the_end() -> None:
    candidates = [
        drafts(f"c{i}", lifecycle([(0, "screening"), (m, "ai_interview")], "talent_pool", m + 5))
        for i, m in enumerate((10, 20, 40))
    ]
    report = funnel([event for events in candidates for event in events])

    screening, ai = report.stages[0], report.stages[1]
    assert_durations(screening.time, 3, 20 * MINUTE, 36 * MINUTE)
    assert ai.time == Durations(3, 5 * MINUTE, 5 * MINUTE)


def test_the_population_funnel_matches_the_figures_worked_out_by_hand() -> None:
    report = funnel(population_drafts(), definition_id=DEFINITION)

    assert report.candidates == 16 and report.running == 3
    assert report.bulk_screened == 4 and report.compressed == 1
    for figures in report.stages:
        expected = EXPECTED_STAGES[figures.stage]
        count, median, p90 = expected["time"]
        assert (figures.reached, figures.passed_on) == (expected["reached"], expected["passed_on"])
        assert dict(figures.ended) == expected["ended"], figures.stage
        assert (figures.withdrawn, figures.hired, figures.running) == (
            expected["withdrawn"],
            expected["hired"],
            expected["running"],
        ), figures.stage
        assert_durations(figures.time, count, median, p90)
        # every candidate who reached a stage passed on, ended there or is still there
        assert figures.reached == (
            figures.passed_on
            + figures.dropped
            + figures.withdrawn
            + figures.hired
            + figures.running
        )
    assert report.stages[0].pass_rate == 10 / 16
    assert report.stages[0].decided_pass_rate == 10 / 14
    assert (report.ai_completed, report.ai_passed, report.ai_pass_rate) == (9, 7, 7 / 9)
    assert (report.hired, report.hire_rate) == (2, 2 / 16)
    assert (report.hired_after_ai, report.hire_rate_after_ai) == (2, 2 / 7)
    assert_durations(report.time_to_hire, 2, 690 * MINUTE, 858 * MINUTE)
    assert report.outcomes == {
        "talent_pool": 5,
        "rejected": 2,
        "withdrawn": 2,
        "hired": 2,
        "offer_declined": 1,
        "probation_failed": 1,
    }


def test_filters_pick_the_cohort_by_definition_and_application_time() -> None:
    events = population_drafts()

    assert funnel(events).candidates == 17
    assert funnel(events, definition_id="intern_hire").candidates == 1
    since = funnel(events, DEFINITION, since=T0 + timedelta(days=8))
    assert since.candidates == 8 and since.hired == 0 and since.since == T0 + timedelta(days=8)


def test_interleaved_streams_are_refused_rather_than_counted_twice() -> None:
    a = drafts("a", lifecycle(through("screening"), "rejected", 10))
    b = drafts("b", lifecycle(through("screening"), "rejected", 10))

    with pytest.raises(ValueError, match="grouped by stream"):
        funnel([a[0], b[0], *a[1:], *b[1:]])


def test_the_report_keeps_what_the_demo_prints() -> None:
    report: FunnelReport = funnel(population_drafts(), DEFINITION)

    assert list(report.reached) == [str(stage) for stage in STAGE_ORDER]
    assert report.reached["screening"] == 16 and report.candidates == 16
    assert sum(report.outcomes.values()) == report.candidates - report.running
    assert len(population()) == 17
