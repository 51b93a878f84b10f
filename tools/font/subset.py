#!/usr/bin/python3
"""Builds the CJK font TownBrain ships (src/main/resources/fonts/).

Noto Sans CJK SC (SIL Open Font License 1.1) from Debian's fonts-noto-cjk package, cut to the
characters a county's pages, posters and place names use:

* every hanzi of GB 2312 (6,763), which covers everyday written Chinese;
* every character in the national division files (../shared/data/divisions: all place names of
  Zhejiang, China's towns and villages), so rare characters of village names are in;
* every character in the product's own sources, bundles and demo data;
* ASCII, Latin-1, general and CJK punctuation, full-width forms.

The cut font is renamed (OFL: a modified version is distributed under another name) and turned
from PostScript (CFF) into TrueType outlines, which Java2D and PDFBox both embed. A WOFF2 of the
same TrueType font serves the web pages, for phones and kiosks without a Chinese system font.

Run from the repository root:
    apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb /tmp/noto
    apt-get install python3-fonttools python3-brotli
    /usr/bin/python3 tools/font/subset.py /tmp/noto/usr/share/fonts/opentype/noto ../shared/data
"""
import gzip
import pathlib
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

SC = 2  # index of Noto Sans CJK SC in the collection
FAMILY = "TownBrain Sans SC"
OUT = pathlib.Path("src/main/resources/fonts")
WEB = pathlib.Path("src/main/resources/static/css/fonts")


def characters(data_dir: pathlib.Path) -> set[int]:
    chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    chars |= set(range(0x2000, 0x2070)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    chars |= {0x00B7, 0x2022, 0x2116, 0x2103, 0x00D7, 0x00F7, 0x2192, 0x2190, 0x2191, 0x2193, 0x25CF, 0x25CB, 0x2605,
              0x2606, 0x2714, 0x2716, 0x00B0, 0x2030, 0x2264, 0x2265, 0x2248, 0x2212, 0x221E}
    for code in range(0x4E00, 0xA000):
        try:
            chr(code).encode("gb2312")
            chars.add(code)
        except UnicodeEncodeError:
            pass
    texts = []
    for path in data_dir.rglob("*"):
        if path.suffix == ".gz":
            texts.append(gzip.open(path, "rt", encoding="utf-8", errors="ignore").read())
        elif path.suffix in (".csv", ".md", ".txt", ".json", ".geojson"):
            texts.append(path.read_text(encoding="utf-8", errors="ignore"))
    for path in pathlib.Path("src").rglob("*"):
        if path.is_file() and path.suffix in (".java", ".properties", ".html", ".sql", ".csv", ".js", ".css", ".json"):
            texts.append(path.read_text(encoding="utf-8", errors="ignore"))
    for text in texts:
        chars.update(ord(c) for c in text if 0x3000 <= ord(c) < 0xA000 or 0xF900 <= ord(c) < 0xFB00
                     or 0xFF00 <= ord(c) < 0xFFF0 or 0x20000 <= ord(c) < 0x32000)
    return chars


def cut(collection_dir: pathlib.Path, weight: str, chars: set[int]):
    font = TTCollection(str(collection_dir / f"NotoSansCJK-{weight}.ttc")).fonts[SC]
    options = subset.Options()
    options.hinting = False
    options.layout_features = ["kern", "palt", "halt", "vert", "vrt2", "locl"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14, 16, 17]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=chars)
    subsetter.subset(font)
    rename(font, weight)
    return font


def rename(font, weight: str):
    name = font["name"]
    full = f"{FAMILY} {weight}" if weight != "Regular" else FAMILY
    postscript = f"TownBrainSansSC-{weight}"
    for record in list(name.names):
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID == 4:
            record.string = full
        elif record.nameID in (6, 3):
            record.string = postscript
        elif record.nameID in (2, 17):
            record.string = weight
        elif record.nameID == 5:
            record.string = str(record.toUnicode()) + "; subset of Noto Sans CJK SC by TownBrain"
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]


def to_truetype(font):
    """CFF (cubic) outlines to TrueType (quadratic) ones, as fontTools' otf2ttf snippet does."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for glyph_name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[glyph_name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[glyph_name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    font["maxp"] = maxp
    # format 14 (variation sequences) means nothing without the glyph variants the cut dropped
    font["cmap"].tables = [table for table in font["cmap"].tables if table.format != 14]
    font["post"].formatType = 3.0
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\000\001\000\000"


def main():
    collection_dir, data_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    chars = characters(data_dir)
    OUT.mkdir(parents=True, exist_ok=True)
    WEB.mkdir(parents=True, exist_ok=True)
    for weight in ("Regular",):  # posters and pages embolden it (a Bold cut would add 6 MB)
        font = cut(collection_dir, weight, chars)
        to_truetype(font)
        font.save(str(OUT / f"TownBrainSansSC-{weight}.ttf"))
        # the same TrueType outlines for the web: smaller than the CFF cut, and Chromium embeds them
        # in a printed PDF as a real font (CFF web fonts become nameless Type 3 fonts)
        web = TTFont(str(OUT / f"TownBrainSansSC-{weight}.ttf"))
        web.flavor = "woff2"
        web.save(str(WEB / f"TownBrainSansSC-{weight}.woff2"))
    (OUT / "characters.txt").write_text("".join(chr(c) for c in sorted(chars)), encoding="utf-8")
    print(f"{len(chars)} characters")


main()
