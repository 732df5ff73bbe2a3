"""Single-place indicators by name, for ranking, edition comparison and the CLI."""

from __future__ import annotations

from .origins import emigrant_share, emigrants, intra_regional_share
from .stock import annual_rate_of_change, female_share, migrant_share, migrant_stock, total_population

#: Single-place indicators by name (for ranking, edition comparison and the CLI): each returns a tidy
#: frame with a ``value`` column by year (or period) and, where the data has it, sex.
INDICATORS = {
    "migrant_stock": migrant_stock,
    "total_population": total_population,
    "migrant_share": migrant_share,
    "female_share": female_share,
    "annual_rate_of_change": annual_rate_of_change,
    "emigrants": emigrants,
    "emigrant_share": emigrant_share,
    "intra_regional_share": intra_regional_share,
}
