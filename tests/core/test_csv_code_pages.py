"""CSV files Excel saved in a legacy code page (Shift-JIS in Japan, GBK in China, Windows-1251
in Russia ...): read in that code page, so the header is found and the names are intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.core.orders import inspect_orders, read_orders

# (code page, what the note names, header, first data row); the buyer is the second column.
FILES = [
    ("cp1252", "Windows-1252", "Auftrag;Kunde;Bestimmungsland;Bezeichnung;Zolltarifnummer",
     "A-1;Müller Präzisionstechnik GmbH;Österreich;Kühlmittelpumpe;8413.50"),
    ("cp1250", "Windows-1250", "Zamówienie;Nabywca;Kraj przeznaczenia;Opis towaru;Kod CN",
     "1;Przedsiębiorstwo Handlowe Łódź;Polska;Łożyska kulkowe;8482.10"),
    ("cp1251", "Windows-1251",
     "Номер заказа;Покупатель;Страна назначения;Описание товара;Код ТН ВЭД",
     "1;ООО Ромашка;Россия;Микроконтроллеры;8542.31"),
    ("cp1254", "Windows-1254", "Sipariş No;Müşteri;Varış Ülkesi;Ürün Açıklaması;GTİP",
     "1;Anadolu Dağıtım Ltd Şti;Türkiye;Mikrodenetleyici;8542.31"),
    ("cp932", "Shift-JIS", "注文番号,顧客,仕向国,品名,HSコード",
     "SO-1,東京精密株式会社,ロシア,マイクロコントローラ,8542.31"),
    ("gb18030", "GBK", "订单号,客户,目的国,货物描述,HS编码",
     "SO-1,深圳华信贸易有限公司,俄罗斯,微控制器,8542.31"),
    ("cp950", "Big5", "訂單號,客戶,目的國,貨物描述,HS編碼",
     "SO-1,台灣積體電路製造股份有限公司,香港,微控制器,8542.31"),
    ("cp949", "EUC-KR", "주문번호,고객,목적국,품명,HS코드",
     "SO-1,삼성전자주식회사,러시아,마이크로컨트롤러,8542.31"),
]  # fmt: skip


@pytest.mark.parametrize(("codec", "named", "header", "row"), FILES, ids=[f[0] for f in FILES])
def test_a_csv_in_a_legacy_code_page_is_read_in_it(
    tmp_path: Path, codec: str, named: str, header: str, row: str
) -> None:
    path = tmp_path / f"{codec}.csv"
    path.write_bytes(f"{header}\r\n{row}\r\n".encode(codec))
    info = inspect_orders(path)
    assert {"buyer", "destination", "hs_code"} <= set(info.mapping.as_dict())
    assert any(named in note for note in info.notes)
    cells = row.split(";" if ";" in row else ",")
    [line] = list(read_orders(path, mapping=info.mapping.as_dict()))
    assert line.parties[0].name == cells[1]
    assert line.hs_code == cells[4]
