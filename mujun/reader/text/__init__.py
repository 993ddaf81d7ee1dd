"""The report reader's text side: no Django, no database.

`extract(text, date)` reads every indicator fact of a published report. The modules, in the
order a report goes through them: `clean` (cleaning with an offset map), `periods` (period
phrases and the year they take), `regions` and `gazetteer` (who a figure belongs to), `numbers`
(figures and units), `lexicon` (indicator terms and keys), `sentences` (one sentence's reading
state), `figures` (one figure's indicator and scope), `growth` (which figure a growth rate is of),
`tables` (flattened tables),
`extract` (the whole text); `score` compares facts with gold files and `io` reads files.
"""
