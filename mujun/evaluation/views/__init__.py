"""The evaluation's pages, by subject: schemes, data, runs and results, objections."""
