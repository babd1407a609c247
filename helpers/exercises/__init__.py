"""Self-checks for the notebooks' exercises, one module per notebook.

Each check takes the learner's answer and returns a short message that says what is right or
what is off (a wrong sign, a missing factor, the wrong shape), not only ✓/✗.
"""
