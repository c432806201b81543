"""The metrics engine: episode records in, the figures a panel sees out.

Pure pandas, no Textual: everything here is unit-tested on small frames and
shared by the presenter's screens, ``panelapp check`` and the minutes.
"""
