"""Work beside other work: the same results on threads or in turn."""

from __future__ import annotations

import threading

import pytest

from panelapp.metrics import background


@pytest.mark.parametrize("rows", [10, background.WORTH_THREADS])
def test_side_by_side_gives_each_result_by_its_key(rows: int) -> None:
    """Small work runs here in turn; large work on a pool; the results are the same."""
    ran_on: dict[str, str] = {}

    def job(key: str) -> str:
        ran_on[key] = threading.current_thread().name
        return key.upper()

    jobs = {key: (lambda key=key: job(key)) for key in ("a", "b", "c")}
    assert background.side_by_side(jobs, rows=rows) == {"a": "A", "b": "B", "c": "C"}
    here = threading.current_thread().name
    if rows < background.WORTH_THREADS:
        assert set(ran_on.values()) == {here}
    else:
        assert here not in ran_on.values()


def test_an_error_in_work_beside_surfaces_where_its_result_is_asked_for() -> None:
    def broken() -> None:
        raise ValueError("no such column")

    running = background.started(broken, "test")
    with pytest.raises(ValueError, match="no such column"):
        running.result()
    with pytest.raises(ValueError, match="no such column"):
        background.side_by_side({"x": broken}, rows=background.WORTH_THREADS)
