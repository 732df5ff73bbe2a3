# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: title
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   title: Exploring international migrant stock with migstats
# ---

# %% [markdown]
# # Exploring international migrant stock with migstats
#
# A tour of `migstats.indicators` on UN DESA's *International Migrant Stock* (IMS). Every function takes
# an edition (`load_ims`) and a **place** — an M49 code, a name (any case, accents optional), a prefix, or
# a list of places (your own grouping) — and returns a tidy pandas frame that carries its `edition`.
# Units: persons for counts, per cent for shares, per cent per year for rates of change.

# %% tags=["parameters"]
edition = 2024    # IMS edition to explore
data = "auto"     # "auto" (official files if available, else the synthetic sample), "official", "sample"
region = "Central and Southern Asia"
country = "India"

# %%
import pandas as pd

import migstats
from migstats import indicators as ind
from migstats.places import groups

pd.set_option("display.float_format", "{:,.2f}".format)
ims = migstats.load_ims(edition, data=data)
print(ims.label, "— years", ims.years)
if ims.synthetic:
    print("SYNTHETIC SAMPLE — NOT OFFICIAL FIGURES")
for what, why in ims.missing.items():
    print(f"Note ({what}): {why}")

# %% [markdown]
# ## How many international migrants, and what share of the population?
# The UN's own aggregate rows are used for regions; `from_members=True` sums the countries instead —
# the two agree.

# %%
world = ind.migrant_stock(ims, "World", sex="both")
check = ind.migrant_stock(ims, "World", sex="both", from_members=True)
assert world["value"].tolist() == check["value"].tolist()
world

# %%
ind.migrant_share(ims, region, years=ims.latest_year)

# %% [markdown]
# ## Female share and rates of change
# The annual rate of change is `100·ln(M2/M1)/(t2−t1)`; the last period of IMS 2024, 2020–2024, is
# four years long.

# %%
ind.female_share(ims, region).tail(3)

# %%
ind.annual_rate_of_change(ims, region, sex="both")

# %%
ind.stock_change(ims, region, ims.years[0], ims.latest_year)

# %% [markdown]
# ## The SDG regions, and the countries of one region ranked by migrant share

# %%
groups("sdg", ims.locations, ims.membership)

# %%
ind.rank_members(ims, region, "migrant_share", n=5)

# %% [markdown]
# ## Where migrants come from, and where emigrants go
# These need the destination-and-origin table; when it is missing the functions say which file to get.

# %%
ind.top_origins(ims, country, n=5)[["rank", "origin_name", "value", "share"]]

# %%
ind.origins_by_region(ims, country)[["origin_group_name", "value", "share", "same_region"]]

# %%
ind.top_destinations(ims, "World", n=5)[["rank", "destination_name", "value", "share"]]

# %%
ind.corridors(ims, "World", n=5)[["origin_name", "destination_name", "value"]]

# %% [markdown]
# ## Your own grouping
# A list of places is a group: here three countries, summed.

# %%
mine = ["India", "Nepal", "Pakistan"]
ind.migrant_stock(ims, mine, sex="both").tail(2)

# %% [markdown]
# ## Key figures of one place (what `migstats figures PLACE` prints)

# %%
from migstats.figures import place_figures

figures = place_figures(ims, country, top=3)
{k: figures[k] for k in ("name", "year", "migrant_stock", "share_of_population", "annual_rate_of_change")}

# %% [markdown]
# ## Two editions side by side
# Each edition revises the past: compare the same indicator in IMS 2020 and IMS 2024.

# %%
other = 2020 if edition == 2024 else 2024
ind.compare_editions(migstats.load_ims(other, data=data), ims, "World", sex="both")

# %% [markdown]
# *Source: United Nations Department of Economic and Social Affairs, Population Division (2020, 2024).
# International Migrant Stock 2020 / 2024. CC BY 3.0 IGO. International migrant stock: people living in a
# country other than their country of birth (or citizenship), at mid-year, including refugees.*
