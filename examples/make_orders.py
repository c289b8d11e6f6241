"""Writes examples/orders.xlsx and examples/orders.csv: invented ERP order exports (seeded).

    python examples/make_orders.py

orders.xlsx is an SAP-style sales-order-line export of a European machinery/electronics maker:
a banner above the header, clean lines to partner countries, CHPL goods to distributors in
diversion-risk countries, Russia/Belarus, embargoed destinations, occupied regions, transit
routings, messy HS codes and country spellings, and parties named as the press reported
publicly sanctioned companies (with the spelling variants ERP master data holds). All other
company names are invented. orders.csv is a smaller German export (semicolon, Windows-1252).
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

HERE = Path(__file__).resolve().parent
SEED = 20261125

# ISO code -> spellings found in customer master data
SPELL = {
    "US": ["USA", "United States", "US"],
    "JP": ["Japan", "JP"],
    "GB": ["United Kingdom", "UK", "GB"],
    "KR": ["Korea, Republic of", "South Korea", "KR"],
    "CH": ["Switzerland", "CH"],
    "NO": ["Norway", "NO"],
    "AU": ["Australia", "AU"],
    "CA": ["Canada", "CA"],
    "FR": ["France", "FR"],
    "IT": ["Italy", "IT"],
    "NL": ["Netherlands", "NL", "Holland"],
    "SE": ["Sweden", "SE"],
    "IN": ["India", "IN"],
    "TR": ["Türkiye", "Turkey", "TR", "Turkiye"],
    "AE": ["UAE", "U.A.E.", "United Arab Emirates", "AE"],
    "HK": ["Hong Kong SAR", "Hong Kong", "HK"],
    "CN": ["China", "CN", "PRC"],
    "KZ": ["Kazakhstan", "KZ"],
    "KG": ["Kyrgyzstan", "Kyrgyz Republic", "KG"],
    "AM": ["Armenia", "AM"],
    "GE": ["Georgia", "GE"],
    "UZ": ["Uzbekistan", "UZ"],
    "RU": ["Russian Federation", "Russia", "RU"],
    "BY": ["Belarus", "BY"],
    "IR": ["Iran", "Iran (Islamic Republic of)", "IR"],
    "SY": ["Syria", "Syrian Arab Republic"],
    "KP": ["DPRK", "North Korea", "Korea, Democratic People's Republic of"],
    "CU": ["Cuba", "CU"],
    "UA": ["Ukraine", "UA"],
}
CLEAN = [
    ("Midwest Automation Inc", "US"),
    ("Carolina Drive Systems LLC", "US"),
    ("Tokyo Precision KK", "JP"),
    ("Osaka Sokki Co Ltd", "JP"),
    ("Brightline Controls Ltd", "GB"),
    ("Hanbit Electronics Co Ltd", "KR"),
    ("Alpenmetall AG", "CH"),
    ("Fjord Subsea AS", "NO"),
    ("Southern Cross Mining Pty Ltd", "AU"),
    ("Maple Robotics Corp", "CA"),
    ("Ateliers Rhodaniens SAS", "FR"),
    ("Officine Brianza SpA", "IT"),
    ("Delta Waterbouw BV", "NL"),
    ("Norrland Verktyg AB", "SE"),
]
DISTRIBUTORS = [
    ("Anadolu Dagitim Ltd. Sti.", "TR", "Istanbul"),
    ("Bosphorus Endustri A.S.", "TR", "Izmir"),
    ("Gulf Star Electronics FZE", "AE", "Jebel Ali"),
    ("Dubai Pacific General Trading LLC", "AE", "Dubai"),
    ("Harbour Bright Trading Ltd", "HK", "Kowloon"),
    ("Shenzhen Xinda Components Co Ltd", "CN", "Shenzhen"),
    ("Almaty Tech Supply TOO", "KZ", "Almaty"),
    ("Bishkek Trade House LLC", "KG", "Bishkek"),
    ("Yerevan Components LLC", "AM", "Yerevan"),
    ("Tbilisi Machinery LLC", "GE", "Tbilisi"),
    ("Pune Precision Pvt Ltd", "IN", "Pune"),
    ("Tashkent Engineering LLC", "UZ", "Tashkent"),
]
RUSSIA_BELARUS = [
    ("OOO Sever Logistika", "RU", "Saint Petersburg"),
    ("Ural Stanok OOO", "RU", "Yekaterinburg"),
    ("Minsk Instrument JSC", "BY", "Minsk"),
]
EMBARGO = [
    ("Pars Industrial Co", "IR", "Tehran"),
    ("Damascus Trading Est", "SY", "Damascus"),
    ("Havana Importadora SA", "CU", "Havana"),
    ("Pyongyang Trading Corp", "KP", "Pyongyang"),
]
OCCUPIED = [
    ("Tavrida Port Services", "UA", "ul. Bolshaya Morskaya 12", "Sevastopol, Crimea"),
    ("Krymteplitsa Agro LLC", "UA", "Kievskaya 4", "Simferopol, Republic of Crimea"),
    ("Donbass Stroy Mash", "UA", "pr. Ilyicha 77", "Donetsk"),
    ("Luganskteplovoz Service", "UA", "ul. Frunze 107", "Luhansk"),
]
# Named as the press reported publicly listed companies (US SDN / Entity List, UN, EU),
# each with the spelling variants an ERP ends up holding.
LISTED = [
    (["OOO Radioavtomatika", "Radioavtomatika LLC", "Radio Avtomatika OOO"], "RU"),
    (["Sertal LLC", "OOO Sertal", "Sertall Ltd."], "RU"),
    (["AO PKK Milandr", "Milandr JSC", "PKK Milandr"], "RU"),
    (["PJSC Mikron", "Mikron PAO"], "RU"),
    (["AO Angstrem", "Angstrem JSC"], "RU"),
    (["Baikal Electronics JSC", "Baikal Elektroniks"], "RU"),
    (["AO MCST", "MCST JSC"], "RU"),
    (["Kalashnikov Concern JSC", "Concern Kalashnikov"], "RU"),
    (["JSC Concern VKO Almaz-Antey", "Almaz Antei"], "RU"),
    (["Rosoboronexport JSC", "Rosoboron Export"], "RU"),
    (["Sinno Electronics Co., Ltd.", "Sinno Electronic Co Ltd"], "HK"),
    (["Connec Electronic Ltd", "Connec Electronics Limited"], "HK"),
    (["Korea Mining Development Trading Corporation", "KOMID"], "KP"),
    (["Mahan Air", "Mahan Airlines"], "IR"),
]
# (material, description, HS spellings, ECCN, unit price range) -- CHPL goods first
CHPL = [
    ("MCU-32F4", "32-bit microcontroller, 180 MHz", ["8542.31", 85423190, "8542 31"], "3A991.a.2"),
    ("FPGA-A7", "FPGA, Artix-7 class", ["8542.39", "854239", "8542.39.90"], "3A991.d"),
    ("DDR4-16", "DDR4 memory module 16 GB", ["8542.32", "8542320000"], "5A992.c"),
    ("SRV-1U", "1U rack server, 2 CPU", ["8471.50", "847150"], "5A992.c"),
    ("RTR-IND8", "Industrial Ethernet router, 8 port", ["8517.62", "8517 62 00"], "5A992.c"),
    ("CON-M12", "M12 connector set", ["8536.69", "85366990"], "EAR99"),
    ("DIO-SB40", "Schottky diodes, reel of 3000", ["8541.10", "8541"], "EAR99"),
    ("BRG-6205", "Deep-groove ball bearing 6205", ["8482.10", 84821010], "EAR99"),
    ("VMC-850", "Vertical machining centre VMC-850", ["8457.10", "84571010"], "2B991"),
    ("LTH-2AX", "CNC lathe, 2-axis", ["8458.11", "8458.11.20"], "2B991"),
    ("MIL-5AX", "5-axis milling machine", ["8459.61", "845961"], "2B001.b"),
    ("SPD-HSK63", "Spindle unit HSK-A63", ["8466.93", "8466 93"], "2B991"),
    ("OPT-RS2", "Reflex sight optics module", ["9013.10", "901310"], "0A504"),
    ("GNSS-M8", "GNSS receiver module", ["8526.91", "85269120"], "7A994"),
]
OTHER = [
    ("PMP-C50", "Centrifugal coolant pump", ["8413.50", "841350"], "EAR99"),
    ("VLV-DN25", "Solenoid valve DN25", ["8481.80", "8481.80.85"], "EAR99"),
    ("SCR-M8", "Hex screws M8, box of 500", ["7318.15", "731815"], ""),
    ("CTN-60", "Export cartons", ["4819.10"], ""),
    ("CHR-OFF", "Operator chair", ["9401.30"], ""),
    ("PSU-24V", "Power supply 24 V DC", ["8504.40", "85044095"], "EAR99"),
    ("CAB-CTL", "Control cabinet, assembled", ["8537.10"], "EAR99"),
    ("GAU-3D", "Coordinate measuring probe", ["9031.80", "9031 80 38"], "EAR99"),
    ("COF-GIFT", "Roasted coffee, customer gift", [90121, "0901.21"], ""),
]
MALFORMED_HS = ["85A2", "n/a", "", "tbd"]
MUST = [  # (kind, index into its pool)
    ("listed", 12),  # KOMID (UN-listed)
    ("embargo", 3),  # DPRK
    ("embargo", 2),  # Cuba
    ("occupied", 0),  # Sevastopol
    ("listed", 0),  # Radioavtomatika
    ("occupied", 2),  # Donetsk
    ("embargo", 0),  # Iran
    ("listed", 10),  # Sinno Electronics
    ("russia", 2),  # Belarus
]
INCOTERMS = ["EXW", "FCA", "DAP", "DDP", "CPT", "CIP"]

HEADER = [
    "Order No.",
    "Line",
    "Order Date",
    "Sold-to Party",
    "Sold-to Country",
    "Ship-to Party",
    "Ship-to Address",
    "Ship-to City",
    "Ship-to Country",
    "Intermediate Consignee",
    "End User",
    "End-User Country",
    "Material",
    "Description",
    "HS Code",
    "ECCN",
    "Qty",
    "Unit Price",
    "Net Value",
    "Currency",
    "Incoterm",
    "Routing/Transit",
]


def spell(rng: random.Random, iso: str) -> str:
    return rng.choice(SPELL[iso])


def orders(rng: random.Random) -> list[list[object]]:
    """240-odd lines, grouped in orders of 1-4 lines to one customer."""
    rows: list[list[object]] = []
    day = date(2026, 10, 1)
    number = 4500012
    must = list(MUST)  # every case the demo should show, spread through the file
    while len(rows) < 240:
        number += rng.randint(1, 7)
        day += timedelta(days=rng.choice([0, 0, 1, 1, 2, 3]))
        if must and len(rows) % 12 == 5:
            kind, pick = must.pop(0)
        else:
            kind, pick = (
                rng.choices(
                    ["clean", "review", "diversion", "russia", "embargo", "occupied", "listed"],
                    weights=[44, 24, 8, 6, 5, 4, 9],
                )[0],
                None,
            )
        order = make_order(rng, kind, pick)
        for line in range(1, rng.randint(1, 4) + 1):
            goods = CHPL if kind != "clean" or rng.random() < 0.45 else OTHER
            material, desc, hs_forms, eccn = rng.choice(goods)
            hs: object = rng.choice(hs_forms)
            if rng.random() < 0.03:
                hs = rng.choice(MALFORMED_HS)
            if len(rows) in (40, 161):
                hs = "85A2" if len(rows) == 40 else "n/a"
            qty = rng.choice([1, 2, 4, 10, 25, 50, 100, 250, 1000])
            price = round(rng.uniform(3, 4000) if material[:3] not in ("VMC", "LTH", "MIL")
                          else rng.uniform(85_000, 420_000), 2)  # fmt: skip
            rows.append(
                [
                    f"{number}",
                    line * 10,
                    day,
                    order["sold_to"],
                    order["sold_to_country"],
                    order["ship_to"],
                    order["address"],
                    order["city"],
                    order["ship_to_country"],
                    order["intermediate"],
                    order["end_user"],
                    order["end_user_country"],
                    material,
                    desc,
                    hs,
                    eccn if rng.random() > 0.1 else "",
                    qty,
                    price,
                    round(qty * price, 2),
                    "EUR" if rng.random() < 0.8 else "USD",
                    order["incoterm"],
                    order["transit"],
                ]
            )
    return rows


def make_order(rng: random.Random, kind: str, pick: int | None = None) -> dict[str, str]:
    """One order's parties; `pick` chooses from the kind's pool instead of chance."""

    def choose(pool: list[Any]) -> Any:
        return pool[pick] if pick is not None else rng.choice(pool)

    o = dict.fromkeys(
        ("intermediate", "end_user", "end_user_country", "transit", "address", "city"), ""
    )
    o["incoterm"] = rng.choice(INCOTERMS)
    if kind == "clean":
        name, iso = choose(CLEAN)
        o |= {"sold_to": name, "sold_to_country": spell(rng, iso), "ship_to": name}
        o["ship_to_country"] = spell(rng, iso)
    elif kind in ("review", "diversion"):
        name, iso, city = choose(DISTRIBUTORS)
        country = spell(rng, iso)
        o |= {"sold_to": name, "sold_to_country": country, "ship_to": name, "city": city}
        o["ship_to_country"] = country
        if kind == "diversion":  # goods routed on, or a Russian end user behind a distributor
            o["transit"] = rng.choice(["AE; TR", "via Dubai, Istanbul", "KZ", "TR / GE", "AE"])
            if rng.random() < 0.6:
                end_user, eu_iso, _ = rng.choice(RUSSIA_BELARUS)
                o |= {"end_user": end_user, "end_user_country": spell(rng, eu_iso)}
            if iso not in ("AE", "TR") and rng.random() < 0.5:
                o["intermediate"] = rng.choice(DISTRIBUTORS[2:4])[0]
    elif kind in ("russia", "embargo"):
        name, iso, city = choose(RUSSIA_BELARUS if kind == "russia" else EMBARGO)
        country = spell(rng, iso)
        o |= {"sold_to": name, "sold_to_country": country, "ship_to": name, "city": city}
        o["ship_to_country"] = country
    elif kind == "occupied":
        name, iso, address, city = choose(OCCUPIED)
        o |= {"sold_to": name, "sold_to_country": spell(rng, iso), "ship_to": name}
        o |= {"address": address, "city": city, "ship_to_country": spell(rng, iso)}
    else:  # a listed company: buyer itself, or the end user behind a distributor front
        names, iso = choose(LISTED)
        listed = names[0] if pick is not None else rng.choice(names)
        if rng.random() < 0.5:
            o |= {"sold_to": listed, "sold_to_country": spell(rng, iso), "ship_to": listed}
            o["ship_to_country"] = spell(rng, iso)
        else:
            front, front_iso, city = rng.choice(DISTRIBUTORS[:6])
            o |= {"sold_to": front, "sold_to_country": spell(rng, front_iso), "ship_to": front}
            o |= {"city": city, "ship_to_country": spell(rng, front_iso)}
            o |= {"end_user": listed, "end_user_country": spell(rng, iso)}
            o["transit"] = rng.choice(["", spell(rng, front_iso)])
    return o


# One order per capability added on 2026-12-01 (lists/CHANGES.md), appended after the seeded
# lines so those stay exactly as they were: (order, customer, country spelling, end user,
# end-user country, material, description, HS code, ECCN, transit).
CAPABILITIES = [
    # goods by description and part number: no HS code, or one the description contradicts
    ("4599001", "Anadolu Dagitim Ltd. Sti.", "Türkiye", "", "", "FPGA-K7",
     "Kintex-7 FPGA XC7K325T-2FFG900C", "", "3A991.d", ""),
    ("4599002", "Almaty Tech Supply TOO", "Kazakhstan", "", "", "MCU-F407",
     "STM32F407VGT6 microcontroller, tray of 90", "9403.30", "", ""),
    ("4599003", "Pune Precision Pvt Ltd", "India", "", "", "BRG-6205",
     "Rillenkugellager 6205-2RS C3", "", "", ""),
    ("4599004", "Tashkent Engineering LLC", "Uzbekistan", "", "", "LTH-RU",
     "Токарный станок с ЧПУ 16К20Ф3", "", "", ""),
    # the Art. 12g / Art. 8g clause finding is review; Art. 12g goods beyond the CHPL
    ("4599005", "Cairo Automation Systems SAE", "Egypt", "", "", "MCU-32F4",
     "32-bit microcontroller, 180 MHz", "8542.31", "3A991.a.2", ""),
    ("4599006", "Cairo Automation Systems SAE", "Egypt", "", "", "TRB-BLD",
     "Turbojet engine parts: compressor blades", "8411.91", "", ""),
    ("4599007", "Ural Stanok OOO", "Russia", "", "", "TRB-BLD",
     "Turbojet engine parts: compressor blades", "8411.91.00", "", ""),
    # the company's own watch list (examples/watch_list.csv) and its related parties
    ("4599008", "Nordwind Handels GmbH", "Germany", "", "", "SRV-1U",
     "1U rack server, 2 CPU", "8471.50", "5A992.c", ""),
    ("4599009", "Baltic Components GmbH", "Germany", "", "", "PSU-24V",
     "Power supply 24 V DC", "8504.40", "EAR99", ""),
    ("4599010", "Nordwind Holding AG", "Switzerland", "", "", "PMP-C50",
     "Centrifugal coolant pump", "8413.50", "EAR99", ""),
    # the company's own goods list (examples/own_goods.csv, named by examples/policy.toml)
    ("4599011", "Minsk Instrument JSC", "Belarus", "", "", "NB-RUG14",
     "Rugged laptop 14 inch", "8471.30.00", "5A992.c", ""),
    ("4599012", "Shenzhen Xinda Components Co Ltd", "China", "", "", "GAU-3D",
     "Coordinate measuring probe", "9031.80", "EAR99", ""),
]  # fmt: skip


def capability_rows(last: list[object]) -> list[list[object]]:
    day = last[2]
    rows = []
    for order, name, country, eu, eu_country, material, desc, hs, eccn, transit in CAPABILITIES:
        qty, price = 10, 1250.0
        rows.append(
            [
                order,
                10,
                day,
                name,
                country,
                name,
                "",
                "",
                country,
                "",
                eu,
                eu_country,
                material,
                desc,
                hs,
                eccn,
                qty,
                price,
                qty * price,
                "EUR",
                "FCA",
                transit,
            ]
        )
    return rows


def write_xlsx(rows: list[list[object]], path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Orders"
    ws.append(["SAP ERP  |  VA05 Sales order lines  |  Nordlicht Maschinenbau GmbH, Ulm"])
    ws.append(["Selection: sales org 1000, created 2026-10-01 to 2026-12-31, all customers"])
    ws.append([])
    ws.append(HEADER)
    ws["A1"].font = Font(bold=True, size=13)
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows(min_row=5, min_col=3, max_col=3):
        row[0].number_format = "dd.mm.yyyy"
    ws.append([])
    total = round(sum(float(r[18]) for r in rows), 2)  # type: ignore[arg-type]
    ws.append(["Total", *[""] * 17, total, "EUR"])
    ws.freeze_panes = "A5"
    for letter, width in zip("ABCDEFGHIJKLMNOPQRSTUV", [10, 6, 11, 34, 18, 34, 24, 22, 18, 30,
                                                        34, 18, 11, 34, 13, 10, 7, 11, 13, 8,
                                                        8, 20], strict=True):  # fmt: skip
        ws.column_dimensions[letter].width = width
    info = wb.create_sheet("Export info")
    info.append(["Exported by", "SAP ERP 6.0 EHP8, report VA05"])
    info.append(["Rows", len(rows)])
    wb.save(path)


CSV_HEADER = [
    "Auftrag",
    "Pos",
    "Auftragsdatum",
    "Kunde",
    "Land Kunde",
    "Warenempfänger",
    "Bestimmungsland",
    "Endverwender",
    "Materialkurztext",
    "Zolltarifnummer",
    "Ausfuhrlistennummer",
    "Menge",
    "Nettowert",
    "Währung",
    "Transitland",
]


def write_csv(rng: random.Random, path: Path) -> None:
    """A German export: semicolons, decimal commas, dates as dd.mm.yyyy, Windows-1252."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    customers = [
        ("Müller Präzisionstechnik GmbH", "DE", "Deutschland"),
        ("Österreichische Fräswerke AG", "AT", "Österreich"),
        ("Société Générale d'Usinage SA", "FR", "Frankreich"),
        ("Anadolu Dagitim Ltd. Sti.", "TR", "Türkei"),
        ("Gulf Star Electronics FZE", "AE", "Vereinigte Arabische Emirate"),
        ("Almaty Tech Supply TOO", "KZ", "Kasachstan"),
        ("OOO Radioavtomatika", "RU", "Russland"),
        ("Pars Industrial Co", "IR", "Iran"),
    ]
    for i in range(30):
        name, _iso, country = customers[i % len(customers)] if i % 4 else customers[i % 3]
        material, desc, hs_forms, eccn = rng.choice(CHPL + OTHER)
        hs = str(rng.choice(hs_forms))
        qty = rng.choice([1, 5, 20, 100])
        value = f"{qty * rng.uniform(10, 3000):,.2f}".replace(",", "X").replace(".", ",")
        end_user = "Ural Stanok OOO" if country == "Kasachstan" and i % 2 else ""
        writer.writerow(
            [
                f"A-{7100 + i // 2}",
                10 * (i % 2 + 1),
                (date(2026, 11, 2) + timedelta(days=i // 3)).strftime("%d.%m.%Y"),
                name,
                country,
                name,
                country,
                end_user,
                f"{desc} ({material})",
                hs,
                eccn.replace("EAR99", ""),
                qty,
                value.replace("X", "."),
                "EUR",
                "TR" if country == "Vereinigte Arabische Emirate" and i % 2 else "",
            ]
        )
    path.write_bytes(out.getvalue().encode("cp1252"))


def main() -> None:
    rng = random.Random(SEED)
    seeded = orders(rng)
    write_xlsx(seeded + capability_rows(seeded[-1]), HERE / "orders.xlsx")
    write_csv(rng, HERE / "orders.csv")
    print(f"wrote {HERE / 'orders.xlsx'} and {HERE / 'orders.csv'}")


if __name__ == "__main__":
    main()
