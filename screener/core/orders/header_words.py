"""The words order-file headers are matched by, per field: English, German, French, Spanish and
Italian first (the exporting ERPs), then Dutch, Portuguese, Polish, Czech, Turkish, Russian,
Ukrainian, Japanese, Chinese (simplified and traditional) and Korean, as SAP and other ERPs label
their exports.

Headers and these words are compared after `mapping.key` (accents folded, case and punctuation
dropped, every script kept). A word prefixed "~" is a weaker hint (0.85, not 1.0).
"""

# How each role's columns are named, as the base of "<base> country", "<base> city" ...
ROLE_BASES: dict[str, tuple[str, ...]] = {
    "buyer": (
        "buyer", "customer", "sold to", "sold to party", "sold to customer", "client",
        "bill to", "bill to party", "purchaser", "importer", "account", "kunde", "kunden",
        "auftraggeber", "kaufer", "besteller", "acheteur", "cliente",
        # other languages an exporter's ERP may export in
        "klant", "koper", "afnemer", "opdrachtgever", "acquirente", "committente", "comprador",
        "klient", "nabywca", "zamawiajacy", "zakaznik", "kunde", "müşteri", "alıcı", "покупатель",
        "заказчик", "клиент", "покупець", "замовник", "顧客", "得意先", "受注先", "購入者", "客户",
        "买方", "售达方", "客戶", "買方", "購買方",
        "购买方", "고객", "구매자",
    ),
    "consignee": (
        "consignee", "receiver", "recipient", "empfanger", "warenempfanger", "destinataire",
        "destinatario",
        # other languages an exporter's ERP may export in
        "ontvanger", "geadresseerde", "consignatario", "odbiorca", "příjemce", "alıcı firma",
        "teslim alan", "teslim alacak",
        "грузополучатель", "получатель", "одержувач", "荷受人", "受取人", "收货人", "收货方",
        "收貨人", "收貨方",
        "수하인",
    ),
    "ship_to": (
        "ship to", "ship to party", "ship to customer", "shipto", "deliver to", "delivery to",
        "delivery", "lieferanschrift", "lieferempfanger", "livraison",
        # other languages an exporter's ERP may export in
        "afleveradres", "leveradres", "luogo di consegna", "lugar de entrega", "miejsce dostawy",
        "teslimat adresi", "адрес доставки", "место доставки", "出荷先", "納品先", "届け先",
        "送达方", "送货地址",
        "배송지",
    ),
    "end_user": (
        "end user", "enduser", "end customer", "final user", "ultimate consignee",
        "ultimate end user", "endverwender", "endkunde", "endnutzer", "utilisateur final",
        "usuario final",
        # other languages an exporter's ERP may export in
        "eindgebruiker", "utilizzatore finale", "cliente final", "usuário final",
        "użytkownik końcowy", "odbiorca końcowy", "koncový uživatel", "son kullanıcı",
        "конечный пользователь", "конечный потребитель", "кінцевий користувач", "最終需要者",
        "最終ユーザー",
        "エンドユーザー", "最终用户", "最終用戶", "최종사용자", "최종 사용자",
    ),
    "intermediate": (
        "intermediate consignee", "intermediate", "intermediary", "forwarder",
        "freight forwarder", "spediteur", "zwischenempfanger", "transit consignee",
        # other languages an exporter's ERP may export in
        "tussenpersoon", "expediteur", "spedizioniere", "intermediario", "transitario", "spedytor",
        "pośrednik", "aracı", "nakliyeci", "посредник", "экспедитор", "посередник", "仲介者",
        "中間荷受人",
        "フォワーダー", "中间人", "货代", "中间收货人",
    ),
    "notify": ("notify party", "notify"),
}  # fmt: skip
COUNTRY_WORDS = (
    "country",
    "ctry",
    "cty",
    "country code",
    "country iso",
    "land",
    "nation",
    "paese",
    "nazione",
    "pais",
    "país",
    "kraj",
    "země",
    "ülke",
    "ülkesi",
    "страна",
    "країна",
    "国",
    "国家",
    "국가",
)
ADDRESS_WORDS = (
    "address",
    "street",
    "adresse",
    "anschrift",
    "strasse",
    "addr",
    "adres",
    "indirizzo",
    "direccion",
    "endereço",
    "adresa",
    "адрес",
    "адреса",
    "住所",
    "地址",
    "주소",
)
CITY_WORDS = (
    "city",
    "town",
    "ort",
    "stadt",
    "ville",
    "ciudad",
    "plaats",
    "città",
    "località",
    "cidade",
    "miasto",
    "město",
    "şehir",
    "город",
    "місто",
    "都市",
    "城市",
    "도시",
)
# A party's official identifier, compared with the identifiers the lists carry. Not a bare
# "ID" or "No.": an ERP's own customer number identifies nothing on a list.
IDENTIFIER_WORDS = (
    "tax id", "tax no", "tax number", "tax code", "tin", "vat", "vat id", "vat no",
    "vat number", "vat reg no", "vat registration number", "inn", "ogrn", "unp", "bin",
    "registration no", "registration number", "reg no", "company no", "company number",
    "company registration number", "crn", "cr number", "trade licence no",
    "trade license no", "lei", "lei code", "imo", "imo no", "imo number", "mmsi", "eori",
    "duns", "ein", "gstin", "uscc", "unified social credit code", "ust idnr", "ust id",
    "steuernummer", "handelsregisternummer", "siren", "siret", "nif", "rfc",
)  # fmt: skip

FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "order_no": (
        "order no", "order number", "order", "order id", "document number", "order ref",
        "sales order", "sales order no", "sales document", "so number", "so no", "so", "po number",
        "customer po", "purchase order", "document no", "auftrag", "auftragsnummer",
        "auftrags nr", "auftrag nr", "kundenauftrag", "verkaufsbeleg", "beleg", "belegnummer",
        "beleg nr", "bestellnummer", "po", "po no",
        "n commande", "commande", "pedido", "ordine", "~reference", "~document",
        # other languages an exporter's ERP may export in
        "ordernummer", "order nr", "bestelnummer", "verkooporder", "numero ordine", "n ordine",
        "nr ordine", "ordine di vendita", "numero de pedido", "pedido de venta",
        "numero do pedido", "ordem de venda", "numer zamówienia", "nr zamówienia", "zamówienie",
        "číslo objednávky", "objednávka", "sipariş no", "sipariş numarası", "sipariş",
        "номер заказа", "заказ", "торговый документ", "номер документа", "номер замовлення",
        "注文番号", "受注番号", "販売伝票", "伝票番号", "オーダー番号", "订单号", "订单编号",
        "销售订单", "销售凭证", "訂單號", "訂單編號", "銷售訂單", "주문번호",
    ),
    "line_no": (
        "line", "line no", "line number", "line item", "order line", "item", "item no", "pos",
        "position", "pos nr", "posnr", "position nr", "positionsnummer", "ligne", "posizione",
        # other languages an exporter's ERP may export in
        "regel", "regelnummer", "positie", "riga", "linea", "posicion", "linha", "pozycja",
        "položka", "kalem", "satır", "позиция", "строка", "позиція", "明細番号", "明細", "行番号",
        "行号",
        "项目号", "항목",
    ),
    "order_date": (
        "order date", "date", "document date", "created on", "auftragsdatum", "datum",
        "belegdatum", "fecha", "date commande", "~ship date", "~delivery date",
        # other languages an exporter's ERP may export in
        "orderdatum", "data ordine", "fecha pedido", "data do pedido", "data zamówienia",
        "sipariş tarihi", "tarih", "дата заказа", "дата", "受注日", "注文日", "日付", "订单日期",
        "日期", "주문일",
    ),
    "destination": (
        "destination", "destination country", "country of destination", "dest country",
        "dest ctry", "final destination", "country of final destination", "bestimmungsland",
        "zielland", "empfangsland", "lieferland", "endverbleib", "endverbleibsland",
        "verbleibsland", "endbestimmungsland", "pays de destination", "pais destino",
        "~country",
        # other languages an exporter's ERP may export in
        "land van bestemming", "bestemmingsland", "paese di destinazione", "paese destinazione",
        "pais de destino", "país de destino", "kraj przeznaczenia", "kraj docelowy", "země určení",
        "varış ülkesi", "gideceği ülke", "страна назначения", "країна призначення", "仕向国",
        "仕向地",
        "向け先国", "目的国", "目的地国家", "目的国家", "运抵国", "目的國", "目的地國家",
        "運抵國", "도착국", "목적국",
    ),
    "description": (
        "description", "material description", "goods description", "item description",
        "product description", "product", "product name", "item name", "article",
        "article description", "description of goods", "warenbezeichnung", "bezeichnung",
        "materialkurztext", "kurztext", "artikelbezeichnung", "materialbezeichnung",
        "designation", "descripcion", "descrizione", "goods", "waren", "ware", "beschreibung",
        "~text",
        # other languages an exporter's ERP may export in
        "omschrijving", "artikelomschrijving", "goederenomschrijving", "descrizione merce",
        "descrizione articolo", "descripcion de la mercancia", "descrição",
        "descrição da mercadoria", "opis", "opis towaru", "nazwa towaru", "popis zboží",
        "ürün açıklaması", "açıklama", "mal tanımı", "ürün adı", "описание", "описание товара",
        "наименование", "наименование товара", "опис товару", "найменування", "品名", "品目名",
        "品目テキスト", "商品名", "货物描述", "商品名称", "物料描述", "描述", "貨物描述",
        "商品名稱", "物料描述", "품명",
    ),
    "hs_code": (
        "hs code", "hs", "hscode", "hs no", "hs number", "hs tariff", "hs tariff code",
        "commodity code", "tariff code", "tariff number", "tariff no", "hts", "hts code",
        "hts number", "harmonized code", "harmonized tariff code", "harmonized system code",
        "harmonised code", "harmonized", "customs tariff", "customs tariff number",
        "customs code", "zolltarifnummer", "zolltarif", "zolltarif nr", "warennummer",
        "warentarifnummer", "wtn", "kn code", "kn nummer",
        "statistische warennummer", "stat warennummer", "tarifnummer", "cn code", "cn", "kn",
        "taric", "taric code", "intrastat code", "code sh", "nc", "codigo arancelario",
        "~commodity",
        # other languages an exporter's ERP may export in
        "gn code", "goederencode", "codice doganale", "voce doganale", "codice nc", "codice hs",
        "partida arancelaria", "codigo hs", "codigo ncm", "ncm", "posição tarifária", "kod cn",
        "kod taryfy celnej", "kod hs", "celní sazebník", "gtip", "gtip no",
        "gümrük tarife pozisyonu", "код тн вэд", "тн вэд", "тнвэд", "код тнвэд", "код укт зед",
        "укт зед", "hsコード", "hs番号", "関税番号", "統計品目番号", "hs编码", "海关编码",
        "商品编码", "税则号", "hs編碼", "海關編碼", "商品編碼", "稅則號", "hs코드", "세번",
    ),
    "eccn": (
        "eccn", "export classification", "export control classification number",
        "export control number", "export control class", "ausfuhrlistennummer", "ausfuhrliste",
        "al nr", "al nummer", "al position", "dual use code", "eu dual use", "~dual use", "~al",
        "~classification", "~ccl",
    ),
    "quantity": (
        "quantity", "qty", "order quantity", "ordered qty", "qty ordered", "quantity ordered",
        "menge", "auftragsmenge", "anzahl", "quantite", "cantidad", "quantita", "~pcs",
        "~units",
        # other languages an exporter's ERP may export in
        "aantal", "hoeveelheid", "qta", "quantidade", "qtd", "ilość", "množství", "miktar", "adet",
        "количество", "кол во", "кількість", "数量", "數量", "수량",
    ),
    "value": (
        "value", "net value", "line value", "total value", "amount", "net amount",
        "line amount", "extended price", "nettowert", "wert", "betrag", "gesamtwert",
        "positionswert", "warenwert", "montant", "valor", "valore", "~total", "~unit price",
        "~price", "~net price", "~unit value", "~preis", "~einzelpreis", "~nettopreis",
        # other languages an exporter's ERP may export in
        "waarde", "bedrag", "nettowaarde", "importo", "importe", "valor total", "wartość", "kwota",
        "hodnota", "tutar", "değer", "toplam tutar", "сумма", "стоимость", "вартість", "金額",
        "正味額",
        "金额", "总金额", "金額", "總金額", "금액",
    ),
    "currency": (
        "currency", "curr", "cur", "ccy", "currency code", "wahrung", "wahrungsschlussel",
        "devise", "moneda", "valuta", "waers",
        # other languages an exporter's ERP may export in
        "munt", "moeda", "waluta", "měna", "para birimi", "döviz", "валюта", "通貨", "币种",
        "幣別", "貨幣", "货币", "통화",
    ),
    "transit": (
        "transit", "transit countries", "transit country", "routing", "route", "via",
        "routing transit", "transit routing", "transit via", "route via", "transit route",
        "routing countries", "transshipment", "transhipment", "port of transshipment",
        "transitland", "transitlander", "durchfuhr",
        # other languages an exporter's ERP may export in
        "doorvoer", "transito", "tranzyt", "транзит", "страна транзита", "経由地", "経由国",
        "中转", "经停",
    ),
    "incoterm": (
        "incoterm", "incoterms", "delivery terms", "terms of delivery", "lieferbedingung",
        "lieferbedingungen", "inco",
        # other languages an exporter's ERP may export in
        "leveringsvoorwaarden", "resa", "condizioni di consegna", "condiciones de entrega",
        "warunki dostawy", "teslim şekli", "условия поставки", "инкотермс", "貿易条件",
        "インコタームズ",
        "贸易条款", "交货条件",
    ),
}  # fmt: skip
