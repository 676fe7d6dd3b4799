"""Archive and cache wrappers (Wayback Machine, archive.today, AMP caches): the original page a URL holds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode

# A Wayback timestamp (any prefix of YYYYMMDDhhmmss, or "*" for every capture) with an optional replay modifier
# ("id_" the page as captured, "if_" in a frame, "im_" an image, "js_" a script...).
_TS = r"(?:\d{1,14}|\*)\*?(?:[a-z]{2}_)?"
_ARCHIVE_TODAY_TS = r"(?:\d{4}\.\d\d\.\d\d-\d{6}|\d{8,14}|newest|oldest)"


@dataclass(frozen=True, slots=True, kw_only=True)
class _Wrapper:
    host: str  # regex over the lower-case host without "www."
    prefix: str  # regex over path and query, from the first "/" to where the held URL starts
    inner: str = r"(?P<url>.+)"
    # The host is only an archive: an address on it that does not hold the original's (archive.ph/AbCd1) has none.
    is_archive: bool = True


_WRAPPERS = tuple(
    (re.compile(w.host), re.compile(w.prefix + w.inner, re.IGNORECASE | re.DOTALL), w.is_archive)
    for w in (
        _Wrapper(host=r"(?:web|wayback)\.archive\.org", prefix=rf"/web/(?:{_TS}/)?"),
        _Wrapper(host=r"wayback\.archive-it\.org", prefix=rf"/[^/]+/{_TS}/"),
        _Wrapper(host=r"arquivo\.pt", prefix=rf"/wayback/{_TS}/"),
        _Wrapper(host=r"webarchive\.nationalarchives\.gov\.uk", prefix=rf"/(?:ukgwa/)?{_TS}/"),
        _Wrapper(host=r"webarchive\.loc\.gov", prefix=rf"/(?:[^/]+/)?{_TS}/"),
        _Wrapper(
            host=r"archive\.(?:today|ph|is|li|vn|fo|md)", prefix=rf"/(?:{_ARCHIVE_TODAY_TS}/|(?=https?(?::|%3a)))"
        ),
        # "/c/s/host/path": the "s" says the page is served over https.
        _Wrapper(host=r"[a-z0-9-]+\.cdn\.ampproject\.org", prefix=r"/[cvi]/(?P<s>s/)?"),
        _Wrapper(host=r"google\.(?:com|[a-z]{2}|com?\.[a-z]{2})", prefix=r"/amp/(?P<s>s/)?", is_archive=False),
        # q=cache:[a 12-character document id:]url[+search words]
        _Wrapper(
            host=r"webcache\.googleusercontent\.com",
            prefix=r"/search\?(?:[^#]*&)?q=cache(?::|%3a)(?:[\w-]{12}(?::|%3a))?",
            inner=r"(?P<url>[^&+#]+)",
        ),
    )
)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):/*", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(?:[^@/?#]*@)?(?P<host>[^/?#:]*)(?P<port>:\d*)?(?P<rest>.*)$", re.DOTALL)
_DEFAULT_PORTS = frozenset({"", ":", ":80", ":443"})
_PLAUSIBLE_HOST = re.compile(r"^[\w-]+(?:\.[\w-]+)+\.?$")
_MAX_DEPTH = 8  # wrappers nest a few deep at most; the bound stops a URL that names itself

# Query parameters that say how a reader arrived, not which page they read (utm_* is matched by its prefix).
_TRACKING = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "ocid", "cmpid", "cmp", "smid", "mc_cid", "mc_eid",
    "_ga", "_gl", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "at_medium", "at_campaign",
    "ref_src", "amp",
})  # fmt: skip
_AMP_PATH = re.compile(r"/amp(?=/|$)|\.amp(?=$|\.html?$)", re.IGNORECASE)


def original_url(url: str | None) -> str | None:
    """The address of the page a wrapper URL (an archive snapshot, an AMP or search cache) holds, unwrapped fully.

    A URL that is no wrapper is returned as it is; an archive address that does not hold the original's address
    (archive.ph/AbCd1) gives None, as does None.
    """
    current = url
    for _ in range(_MAX_DEPTH):
        if current is None:
            return None
        is_wrapper, inner = _unwrap(current)
        if not is_wrapper:
            return current
        current = inner
    return current


def page_key(url: str | None) -> str | None:
    """The form in which two addresses of one page are equal: unwrapped, without scheme, "www.", fragment,
    trailing slash, tracking parameters or AMP variants; None when the URL gives no original address."""
    original = original_url(url)
    if not original:
        return None
    _, host, port, rest = _split(original)
    host = host.rstrip(".").removeprefix("www.").removeprefix("amp.")
    path, _, query = rest.partition("#")[0].partition("?")
    # One spelling of each character: archives and feeds percent-encode the same path differently.
    path = quote(unquote(_AMP_PATH.sub("", path)), safe="/:@!$&'()*+,;=~").rstrip("/")
    params = sorted(
        (k, v)
        for k, v in parse_qsl(query, keep_blank_values=True)
        if not (
            k.lower() in _TRACKING or k.lower().startswith("utm_") or (k.lower(), v.lower()) == ("outputtype", "amp")
        )
    )
    authority = host if port in _DEFAULT_PORTS else host + port
    return authority + path + (f"?{urlencode(params)}" if params else "")


def _unwrap(url: str) -> tuple[bool, str | None]:
    """Whether the URL is a wrapper's, and the URL it holds (None when it holds none)."""
    _, host, _, rest = _split(url)
    for host_pattern, pattern, is_archive in _WRAPPERS:
        if not host_pattern.fullmatch(host.removeprefix("www.")):
            continue
        found = pattern.match(rest)
        inner = _held_url(found["url"], is_secure=bool(found.groupdict().get("s"))) if found else None
        if inner is not None or is_archive:
            return True, inner
    return False, None


def _split(url: str) -> tuple[str, str, str, str]:
    """(scheme, lower-case host, port, everything after them) of a URL with or without a scheme."""
    scheme = ""
    found = _SCHEME.match(url)
    # "fox59.com:8080/x" has no scheme; "http:/fox59.com" lost a slash on its way through an archive.
    if found and "." not in found[1]:
        scheme, url = found[1].lower(), url[found.end() :]
    parts = _AUTHORITY.match(url.lstrip("/"))
    if parts is None:  # pragma: no cover - the pattern matches any string
        return scheme, "", "", url
    return scheme, parts["host"].lower(), parts["port"] or "", parts["rest"]


def _held_url(text: str, *, is_secure: bool) -> str | None:
    """The URL a wrapper holds, with a scheme; None when the text is no URL."""
    if re.match(r"[a-z]+%3a", text, re.IGNORECASE) or ("/" not in text and "%2f" in text.lower()):
        text = unquote(text)
    scheme, host, port, rest = _split(text)
    if not _PLAUSIBLE_HOST.match(host):
        return None
    port = "" if port in _DEFAULT_PORTS else port
    return f"{scheme or ('https' if is_secure else 'http')}://{host}{port}{rest}"
