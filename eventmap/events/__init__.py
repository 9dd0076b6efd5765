"""Events in texts: which sentences report what happened, where, when, by whom (ACLED types).

    from eventmap.events import extract_events, classify_sentence, split_sentences

Lexicons and rules are data (``data/lexicons``); ``set_classifier`` plugs in another
sentence classifier behind the same signature.
"""

from eventmap.events.classify import classify_sentence, set_classifier
from eventmap.events.extract import extract_events
from eventmap.events.sentences import Sentence, split_sentences

__all__ = ["Sentence", "classify_sentence", "extract_events", "set_classifier", "split_sentences"]
