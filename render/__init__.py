"""Pages and documents drawn from query results: network pages, the audit report, Excel and PDF.

Everything written works offline: scripts, styles and charts are inside the file, and a
Content-Security-Policy forbids the page to fetch anything.
"""

from .page import write_page
from .pdf import ChromiumMissing, print_pdf
from .report import write_report
from .xlsx import write_xlsx

__all__ = ["ChromiumMissing", "print_pdf", "write_page", "write_report", "write_xlsx"]
