# readability-lxml (Debian's python3-readability) over the same files as `newsmon extract`,
# one process, JSON Lines out: the speed baseline of bench/extract.bench.js. Usage:
#   /usr/bin/python3 bench/readability-extract.py FILE...
import gzip
import json
import sys

import lxml.html
from readability import Document

out = sys.stdout
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        raw = f.read()
    if raw[:2] == b'\x1f\x8b':
        raw = gzip.decompress(raw)
    try:
        doc = Document(raw.decode('utf-8', errors='replace'))
        html = doc.summary(html_partial=True)
        text = lxml.html.fromstring(html).text_content().strip() if html.strip() else ''
        out.write(json.dumps({'title': doc.short_title(), 'text': text}, ensure_ascii=False) + '\n')
    except Exception as err:  # a page it cannot read still gets its line
        out.write(json.dumps({'file': path, 'error': str(err)}) + '\n')
