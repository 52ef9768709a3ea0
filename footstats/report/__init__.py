"""The report: the tables, charts and PDF that ``footstats report`` writes into a folder.

``write`` (the report folder and the export functions), ``pdf_text`` (the words of the PDF),
``pdf_images`` (its chart pages).
"""
