"""Checks headless-Chromium screenshots of the SVGPlot gallery (Python stdlib only).

Each argument is PATH:SCHEME with SCHEME light or dark. A screenshot passes when
its background (the most common colour) matches the scheme, when enough of it
differs from the background (the figures were drawn), and when it has many
distinct colours (text, lines and colour maps rather than a flat fill).
"""
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pngdecode  # noqa: E402


def decode_png(path):
    """Returns (width, height, rows) with rows as lists of (r, g, b) tuples, every 2nd row and column."""
    width, height, channels, lines = pngdecode.decode(path)
    rows = [[tuple(line[x:x + 3]) for x in range(0, width * channels, 2 * channels)] for line in lines[::2]]
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
