"""Tests for archive and cache wrappers: the original page each wrapper form holds, and page identity keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.archives import original_url, page_key

FOX = "http://fox59.com/2014/06/15/x/"


@pytest.mark.parametrize(
    "wrapped",
    [
        f"http://web.archive.org/web/20160530191334/{FOX}",
        f"https://web.archive.org/web/20160530191334id_/{FOX}",
        f"https://web.archive.org/web/20160530191334if_/{FOX}",
        f"https://web.archive.org/web/2016im_/{FOX}",
        f"https://web.archive.org/web/20160530191334js_/{FOX}",
        f"https://web.archive.org/web/*/{FOX}",
        f"https://web.archive.org/web/2016*/{FOX}",
        f"https://web.archive.org/web/{FOX}",
        f"https://wayback.archive.org/web/20160530191334/{FOX}",
        "https://web.archive.org/web/2016/fox59.com/2014/06/15/x/",
        f"web.archive.org/web/20160530191334/{FOX}",
        "https://web.archive.org/web/2016/http:/fox59.com/2014/06/15/x/",
        "https://web.archive.org/web/20160530191334/http://fox59.com:80/2014/06/15/x/",
        "https://web.archive.org/web/20160530191334/http%3A%2F%2Ffox59.com%2F2014%2F06%2F15%2Fx%2F",
        f"https://wayback.archive-it.org/4567/20160530191334/{FOX}",
        f"https://arquivo.pt/wayback/20160530191334/{FOX}",
        f"https://webarchive.nationalarchives.gov.uk/20160530191334/{FOX}",
        f"https://webarchive.nationalarchives.gov.uk/ukgwa/20160530191334/{FOX}",
        f"https://webarchive.loc.gov/all/20160530191334/{FOX}",
        f"https://webcache.googleusercontent.com/search?q=cache:{FOX}",
        f"https://webcache.googleusercontent.com/search?q=cache:AbCdEf123456:{FOX}+fox59&cd=1&hl=en",
        "https://webcache.googleusercontent.com/search?q=cache%3Ahttp%3A%2F%2Ffox59.com%2F2014%2F06%2F15%2Fx%2F",
        "https://fox59-com.cdn.ampproject.org/c/fox59.com/2014/06/15/x/",
        "https://www.google.com/amp/fox59.com/2014/06/15/x/",
    ],
)
def test_original_url_unwraps_each_archive_and_cache_form(wrapped: str) -> None:
    assert original_url(wrapped) == FOX


@pytest.mark.parametrize(
    ("wrapped", "original"),
    [
        (
            "https://archive.ph/2019.01.09-121502/https://news.example.org/2019/01/09/x.html",
            "https://news.example.org/2019/01/09/x.html",
        ),
        ("https://archive.today/20190109121502/https://news.example.org/x", "https://news.example.org/x"),
        ("http://archive.is/20190109/http://news.example.org/x", "http://news.example.org/x"),
        ("https://archive.li/newest/https://news.example.org/x", "https://news.example.org/x"),
        ("https://archive.vn/oldest/https://news.example.org/x", "https://news.example.org/x"),
        ("https://archive.fo/https://news.example.org/x", "https://news.example.org/x"),
        ("https://archive.md/2019.01.09-121502/news.example.org/x", "http://news.example.org/x"),
        (
            "https://www-bbc-co-uk.cdn.ampproject.org/c/s/www.bbc.co.uk/news/w-1.amp",
            "https://www.bbc.co.uk/news/w-1.amp",
        ),
        (
            "https://www-bbc-co-uk.cdn.ampproject.org/v/s/www.bbc.co.uk/news/w-1?amp_js_v=0.1",
            "https://www.bbc.co.uk/news/w-1?amp_js_v=0.1",
        ),
        ("https://www-bbc-co-uk.cdn.ampproject.org/i/s/www.bbc.co.uk/img/1.jpg", "https://www.bbc.co.uk/img/1.jpg"),
        ("https://www.google.com/amp/s/www.bbc.co.uk/news/amp/world-1", "https://www.bbc.co.uk/news/amp/world-1"),
        ("https://web.archive.org/web/2016/http://fox59.com/x?id=5&page=2", "http://fox59.com/x?id=5&page=2"),
    ],
)
def test_original_url_keeps_the_held_scheme_path_and_query(wrapped: str, original: str) -> None:
    assert original_url(wrapped) == original


def test_original_url_unwraps_nested_wrappers_fully() -> None:
    nested = (
        "https://web.archive.org/web/2020/https://archive.ph/2019.01.09-121502/"
        "https://www.google.com/amp/s/news.example.org/x"
    )
    assert original_url(nested) == "https://news.example.org/x"
    encoded = "https://web.archive.org/web/2020/https%3A%2F%2Fweb.archive.org%2Fweb%2F2016%2Fhttp%3A%2F%2Ffox59.com%2Fx"
    assert original_url(encoded) == "http://fox59.com/x"


@pytest.mark.parametrize(
    "short",
    [
        "https://archive.ph/AbCd1",
        "https://archive.today/AbCd1",
        "http://archive.is/xYz12",
        "https://archive.li/AbCd1",
        "https://archive.vn/AbCd1",
        "https://archive.fo/AbCd1",
        "https://archive.md/AbCd1",
        "https://web.archive.org/",
        "https://web.archive.org/web/2016/",
        "https://web.archive.org/web/20160530191334/https://archive.ph/AbCd1",
    ],
)
def test_original_url_archive_address_without_the_original_is_none(short: str) -> None:
    assert original_url(short) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://www.bbc.co.uk/news/world-1",
        "https://www.google.com/search?q=archive",
        "https://archive.org/details/some-item",
        "https://news.example.org/web/2016/http://x.example.com/",
        "",
    ],
)
def test_original_url_leaves_a_url_that_is_no_wrapper_as_given(url: str) -> None:
    assert original_url(url) == url


def test_original_url_none_is_none() -> None:
    assert original_url(None) is None


@given(st.from_regex(r"https?://[a-z]{1,10}\.(com|org|example)(/[a-z0-9]{1,8}){0,3}/?", fullmatch=True))
def test_original_url_of_a_wayback_copy_is_the_page_and_idempotent(url: str) -> None:
    assert original_url(f"https://web.archive.org/web/20160530191334/{url}") == url
    assert original_url(url) == url


@pytest.mark.parametrize(
    "variant",
    [
        "http://fox59.com/2014/06/15/x",
        "https://www.fox59.com/2014/06/15/x/",
        "https://WWW.FOX59.COM/2014/06/15/x/#comments",
        "https://fox59.com:443/2014/06/15/x/",
        "https://fox59.com/2014/06/15/x/?utm_source=twitter&utm_medium=social&fbclid=abc",
        "https://fox59.com/2014/06/15/x/?gclid=1&ocid=msn&cmpid=rss",
        "https://fox59.com/2014/06/15/x/amp/",
        "https://fox59.com/amp/2014/06/15/x",
        "https://fox59.com/2014/06/15/x/?amp=1",
        "https://fox59.com/2014/06/15/x?outputType=amp",
        "https://amp.fox59.com/2014/06/15/x",
        "https://fox59.com/2014/06/15/x.amp",
        f"https://web.archive.org/web/20160530191334/{FOX}",
        "https://fox59-com.cdn.ampproject.org/c/s/fox59.com/2014/06/15/x/amp/",
    ],
)
def test_page_key_folds_every_address_of_one_page(variant: str) -> None:
    assert page_key(variant) == "fox59.com/2014/06/15/x"


def test_page_key_keeps_what_names_the_page() -> None:
    assert page_key("https://news.example.org/story?id=5&utm_campaign=x") == "news.example.org/story?id=5"
    assert page_key("https://news.example.org/story?b=2&a=1") == page_key("https://news.example.org/story?a=1&b=2")
    assert page_key("https://news.example.org/story?id=5") != page_key("https://news.example.org/story?id=6")
    assert page_key("http://news.example.org:8080/story") == "news.example.org:8080/story"
    assert page_key("https://news.example.org/Story") != page_key("https://news.example.org/story")
    assert page_key("https://news.example.org/caf%C3%A9") == page_key("https://news.example.org/café")


def test_page_key_without_an_original_is_none() -> None:
    assert page_key("https://archive.ph/AbCd1") is None
    assert page_key(None) is None
    assert page_key("") is None
