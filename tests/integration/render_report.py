"""Renders a report in headless Chromium in a viewport of WIDTH x HEIGHT CSS pixels and checks that it fits:
  - nothing overflows horizontally: document.documentElement.scrollWidth <= window.innerWidth (a horizontal scroll
    bar otherwise), with the elements that stick out named when it fails;
  - every plot is shown no wider than the viewport, and its PNG has at least twice the pixels it is shown at (sharp
    on a high-density screen);
  - the screenshot shows the plots: non-white pixels and the Manhattan plot's dark blue, and the Manhattan plot's
    blues end inside the window, past 70% of its width (scaled to the page, not cut at the right edge).
The viewport is an iframe of exactly that size in a page of our own (Chromium's headless windows are at least 500
pixels wide); the page reads the iframe's layout and writes it into its DOM, which --dump-dom prints. The report
itself runs no script.
Usage: render_report.py REPORT.html WIDTH HEIGHT SCREENSHOT.png"""
import json
import os
import re
import subprocess
import sys

import numpy as np
from PIL import Image

report, width, height, shot = os.path.abspath(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), os.path.abspath(sys.argv[4])
folder = os.path.dirname(shot)
harness = os.path.join(folder, f"viewport-{width}x{height}.html")
with open(harness, "w") as f:
    f.write(f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<style>body{{margin:0;background:#fff}}iframe{{border:0;display:block;width:{width}px;height:{height}px}}</style></head>
<body><iframe id="view" src="file://{report}"></iframe><script>
document.getElementById('view').addEventListener('load', function () {{
  var w = this.contentWindow, doc = w.document, root = doc.documentElement, out = [];
  doc.querySelectorAll('body *').forEach(function (e) {{
    var r = e.getBoundingClientRect();
    if (r.right > w.innerWidth + 0.5 && !e.closest('.wide'))
      out.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' to ' + Math.round(r.right));
  }});
  var images = Array.prototype.map.call(doc.images, function (i) {{
    return {{alt: i.alt, shown: i.getBoundingClientRect().width, natural: i.naturalWidth}};
  }});
  var p = document.createElement('pre');
  p.id = 'measure';
  p.textContent = JSON.stringify({{scrollWidth: root.scrollWidth, innerWidth: w.innerWidth, overflowing: out.slice(0, 12),
                                   images: images}});
  document.body.appendChild(p);
}});
</script></body></html>
""")
chromium = ["timeout", "120", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--hide-scrollbars", "--allow-file-access-from-files", f"--user-data-dir={folder}/chromium-profile",
            f"--window-size={max(width, 500)},{height}", "--virtual-time-budget=10000"]
dom = subprocess.run(chromium + ["--dump-dom", f"file://{harness}"], capture_output=True, text=True).stdout
found = re.search(r'<pre id="measure">(.*?)</pre>', dom, re.S)
assert found, f"{width}x{height}: the page wrote no measurement (Chromium printed {len(dom)} characters)"
m = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
assert m["innerWidth"] == width, f"the viewport is {m['innerWidth']} pixels wide, not {width}"
assert m["scrollWidth"] <= m["innerWidth"], \
    f"{width}x{height}: the page is {m['scrollWidth']} pixels wide (a horizontal scroll bar); sticking out: {m['overflowing']}"
assert len(m["images"]) >= 2, f"{width}x{height}: {len(m['images'])} images"
for image in m["images"]:
    assert 0 < image["shown"] <= width, f"{width}x{height}: {image['alt']} shown {image['shown']} pixels wide"
    assert image["natural"] >= 2 * image["shown"], f"{width}x{height}: {image['alt']}: {image['natural']} pixels shown at {image['shown']}"

subprocess.run(chromium + [f"--screenshot={shot}", f"file://{harness}"], capture_output=True, check=True)
pixels = np.asarray(Image.open(shot).convert("RGB")).astype(int)[:height, :width]
def colour(rgb, tolerance=30):
    return np.all(np.abs(pixels - np.array(rgb)) < tolerance, axis=2)
dark_blue, light_blue = colour((28, 79, 138)), colour((128, 179, 224), 20)
non_white = int(np.sum(pixels.sum(axis=2) < 700))
columns = np.nonzero((dark_blue | light_blue).any(axis=0))[0]
rightmost = int(columns.max()) if len(columns) else -1
print(f"{width}x{height}: page {m['scrollWidth']} pixels wide in a {m['innerWidth']}-pixel viewport; images shown at "
      f"{[round(i['shown']) for i in m['images']]} from {[i['natural'] for i in m['images']]} pixels; screenshot: "
      f"{non_white} non-white pixels, {int(dark_blue.sum())} dark blue, Manhattan blues up to column {rightmost}")
# A blank page, or one without its images, has no dark blue at all; at 390 pixels the plots show a few hundred.
assert non_white > width * 12 and dark_blue.sum() > width / 4, f"{width}x{height}: the rendered report looks blank or lacks its plots"
assert 0.7 * width < rightmost < width - 8, f"{width}x{height}: the Manhattan plot ends at column {rightmost}"
