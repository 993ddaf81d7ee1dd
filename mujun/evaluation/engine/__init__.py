"""The per-mu efficiency evaluation (亩均效益综合评价) without the database.

``scheme`` reads a scheme file, ``data`` reads the enterprise table, ``compute`` applies
EVALUATION.md §4, ``output`` writes §5, and ``cli`` ties them together for ``mujun evaluate``.
"""
