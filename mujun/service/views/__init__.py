"""The enterprise service's pages, by subject: problems, visits, departments, liaisons,
common issues, and the reports (coverage, statistics)."""
