"""Outlet names: registrable domains (offline), the table of outlets, cleaned site names."""

from __future__ import annotations

import socket

import pytest

from quotetrack.outlets import (
    _extractor,
    clean_site_name,
    outlet_for_host,
    outlet_from_url,
    outlet_name,
    outlet_table,
    registrable_domain,
)


@pytest.mark.parametrize("host, expected", [
    ("www.bbc.co.uk", "bbc.co.uk"),
    ("news.bbc.co.uk", "bbc.co.uk"),
    ("edition.cnn.com", "cnn.com"),
    ("abcnews.go.com", "go.com"),
    ("www.smh.com.au", "smh.com.au"),
    ("blog.example.org", "example.org"),
    ("192.168.0.1", None),  # an address, no registrant
    ("intranet.local", None),  # not under a public suffix
])
def test_registrable_domain(host, expected):
    assert registrable_domain(host) == expected


def test_registrable_domain_never_touches_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access")
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    registrable_domain.cache_clear()
    assert registrable_domain("www.theguardian.co.uk") == "theguardian.co.uk"
    # offline by construction: no suffix list is ever fetched, none cached on disk
    assert _extractor().suffix_list_urls == () and _extractor().fallback_to_snapshot
    assert not _extractor()._cache.enabled


@pytest.mark.parametrize("url, expected", [
    ("https://www.nytimes.com/2025/03/14/world/x.html", "The New York Times"),
    ("https://uk.reuters.com/article/x", "Reuters"),  # a regional edition: one outlet, one name
    ("https://www.reuters.com/world/x", "Reuters"),
    ("https://www.telegraph.co.uk/news/x", "The Telegraph"),
    ("https://abcnews.go.com/Politics/x", "ABC News"),  # a listed host under a shared domain
    ("https://espn.go.com/x", "ESPN"),
    ("https://hosted.ap.org/paper/article/x", "AP"),
    ("https://www.smalltown-courier.com/story", "smalltown-courier.com"),  # unknown: the domain
    ("https://news.smalltown-courier.co.uk/a", "smalltown-courier.co.uk"),
    ("not a url", None),
    (None, None),
])
def test_outlet_from_url(url, expected):
    assert outlet_from_url(url) == expected


def test_table_has_no_subdomain_shadowing_and_one_name_per_domain():
    table = outlet_table()
    assert all(domain == domain.casefold() and "." in domain for domain in table)
    assert len(table) > 250
    assert outlet_for_host("www.example.org") is None


@pytest.mark.parametrize("name, host, title, expected", [
    ("Harbor Gazette", None, None, "Harbor Gazette"),
    ("The Harbor Gazette | Local News | Weather | Real Estate", "www.harborgazette.com", None, "The Harbor Gazette"),
    ("KXYZ 9News | Springfield News, Weather, Sports | Shelby County", "www.kxyz.com", None, "KXYZ 9News"),
    ("Local News | The Harbor Gazette", "harborgazette.com", None, "The Harbor Gazette"),  # the part that is the domain
    ("Harbor Gazette - Local News", None, None, "Harbor Gazette"),  # no domain: the first part
    ("@HarborGazette", None, None, None),  # a Twitter handle
    ("harborgazette", None, None, None),  # a domain label in lower case
    ("Council backs bridge repair plan", None, "Council backs bridge repair plan", None),  # the title
    ("News and opinion from the harbor on www.harborgazette.com", None, None, None),
    ("Everything you need to know about the harbor and the town", None, None, None),  # a tagline
    ("https://www.harborgazette.com", None, None, None),  # a bare address
    ("HarborGazette.com", None, None, "HarborGazette.com"),  # a brand written as a domain
    ("", None, None, None),
    (None, None, None, None),
])
def test_clean_site_name(name, host, title, expected):
    assert clean_site_name(name, title=title, host=host) == expected


@pytest.mark.parametrize("sites, url, expected", [
    (["Reuters India"], "https://in.reuters.com/article/x", "Reuters"),  # the table beats the page
    (["@HarborGazette"], None, None),
    (["harborgazette", "Harbor Gazette"], "https://harborgazette.example/a", "Harbor Gazette"),
    (["harborgazette"], "https://www.harborgazette.com/a", "harborgazette.com"),  # nothing clean: domain
    ([], None, None),
    # the name that spells the domain wins, whichever tag declares it
    (["Harbor News Network", "HarborGazette"], "https://harborgazette.com/a", "HarborGazette"),
    (["Harbor News Network", "The Harbor Gazette"], "https://harborgazette.com/a", "The Harbor Gazette"),
    (["Harbor News Network", "The Harbor Gazette"], None, "Harbor News Network"),
])
def test_outlet_name(sites, url, expected):
    assert outlet_name(sites, url) == expected


@pytest.mark.parametrize("title, url, expected", [
    ("Council votes on the budget - Harbor Gazette Online", "https://harborgazette.com/a", "Harbor Gazette"),
    ("Council votes | The Harbor Gazette", "https://www.harborgazette.com/a", "The Harbor Gazette"),
    ("Harbor Gazette reports a record year", "https://harborgazette.com/a", "harborgazette.com"),  # no part
    ("Council votes - harborgazette", "https://harborgazette.com/a", "harborgazette.com"),  # lower case
    ("Council votes - Harbor Times", "https://harborgazette.com/a", "harborgazette.com"),  # another name
    ("Council votes - Nova Jersey", "https://nj.com/a", "nj.com"),  # a short label is not looked for
])
def test_a_site_that_declares_no_name_is_named_as_its_title_spells_it(title, url, expected):
    assert outlet_name([], url, head_title=title) == expected


@pytest.mark.parametrize("name", ["Blogger", "WordPress", "medium"])
def test_platform_names_are_not_outlets(name):
    assert clean_site_name(name) is None
    assert outlet_name([name, "Harbor Gazette"], None) == "Harbor Gazette"
