"""A small line chart as SVG, so the benchmark needs no plotting package."""
import math
from xml.sax.saxutils import escape

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]
W, H = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 70, 170, 40, 50


def _ticks(lo, hi, log):
    if log:
        return [10.0 ** e for e in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)
                if lo <= 10.0 ** e <= hi] or [lo, hi]
    step = 10 ** math.floor(math.log10((hi - lo) or 1))
    while (hi - lo) / step > 8:
        step *= 2
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(int((hi - first) / step) + 1)]


def _fmt(v):
    return "%g" % v


def line_chart(series, title, xlabel, ylabel, logx=False, logy=False, dashed=()):
    """series: [(label, [(x, y), ...])]; labels in `dashed` are drawn dashed
    (reference lines). Points with y <= 0 are left out on a log axis."""
    pts = [(x, y) for _, s in series for x, y in s if (x > 0 or not logx) and (y > 0 or not logy)]
    if not pts:
        return ""
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    if not logy:
        y0 = min(0.0, y0)
    if x0 == x1:
        x1 = x0 * 2 if logx else x0 + 1
    if y0 == y1:
        y1 = y0 * 2 if logy else y0 + 1
    tx = (lambda v: math.log10(v)) if logx else (lambda v: v)
    ty = (lambda v: math.log10(v)) if logy else (lambda v: v)

    def px(v):
        return LEFT + (tx(v) - tx(x0)) / (tx(x1) - tx(x0)) * (W - LEFT - RIGHT)

    def py(v):
        return H - BOTTOM - (ty(v) - ty(y0)) / (ty(y1) - ty(y0)) * (H - TOP - BOTTOM)

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="12">' % (W, H),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="22" font-size="14">%s</text>' % (LEFT, escape(title))]
    for v in _ticks(x0, x1, logx):
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>'
                   % (px(v), TOP, px(v), H - BOTTOM))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>'
                   % (px(v), H - BOTTOM + 16, _fmt(v)))
    for v in _ticks(y0, y1, logy):
        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>'
                   % (LEFT, py(v), W - RIGHT, py(v)))
        out.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>'
                   % (LEFT - 6, py(v) + 4, _fmt(v)))
    out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="black"/>'
               % (LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM))
    out.append('<text x="%d" y="%d" text-anchor="middle">%s</text>'
               % ((LEFT + W - RIGHT) // 2, H - 12, escape(xlabel)))
    out.append('<text transform="translate(16,%d) rotate(-90)" text-anchor="middle">%s</text>'
               % ((TOP + H - BOTTOM) // 2, escape(ylabel)))
    for i, (label, s) in enumerate(series):
        colour = COLOURS[i % len(COLOURS)]
        s = [(x, y) for x, y in s if (x > 0 or not logx) and (y > 0 or not logy)]
        dash = ' stroke-dasharray="5,4"' if label in dashed else ""
        if s:
            out.append('<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>'
                       % (colour, dash, " ".join("%.1f,%.1f" % (px(x), py(y)) for x, y in s)))
            if not dash:
                out += ['<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (px(x), py(y), colour)
                        for x, y in s]
        ly = TOP + 14 + 18 * i
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>'
                   % (W - RIGHT + 10, ly - 4, W - RIGHT + 30, ly - 4, colour, dash))
        out.append('<text x="%d" y="%d">%s</text>' % (W - RIGHT + 35, ly, escape(label)))
    out.append("</svg>")
    return "\n".join(out) + "\n"
