"""The per-mu efficiency evaluation (亩均效益综合评价) without the database.

A scheme file becomes a ``scheme.Scheme`` through ``loader`` (which hands each group to
``loader_groups`` and collects its mistakes in ``checker``); a data file becomes a grid of text
cells through ``reading``, and ``data`` turns that grid (or the platform's rows) into the typed
enterprise table of §2. ``compute`` applies EVALUATION.md §4, ``output`` writes §5, and ``cli``
ties them together for ``mujun evaluate``.
"""
