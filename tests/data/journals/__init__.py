"""Journals that replay real meetings, for tests of the minutes draft."""
