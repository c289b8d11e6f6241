"""Names: how a party name is compared with the listed names.

normalize (fold scripts, case, legal forms), matching (score and explain a pair), reach (a cheap
exact upper bound of the score), name_index (candidate lookup and its disk cache), search (the
index over the newest list versions, with the country qualifier).
"""
