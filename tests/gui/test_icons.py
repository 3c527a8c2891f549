"""Every layer type shows its own icon; a type without one shows a visible generic icon, never Dense's."""

from __future__ import annotations

import pytest

from nnstudio.engine import layers
from nnstudio.gui.icons import GENERIC_LAYER, icon, layer_icon, layer_icon_name
from nnstudio.paths import resource


@pytest.mark.parametrize("type_name", layers.names())
def test_every_registered_layer_declares_an_icon_that_is_shipped(type_name):
    name = layers.get(type_name).ICON
    assert name, f"{type_name} declares no ICON"
    assert resource(f"icons/{name}.svg").is_file()
    assert layer_icon_name(type_name) == name


def test_the_layer_icons_are_distinct():
    names = [layers.get(t).ICON for t in layers.names()]
    assert len(set(names)) == len(names)


def test_an_unknown_type_shows_the_generic_icon(qapp):
    assert layer_icon_name("NoSuchLayer") == GENERIC_LAYER
    generic = layer_icon("NoSuchLayer")
    assert not generic.isNull() and not generic.pixmap(22, 22).isNull()
    assert generic.cacheKey() == icon(GENERIC_LAYER).cacheKey() != layer_icon("Dense").cacheKey()
