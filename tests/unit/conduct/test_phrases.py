from __future__ import annotations

from assistant.conduct.pack import default_pack_path, load_pack
from assistant.conduct.phrases import PhraseMatcher, normalise
from assistant.ground.events import Channel, Transcript, Word


def matcher(language: str = "zh") -> PhraseMatcher:
    pack = load_pack(default_pack_path(language))
    return PhraseMatcher(pack.phrases, language)


def test_recogniser_spacing_and_punctuation_do_not_matter():
    assert normalise("下午 好 ， 我 是", "zh") == "下午好我是"
    assert normalise("Good  Morning, [unk] sir", "en") == " good morning sir "


def test_hits_carry_kind_and_word_time():
    words = tuple(Word(w, i * 0.3, i * 0.3 + 0.3) for i, w in enumerate(["下午", "好", "我", "是"]))
    hits = matcher().match(Transcript(Channel.AGENT, 2.0, "下午 好 我 是", words))
    assert [(h.kind, h.phrase) for h in hits] == [("greeting_afternoon", "下午好"),
                                                   ("self_intro", "我是")]
    assert hits[0].t == 0.6 and hits[1].t == 1.2


def test_partials_report_each_occurrence_once_per_utterance():
    m = matcher()
    first = m.match(Transcript(Channel.AGENT, 1.0, "请您稍等", final=False))
    again = m.match(Transcript(Channel.AGENT, 1.5, "请您稍等 我帮您查一下", final=False))
    final = m.match(Transcript(Channel.AGENT, 2.0, "请您稍等 我帮您查一下", final=True))
    assert [h.phrase for h in first] == ["请您稍等"]  # not also the shorter 您稍等 / 请稍等
    assert [h.phrase for h in again if h.kind != "next_step"] == ["我帮您查一下"]
    assert final == []
    assert [h.phrase for h in m.match(Transcript(Channel.AGENT, 9.0, "请您稍等"))] == ["请您稍等"]


def _heard(words, t, final=False):
    return Transcript(Channel.AGENT, t, "".join(w for w, _, _ in words),
                      tuple(Word(w, a, b) for w, a, b in words), final=final, grammar=False)


def test_a_partial_that_hears_the_sentence_again_does_not_repeat_its_hits():
    """A later partial decodes the sentence again and writes its start differently (what
    Whisper gave on a held-out telephone call): the words it shares with the first partial
    are the same occurrence, one prompt; the phrase said again later is a second one."""
    m = matcher()
    first = m.match(_heard([("將您", 51.6, 52.1), ("就等了", 52.1, 52.67)], 53.5))
    again = m.match(_heard([("這樣", 51.5, 51.9), ("您久等了", 51.9, 52.69),
                            ("線路已經修好了", 53.0, 54.6)], 55.4))
    final = m.match(_heard([("讓您久等了", 51.6, 52.7), ("線路已經修好了", 53.0, 54.6),
                            ("讓您久等了", 56.0, 57.0)], 58.0, final=True))
    assert [(h.kind, h.t) for h in first] == [("progress", 52.67)]
    assert again == []
    assert [(h.kind, h.t) for h in final] == [("progress", 57.0)]
    # the final ended the utterance: the same words in the next one are new
    assert [h.kind for h in m.match(_heard([("让您久等了", 51.6, 52.7)], 60.0))] == ["progress"]


def test_channels_are_independent_and_english_matches_whole_words():
    m = matcher("en")
    assert [h.kind for h in m.match(Transcript(Channel.CALLER, 1.0, "hang on a second"))] == [
        "caller_wait"]
    assert m.match(Transcript(Channel.AGENT, 1.0, "goodbyes")) == []
    hits = m.match(Transcript(Channel.AGENT, 1.0, "thank you for calling goodbye"))
    assert {h.kind for h in hits} == {"thanks", "farewell"}
