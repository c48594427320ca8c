"""Playing the demo's stories in the order they happened.

A story (a hardship file, an aid campaign, a mutual-aid claim) is a generator that yields the
moment of its next step and then takes that step through the services. `play` runs all the stories
together, always the earliest step next, with the services' clock set to that step's moment. So a
winter campaign selecting the households in file sees exactly the files filed by then, and every
row is written in the order of its time.
"""

import datetime
import heapq
import random
from collections.abc import Iterable, Iterator

from django.utils import timezone

from gonghui.core.clock import clock_at

Story = Iterator[datetime.datetime]


def at_work(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A moment of the working day on `day` (local time)."""
    minutes = rng.randint(8 * 60 + 30, 17 * 60 + 30)
    moment = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60, rng.randint(0, 59)))
    return timezone.make_aware(moment)


class Moments:
    """The moments of one story: in working hours, each after the one before (two steps may fall on
    one day), never later than `now`."""

    def __init__(self, rng: random.Random, now: datetime.datetime):
        self.rng, self.now = rng, now
        self.last: datetime.datetime | None = None

    def on(self, day: datetime.date) -> datetime.datetime:
        moment = at_work(day, self.rng)
        if self.last is not None and moment <= self.last:
            moment = self.last + datetime.timedelta(minutes=self.rng.randint(5, 90))
        if moment >= self.now:  # today's step, later than the hour it is now
            floor = self.last or self.now - datetime.timedelta(hours=1)
            moment = floor + (self.now - floor) * self.rng.uniform(0.2, 0.8)
        self.last = moment
        return moment


def play(stories: Iterable[Story]) -> None:
    """Run `stories` together, the earliest step first. A story does nothing before its first yield."""
    queue: list[tuple[datetime.datetime, int, Story]] = []
    for order, story in enumerate(stories):
        first = next(story, None)
        if first is not None:
            heapq.heappush(queue, (first, order, story))
    while queue:
        moment, order, story = heapq.heappop(queue)
        with clock_at(moment):
            following = next(story, None)  # the step due at `moment`, up to the next yield
        if following is not None:
            heapq.heappush(queue, (following, order, story))
