"""Checking the officers' report against the data, before the meeting.

The report's text (:mod:`~panelapp.verify.document`) is cut into figure
statements (:mod:`~panelapp.verify.statements`, :mod:`~panelapp.verify.phrases`),
each linked by its words to a figure of the pack (:mod:`~panelapp.verify.linking`,
:mod:`~panelapp.verify.targets`) and judged against the engine's own figure
(:mod:`~panelapp.verify.judging`); :mod:`~panelapp.verify.checking` puts it
together and gives the one-line summary the clerk's desk shows. Pure: no
Textual, and no figure computed a second way.
"""
