"""Officers' decisions on hits and findings: the decision model, the line's derived state,
safeguards and four-eyes approvals, bulk decisions, carry-forward, and the licence register."""
