"""The signed-in person's work queue: what waits for them, gathered from every capability.

Read only: it asks the capabilities that own the work (cases, screening, sanctions,
interagency, multilateral) and changes nothing, so it checks no permission beyond reading and
shows each person only what their role works on and what they may see.
"""
