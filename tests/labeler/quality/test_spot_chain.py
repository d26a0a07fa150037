"""The spot-check sample of a worker's day is drawn once: reviewing it leaves nothing more."""

from __future__ import annotations

from labeler.project import Project
from labeler.quality.station import QualitySettings, Station, grant_supervisor
from tests.labeler.quality.test_station import put, work


def test_reviewing_the_sample_does_not_pull_the_rest_of_the_day_in(project: Project) -> None:
    grant_supervisor(project)
    station = Station(project)
    station.save_settings(QualitySettings(spot_share=0.1, seed="fixed"))
    put(station, "pc-asha", 1, [work(i, "asha") for i in range(40)])
    first = station.queue("meena")
    assert 1 <= len(first) < 15  # a tenth of her day, at least one
    for item in first:
        station.decide(item.uuid, "meena", "accept")
    assert station.queue("meena") == []  # the day's sample is done; no next-lowest pulled in
