"""Hostile input for the form tests: markup in text fields, and how to tell it stayed text.

``PAYLOAD`` is both classic shapes at once: a script element, and a quote that closes an attribute
followed by an image whose error handler runs. ``assert_inert`` reads a page with an HTML parser:
Loket's own templates have no inline script and no event-handler attribute at all (the
Content-Security-Policy runs none), so any the parser finds came from the input. ``assert_shown``
checks that the value is on the page as text, escaped, so a test cannot pass by showing nothing.
"""

from __future__ import annotations

from html.parser import HTMLParser

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
PAYLOAD = SCRIPT + IMAGE
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
THREE_MEGABYTES = 3 * 1024 * 1024

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A Windows program renamed: the name and the declared type say PDF, the first bytes say "MZ".
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 64
    + b"This program cannot be run in DOS mode."
)


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name.lower() for name, _value in attrs}
        handlers = sorted(name for name in names if name.startswith("on"))
        if handlers:
            self.found.append(f"<{tag}> with {', '.join(handlers)}")
        values = dict(attrs)
        if tag == "script" and not values.get("src") and values.get("type") != "application/json":
            self.found.append("an inline <script>")
        if tag == "img" and values.get("src") == "x":
            self.found.append("<img src=x>")


def injected_markup(html: str) -> list[str]:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.found


def assert_inert(html: str) -> None:
    """No script, handler or injected image on the page: the input stayed text."""
    found = injected_markup(html)
    assert not found, found


def assert_shown(html: str, times: int = 1) -> None:
    """The payload is on the page as escaped text (at least ``times`` times), and nothing ran."""
    assert_inert(html)
    assert html.count(ESCAPED) >= times, f"the escaped value is shown {html.count(ESCAPED)} times"
