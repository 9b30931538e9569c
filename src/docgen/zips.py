"""Reproducible zip files: sorted by the caller, every entry stamped with one time."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable


def stable_zip(entries: Iterable[tuple[str, bytes]], when: dt.datetime) -> bytes:
    """A zip of ``entries`` whose bytes depend only on their names, contents and ``when``."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def restamp(data: bytes, when: dt.datetime) -> bytes:
    """The same zip (same order, same contents) with every entry stamped ``when``."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return stable_zip(((i.filename, source.read(i.filename)) for i in source.infolist()),
                          when)
