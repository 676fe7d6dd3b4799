#!/usr/bin/env python3
"""Build src/newsledger/packs/security/actors.csv.

States (ids, names, demonyms) are derived from the NGEC country table (github.com/ahalterman/NGEC-2025,
MIT; see the pack's NOTICE.md), cleaned of dependent territories and of aliases that are common English
words. Governments, armed forces, ministries, IGOs, armed groups, companies and persons are curated below
from public facts. Re-run after editing this file and commit the output:

    python tools/build_security_actors.py [--countries PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_COUNTRIES = ROOT.parent / "shared" / "data" / "ngec_actor_resolution" / "countries.csv"
DEFAULT_OUT = ROOT / "src" / "newsledger" / "packs" / "security" / "actors.csv"
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


def build(countries_csv: Path) -> list[dict[str, str]]:
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
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", type=Path, default=DEFAULT_COUNTRIES)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    rows = build(args.countries)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} actors to {args.out}")


if __name__ == "__main__":
    main()
