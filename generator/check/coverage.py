"""Coverage of the national standard: which of its items a catalogue lacks.

The standard's items per area come from :mod:`generator.model.standard`; the result is
one warning per area that lacks any, listing them all.
"""

from __future__ import annotations

from generator.check.diagnostics import Diagnostic, make
from generator.model.records import Area, Catalogue
from generator.model.standard import StandardItem, standard_areas, standard_items


def missing_standard_items(catalogue: Catalogue) -> list[Diagnostic]:
    """Warnings for the national standard's items that the catalogue lacks, per area.

    An item is present when a column titled as its 一级事项 holds a record named as its
    二级事项 (and, where the standard has one, its 三级事项). Areas that are not one of
    the standard's five are not compared.
    """
    out = []
    for area in catalogue.areas:
        out += _missing_in_area(area)
    return out


def _missing_in_area(area: Area) -> list[Diagnostic]:
    have = {(c.title, r.name, r.level3) for c in area.categories for r in c.records}
    have |= {(c.title, r.name, "") for c in area.categories for r in c.records}
    standard = standard_items(area.title) if area.title in standard_areas() else ()
    missing = [item for item in standard if (item.level1, item.level2, item.level3) not in have]
    if not missing:
        return []
    first = missing[0]
    return [
        make(
            "standard-item-missing",
            area.where,
            area=area.title,
            count=len(missing),
            total=len(standard),
            names="、".join(_item_name(item) for item in missing),
            level1=first.level1,
            level2=first.level2,
        )
    ]


def _item_name(item: StandardItem) -> str:
    """一级 › 二级 (› 三级), marked （参考） when reconstructed rather than seen in a published copy."""
    name = f"{item.level1} › {item.level2}" + (f" › {item.level3}" if item.level3 else "")
    return name + ("" if item.verified else "（参考）")
