"""The batch starts the longest briefings first, so that no long briefing runs alone at the end."""

import json
from concurrent.futures import Executor, Future

from migstats.report import runner
from migstats.report.params import BriefingParams
from migstats.store import Store


class RecordingExecutor(Executor):
    """Runs nothing: records the order of the briefings it is given and reports each as built."""

    def __init__(self) -> None:
        self.order: list[str] = []

    def submit(self, fn, job, *args, **kwargs):
        self.order.append(job.name)
        fut: Future = Future()
        fut.set_result(runner.BriefingResult(name=job.name, title=job.title, status="built", notebook=None))
        return fut


def _job(name: str, notebook: str, members: int = 0) -> runner.BriefingJob:
    return runner.BriefingJob(BriefingParams(place="1834"), name=name, title=name, synthetic=True,
                              notebook=runner.NOTEBOOKS / notebook, members=members)


def _record(out, name: str, seconds: dict) -> None:
    (out / runner.STATE_DIR).mkdir(parents=True, exist_ok=True)
    runner._paths(out, name)["state"].write_text(json.dumps({"key": "old", "status": "built", "seconds": seconds}))


def test_without_history_groups_start_before_countries(tmp_path):
    jobs = [_job("tokelau", "country_profile.ipynb"), _job("world", "regional_briefing.ipynb"),
            _job("india", "country_profile.ipynb")]
    ex = RecordingExecutor()
    runner.run_batch(jobs, tmp_path, executor=ex, force=True, write_index=False)
    assert ex.order[0] == "world"
    assert sorted(ex.order[1:]) == ["india", "tokelau"]


def test_without_history_larger_groups_start_first(tmp_path):
    jobs = [_job("australia-new-zealand", "regional_briefing.ipynb", members=2),
            _job("europe-northern-america", "regional_briefing.ipynb", members=53),
            _job("central-southern-asia", "regional_briefing.ipynb", members=14)]
    ex = RecordingExecutor()
    runner.run_batch(jobs, tmp_path, executor=ex, force=True, write_index=False)
    assert ex.order == ["europe-northern-america", "central-southern-asia", "australia-new-zealand"]


def test_a_planned_group_knows_its_number_of_members():
    [job] = runner.plan([BriefingParams(place="1836")], Store.open("sample"))  # Australia/New Zealand
    assert job.members == 2


def test_recorded_seconds_of_the_last_run_set_the_order(tmp_path):
    jobs = [_job("a", "regional_briefing.ipynb"), _job("b", "regional_briefing.ipynb"),
            _job("c", "country_profile.ipynb")]
    _record(tmp_path, "a", {"execute": 1.0, "html": 0.1, "pdf": 0.9})   # 2.0 s
    _record(tmp_path, "b", {"execute": 4.0, "html": 0.2, "pdf": 2.8})   # 7.0 s
    _record(tmp_path, "c", {"execute": 3.0, "html": 0.1, "pdf": 1.9})   # 5.0 s
    ex = RecordingExecutor()
    runner.run_batch(jobs, tmp_path, executor=ex, force=True, write_index=False)
    assert ex.order == ["b", "c", "a"]


def test_the_results_keep_the_order_the_briefings_were_given(tmp_path):
    jobs = [_job("tokelau", "country_profile.ipynb"), _job("world", "regional_briefing.ipynb")]
    batch = runner.run_batch(jobs, tmp_path, executor=RecordingExecutor(), force=True, write_index=False)
    assert [r.name for r in batch.results] == ["tokelau", "world"]


def test_a_corrupt_state_file_falls_back_to_the_estimate(tmp_path):
    job = _job("x", "country_profile.ipynb")
    (tmp_path / runner.STATE_DIR).mkdir()
    runner._paths(tmp_path, "x")["state"].write_text("{not json")
    assert runner.expected_seconds(tmp_path, job) == runner.EXPECTED_SECONDS["country"]
