"""Screening runs: order lines against the lists and the rules.

run (a run: parties, goods, route per line, stored batch by batch), rescreen (stored lines again
on newer lists), isolated (the long jobs in a child process, for a responsive GUI).
"""
