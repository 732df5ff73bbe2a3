"""The editions of UN DESA's International Migrant Stock that this package reads (the store's loaders, the
briefing parameters and the command line share them)."""

EDITIONS = (2020, 2024)
LATEST_EDITION = 2024
