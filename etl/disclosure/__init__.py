"""Disclosure control for the public edition.

``rules`` says which counts are protected and the threshold; ``cells`` reads those counts and the
linear relations an attacker can build between them (regions to nation, comparable geography,
sex and age to totals, part-years to the year); ``bounds`` solves the attacker's linear
programme; ``suppress`` chooses primary and secondary (complementary) suppressions; ``indicators``
withholds every indicator value computed from a suppressed count.
"""
