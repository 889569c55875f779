"""Ethics: the recommender's model card, its fairness audit and the public algorithm-register entry."""
