"""Tolerant phrase matching on free and Whisper text: what a recogniser writes for what was
said matches, and what was not said does not."""

from __future__ import annotations

from assistant.conduct.pack import Matching, Phrases, default_pack_path, load_pack
from assistant.conduct.phrases import PhraseMatcher
from assistant.conduct.tolerant import Style, phrase_keys
from assistant.ground.events import Channel, Transcript, Word

A, C = Channel.AGENT, Channel.CALLER


def pack_matcher(lang: str, **matching) -> PhraseMatcher:
    pack = load_pack(default_pack_path(lang))
    m = pack.matching.model_copy(update=matching) if matching else pack.matching
    return PhraseMatcher(pack.phrases, lang, m, pack.wording)


def hits(m: PhraseMatcher, text: str, channel: Channel = A, grammar: bool = False):
    return [(h.kind, h.phrase) for h in m.match(Transcript(channel, 1.0, text, grammar=grammar))]


def test_homophones_match_on_pinyin_and_tones_only_when_the_pack_asks():
    phrases = Phrases(self_intro=("工号",))
    loose = PhraseMatcher(phrases, "zh", Matching(pinyin="toneless"))
    toned = PhraseMatcher(phrases, "zh", Matching(pinyin="toned"))
    exact = PhraseMatcher(phrases, "zh", Matching(pinyin="off"))
    assert hits(loose, "我的工好是一二三四") == [("self_intro", "工号")]
    assert hits(loose, "我的公好是一二三四") == [("self_intro", "工号")]
    assert hits(toned, "我的工好是一二三四") == []  # hao3 is not hao4
    assert hits(toned, "我的宫号是一二三四") == [("self_intro", "工号")]  # gong1 hao4
    assert hits(exact, "我的工好是一二三四") == []


def test_a_character_reads_the_same_whether_or_not_the_word_dictionary_is_loaded():
    from assistant.scenario.synth import spoken_text

    m = PhraseMatcher(Phrases(lookup=("去银行查询",)), "zh", Matching(pinyin="toned", errors=0.0))
    before = phrase_keys("去银行查询", Style("zh", "toned"))
    assert before[2] == "xing2"  # alone, 行 reads xing
    assert spoken_text("银行", "zh") == "yin2 hang2"  # read aloud as a word: the dictionary
    assert phrase_keys("去银行查询", Style("zh", "toned")) == before
    assert hits(m, "去银行查询") == [("lookup", "去银行查询")]
    assert hits(m, "去银形查询") == [("lookup", "去银行查询")]  # 形: xing2
    assert hits(m, "去银航查询") == []  # hang2


def test_traditional_characters_and_digits_are_what_the_phrase_says():
    m = pack_matcher("zh")
    assert ("thanks", "感谢您的来电") in hits(m, "感謝您的來電，祝您生活愉快")
    digits = PhraseMatcher(Phrases(self_intro=("工号一二三四",), callback=("三个工作日内",)), "zh")
    assert hits(digits, "我是小王，工号1234") == [("self_intro", "工号一二三四")]
    assert hits(digits, "3个工作日内给您答复") == [("callback", "三个工作日内")]
    teens = PhraseMatcher(Phrases(callback=("十五分钟内", "二十分钟内", "十分钟内")), "zh")
    assert hits(teens, "15分钟内回电") == [("callback", "十五分钟内")]
    assert hits(teens, "20分钟内回电") == [("callback", "二十分钟内")]
    assert hits(teens, "10分钟内回电") == [("callback", "十分钟内")]
    assert hits(teens, "1小时内回电") == []


def test_a_long_phrase_may_have_one_syllable_in_five_heard_differently():
    m = pack_matcher("zh")
    assert ("recap", "跟您确认一下") in hits(m, "好的，给您确认一下，明天送到")
    assert hits(m, "我跟您说一下") == []  # two of six syllables differ
    assert hits(m, "今天不可以") == []  # 不可能: three syllables, no error allowed
    assert pack_matcher("zh", errors=0.0).match(
        Transcript(A, 1.0, "给您确认一下")) == []


def test_english_near_misses_match_and_different_words_do_not():
    m = pack_matcher("en")
    assert set(hits(m, "God evening, my name is David")) == {
        ("greeting_evening", "good evening"), ("self_intro", "my name is")}
    assert [h for h in hits(m, "I'll call you back in 10 minutes") if h[0] != "next_step"] \
        == [("callback", "call you back")]
    assert hits(m, "goodbyes") == []  # a one-word phrase is that word
    assert hits(m, "Just a recap, the refund") == [("recap", "just to recap")]
    assert hits(m, "just to recall") == []  # a content word is not a function word
    assert hits(m, "Just recap, the refund") == [("recap", "just to recap")]  # "to" not heard
    assert hits(m, "just recall") == [] and hits(m, "to recap") == []
    assert ("restate", "so you want") not in hits(m, "you want it now?")  # not the first word
    assert ("forbidden", "i don't know") not in hits(m, "i do know")  # never the negation
    assert ("progress", "thank you for holding") not in hits(m, "thank you for calling")
    assert ("thanks", "thank you for your call") not in hits(m, "thank you for your patience")
    ok = PhraseMatcher(Phrases(agreement=("is that ok",), backchannel=("okay",)), "en")
    assert hits(ok, "Is that okay?") == [("agreement", "is that ok"), ("backchannel", "okay")]
    assert hits(ok, "OK.") == [("backchannel", "okay")]
    assert hits(ok, "is that odd") == []
    numbers = PhraseMatcher(Phrases(callback=("within twenty four hours",)), "en")
    assert hits(numbers, "we will call within 24 hours") == [("callback", "within twenty four hours")]


def test_a_forbidden_phrase_in_its_polite_context_is_no_hit():
    m = pack_matcher("zh")
    assert hits(m, "让您久等了，这种情况以后不可能再发生了。") == [("progress", "让您久等了")]
    assert hits(m, "這種情況以後不可能再發生了") == []  # traditional too
    assert hits(m, "这个今天不可能修好") == [("forbidden", "不可能")]
    assert hits(m, "不可能再发生了，但是今天不可能修好") == [("forbidden", "不可能")]
    en = pack_matcher("en")
    assert hits(en, "I don't know if you saw the email") == []
    assert hits(en, "well I don't know why") == [("forbidden", "i don't know")]


def test_grammar_output_is_matched_exactly_and_context_still_applies():
    m = pack_matcher("zh")
    assert hits(m, "工好", grammar=True) == []
    assert hits(m, "不可能 再 发生", grammar=True) == []
    assert hits(m, "不可能", grammar=True) == [("forbidden", "不可能")]


def test_never_a_match_across_speakers_or_transcripts():
    m = pack_matcher("zh")
    assert hits(m, "跟您确", A) == [] and hits(m, "认一下", C) == []
    assert hits(m, "感谢您的", A) == [] and hits(m, "来电", A) == []


def test_a_hit_quotes_the_words_heard_and_their_time():
    m = pack_matcher("zh")
    words = (Word("我的", 3.0, 3.3), Word("工", 3.3, 3.5), Word("好", 3.5, 3.8),
             Word("是", 3.8, 4.0))
    [hit] = [h for h in m.match(Transcript(A, 5.0, "我的工好是", words)) if h.kind == "self_intro"]
    assert (hit.phrase, hit.heard, hit.t0, hit.t) == ("工号", "工好", 3.3, 3.8)
