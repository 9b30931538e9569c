"""The print edition's PDF/X-4 details: CMYK output intent, stable DocumentID, no RGB, no links.

WeasyPrint's ``pdf/x-4`` variant writes an output intent only when the CSS declares
``@color-profile device-cmyk`` (its ``components: c, m, y, k`` need the commas: they count
the profile's channels). It draws the XMP DocumentID at random; here it comes from the
edition, so two builds give the same bytes. A colour left in RGB (a colour of the brochure's
stylesheet that ``templates/print.css`` does not override) fails the job, naming the colour.
"""

from __future__ import annotations

import io
import re
import uuid
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name

from ..errors import DocgenError, Problem

PRINT_CSS = "print.css"
PROFILE_SUFFIXES = (".icc", ".icm")
RGB_OPERATORS = {"rg", "RG"}


def color_profile_rule(profile: Path) -> str:
    """The CSS that makes ``profile`` the output intent of the PDF.

    >>> color_profile_rule(Path("/p/cmyk.icc"))
    '@color-profile device-cmyk { src: url("file:///p/cmyk.icc"); components: c, m, y, k }'
    """
    return (f'@color-profile device-cmyk {{ src: url("{profile.resolve().as_uri()}"); '
            "components: c, m, y, k }")


def check_profile(profile: Path, where: str) -> None:
    """A readable ICC profile of a CMYK printing condition, or one clear error."""
    hint = ("set DOCGEN_CMYK_PROFILE to your print shop's profile, or install the default "
            "with scripts/setup")
    if not profile.is_file():
        raise DocgenError([Problem(where, None, f"no CMYK colour profile at {profile} ({hint})")])
    if profile.suffix.lower() not in PROFILE_SUFFIXES:
        raise DocgenError([Problem(str(profile), None, "a colour profile is an .icc or .icm "
                                   "file")])
    from PIL import ImageCms
    try:
        space = ImageCms.getOpenProfile(str(profile)).profile.xcolor_space.strip()
    except (OSError, ImageCms.PyCMSError) as exc:
        raise DocgenError([Problem(str(profile), None, f"not an ICC profile ({exc})")]) from None
    if space != "CMYK":
        raise DocgenError([Problem(str(profile), None, f"a {space} profile; the print edition "
                                   "needs a CMYK one (e.g. the print shop's FOGRA profile)")])


def document_id(lang: str, edition: str) -> str:
    """The XMP DocumentID of a print edition: the same for the same language and edition.

    >>> document_id("fr", "2026-11-20T10:00:00")
    'uuid:6f3895cb-a489-5467-977c-1cd54b452d0c'
    """
    return f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'docgen:print:{lang}:{edition}')}"


def finish(data: bytes, ident: str, where: str) -> bytes:
    """The PDF/X-4 ``data`` with a stable DocumentID and no link annotations; refused if it
    still paints in RGB."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        rgb = rgb_colours(pdf)
        if rgb:
            raise DocgenError([Problem(where, None, f"print: colour {c} is RGB; give it a "
                                       f"device-cmyk() value in templates/{PRINT_CSS}")
                               for c in rgb])
        for page in pdf.pages:      # links mean nothing on paper, and PDF/X allows no
            if "/Annots" in page.obj:   # annotation but printer's marks inside the bleed box
                del page.obj.Annots
        metadata = pdf.Root.Metadata
        xmp = re.sub(rb"(<xmpMM:DocumentID>)[^<]*(</xmpMM:DocumentID>)",
                     rb"\g<1>" + ident.encode() + rb"\g<2>", metadata.read_bytes())
        metadata.write(xmp)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True, fix_metadata_version=False,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def rgb_colours(pdf: pikepdf.Pdf) -> list[str]:
    """What paints in DeviceRGB: ``#rrggbb`` of each rg/RG colour, and the names of RGB
    colour spaces and images, in the pages and the forms they draw."""
    found: dict[str, None] = {}
    seen: set[tuple[int, int]] = set()

    def scan(owner: Any, resources: Any) -> None:
        for instruction in pikepdf.parse_content_stream(owner):
            operands, name = instruction.operands, str(instruction.operator)
            if name in RGB_OPERATORS:
                found["#" + "".join(f"{round(float(v) * 255):02x}" for v in operands)] = None
            elif name in ("cs", "CS") and operands[0] == Name.DeviceRGB:
                found["a DeviceRGB colour space"] = None
        for kind in ("/XObject", "/Pattern", "/Shading", "/ColorSpace"):
            for key, item in (resources.get(kind) or Dictionary()).items():
                if _is_rgb(item.get("/ColorSpace") if isinstance(item, Dictionary | pikepdf.Stream)
                           else item):
                    found[f"{kind[1:]} {key}"] = None
                if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == Name.Form \
                        and item.objgen not in seen:
                    seen.add(item.objgen)
                    scan(item, item.get("/Resources") or resources)

    for page in pdf.pages:
        scan(page, page.Resources)
    return list(found)


def _is_rgb(space: Any) -> bool:
    if space == Name.DeviceRGB:
        return True
    return isinstance(space, pikepdf.Array) and len(space) > 0 and space[0] == Name.DeviceRGB
