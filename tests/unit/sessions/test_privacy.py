"""Digit strings are masked however the recogniser wrote them; ordinary words are left alone."""

import pytest

from assistant.ground.events import Channel, Transcript, Word
from assistant.sessions.store.privacy import mask_digits, mask_event


@pytest.mark.parametrize("text, masked", [
    ("我的电话是 138 0013 8000", "我的电话是 ### #### ####"),
    ("幺三八零零一三八", "########"),
    ("card 4111-1111-1111-1111", "card ####-####-####-####"),
    ("my number is one three eight two", "my number is ### ##### ##### ###"),
    ("일 삼 팔 구 부탁", "# # # # 부탁"),
    ("１３８００", "#####"),
])
def test_numbers_are_masked(text, masked):
    assert mask_digits(text) == masked


@pytest.mark.parametrize("text", [
    "等一下我看一下", "call 911", "工号 123", "someone is one of two", "一二三", "ten four",
])
def test_short_numbers_and_words_are_kept(text):
    assert mask_digits(text) == text


def test_a_number_split_over_words_is_masked_in_the_words_too():
    words = tuple(Word(w, i, i + 0.3) for i, w in enumerate(["号码", "幺", "三", "八", "二"]))
    event = mask_event(Transcript(Channel.CALLER, 5.0, "号码 幺 三 八 二", words))
    assert event.text == "号码 # # # #"
    assert [w.text for w in event.words] == ["号码", "#", "#", "#", "#"]
    assert event.words[1].t0 == 1
