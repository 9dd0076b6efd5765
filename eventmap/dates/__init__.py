"""Time expressions in news texts, resolved against the publication date (ACLED precision).

``find_dates(text, anchor=…, language=…)`` lists them; ``infer_publication_date(text, language=…)``
guesses the publication date of a text that has no metadata. See ``data/dates`` for the words.
"""

from eventmap.dates.find import find_dates
from eventmap.dates.publication import infer_publication_date
from eventmap.dates.types import TimeExpression

__all__ = ["TimeExpression", "find_dates", "infer_publication_date"]
