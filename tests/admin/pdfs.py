"""Small PDFs built by hand for upload tests."""

from __future__ import annotations

import zlib


def make_pdf(
    content: bytes = b"BT /F1 12 Tf 72 720 Td (Bao cao ket qua) Tj ET", compress: bool = False
) -> bytes:
    """A one-page PDF whose page draws `content`, with a correct cross-reference table."""
    stream = zlib.compress(content) if compress else content
    filters = b" /Filter /FlateDecode" if compress else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + filters + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def heavy_pdf(operators: int = 400_000) -> bytes:
    """A valid PDF whose single page holds hundreds of thousands of text operators: small on disk
    (it compresses to a few kilobytes) but many seconds of CPU for a text extractor."""
    body = b"BT /F1 12 Tf " + b"(x) Tj 1 0 Td " * operators + b"ET"
    return make_pdf(body, compress=True)
