"""Checks headless-Chromium screenshots of the SVGPlot gallery (Python stdlib only).

Each argument is PATH:SCHEME with SCHEME light or dark. A screenshot passes when
its background (the most common colour) matches the scheme, when enough of it
differs from the background (the figures were drawn), and when it has many
distinct colours (text, lines and colour maps rather than a flat fill).
"""
import struct
import sys
import zlib
from collections import Counter


def decode_png(path):
    """Returns (width, height, rows) with rows as lists of (r, g, b) tuples, every 2nd row and column."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"{path}: unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    previous = bytearray(stride)
    rows = []
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + predictor) & 0xFF
        elif kind != 0:
            raise ValueError(f"{path}: bad filter {kind} in row {y}")
        previous = line
        if y % 2 == 0:
            rows.append([tuple(line[x:x + 3]) for x in range(0, stride, 2 * channels)])
    return width, height, rows


def check(path, scheme):
    width, height, rows = decode_png(path)
    pixels = [p for row in rows for p in row]
    background, _ = Counter(pixels).most_common(1)[0]
    luminance = sum(background) / 3
    drawn = sum(1 for p in pixels if max(abs(a - b) for a, b in zip(p, background)) > 24) / len(pixels)
    colours = len(set(pixels))
    problems = []
    if scheme == "light" and luminance < 200:
        problems.append(f"background {background} is not light")
    if scheme == "dark" and luminance > 60:
        problems.append(f"background {background} is not dark")
    if drawn < 0.03:
        problems.append(f"only {drawn:.1%} of pixels differ from the background")
    if colours < 200:
        problems.append(f"only {colours} distinct colours")
    status = "FAIL" if problems else "ok"
    print(f"{status}: {path} ({width}×{height}, {scheme}, background {background}, {drawn:.1%} drawn, {colours} colours)")
    for problem in problems:
        print(f"  {problem}")
    return not problems


def main(arguments):
    if not arguments:
        print("usage: png_check.py PATH:light|dark ...", file=sys.stderr)
        return 2
    results = [check(*argument.rsplit(":", 1)) for argument in arguments]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
