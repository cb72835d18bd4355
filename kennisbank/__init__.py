"""Kennisbank werkfuncties in de binnenstad.

Een regelgebaseerd expertsysteem dat de handreiking "Aan de slag met werkfuncties in de
on(der)benutte binnenstad" (City Deal Dynamische Binnensteden, juni 2026) toepast op een casus:
een pand op een binnenstedelijke locatie onder lokaal beleid.
"""

__version__ = "0.1.0"
