"""ISO 4217 currency codes, and the near-misses people write instead."""

from __future__ import annotations

import difflib

from pydantic_core import PydanticCustomError

_ISO_4217 = """
COD AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB
BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP
CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD
HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD
KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN
MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD
RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS
TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST
XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG
ZWL
"""

#: The active ISO 4217 alphabetic codes (funds and precious metals included, test codes not).
CODES = frozenset(_ISO_4217.split())

#: Codes in everyday use that are not ISO 4217, and the code meant.
ALIASES = {
    "UKP": "GBP",
    "STG": "GBP",
    "GBR": "GBP",
    "RMB": "CNY",
    "NTD": "TWD",
    "SFR": "CHF",
    "YEN": "JPY",
    "EUD": "EUR",
    "USA": "USD",
    "CDN": "CAD",
}


def iso_currency(code: str) -> str:
    """``code`` if it is an ISO 4217 code; else a validation error naming the likely one."""
    if code in CODES:
        return code
    meant = ALIASES.get(code) or next(
        iter(difflib.get_close_matches(code, sorted(CODES), n=1, cutoff=0.67)), None
    )
    raise PydanticCustomError(
        "currency_code", "not an ISO 4217 currency code", {"meant": meant or ""}
    )
