"""Tests for copy detection: syndicated, trimmed and re-headlined copies group; different stories do not."""

from __future__ import annotations

from datetime import date

from newsledger.settings import DedupeSettings
from newsledger.stages.dedupe import Fingerprint, find_copy_groups, fingerprint_text, group_by_page

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


def _dated(aid: str, day: date | None) -> Fingerprint:
    return Fingerprint(article_id=aid, published=day, signature=b"")


SNAPSHOT_2016 = "https://web.archive.org/web/20160530191334/http://fox59.com/2014/06/15/pier-vote/"
SNAPSHOT_2019 = "https://web.archive.org/web/20190101000000id_/https://www.fox59.com/2014/06/15/pier-vote?utm_source=x"


def test_group_by_page_two_snapshots_of_one_page_are_one_group() -> None:
    prints = [_dated("late", date(2016, 5, 30)), _dated("early", date(2014, 6, 15)), _dated("other", date(2014, 6, 15))]
    urls = {"late": SNAPSHOT_2016, "early": SNAPSHOT_2019, "other": "https://fox59.com/2014/06/16/ferry/"}
    assert group_by_page(prints, urls, {}) == {"late": "early", "early": "early"}


def test_group_by_page_a_snapshot_brings_its_whole_copy_group() -> None:
    prints = [_dated("a", date(2014, 6, 16)), _dated("b", date(2014, 6, 15)), _dated("wire", date(2014, 6, 14))]
    copies = {"wire": "wire", "c": "wire"}  # c (no URL, no date) is a near-copy of wire's text
    urls = {"a": SNAPSHOT_2016, "b": SNAPSHOT_2019, "wire": "https://wire.example/2014/06/14/pier-vote"}
    assert group_by_page(prints, urls, copies) == {"a": "b", "b": "b", "wire": "wire", "c": "wire"}
    # Now wire's address is a third snapshot of a's and b's page: all four are one group, wire the earliest.
    urls["wire"] = "http://fox59.com/2014/06/15/pier-vote/#top"
    assert group_by_page(prints, urls, copies) == {"a": "wire", "b": "wire", "wire": "wire", "c": "wire"}


def test_group_by_page_ties_go_to_the_smaller_id_and_undated_articles_come_last() -> None:
    prints = [_dated("b", date(2014, 6, 15)), _dated("a", date(2014, 6, 15)), _dated("0", None)]
    urls = {"a": SNAPSHOT_2016, "b": SNAPSHOT_2019, "0": SNAPSHOT_2019}
    assert group_by_page(prints, urls, {}) == {"a": "a", "b": "a", "0": "a"}


def test_group_by_page_ignores_front_pages_and_addresses_without_an_original() -> None:
    prints = [_dated(a, date(2014, 6, 15)) for a in "abcd"]
    urls = {
        "a": "https://web.archive.org/web/2016/http://fox59.com/",
        "b": "https://www.fox59.com",
        "c": "https://archive.ph/AbCd1",
        "d": "https://archive.ph/AbCd1",
    }
    assert group_by_page(prints, urls, {}) == {}
