"""The structure tree of a tagged PDF as pikepdf opens it: its ParentTree (marked content and
annotations → their structure element) and the children of an element."""

from __future__ import annotations

from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name


class ParentTree:
    """The structure tree's ParentTree as a dict: page arrays and annotation entries."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.root = pdf.Root.StructTreeRoot
        nums = self.root.ParentTree.Nums
        self.entries: dict[int, Any] = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}

    def reachable(self) -> set[tuple[int, int]]:
        seen: set[tuple[int, int]] = set()
        stack = list(children(self.root))
        while stack:
            element = stack.pop()
            if is_element(element) and element.objgen not in seen:
                seen.add(element.objgen)
                stack.extend(children(element))
        return seen

    def save(self) -> None:
        nums: list[Any] = []
        for key in sorted(self.entries):
            nums += [key, self.entries[key]]
        self.root.ParentTree.Nums = Array(nums)


def children(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def tag(element: Any) -> str:
    return str(element.get("/S"))


def is_element(item: Any) -> bool:
    return isinstance(item, Dictionary) and item.get("/Type") not in (Name.OBJR, Name.MCR) \
        and "/S" in item


def set_children(element: Any, kids: list[Any]) -> None:
    element.K = Array(kids)
