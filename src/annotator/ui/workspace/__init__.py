"""Workspaces: main views the analyst switches to in place of the reader (View menu), one package each part.

``transfers_workspace`` puts the transfers map, their timeline and the transfers table side by side with
filters shared by the three; ``transfers_map`` draws the network, ``transfers_timeline`` the months.
"""
