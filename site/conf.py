"""Sphinx configuration of the course's website; tools/build_site.py runs Sphinx with it.

The sources are the copies that tools/build_site.py prepares (BUILD/source): the title, the
repository and each page's Colab and Binder links come from the manifest it writes beside them
(read by _ext/course_site.py). Nothing here is fetched from the web, at build time or when a
page is read: the theme's files, MathJax and its fonts are copied into the site.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "course"  # replaced by the manifest's title (course_site)
author = "the course's authors"
copyright = "the course's authors"
language = "en"

extensions = [
    "myst_nb",  # notebooks and Markdown pages; MyST-NB is the engine of Jupyter Book 1
    "course_site",  # the launch buttons (tools/links.py, through the manifest); MathJax copied into _static/
]
exclude_patterns = ["_site.json"]
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["course.css"]

# The stored outputs are the content: never execute.
nb_execution_mode = "off"
nb_merge_streams = True
nb_output_stderr = "show"
nb_ipywidgets_js = {}  # the site runs no widgets (their outputs are left out by build_site.py)

# The notebooks' maths: $...$ and $$...$$ as Jupyter reads them, $$ inside a paragraph too.
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_dmath_double_inline = True
myst_heading_anchors = 3
mathjax_path = "mathjax/tex-chtml.js"  # the site's own copy (course_site), never a CDN

html_theme = "sphinx_book_theme"
html_title = project
html_copy_source = False  # the prepared copies lack the setup cell: the launch buttons open the real ones
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {
    "repository_url": "",  # set by course_site from course.toml
    "use_repository_button": True,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": False,  # the title above the table of contents leads home
    "navbar_persistent": [],  # no second search field in a bar above the page (the sidebar has one)
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "article_header_end": ["course-launch.html", "article-header-buttons.html"],
}
