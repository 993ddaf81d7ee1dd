"""The indicators' pages, by subject: values, targets, the catalogue, the briefing."""
