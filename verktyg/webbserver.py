"""A static file server on 127.0.0.1 for the browser tests, the PDFs and the benchmark."""

from __future__ import annotations

import functools
import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TEXT_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class _Handler(SimpleHTTPRequestHandler):
    """Serve files quietly; with compress=True, gzip text and allow caching like an intranet web server."""

    compress = False

    def log_message(self, *args):
        """Stay quiet."""

    def send_head(self):
        """Send gzip-compressed text when asked to and the browser accepts it; everything else as usual."""
        if not (self.compress and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirects to the folder with a slash
            path = path / "index.html"
        if path.suffix not in TEXT_TYPES or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache" if path.suffix == ".html" else "max-age=31536000")
        self.end_headers()
        return _Body(body)


class _Body:
    """A file-like object over bytes, as send_head returns."""

    def __init__(self, data: bytes):
        """Keep the bytes."""
        self.data = data

    def read(self, *_):
        """Return all the bytes once."""
        data, self.data = self.data, b""
        return data

    def close(self):
        """Nothing to close."""


@contextmanager
def serve(directory: Path, compress: bool = False) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 at a free port while in the block; yield its origin."""
    handler = type("Handler", (_Handler,), {"compress": compress})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
