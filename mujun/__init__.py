"""mujun (亩均): a work platform for the industrial economy of a county and its towns."""

__version__ = "0.1.0"
