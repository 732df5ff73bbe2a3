"""Reading and checking the inventory file: one line per problem, naming the line, entry and field.

A problem reads like::

    inventory.yaml:41: entry 3 'Berne Initiative': field 'period.end': end 2001 is before start 2005 — swap …

The file is read with YAML's *safe* loader, with dates left as text (so that ``2016-02-30`` is reported as
a bad date rather than crashing the YAML parser) and duplicate keys reported rather than silently merged.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from migstats.errors import DataFileError, MigstatsError
from migstats.fileio import BoundedSafeLoader, YamlLimitError, read_user_text

from .model import (
    CONTRIBUTION_TYPES,
    KINDS,
    NOT_STATED,
    ONGOING,
    SCOPES,
    STATUSES,
    Contribution,
    Entry,
    Inventory,
    Milestone,
    Period,
    Source,
)

TOP_LEVEL_KEYS = ("sources", "entries")

_VOCABULARIES = {
    "kind": KINDS,
    "status": STATUSES,
    "scope": SCOPES,
    "type": CONTRIBUTION_TYPES,
}
_HINTS = {
    "name": "add 'name:' with the entry's name as the source gives it",
    "kind": "add 'kind:' with one of: " + ", ".join(KINDS),
    "lead": f"add 'lead:' with the lead or convening entities, or '{NOT_STATED}'",
    "period": f"add 'period:' with 'start:' and 'end:' (a date, '{ONGOING}' or '{NOT_STATED}')",
    "start": f"add 'start:' (YYYY, YYYY-MM, YYYY-MM-DD or '{NOT_STATED}')",
    "end": f"add 'end:' (YYYY, YYYY-MM, YYYY-MM-DD, '{ONGOING}' or '{NOT_STATED}')",
    "scope": "add 'scope:' with one of: " + ", ".join(SCOPES),
    "status": "add 'status:' with one of: " + ", ".join(STATUSES),
    "description": "add 'description:' with a short description taken from the sources",
    "sources": "add 'sources:' listing ids from the 'sources:' section at the top of the file",
    "source": "add 'source:' with an id from the 'sources:' section at the top of the file",
    "reviewed": "add 'reviewed:' with the date you last checked the entry against its sources (YYYY-MM-DD)",
    "date": "add 'date:' (YYYY, YYYY-MM or YYYY-MM-DD)",
    "text": "add 'text:' saying what was contributed or recommended, as the source states it",
    "type": "add 'type:' with one of: " + ", ".join(CONTRIBUTION_TYPES),
    "title": "add 'title:' with the document's title as it should be cited",
}


class InventoryError(DataFileError):
    """The inventory file has problems; ``problems`` holds one line for each."""

    def __init__(self, path: str | Path, problems: Sequence[str]) -> None:
        self.path = Path(path)
        self.problems = list(problems)
        self.problem = self.problems[0]
        self.fix = f"run 'migstats inventory validate {path}' to list every problem"
        msg = self.problems[0]
        if len(self.problems) > 1:
            msg += f" (and {len(self.problems) - 1} more problems — {self.fix})"
        Exception.__init__(self, msg)


def default_path() -> Path:
    """The inventory file shipped with migstats (``migstats/data/inventory.yaml``)."""
    return Path(str(importlib.resources.files("migstats") / "data" / "inventory.yaml"))


#: The inventory is a few hundred entries; a file much larger than that is not an inventory.
MAX_INVENTORY_BYTES = 2 * 1024 * 1024


class _Loader(BoundedSafeLoader):
    """Safe loader that keeps dates as text, refuses aliases and deep nesting (a 2 KB "billion laughs"
    file must not run for minutes)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _duplicate_keys(node: yaml.Node) -> list[tuple[int, str]]:
    """(line, key) of every key that repeats within one mapping, anywhere in the document."""
    found: list[tuple[int, str]] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    found.append((key.start_mark.line + 1, key.value))
                seen.add(key.value)
            found += _duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _duplicate_keys(item)
    return found


def _line_of(node: yaml.Node | None, loc: Sequence[str | int]) -> int | None:
    """Line (1-based) of the deepest node along ``loc`` that exists in the file."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for step in loc:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if getattr(k, "value", None) == str(step)), None)
            if match is None:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _field_path(loc: Sequence[str | int]) -> str:
    """('contributions', 0, 'date') → 'contributions[1].date' (list positions count from 1, like entries)."""
    out = ""
    for step in loc:
        out += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _model_at(root: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel]:
    """The model that owns the last step of ``loc`` (for listing the fields allowed there)."""
    nested = {"period": Period, "contributions": Contribution, "milestones": Milestone}
    model = root
    for step in loc[:-1]:
        if isinstance(step, str) and step in nested and model is Entry:
            model = nested[step]
    return model


def _describe(err: dict[str, Any], root: type[BaseModel]) -> tuple[str, str]:
    """(field path, what is wrong — how to fix it) for one pydantic error."""
    loc = tuple(err["loc"])
    typ, value = err["type"], err.get("input")
    field = _field_path(loc)
    last = next((s for s in reversed(loc) if isinstance(s, str)), "")
    if typ == "missing":
        return field, "missing — " + _HINTS.get(last, f"add '{last}:'")
    if typ == "extra_forbidden":
        allowed = ", ".join(_model_at(root, loc).model_fields)
        return field, f"unknown field — check the spelling; allowed here: {allowed}"
    if typ == "literal_error":
        vocab = _VOCABULARIES.get(last, {})
        allowed = ", ".join(vocab) if vocab else err.get("ctx", {}).get("expected", "")
        return field, f"'{value}' is not a known {last} — use one of: {allowed}"
    if typ == "value_error":
        return field, str(err["msg"]).removeprefix("Value error, ")
    if typ == "string_type":
        return field, f"{value!r} should be text — write it as text (quote it if needed)"
    if typ == "list_type":
        return field, f"{value!r} should be a list — write one '- item' per line"
    if typ in ("model_type", "model_attributes_type", "dict_type"):
        return field, f"{value!r} should be a block of 'field: value' lines"
    if typ == "too_short":
        return field, "is empty — give at least one item"
    return field, str(err["msg"])


def _problems_for(model: type[BaseModel], raw: Any, where: str, node: yaml.Node | None, label: str):
    """Validate ``raw`` as ``model``; return (instance or None, problem lines)."""
    try:
        return model.model_validate(raw), []
    except ValidationError as exc:
        lines = []
        for err in exc.errors(include_url=False):
            field, what = _describe(err, model)
            line = _line_of(node, err["loc"])
            prefix = f"{label}:{line}: " if line else f"{label}: "
            lines.append(f"{prefix}{where}: field '{field}': {what}" if field else f"{prefix}{where}: {what}")
        return None, lines


def _entry_label(index: int, raw: Any) -> str:
    name = raw.get("name") if isinstance(raw, dict) else None
    return f"entry {index + 1} '{' '.join(name.split())}'" if isinstance(name, str) else f"entry {index + 1}"


def check_text(text: str, label: str = "inventory.yaml", today: dt.date | None = None):
    """Parse and check inventory YAML; return ``(Inventory or None, problems)``.

    ``label`` names the file in problem lines; ``today`` (default: the current date) is the date after
    which a ``reviewed`` date is reported as lying in the future. The inventory is returned only when
    there are no problems.
    """
    today = today or dt.date.today()
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{label}:{mark.line + 1}" if mark else label
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if isinstance(exc, YamlLimitError):  # a bomb, not a typo
            return None, [f"{where}: refused ({problem})"]
        return None, [f"{where}: not valid YAML ({problem}) — fix the indentation or quoting on that line"]
    finally:
        loader.dispose()

    if not isinstance(data, dict):
        return None, [f"{label}: expected a 'sources:' block and an 'entries:' list at the top of the file"]
    problems = [
        f"{label}:{line}: key '{key}' appears twice in the same block — keep one"
        for line, key in _duplicate_keys(root)
    ]
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            problems.append(
                f"{label}:{_line_of(root, [key])}: unknown top-level key '{key}' — "
                f"the file holds only: {', '.join(TOP_LEVEL_KEYS)}"
            )
    for key in TOP_LEVEL_KEYS:
        if key not in data:
            problems.append(f"{label}: no '{key}:' at the top of the file — add it")
    raw_sources, raw_entries = data.get("sources"), data.get("entries")
    if "sources" in data and not isinstance(raw_sources, dict):
        problems.append(f"{label}:{_line_of(root, ['sources'])}: 'sources:' should map ids to documents")
        raw_sources = None
    if "entries" in data and not isinstance(raw_entries, list):
        problems.append(f"{label}:{_line_of(root, ['entries'])}: 'entries:' should be a list ('- name: …')")
        raw_entries = None

    sources: dict[str, Source] = {}
    for sid, raw in (raw_sources or {}).items():
        src, lines = _problems_for(Source, raw, f"source '{sid}'", _node_at(root, ["sources", sid]), label)
        problems += lines
        if src is not None:
            sources[str(sid)] = src

    entries: list[Entry] = []
    first_by_name: dict[str, tuple[int, int | None]] = {}
    for i, raw in enumerate(raw_entries or []):
        node = _node_at(root, ["entries", i])
        where = _entry_label(i, raw)
        entry, lines = _problems_for(Entry, raw, where, node, label)
        problems += lines
        name = raw.get("name") if isinstance(raw, dict) else None
        if isinstance(name, str) and name.strip():
            key = " ".join(name.casefold().split())
            if key in first_by_name:
                j, jline = first_by_name[key]
                problems.append(
                    f"{label}:{_line_of(node, ['name'])}: {where}: field 'name': duplicate of entry {j + 1} "
                    f"(line {jline}) — give each entry a distinct name, or merge the two"
                )
            else:
                first_by_name[key] = (i, _line_of(node, ["name"]))
        if entry is not None:
            problems += _semantic_problems(entry, where, node, label, raw_sources, today)
            entries.append(entry)

    if problems:
        return None, sorted(problems, key=lambda p: _line_number(p, label))
    return Inventory(sources=sources, entries=entries), []


def _line_number(problem: str, label: str) -> int:
    """The line a problem names (0 if none), for listing problems in file order."""
    head = problem[len(label) + 1 :].split(":", 1)[0]
    return int(head) if head.isdigit() else 0


def _node_at(root: yaml.Node | None, loc: Sequence[str | int]) -> yaml.Node | None:
    node = root
    for step in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return None
    return node


def _semantic_problems(
    entry: Entry, where: str, node: yaml.Node | None, label: str, raw_sources: Any, today: dt.date
) -> list[str]:
    """Checks across fields or against the rest of the file: source ids, review date, status vs period."""
    known = set(map(str, raw_sources)) if isinstance(raw_sources, dict) else set()
    refs: list[tuple[tuple[str | int, ...], str]] = [(("sources", i), s) for i, s in enumerate(entry.sources)]
    refs += [(("contributions", i, "source"), c.source) for i, c in enumerate(entry.contributions)]
    refs += [(("milestones", i, "source"), m.source) for i, m in enumerate(entry.milestones)]
    out = []
    for loc, sid in refs:
        if sid not in known:
            out.append(
                f"{label}:{_line_of(node, loc)}: {where}: field '{_field_path(loc)}': "
                f"unknown source '{sid}' — "
                f"add it under 'sources:' at the top of the file, or use one of: {', '.join(sorted(known))}"
            )
    if entry.reviewed_date > today:
        out.append(
            f"{label}:{_line_of(node, ['reviewed'])}: {where}: field 'reviewed': {entry.reviewed} is in the "
            f"future — write the date you last checked the entry against its sources"
        )
    if entry.status == "concluded" and entry.period.end == ONGOING:
        out.append(
            f"{label}:{_line_of(node, ['status'])}: {where}: field 'status': 'concluded' contradicts "
            f"period.end '{ONGOING}' — change one of them"
        )
    return out


def _read(path: str | Path) -> tuple[str | None, list[str]]:
    try:
        return read_user_text(path, MAX_INVENTORY_BYTES, "inventory file"), []
    except MigstatsError as exc:
        return None, [str(exc)]


def validate_file(path: str | Path | None = None, today: dt.date | None = None) -> list[str]:
    """Check an inventory file; return one line per problem (empty: the file is valid).

    ``path`` defaults to the packaged inventory; ``today`` (default: now) bounds ``reviewed`` dates.
    """
    path = Path(path) if path is not None else default_path()
    text, problems = _read(path)
    if text is None:
        return problems
    return check_text(text, str(path), today)[1]


def load_inventory(path: str | Path | None = None, today: dt.date | None = None) -> Inventory:
    """Read and check an inventory file (default: the packaged one).

    Raises :class:`InventoryError` (one line per problem in ``.problems``) if the file is invalid.
    """
    path = Path(path) if path is not None else default_path()
    text, problems = _read(path)
    if text is not None:
        inventory, problems = check_text(text, str(path), today)
        if inventory is not None:
            return inventory
    raise InventoryError(path, problems)
