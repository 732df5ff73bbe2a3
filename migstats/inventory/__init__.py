"""The workplan inventory: processes, mechanisms and initiatives that may contribute to the global compact.

Analysts::

    from migstats.inventory import load_inventory, build_inventory_page
    inv = load_inventory()                       # the packaged migstats/data/inventory.yaml, validated
    inv.select(kinds=["process"], statuses=["active"])
    build_inventory_page(inv, "outputs/")        # outputs/inventory.html

One file holds the inventory; ``validate_file(path)`` lists its problems, one line each.
"""

from __future__ import annotations

from .model import (
    KINDS,
    NOT_STATED,
    ONGOING,
    SCOPES,
    STATUSES,
    Contribution,
    Entry,
    Inventory,
    Milestone,
    Source,
)
from .page import DEFAULT_STALE_AFTER_DAYS, PAGE_NAME, build_inventory_page, render_inventory_page
from .validate import InventoryError, check_text, default_path, load_inventory, validate_file

__all__ = [
    "DEFAULT_STALE_AFTER_DAYS",
    "KINDS",
    "NOT_STATED",
    "ONGOING",
    "PAGE_NAME",
    "SCOPES",
    "STATUSES",
    "Contribution",
    "Entry",
    "Inventory",
    "InventoryError",
    "Milestone",
    "Source",
    "build_inventory_page",
    "check_text",
    "default_path",
    "load_inventory",
    "render_inventory_page",
    "validate_file",
]
