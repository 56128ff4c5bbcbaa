"""Building the index of a large corpus: passages split into sentences and tokenised in chunks (in worker
processes when the corpus is large enough for that to pay), each unit's tokens streamed into its tantivy index and
its token store as they come instead of held as lists, progress on a terminal; a later build of the same input
maps the finished indexes and stores from the cache directory instead of tokenising again."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

from .article import FIGURE, PART_DESCRIPTORS
from .backends import (Progress, TantivyBackend, TantivyBuild, choose, index_directory,
                       make_backend, open_built)
from .fields import headings
from .forked import OrderedMap, can_fork, cores
from .models import Passage
from .text import Tokenizer, sentences
from .tokenstore import ID_TYPE, TokenStore, TokenStoreBuilder

CHUNK = 256                # passages a worker splits and tokenises at a time
PARALLEL_ABOVE = 2_000     # passages from which worker processes pay for their start (see the README's scale section)
GROUPS, FIGURES, BODY = "sentences.groups", "sentences.figures", "passages.body"   # files beside the stores


# Whether article.FIGURE_RE finds a figure, as one pattern that starts at a digit: every one of its four
# alternatives holds a digit, so each is rewritten around its first (or, for "p = 0.05", its last) digit, the
# word boundaries before it as look-behinds. The engine then tries only the places where a digit stands: about
# 2.5 times faster than the four patterns one by one, and 4 times faster than FIGURE_RE (tests/test_bulk.py holds
# the answers equal, on the review and on random text).
FIGURE_AT_DIGIT = re.compile(
    r"\d(?:"
    r"(?:[\d.,]*\d)?\s?(?:%|(?:percent|-?months?|-?years?|-?weeks?|-?days?|patients|cases)\b)"    # 33%, 5 months
    r"|(?<=[pPnN][=<>]\d)(?<!\w[pPnN][=<>]\d)|(?<=[pPnN] [=<>]\d)(?<!\w[pPnN] [=<>]\d)"          # p<0.05, n = 12
    r"|(?<=[pPnN][=<>] \d)(?<!\w[pPnN][=<>] \d)|(?<=[pPnN] [=<>] \d)(?<!\w[pPnN] [=<>] \d)"
    r"|(?<=(?<!\w)1)9\d\d\b|(?<=(?<!\w)2)0\d\d\b"                                                # a year
    r"|(?<!\w\d)\d*(?:\.\d+)? (?:to|and|versus|vs\.?) \d"                                         # 3 to 5
    r")")


def states_figure(text: str) -> bool:
    """Whether FIGURE_RE finds a figure in the text."""
    return FIGURE_AT_DIGIT.search(text) is not None


@dataclass
class Chunk:
    """One chunk's tokens, coded against the chunk's own vocabulary `words`: passages and sentences one after
    another (`*_lengths` tokens each), their space-joined stems (what tantivy indexes), and how many sentences each
    passage has."""
    words: list[str]
    passage_ids: np.ndarray
    passage_lengths: np.ndarray
    passage_texts: list[str]
    sentence_ids: np.ndarray
    sentence_lengths: np.ndarray
    sentence_texts: list[str]
    sentence_counts: np.ndarray
    sentence_figures: np.ndarray           # whether each sentence states a figure (FIGURE among its tokens)
    body_words: np.ndarray                 # the words of passages outside the reference list


def tokenise_chunk(passages, tokenizer: Tokenizer, title_weight: int, path_weight: int) -> Chunk:
    """Split and tokenise these passages as PassageIndex.tokenize does (each sentence a unit).

    Tokens never span white space and normalising is local to a word, so the tokens of texts joined with spaces
    are the texts' tokens one after another: each sentence, title and heading is tokenised (and coded, and
    joined) once, and a passage's tokens are its sentences' (when they hold all of its text, as Punkt's do)
    followed by its fields'."""
    tokens = tokenizer.tokens
    coded: dict[str, int] = {}
    words: list[str] = []
    get = coded.get

    def piece(text: str) -> tuple[list[int], str]:
        """A text's tokens as ids in this chunk's vocabulary, and space-joined."""
        toks = tokens(text)
        ids = list(map(get, toks))
        if None in ids:
            for i, t in enumerate(toks):
                if ids[i] is None:
                    ids[i] = coded.get(t)
                    if ids[i] is None:
                        ids[i] = coded[t] = len(words)
                        words.append(t)
        return ids, " ".join(toks)

    headings_memo: dict[str, tuple[list[int], str]] = {}

    def field(text: str) -> tuple[list[int], str]:
        """piece() of a title or heading: the passages of a section share theirs."""
        found = headings_memo.get(text)
        if found is None:
            found = headings_memo[text] = piece(text)
        return found

    coded[FIGURE] = 0                       # the marker token, appended as it is
    words.append(FIGURE)
    figure = ([0], FIGURE)
    p_ids: list[int] = []
    s_ids: list[int] = []
    p_lengths, p_texts, s_lengths, s_texts, s_counts, s_figures = [], [], [], [], [], []
    not_reference: list[bool] = []
    for passage in passages:
        split = sentences(passage.text)
        own = [piece(s) for s in split]
        title, part = field(passage.title), field(PART_DESCRIPTORS.get(passage.section, ""))
        body = own if "".join(passage.text.split()) == "".join("".join(split).split()) else [piece(passage.text)]
        parents, descriptor = headings(passage)
        fields = body + [title] * title_weight + [field(parents)] * path_weight + [field(descriptor)]
        length = 0
        for ids, _ in fields:
            p_ids += ids
            length += len(ids)
        p_lengths.append(length)
        not_reference.append(passage.section != "references")
        p_texts.append(" ".join(text for _, text in fields if text))
        for s, sentence in zip(split, own):
            figured = states_figure(s)
            s_figures.append(figured)
            fields = [sentence, title, part] + ([figure] if figured else [])
            length = 0
            for ids, _ in fields:
                s_ids += ids
                length += len(ids)
            s_lengths.append(length)
            s_texts.append(" ".join(text for _, text in fields if text))
        s_counts.append(len(split))
    p_ids_array, p_lengths_array = np.array(p_ids, dtype=ID_TYPE), np.array(p_lengths, dtype=np.int64)
    in_body = np.zeros(len(words), dtype=bool)
    in_body[p_ids_array[np.repeat(np.array(not_reference, dtype=bool), p_lengths_array)]] = True
    return Chunk(words, p_ids_array, p_lengths_array, p_texts,
                 np.array(s_ids, dtype=ID_TYPE), np.array(s_lengths, dtype=np.int64), s_texts,
                 np.array(s_counts, dtype=np.int64), np.array(s_figures, dtype=bool),
                 np.flatnonzero(in_body).astype(ID_TYPE))


def _work(shared: tuple, span: tuple[int, int]) -> Chunk:
    passages, tokenizer, title_weight, path_weight = shared
    return tokenise_chunk(passages[span[0]:span[1]], tokenizer, title_weight, path_weight)


def default_workers(passages: int) -> int:
    """Worker processes for a corpus of this many passages: one per core this process may use, from
    PARALLEL_ABOVE passages and where processes can be forked; none (tokenise here) otherwise."""
    if passages < PARALLEL_ABOVE or not can_fork():
        return 1
    return max(1, cores())


def chunks(passages: tuple[Passage, ...], tokenizer: Tokenizer, title_weight: int, path_weight: int,
           workers: int) -> OrderedMap:
    """The corpus's chunks, tokenised, in corpus order whichever process tokenised them (the result never depends
    on the number of workers); enter it before the build opens its tantivy writers."""
    spans = [(i, min(i + CHUNK, len(passages))) for i in range(0, len(passages), CHUNK)]
    return OrderedMap(_work, (passages, tokenizer, title_weight, path_weight), spans, workers)


def input_key(passages: tuple[Passage, ...], tokenizer: Tokenizer, settings) -> str:
    """Hash of everything the tokens depend on: the passages' texts, titles, headings and parts, the tokenizer and
    the field weights, and qa's code (a change to how text is split or tokenised never meets a stale index)."""
    from .cache import code_stamp
    digest = hashlib.sha256(f"{tokenizer.settings};title={settings.title_weight};path={settings.path_weight};"
                            f"{code_stamp()}".encode())
    for p in passages:
        digest.update("\0".join((p.section, p.title, *p.path, p.text, "\1")).encode())
    return digest.hexdigest()


@dataclass
class Built:
    passage_tokens: object                 # TokenStore or list of lists
    sentence_tokens: TokenStore
    sentence_groups: np.ndarray
    passage_backend: object
    sentence_backend: object
    sentence_figures: np.ndarray           # which sentences state a figure
    body_vocabulary: set[str]              # the words of passages outside the reference list


def _read(builder: TokenStoreBuilder, build: TantivyBuild | None) -> TokenStore:
    """What a builder holds, finished: in memory, or in its build's directory."""
    store = builder.finish()
    return store if store is not None else TokenStore.load(build.tmp, builder.name)


def reopen(directories: dict, passages: int, epsilon: float) -> Built | None:
    """The finished build in these directories, memory-mapped; None unless all of it is there and whole."""
    opened = {kind: open_built(directories.get(kind)) for kind in ("passages", "sentences")}
    if any(o is None for o in opened.values()):
        return None
    p_store = TokenStore.load(directories["passages"], "passages")
    s_store = TokenStore.load(directories["sentences"], "sentences")
    try:
        groups = np.fromfile(directories["sentences"] / GROUPS, dtype=ID_TYPE)
        figures = np.fromfile(directories["sentences"] / FIGURES, dtype=np.uint8).astype(bool)
        body = np.fromfile(directories["passages"] / BODY, dtype=ID_TYPE)
    except (OSError, ValueError):
        return None
    if p_store is None or s_store is None:
        return None
    if not len(p_store) == opened["passages"][1] == passages or not len(s_store) == opened["sentences"][1]:
        return None
    if not len(groups) == len(figures) == len(s_store) or (len(groups) and (groups.min() < 0
                                                                           or groups.max() >= passages)):
        return None
    if len(body) and (body.min() < 0 or body.max() >= len(p_store.vocabulary)):
        return None
    return Built(p_store, s_store, groups.astype(np.int64),
                 TantivyBackend(p_store, epsilon, None, index=opened["passages"][0], grouped=False,
                                histogram=opened["passages"][2]),
                 TantivyBackend(s_store, epsilon, None, index=opened["sentences"][0], grouped=True,
                                histogram=opened["sentences"][2]),
                 figures, {p_store.vocabulary[i] for i in body.tolist()})


def build(passages: tuple[Passage, ...], tokenizer: Tokenizer, settings, workers: int | None = None,
          cache: bool = True) -> Built:
    """Tokens and backends of the passage index and the sentence index (each passage's sentences its units).

    When the passages get tantivy (choose), both indexes are written as the chunks come, into the cache directory
    under a hash of the input (in memory with cache=False, or when it cannot be written); otherwise the tokens are
    kept and the backends made from them as PassageIndex does."""
    streamed = choose(len(passages), settings) == "tantivy"
    directories = {}
    if streamed and cache:
        key = input_key(passages, tokenizer, settings)
        directories = {kind: index_directory(kind, key) for kind in ("passages", "sentences")}
        found = reopen(directories, len(passages), settings.epsilon)
        if found is not None:
            return found
    workers = default_workers(len(passages)) if workers is None else workers
    with chunks(passages, tokenizer, settings.title_weight, settings.path_weight, workers) as chunked:
        return _build(passages, settings, cache, directories, streamed, chunked, workers, tokenizer)


def _build(passages, settings, cache, directories, streamed, chunks, workers, tokenizer) -> Built:
    p_build = TantivyBuild(directories.get("passages"), grouped=False) if streamed else None
    s_build = TantivyBuild(directories.get("sentences"), grouped=True) if streamed else None
    p_store = TokenStoreBuilder(p_build.tmp if p_build else None, "passages")
    s_store = TokenStoreBuilder(s_build.tmp if s_build else None, "sentences")
    groups: list[np.ndarray] = []
    figures: list[np.ndarray] = []
    body: set[int] = set()
    progress = Progress("indexing", len(passages), "passages")
    try:
        for chunk in chunks:
            first = p_store.count
            mapping = p_store.add_chunk(chunk.words, chunk.passage_ids, chunk.passage_lengths)
            body.update(mapping[chunk.body_words].tolist())
            s_store.add_chunk(chunk.words, chunk.sentence_ids, chunk.sentence_lengths)
            owners = np.repeat(np.arange(first, first + len(chunk.sentence_counts)), chunk.sentence_counts)
            groups.append(owners)
            figures.append(chunk.sentence_figures)
            if streamed:
                for text in chunk.passage_texts:
                    p_build.add(text)
                for text, owner in zip(chunk.sentence_texts, owners.tolist()):
                    s_build.add(text, owner)
            progress.update(p_store.count, f", {s_store.count:,} sentences")
        group_array = np.concatenate(groups) if groups else np.zeros(0, dtype=np.int64)
        figure_array = np.concatenate(figures) if figures else np.zeros(0, dtype=bool)
        body_vocabulary = {p_store.vocabulary[i] for i in body}
        if streamed and choose(s_store.count, settings) == "tantivy":
            p_build.commit()
            s_build.commit()
            if s_build.tmp is not None:
                group_array.astype(ID_TYPE).tofile(s_build.tmp / GROUPS)
                figure_array.astype(np.uint8).tofile(s_build.tmp / FIGURES)
            if p_build.tmp is not None:
                np.array(sorted(body), dtype=ID_TYPE).tofile(p_build.tmp / BODY)
            p_tokens, s_tokens = p_store.finish(), s_store.finish()
            p_index, s_index = p_build.publish(), s_build.publish()
            if p_index is None or s_index is None:          # the cache directory failed us: build in memory
                return build(passages, tokenizer, settings, workers, cache=False)
            progress.done(f", {s_store.count:,} sentences")
            if p_tokens is None or s_tokens is None:        # written: map them where they now are
                found = reopen(directories, len(passages), settings.epsilon)
                return found if found is not None else build(passages, tokenizer, settings, workers, cache=False)
            return Built(p_tokens, s_tokens, group_array,
                         TantivyBackend(p_tokens, settings.epsilon, None, index=p_index, grouped=False,
                                        histogram=p_build.histogram),
                         TantivyBackend(s_tokens, settings.epsilon, None, index=s_index, grouped=True,
                                        histogram=s_build.histogram),
                         figure_array, body_vocabulary)
        # the passages or the sentences get rank-bm25: tokens as lists, backends as PassageIndex makes them
        p_lists = list(_read(p_store, p_build))
        s_tokens = _read(s_store, s_build)
        s_tokens = TokenStore(s_tokens.vocabulary, np.array(s_tokens.ids), np.array(s_tokens.offsets))
    finally:
        for b in (p_build, s_build):
            if b is not None:
                b.abort()
        p_store.discard()
        s_store.discard()
    progress.done(f", {len(s_tokens):,} sentences")
    p_backend = make_backend(p_lists, settings, "passages", cache=cache) if any(p_lists) else None
    s_lists = list(s_tokens)
    s_backend = (make_backend(s_lists, settings, "sentences", group_array.tolist(), cache=cache)
                 if any(s_lists) else None)
    return Built(p_lists, s_tokens, group_array, p_backend, s_backend, figure_array, body_vocabulary)
