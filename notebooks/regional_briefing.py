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
#   title: Regional migration briefing
# ---

# %% tags=["parameters"]
# Briefing parameters (papermill and Quarto both read the cell tagged "parameters").
place = "1829"   # M49 code or name of the region (default: Europe and Northern America)
edition = 2024   # International Migrant Stock edition
year = 0         # 0 means the latest year of the edition
data = "auto"    # "auto" (official if available, else the synthetic sample), "official" or "sample"

# %%
from migstats.report.content import briefing_for, setup_notebook

setup_notebook()
briefing = briefing_for(place, edition=edition, year=year, data=data)
briefing.show_header()

# %% [markdown]
# ## Trend since 1990

# %%
briefing.show_trend()

# %% [markdown]
# ## Where the migrants come from

# %%
briefing.show_origins()

# %% [markdown]
# ## Countries and areas of the region

# %%
briefing.show_members()

# %% [markdown]
# ## Emigration from the region

# %%
briefing.show_emigration()

# %% [markdown]
# ## Largest migration corridors

# %%
briefing.show_corridors()

# %% [markdown]
# ## Migration and population change

# %%
briefing.show_population_change()

# %% [markdown]
# ## Refugees

# %%
briefing.show_refugees()

# %% [markdown]
# ## Notes: definitions, sources and edition

# %%
briefing.show_notes()
