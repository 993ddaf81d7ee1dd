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

    @classmethod
    def create(cls, *, seed: int, password: str, log=print):
        return cls(seed=seed, password=password, rng=random.Random(seed), log=log)

    def rng_for(self, name: str) -> random.Random:
        """A random source of its own per app, so adding data in one app does not change
        what another app generates for the same seed."""
        return random.Random(f"{self.seed}:{name}")
