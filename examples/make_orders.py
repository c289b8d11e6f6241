"""Writes examples/orders.xlsx: an invented ERP order export (deterministic, seeded).

    python examples/make_orders.py

Clean lines to partner countries, CHPL goods to diversion-risk distributors, Russia/Belarus,
embargoed destinations and occupied regions, messy HS codes and country spellings, and a few
parties named like publicly reported sanctioned companies.
"""

from __future__ import annotations

import random
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

OUT = Path(__file__).with_name("orders.xlsx")
CLEAN = [
    ("Tokyo Precision KK", "JP"),
    ("Midwest Automation Inc", "US"),
    ("Brightline Controls Ltd", "GB"),
    ("Hanbit Electronics Co Ltd", "Korea, Republic of"),
    ("Alpenmetall AG", "CH"),
    ("Fjord Subsea AS", "Norway"),
    ("Southern Cross Mining Pty Ltd", "AU"),
    ("Maple Robotics Corp", "Canada"),
    ("Tecnica Iberica SA", "ES"),
    ("Nordlicht Maschinenbau GmbH", "DE"),
]
RISKY = [
    ("Anadolu Dagitim Ltd. Sti.", "Türkiye"),
    ("Gulf Star Electronics FZE", "UAE"),
    ("Harbour Bright Trading Ltd", "Hong Kong SAR"),
    ("Shenzhen Xinda Components Co Ltd", "CN"),
    ("Almaty Tech Supply TOO", "KZ"),
    ("Bishkek Trade House LLC", "Kyrgyzstan"),
    ("Yerevan Components LLC", "AM"),
    ("Tbilisi Machinery LLC", "Georgia"),
    ("Pune Precision Pvt Ltd", "IN"),
    ("Tashkent Engineering LLC", "UZ"),
    ("Dubai Pacific General Trading LLC", "U.A.E."),
]
RUSSIA = [
    ("OOO Sever Logistika", "Russian Federation"),
    ("Minsk Instrument JSC", "BY"),
    ("Ural Stanok OOO", "RU"),
]
EMBARGO = [
    ("Pars Industrial Co", "Iran"),
    ("Damascus Trading Est", "Syria"),
    ("Havana Importadora SA", "Cuba"),
    ("Pyongyang Trading Corp", "DPRK"),
]
# Named as the press reports publicly listed companies, with the spelling variants ERPs hold.
LISTED = [
    ("Gazprom Bank", "RU"),
    ("Rosoboronexport OAO", "RU"),
    ("Korea Mining Development Trading Corp", "KP"),
    ("Sberbank PJSC", "RU"),
]
CHPL = [
    "8542.31",
    "8542.32",
    "854239",
    "8471.50",
    "8517 62",
    "8536.69",
    "8541.10",
    "8482.10",
    "8457.10",
    "8458.11",
    "8459.61",
    "8466.93",
    "9013.10",
    "8526.91",
]
OTHER = ["9401.30", "8413.50", "7318.15", "3926.90", "4819.10", "90121", "8481.80"]
BAD = ["85A2", "n/a", ""]
DESC = {
    "85": "Microcontrollers and ICs",
    "84": "Machine tools and parts",
    "90": "Optical instruments",
    "94": "Office chairs",
    "73": "Bolts and screws",
    "39": "Plastic fittings",
    "48": "Cartons",
    "09": "Coffee samples",
}


def main() -> None:
    rng = random.Random(20261125)
    wb = Workbook()
    ws = wb.active
    ws.title = "Orders"
    ws.append(["SAP ERP export — sales order lines — Nordlicht Maschinenbau GmbH"])
    ws["A1"].font = Font(bold=True)
    ws.append([])
    header = [
        "Order No.",
        "Line",
        "Order Date",
        "Sold-to Party",
        "Sold-to Country",
        "Ship-to Party",
        "Ship-to Country",
        "End User",
        "End-User Country",
        "Description",
        "HS Code",
        "ECCN",
        "Qty",
        "Unit Price",
        "Currency",
        "Destination",
        "Routing/Transit",
    ]
    ws.append(header)
    for i in range(230):
        kind = rng.choices(
            ["clean", "risky", "russia", "embargo", "listed"], weights=[50, 30, 8, 5, 7]
        )[0]
        name, country = rng.choice(
            {
                "clean": CLEAN,
                "risky": RISKY,
                "russia": RUSSIA,
                "embargo": EMBARGO,
                "listed": LISTED,
            }[kind]
        )
        hs = rng.choice(CHPL if kind != "clean" or rng.random() < 0.5 else OTHER)
        if i % 37 == 5:
            hs = rng.choice(BAD)
        transit = rng.choice(["", "", "", "AE", "TR", "via Almaty, KZ"]) if kind == "risky" else ""
        end_user, eu_country = ("", "")
        if kind == "risky" and rng.random() < 0.3:
            end_user, eu_country = rng.choice([*RUSSIA, ("Crimea Port Services", "Sevastopol")])
        qty = rng.randint(1, 500)
        ws.append(
            [
                f"SO-{4500 + i // 3}",
                i % 3 + 1,
                f"2026-11-{1 + i % 24:02d}",
                name,
                country,
                name,
                country,
                end_user,
                eu_country,
                DESC.get(str(hs)[:2], "Spare parts"),
                float(hs) if hs == "90121" else hs,
                rng.choice(["EAR99", "3A991", "5A992", "2B001", ""]),
                qty,
                round(rng.uniform(2, 900), 2),
                "EUR",
                country,
                transit,
            ]
        )
    ws.append(["Total", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""])
    wb.save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
