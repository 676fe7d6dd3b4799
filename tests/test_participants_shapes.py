"""Tests for who did it when the clause does not say, on shapes of real news. Every sentence here is fictional,
written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.coding import code_texts
from newsledger.pack import load_pack
from newsledger.settings import Settings

PACK = load_pack("security")


@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        # harm that came in an attack was done by whoever made the attack
        ("The group's spokesman was killed in a U.S. airstrike in March.", "killed", "U.S.", "The group's spokesman"),
        ("Two soldiers were killed in a Taliban attack on Monday.", "killed", "Taliban", "Two soldiers"),
        # an attack with no maker named leaves the harm without a source
        ("Three civilians were wounded in the shelling.", "wounded", None, "Three civilians"),
    ],
)
def test_passive_harm_takes_the_maker_of_the_attack_it_came_in(
    text: str, trigger: str, source: str | None, target: str
) -> None:
    [(_, mentions)] = list(code_texts([("t", text, date(2025, 3, 10))], pack=PACK, settings=Settings()))
    [mention] = [m for m in mentions if m.spans.trigger.quote(text) == trigger]
    assert (mention.spans.source.quote(text) if mention.spans.source else None) == source
    assert mention.spans.target is not None and mention.spans.target.quote(text) == target
