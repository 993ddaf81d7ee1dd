"""Each screen view's figures: a plain function of (viewer, region, today) returning the small
JSON document that view shows. Every queryset goes through ``for_user`` of the viewer (a user,
or the stand-in of a screen link, ``screen.access.LinkViewer``); every count and sum is
computed by the database, so a view costs a fixed number of queries whatever the number of
projects (benchmarks/screen_bench.py)."""

from .attraction import attraction
from .economy import economy
from .evaluation import evaluation
from .projects import projects

COMPUTE = {
    "economy": economy,
    "projects": projects,
    "attraction": attraction,
    "evaluation": evaluation,
}
