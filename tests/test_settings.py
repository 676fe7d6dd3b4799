"""Tests for settings: TOML file, --set overrides, and errors that name the nearest known key."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.errors import SettingsError
from newsledger.settings import Settings, load_settings


def test_load_settings_defaults_without_file_or_overrides() -> None:
    assert load_settings() == Settings()


def test_load_settings_file_and_override_both_apply(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("[read]\nmax_bytes = 1000\n[merge]\nwindow_days = 10\n")
    settings = load_settings(path, ["merge.window_days=7", "dedupe.threshold=0.6"])
    assert (settings.read.max_bytes, settings.merge.window_days, settings.dedupe.threshold) == (1000, 7, 0.6)


def test_load_settings_unknown_key_suggests_nearest() -> None:
    with pytest.raises(SettingsError) as info:
        load_settings(None, ["read.max_byte=10"])
    assert str(info.value) == "unknown setting 'read.max_byte'; did you mean read.max_bytes?"


def test_load_settings_bad_value_says_expected_type() -> None:
    with pytest.raises(SettingsError) as info:
        load_settings(None, ["read.max_bytes=lots"])
    assert str(info.value) == "setting read.max_bytes: 'lots' is not a int"


def test_load_settings_override_without_equals_is_an_error() -> None:
    with pytest.raises(SettingsError, match="expected KEY=VALUE"):
        load_settings(None, ["read.max_bytes"])
