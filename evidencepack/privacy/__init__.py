"""The personal-data gate: find identifiers of people in a pack's text and its attached files.

``detect`` finds them in a string (pure functions); ``extract`` reads the text of attached files within size
limits; ``evidencepack.checks.personal_data`` turns hits into findings (EP801-EP810).
"""

from evidencepack.privacy.detect import KINDS, Hit, mask, scan_text

__all__ = ["KINDS", "Hit", "mask", "scan_text"]
