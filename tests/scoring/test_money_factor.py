"""One table of money units (scoring/values/units.py) serves every check that converts amounts."""
from __future__ import annotations

from decimal import Decimal

from scoring.values.units import money_factor


def test_money_units_convert_to_yuan_and_other_units_are_not_money() -> None:
    assert money_factor("万元") == Decimal(10000) and money_factor("元") == Decimal(1)
    assert money_factor("亿元") == Decimal(100000000)
    assert money_factor("人") is None and money_factor("%") is None and money_factor(None) is None
