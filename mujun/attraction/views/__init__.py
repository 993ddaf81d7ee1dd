"""The attraction pages, by subject: activities, leads, and the reports (statistics, 一月一招商,
the funnel)."""
