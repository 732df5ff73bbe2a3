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
lang = "en"      # language of the text, names and numbers: "en", "fr" or "es"

# %%
# Every section is rendered by migstats.report.sections from data loaded once by briefing_for.
from migstats.report.briefing import briefing_for, setup_notebook

setup_notebook()
briefing = briefing_for(place, edition=edition, year=year, data=data, lang=lang)
briefing.show("header")

# %%
briefing.show("maps")

# %%
briefing.show("trend")

# %%
briefing.show("origins")

# %%
briefing.show("members")

# %%
briefing.show("emigration")

# %%
briefing.show("corridors")

# %%
briefing.show("population_change")

# %%
briefing.show("refugees")

# %%
briefing.show("sdg")

# %%
briefing.show("notes")
