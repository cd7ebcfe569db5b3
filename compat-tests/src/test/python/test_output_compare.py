"""The tutorial output comparison accepts formatting differences and nothing else."""
import math

from output_compare import first_difference, tokens


def test_numpy2_spacing_and_float_repr_are_accepted():
    assert first_difference("[array([18., 37.], dtype=float32), array(91., dtype=float32)]",
                            "[array([ 18.,  37.], dtype=float32), array(91.0, dtype=float32)]") is None
    assert first_difference("Output:  80.16", "Output:  80.16000000000001") is None
    assert first_difference("[[11.  0.]\n [25. 20.]]", "[[11. 0.] [25. 20.]]") is None


def test_wrong_numbers_and_words_are_rejected():
    assert "got 5.0, expected 4.0" in first_difference("5.0", "4.0")
    assert first_difference("Output: 80.2", "Output: 80.16") is not None
    assert first_difference("TensorType(float32, vector)", "TensorType(float64, vector)") is not None
    assert "tokens" in first_difference("1 2 3", "1 2")


def test_tokens_split_numbers_from_text():
    assert tokens("W: [0.1 -2e3]") == ["W", ":", "[", 0.1, -2000.0, "]"]
    assert math.isnan(tokens("nan")[0])
    assert first_difference("[nan 1.]", "[nan 1.]") is None
