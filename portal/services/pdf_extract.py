"""Child process: read a PDF from stdin, print its page count and text as JSON.

Run only by `portal.services.attachments.extract_text`, under CPU-time and memory limits, because
PDF parsers have looped forever or exhausted memory on hostile files. It imports nothing from the
portal, so it runs with `python -I` (no current directory, no environment variables on the path).
"""

import io
import json
import sys

MAX_TEXT = 2_000_000


def main() -> int:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    data = sys.stdin.buffer.read()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            print(json.dumps({"error": "encrypted"}))
            return 2
        parts, size = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
            if size > MAX_TEXT:
                break
        print(json.dumps({"pages": len(reader.pages), "text": "\n".join(parts)[:MAX_TEXT]}))
        return 0
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        print(json.dumps({"error": type(exc).__name__}))
        return 2


if __name__ == "__main__":
    sys.exit(main())
