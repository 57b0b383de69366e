"""Everything that renders: Jinja2 phrasing and protocol templates, the python-docx writer."""
