"""The print edition's PDF/X-4 details: CMYK output intent, stable DocumentID, no RGB, no links.

WeasyPrint's ``pdf/x-4`` variant writes an output intent only when the CSS declares
``@color-profile device-cmyk`` (its ``components: c, m, y, k`` need the commas: they count
the profile's channels). It draws the XMP DocumentID at random; here it comes from the
edition, so two builds give the same bytes. A colour left in RGB (a colour of the brochure's
stylesheet that ``templates/print.css`` does not override) fails the job, naming the colour.
Inline SVG (maps, charts, QR codes) takes its colours from its attributes only, so those are
rewritten to the print stylesheet's CMYK value of the same palette colour.
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
SCREEN_CSS = ("brochure.css", "visuals.css")      # the brochure's palette, as print.css maps it
PROFILE_SUFFIXES = (".icc", ".icm")
RGB_OPERATORS = {"rg", "RG"}
SVG = re.compile(r"<svg\b.*?</svg>", re.S)
SVG_COLOURS = re.compile(r'(\b(?:fill|stroke|stop-color|color)\s*=\s*["\'])'     # an attribute
                         r"(#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|black|white)")
BASE = {"#000000": "device-cmyk(0 0 0 1)", "#ffffff": "device-cmyk(0 0 0 0)"}  # K only, no ink
PROPERTY = re.compile(r"(--[\w-]+)\s*:\s*([^;}]+)")                      # a custom property


def color_profile_rule(profile: Path) -> str:
    """The CSS that makes ``profile`` the output intent of the PDF.

    >>> color_profile_rule(Path("/p/cmyk.icc"))
    '@color-profile device-cmyk { src: url("file:///p/cmyk.icc"); components: c, m, y, k }'
    """
    return (f'@color-profile device-cmyk {{ src: url("{profile.resolve().as_uri()}"); '
            "components: c, m, y, k }")


def _hex(colour: str) -> str:
    """A colour as ``#rrggbb`` where it is one.

    >>> _hex("#0B2"), _hex("white"), _hex("#0b2a45")
    ('#00bb22', '#ffffff', '#0b2a45')
    """
    colour = {"black": "#000", "white": "#fff"}.get(colour.strip().lower(), colour.strip().lower())
    if re.fullmatch(r"#[0-9a-f]{3}", colour):
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour


def cmyk_palette(screen_css: str, print_css: str) -> dict[str, str]:
    """Each RGB colour of the screen's custom properties → the device-cmyk() value that the
    print stylesheet gives the same property; black and white as pure K and no ink.

    >>> cmyk_palette(":root { --navy: #0B2A45; --x: 1px }",
    ...              ":root { --navy: device-cmyk(0.9 0.7 0.5 0.7); }")["#0b2a45"]
    'device-cmyk(0.9 0.7 0.5 0.7)'
    """
    screen = dict(PROPERTY.findall(screen_css))
    printed = {k: v.strip() for k, v in PROPERTY.findall(print_css)}
    palette = dict(BASE)
    for name, value in screen.items():
        if printed.get(name, "").startswith("device-cmyk(") and \
                re.fullmatch(r"#[0-9a-f]{6}", _hex(value)):
            palette[_hex(value)] = printed[name]
    return palette


def in_cmyk(colour: str, palette: dict[str, str]) -> str | None:
    """A colour's CMYK value: the palette's, or, for a tint of a palette colour (the map and
    the chart draw tints, ``svgkit.mix``), the same inks scaled by the tint's amount.

    >>> palette = {"#0e7c7b": "device-cmyk(0.91 0.34 0.53 0.13)"}
    >>> in_cmyk("#0e7c7b", palette), in_cmyk("#86bebd", palette), in_cmyk("#123456", palette)
    ('device-cmyk(0.91 0.34 0.53 0.13)', 'device-cmyk(0.455 0.17 0.265 0.065)', None)
    """
    from .svgkit import mix

    colour = _hex(colour)
    if colour in palette:
        return palette[colour]
    for base, value in palette.items():
        inks = re.fullmatch(r"device-cmyk\(([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\)", value)
        if inks is None or base in BASE:
            continue
        for percent in range(1, 100):
            if mix(base, percent / 100) == colour:
                scaled = (round(float(ink) * percent / 100, 4) for ink in inks.groups())
                return "device-cmyk({})".format(" ".join(f"{ink:g}" for ink in scaled))
    return None


def svg_in_cmyk(page: str, palette: dict[str, str]) -> str:
    """Inline SVG's colours (which WeasyPrint reads from SVG attributes only, not from the
    stylesheets or their custom properties) in their CMYK values where the palette has them.

    >>> print(svg_in_cmyk('<p style="color: #000"></p><svg><rect fill="#000"/></svg>', BASE)
    ...       .replace("device-cmyk(0 0 0 1)", "K"))
    <p style="color: #000"></p><svg fill="K"><rect fill="K"/></svg>
    """
    def colours(svg: re.Match[str]) -> str:
        text = SVG_COLOURS.sub(lambda m: m.group(1) + (in_cmyk(m.group(2), palette)
                                                       or m.group(2)), svg.group(0))
        # An element with no fill of its own fills black (a stroked QR code or rule still sets
        # it): inherited from the root, that default black is K, not RGB.
        head, rest = text.split(">", 1)
        if "fill=" not in head:
            head += f' fill="{BASE["#000000"]}"'
        return f"{head}>{rest}"
    return SVG.sub(colours, page)


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
