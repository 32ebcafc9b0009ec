"""NMPA registration and filing numbers, with the cross-field rules between their parts."""

import pytest

from hub.db.enums import CertificateKind, DeviceClass
from hub.errors import ErrorCode
from hub.quality.nmpa_numbers import (
    ProductNumber,
    check_product_number,
    licence_shape_is_usual,
    parse_product_number,
)
from tests.quality.refusals import refusal


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("国械注准20173073316", ProductNumber(DeviceClass.III, imported=False, category="07")),
        ("沪械注准20212040585", ProductNumber(DeviceClass.II, imported=False, category="04")),
        ("国械注进20143165007", ProductNumber(DeviceClass.III, imported=True, category="16")),
        ("国械注许20162400012", ProductNumber(DeviceClass.II, imported=True, category="40")),
        ("浙温械备20140027号", ProductNumber(DeviceClass.I, imported=False)),
        ("国械备20180012号", ProductNumber(DeviceClass.I, imported=True)),
    ],
)
def test_real_numbers_parse(number: str, expected: ProductNumber) -> None:
    assert parse_product_number(number) == expected


@pytest.mark.parametrize(
    "number",
    [
        "国械注准20172073316",  # 国…准 is domestic Class III only
        "沪械注准20213040585",  # a province registers Class II only
        "沪械注进20212040585",  # imports are registered by 国
    ],
)
def test_inconsistent_parts_are_a_mismatch(number: str) -> None:
    assert refusal(parse_product_number, number) is ErrorCode.MISMATCH


@pytest.mark.parametrize("number", ["国食药监械(准)字2014第3460123号", "ABC", "国械注准2017307331"])
def test_other_shapes_are_invalid(number: str) -> None:
    assert refusal(parse_product_number, number) is ErrorCode.INVALID


def test_number_must_agree_with_the_models_class() -> None:
    assert check_product_number(" 沪械注准20212040585", DeviceClass.II) == "沪械注准20212040585"
    assert (
        refusal(lambda value: check_product_number(value, DeviceClass.III), "沪械注准20212040585")
        is ErrorCode.MISMATCH
    )


def test_observed_licence_shapes_are_usual_and_others_are_not() -> None:
    assert licence_shape_is_usual(CertificateKind.OPERATION_LICENSE, "京丰食药监械经营许20150100号")
    assert licence_shape_is_usual(CertificateKind.CLASS_II_FILING, "桂柳食药监械经营备20210631号")
    assert not licence_shape_is_usual(CertificateKind.OPERATION_LICENSE, "LIC-1")
    assert licence_shape_is_usual(CertificateKind.PRACTICE_LICENSE, "anything")
