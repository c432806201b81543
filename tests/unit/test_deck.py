"""The presenter's place in the deck: stops at the ends, digits mean KPIs, Escape returns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from panelapp.deck import Deck, Slide

KPIS = [("children", "Children missing"), ("episodes", "Missing episodes"), ("rhi", "RHIs")]
THEMES = [("repeat", "Repeat missing children"), ("older", "Older children")]


def deck() -> Deck:
    return Deck.of(KPIS, THEMES)


def test_kpis_come_first_then_themes() -> None:
    d = deck()
    assert [s.id for s in d.slides] == ["children", "episodes", "rhi", "repeat", "older"]
    assert d.slides[3] == Slide("theme", "repeat", "Repeat missing children")
    assert d.current_id == "children"
    assert d.position == "1 of 5"


def test_next_stops_at_the_last_slide_rather_than_wrapping() -> None:
    d = deck()
    moves = [d.next() for _ in range(6)]
    assert moves == [True, True, True, True, False, False]
    assert d.current_id == "older"
    assert d.at_end


def test_previous_stops_at_the_first_slide_rather_than_wrapping() -> None:
    d = deck()
    d.next()
    assert d.previous() is True
    assert d.previous() is False
    assert d.current_id == "children"
    assert d.at_start


def test_first_and_last() -> None:
    d = deck()
    assert d.last() is True
    assert d.current_id == "older"
    assert d.last() is False
    assert d.first() is True
    assert d.current_id == "children"


def test_jump_addresses_the_nth_kpi_not_the_nth_slide() -> None:
    d = deck()
    assert d.jump(3) is True
    assert d.current_id == "rhi"
    assert d.jump(4) is False, "there are three KPIs; 4 must not open a theme"
    assert d.jump(0) is False
    assert d.current_id == "rhi"


def test_go_to_by_id_and_kind() -> None:
    d = deck()
    assert d.go_to("repeat") is True
    assert d.current is not None and d.current.kind == "theme"
    assert d.go_to("repeat", "kpi") is False
    assert d.go_to("nonsense") is False
    assert d.current_id == "repeat"


def test_first_theme_and_the_next_slide() -> None:
    d = deck()
    d.next()
    assert d.next_slide is not None and d.next_slide.id == d.slides[2].id
    assert d.first_theme() is True
    assert d.current_id == "repeat"
    assert not hasattr(d, "back"), "no history: Escape never moves the room's slide"


def test_a_deck_from_the_pack_alone_matches_the_figures_order() -> None:
    from tests.data.journals.sample import sample_figures, sample_pack

    figures = sample_figures()[0]
    from_figures = Deck.of(
        ((k.id, k.title) for k in figures.kpis), ((t.id, t.title) for t in figures.themes)
    )
    assert Deck.of_item(sample_pack().item("4")).slides == from_figures.slides


def test_an_item_without_figures_has_an_empty_deck() -> None:
    d = Deck([])
    assert d.empty and d.current is None and d.current_id is None
    assert d.position == ""
    assert not any([d.next(), d.previous(), d.first(), d.last(), d.jump(1), d.first_theme()])


def test_an_item_without_themes() -> None:
    d = Deck.of(KPIS)
    assert d.first_theme() is False
    assert d.themes == ()


@given(st.lists(st.sampled_from(["next", "previous", "first", "last", "jump", "first_theme"])))
def test_the_place_is_always_a_real_slide(moves: list[str]) -> None:
    d = deck()
    for move in moves:
        if move == "jump":
            d.jump(2)
        else:
            getattr(d, move)()
        assert 0 <= d.index < len(d.slides)
        assert d.current is d.slides[d.index]
