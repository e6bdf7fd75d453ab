"""ppcli's default report templates (installed as the package ``ppcli.templates``).

An agreements repository overrides any of them with a file of the same name in its own
``templates/`` folder. See docs/render.md for the data a template receives.
"""
