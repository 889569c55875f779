from auroranet.search.fusion import rrf


def test_doc_without_lexical_hit_gets_no_lexical_credit():
    fused = rrf([5], [1, 5, 2])
    by_doc = {d: (s, r) for d, s, r in fused}
    assert "bm25" not in by_doc[1][1] and "bm25" not in by_doc[2][1]
    assert fused[0][0] == 5  # lexical + dense beats dense rank 1 alone
    assert all(0 <= s <= 1 for _, s, _ in fused)


def test_ties_are_broken_by_doc_index():
    fused = rrf([], [7, 3])  # different ranks: order follows rank
    assert [d for d, _, _ in fused] == [7, 3]
    fused = rrf([9], [4])  # same rank on different sides: equal score, lower index (id order) first
    assert [d for d, _, _ in fused] == [4, 9]
    assert fused[0][1] == fused[1][1]


def test_best_possible_score_is_one():
    assert rrf([2], [2])[0][1] == 1.0
    assert rrf([], [2])[0][1] == 1.0
