"""Names of places as people type them that the place data (GeoNames) does not hold: old
counties and islands, the Welsh names of Welsh towns, other names of towns, the UK's
countries, and places outside the UK. All are search names
(meetings.models.place_search_name()): lower case, without accents or stops."""

# The Crown Dependencies, which have postcodes of their own but whose meetings we do not list.
CROWN_DEPENDENCY_NAMES = {"isle of man", "iom", "channel islands", "jersey", "guernsey"}

# Counties and countries as people type them (in search names), and as the place data has them.
REGION_NAMES = {
    "ni": ["northern ireland"],
    "n i": ["northern ireland"],
    "n ireland": ["northern ireland"],
    "derry": ["londonderry"],
    "orkney": ["orkney islands"],
    "orkney isles": ["orkney islands", "orkney"],
    "shetland": ["shetland islands"],
    "shetland isles": ["shetland islands"],
    "outer hebrides": ["western isles"],
    "eilean siar": ["western isles"],
    "na h eileanan siar": ["western isles"],
    "lewis": ["western isles"],
    "isle of lewis": ["western isles"],
    "harris": ["western isles"],
    "anglesey": ["isle of anglesey"],
    "ynys mon": ["isle of anglesey"],
    # The old counties people still say, as the data's councils.
    "gwent": ["newport", "monmouthshire", "torfaen", "blaenau gwent", "caerphilly"],
    "clwyd": ["wrexham", "flintshire", "denbighshire", "conwy"],
    "dyfed": ["carmarthenshire", "pembrokeshire", "ceredigion"],
    "pembs": ["pembrokeshire"],
    "south glamorgan": ["cardiff", "vale of glamorgan"],
    "mid glamorgan": ["rhondda cynon taff", "merthyr tydfil", "bridgend", "caerphilly"],
    "west glamorgan": ["swansea", "neath port talbot"],
    "rhondda cynon taf": ["rhondda cynon taff"],
    "north wales": ["wales"],
    "south wales": ["wales"],
    "mid wales": ["wales"],
    "west wales": ["wales"],
    "yorkshire": ["north yorkshire", "south yorkshire", "west yorkshire"]
    + ["east riding of yorkshire"],
    "north yorks": ["north yorkshire"],
    "south yorks": ["south yorkshire"],
    "west yorks": ["west yorkshire"],
    "cambs": ["cambridgeshire"],
    "iow": ["isle of wight"],
    "perthshire": ["perth and kinross"],
    "argyll": ["argyll and bute"],
    "london": ["greater london"],
    "arran": ["north ayrshire"],
    "isle of arran": ["north ayrshire"],
    **dict.fromkeys(
        ["inverness shire", "ross shire", "sutherland", "caithness", "skye", "isle of skye"],
        ["highland"],
    ),
}
# The Republic of Ireland, and its towns that no UK place shares a name with.
IRELAND_NAMES = {"ireland", "republic of ireland", "eire", "roi", "southern ireland"}
IRISH_TOWNS = {
    "dublin", "cork", "limerick", "galway", "sligo", "dundalk", "drogheda", "letterkenny",
    "kilkenny", "athlone", "donegal", "tralee", "ennis", "navan", "dun laoghaire", "wexford",
}  # fmt: skip
# The Welsh names of Welsh towns, which the place data gives in English only.
WELSH_NAMES = {
    "caerdydd": "cardiff",
    "abertawe": "swansea",
    "casnewydd": "newport, newport",
    "wrecsam": "wrexham",
    "caerfyrddin": "carmarthen",
    "pen y bont ar ogwr": "bridgend, bridgend",
    "caergybi": "holyhead",
    "y fenni": "abergavenny",
    "castell nedd": "neath",
    "merthyr tudful": "merthyr tydfil",
    "aberhonddu": "brecon",
    "hwlffordd": "haverfordwest",
    "tyddewi": "st davids",
    "aberteifi": "cardigan",
    "dinbych": "denbigh",
    "y drenewydd": "newtown, powys",
    "y trallwng": "welshpool",
    "cas gwent": "chepstow",
    "trefynwy": "monmouth",
    "y barri": "barry",
    "caerffili": "caerphilly",
    "rhuthun": "ruthin",
    "yr wyddgrug": "mold",
    "y fflint": "flint",
    "treffynnon": "holywell",
    "bae colwyn": "colwyn bay",
    "y rhyl": "rhyl",
    "abergwaun": "fishguard",
    "dinbych y pysgod": "tenby",
    "penfro": "pembroke",
    "aberdaugleddau": "milford haven",
    "glynebwy": "ebbw vale",
    "pont y pwl": "pontypool",
    "llanbedr pont steffan": "lampeter",
    "y bala": "bala",
    "biwmares": "beaumaris",
}
# Other names of towns, and islands as their main town: what to search for instead.
OTHER_NAMES = {
    "brighton and hove": "brighton, east sussex",
    "leamington": "royal leamington spa",
    "leamington spa": "royal leamington spa",
    "tunbridge wells": "royal tunbridge wells",
    "letchworth garden city": "letchworth",
    "isle of wight": "newport, isle of wight",
    "iow": "newport, isle of wight",
    "anglesey": "llangefni",
    "isle of anglesey": "llangefni",
    "ynys mon": "llangefni",
    "orkney": "kirkwall",
    "orkney islands": "kirkwall",
    "shetland": "lerwick",
    "shetland islands": "lerwick",
    "skye": "portree",
    "isle of skye": "portree",
    "lewis": "stornoway",
    "isle of lewis": "stornoway",
    "arran": "brodick",
    "isle of arran": "brodick",
    "mull": "tobermory",
    "isle of mull": "tobermory",
    "islay": "bowmore",
    "isles of scilly": "hugh town",
    "scilly": "hugh town",
}
# The UK and its countries, too wide to search near.
COUNTRY_NAMES = {
    "uk", "u k", "united kingdom", "gb", "great britain", "britain", "england", "scotland",
    "wales", "cymru", "northern ireland", "ni",
}  # fmt: skip
