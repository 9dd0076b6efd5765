"""The sources API the CLI, the pipeline and the dashboard call: names, signatures, docs."""

from __future__ import annotations

import inspect

import pytest

from eventmap import sources
from eventmap.sources import FetchPolicy, Skipped

PUBLIC = ["read_inputs", "read_path", "read_text", "read_html", "read_feed", "fetch_url",
          "Skipped", "FetchPolicy", "detect_language", "read_bytes_as_text"]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_names_exist_and_say_why(name: str) -> None:
    obj = getattr(sources, name)
    assert name in sources.__all__
    assert (obj.__doc__ or "").strip(), f"{name} has no docstring"


@pytest.mark.parametrize(
    ("name", "keywords"),
    [
        ("read_inputs", ["published", "policy"]),
        ("read_text", ["title", "url", "published", "source"]),
        ("read_path", ["published"]),
        ("read_html", ["url", "source", "published"]),
        ("read_feed", ["url"]),
        ("fetch_url", ["policy"]),
    ],
)
def test_options_are_keyword_only(name: str, keywords: list[str]) -> None:
    params = inspect.signature(getattr(sources, name)).parameters
    for keyword in keywords:
        assert params[keyword].kind is inspect.Parameter.KEYWORD_ONLY, (name, keyword)


def test_fetch_policy_defaults_are_safe() -> None:
    policy = FetchPolicy()
    assert (policy.timeout, policy.max_bytes, policy.max_redirects, policy.allow_private) == (
        10.0, 10 * 1024 * 1024, 5, False)
    assert policy.user_agent.startswith("eventmap/")


def test_skipped_is_a_plain_record() -> None:
    item = Skipped("a.txt", "empty")
    assert (item.input, item.reason, str(item)) == ("a.txt", "empty", "a.txt: empty")


def test_importing_sources_loads_no_heavy_library() -> None:
    import subprocess
    import sys

    code = ("import sys, eventmap.sources; "
            "print(sorted(m for m in ('trafilatura', 'feedparser', 'py3langid', "
            "'charset_normalizer', 'yaml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
