"""Tests for copy detection: syndicated, trimmed and re-headlined copies group; different stories do not."""

from __future__ import annotations

from datetime import date

from newsledger.settings import DedupeSettings
from newsledger.stages.dedupe import find_copy_groups, fingerprint_text

CFG = DedupeSettings()
# Fictional text written for newsledger's tests.
WIRE = [
    "The defence ministry of the republic confirmed on Monday that a second batch of transport helicopters "
    "had arrived at the northern air base after a delay of several weeks caused by customs paperwork.",
    "A ministry spokesman said the aircraft would enter service after acceptance flights and that crews had "
    "completed conversion training abroad during the summer months.",
    "The contract, signed two years ago, covers spare parts, ground equipment and a maintenance centre that "
    "engineers from the manufacturer are expected to help set up by the end of next year.",
    "Opposition lawmakers questioned the price of the deal and asked the auditor to review how the tender "
    "was organised, a request the ministry described as politically motivated.",
]
OTHER = [
    "Farmers in the southern valley began the cotton harvest early this year after an unusually warm autumn, "
    "according to the regional agriculture office, which expects yields close to the five-year average.",
    "Prices at the wholesale market fell slightly as the first trucks arrived, traders said, while exporters "
    "waited for new rules on shipments through the eastern border crossing to take effect.",
]


def _fp(aid: str, paras: list[str], day: date):
    return fingerprint_text(aid, "\n\n".join(paras), day, settings=CFG)


def test_find_copy_groups_trimmed_reheadlined_copy_points_to_earliest_original() -> None:
    copy = ["Helicopters land at last, ministry says"] + WIRE[:3] + ["The base lies 40 km from the capital."]
    prints = [
        _fp("wire", WIRE, date(2025, 3, 3)),
        _fp("copy", copy, date(2025, 3, 4)),
        _fp("other", OTHER, date(2025, 3, 3)),
    ]
    groups = find_copy_groups(prints, settings=CFG)
    assert groups == {"wire": "wire", "copy": "wire"}


def test_find_copy_groups_reordered_paragraphs_still_a_copy() -> None:
    prints = [_fp("a", WIRE, date(2025, 3, 5)), _fp("b", list(reversed(WIRE)), date(2025, 3, 3))]
    assert find_copy_groups(prints, settings=CFG) == {"a": "b", "b": "b"}


def test_find_copy_groups_unrelated_articles_form_no_group() -> None:
    prints = [_fp("a", WIRE, date(2025, 3, 3)), _fp("b", OTHER, date(2025, 3, 3))]
    assert find_copy_groups(prints, settings=CFG) == {}


def test_fingerprint_text_is_stable_across_calls() -> None:
    assert _fp("a", WIRE, date(2025, 3, 3)) == _fp("a", WIRE, date(2025, 3, 3))


def test_find_copy_groups_heavily_trimmed_copy_found_by_containment() -> None:
    # Keeps half of the story: Jaccard falls near 0.5, but almost all of the copy is inside the original.
    long_story = WIRE + [p.replace("ministry", "department") for p in WIRE] + OTHER
    prints = [_fp("orig", long_story, date(2025, 3, 3)), _fp("cut", WIRE[:3], date(2025, 3, 4))]
    assert find_copy_groups(prints, settings=CFG) == {"orig": "orig", "cut": "orig"}


def test_containment_of_a_set_inside_a_larger_one_is_one() -> None:
    from newsledger.stages.dedupe import containment

    # |A| = 50 inside |B| = 100: Jaccard 0.5, containment 1.
    assert containment(0.5, 50, 100) == 1.0
    assert containment(0.0, 50, 100) == 0.0
