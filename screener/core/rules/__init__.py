"""Rules: what the goods, countries and route of a line mean under the policy.

hs and eccn (codes), goods (CHPL and annex lookups), countries and route (embargoes, diversion
risk), policy (the TOML policy file), verdict (one line's findings and verdict).
"""
