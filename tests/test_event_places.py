"""Tests for where an event happened, on shapes of real news: a site in its town, a town named before the happening
an event is part of, a town before a kind of place. Every sentence here is fictional, written for these tests."""

from __future__ import annotations

import pytest

from tests.coded import coded_mentions as _mentions


@pytest.mark.parametrize(
    ("text", "type_", "where", "town"),
    [
        # a site in its town: the town is the place, the phrase from the site to the town its evidence
        ("Hundreds of people protested outside the Turkish embassy in Athens on Friday.", "PROTEST",
         "the Turkish embassy in Athens", "Athens"),
        ("Police arrested two men at a hotel in Lagos.", "COERCE", "a hotel in Lagos", "Lagos"),
        # what happens in a happening named after its town happens there
        ("More than 300 people were arrested in the Minsk protests.", "COERCE", "Minsk", "Minsk"),
        # a town of the country named first is the more exact place
        ("In Japan, hundreds of people marched through Osaka neighborhoods on Sunday.", "PROTEST", "Osaka", "Osaka"),
        # a town named before a kind of place
        ("Police arrested about a dozen protesters in the Lagos suburb on Sunday.", "COERCE", "Lagos", "Lagos"),
    ],
)  # fmt: skip
def test_event_place_from_its_clause(text: str, type_: str, where: str, town: str) -> None:
    [mention] = _mentions(text, type_)
    assert mention.spans.location is not None
    assert mention.spans.location.quote(text) == where
    assert mention.location is not None and mention.location.name == town
