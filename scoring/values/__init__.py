"""The value reader: what people write in 年度指标值 / 实际完成值, read into numbers, units and dates."""
