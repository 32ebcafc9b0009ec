"""NMPA product registration and filing numbers, and licence numbers of distributors.

Registration certificate: `×1械注×2 YYYY C NN SSSS`. ×1 is 国 (domestic Class III, every import)
or a province abbreviation (domestic Class II); ×2 is 准 (domestic), 进 (imported) or 许 (Hong
Kong, Macao, Taiwan); C the class digit; NN a category code (2017 or the tail of a 2002 code, so
not checked against 01-22). Class I filing: `×1械备YYYYSSSS号`, 国 for imports, otherwise a
province and city abbreviation.
"""

import re
from dataclasses import dataclass

from hub.db.enums import CertificateKind, DeviceClass
from hub.errors import ErrorCode
from hub.quality.invalid import Invalid
from hub.quality.regions import PROVINCE_ABBREVIATIONS

_REGISTRATION = re.compile(
    r"^(?P<issuer>\w)械注(?P<origin>[准进许])(?P<year>\d{4})(?P<digit>\d)(?P<category>\d{2})\d{4}$"
)
_FILING = re.compile(r"^(?P<issuer>国|\w{2,3})械备(?P<year>\d{4})\d{4,5}号?$")
_CLASS_DIGITS = {"2": DeviceClass.II, "3": DeviceClass.III}
# Observed shapes of distributors' licences and filings (京丰食药监械经营许20150100号,
# 桂柳食药监械经营备20210631号, 沪徐药监械经营备20220012号); not normative, so only reported.
_LICENCE_SHAPES = {
    CertificateKind.OPERATION_LICENSE: re.compile(r"^\w{2,}械经营许\d{8}号$"),
    CertificateKind.CLASS_II_FILING: re.compile(r"^\w{2,}械经营备\d{8,9}号$"),
}


@dataclass(frozen=True)
class ProductNumber:
    """What a registration or filing number says about its product."""

    device_class: DeviceClass
    imported: bool
    category: str | None = None


def _registration(match: re.Match[str]) -> ProductNumber:
    issuer, origin = match["issuer"], match["origin"]
    device_class = _CLASS_DIGITS.get(match["digit"])
    if device_class is None:
        raise Invalid(ErrorCode.INVALID, "The class digit of a registration number is 2 or 3.")
    if issuer == "国":
        if origin == "准" and device_class is not DeviceClass.III:
            raise Invalid(ErrorCode.MISMATCH, "国械注准 registers domestic Class III devices only.")
    elif issuer in PROVINCE_ABBREVIATIONS:
        if origin != "准":
            raise Invalid(
                ErrorCode.MISMATCH, "Imports (进, 许) are registered by 国, not a province."
            )
        if device_class is not DeviceClass.II:
            raise Invalid(ErrorCode.MISMATCH, "A provincial registration is for Class II only.")
    else:
        raise Invalid(ErrorCode.UNKNOWN_CODE, "A registration number starts with 国 or a province.")
    return ProductNumber(device_class, imported=origin != "准", category=match["category"])


def _filing(match: re.Match[str]) -> ProductNumber:
    issuer = match["issuer"]
    if issuer != "国" and issuer[0] not in PROVINCE_ABBREVIATIONS:
        raise Invalid(ErrorCode.UNKNOWN_CODE, "A filing number starts with 国 or a province.")
    return ProductNumber(DeviceClass.I, imported=issuer == "国")


def parse_product_number(value: str) -> ProductNumber:
    """The class and origin a registration (械注) or filing (械备) number encodes."""
    text = value.strip()
    if match := _REGISTRATION.match(text):
        return _registration(match)
    if match := _FILING.match(text):
        return _filing(match)
    raise Invalid(
        ErrorCode.INVALID, "Not a registration (国械注准2017…) or filing (浙温械备2014…号) number."
    )


def check_product_number(value: str, device_class: DeviceClass | None) -> str:
    """A well-formed number that agrees with the model's device class (when known)."""
    number = value.strip()
    parsed = parse_product_number(number)
    if device_class is not None and parsed.device_class is not device_class:
        raise Invalid(
            ErrorCode.MISMATCH,
            f"The number is for a Class {parsed.device_class.value} device, "
            f"not Class {device_class.value}.",
        )
    return number


def licence_shape_is_usual(kind: CertificateKind, number: str) -> bool:
    """False when a distributor's licence or filing number has an unusual shape (a warning)."""
    shape = _LICENCE_SHAPES.get(kind)
    return shape is None or bool(shape.match(number.strip()))
