"""What every app's demo builder receives: one seeded random source and what came before."""

import random
from dataclasses import dataclass, field


@dataclass
class DemoContext:
    seed: int
    password: str
    rng: random.Random
    county: object = None
    towns: list = field(default_factory=list)
    users: dict = field(default_factory=dict)
    enterprises: list = field(default_factory=list)
    log: callable = print
    # 1 is the county the README describes; the browser walk builds a small one (0.05) that
    # keeps every kind of record, state and role the pages show
    scale: float = 1.0

    @classmethod
    def create(cls, *, seed: int, password: str, log=print, scale: float = 1.0):
        return cls(seed=seed, password=password, rng=random.Random(seed), log=log, scale=scale)

    def rng_for(self, name: str) -> random.Random:
        """A random source of its own per app, so adding data in one app does not change
        what another app generates for the same seed."""
        return random.Random(f"{self.seed}:{name}")

    def count(self, full: int, least: int = 1) -> int:
        """How many of something the county holds at this scale, never fewer than ``least``."""
        return max(least, round(full * self.scale))
