"""The attacker's programme uses only the relations that hold in the data: agencies' tables do not
always add up, and a false relation must neither stop the publish step nor count as protection."""
from etl.disclosure.bounds import Programme
from etl.disclosure.rules import PRIMARY

TOTAL, SMALL, OTHER = 0, 1, 2


def _range(total_value: int) -> tuple[float, float]:
    values = [total_value, 3, 5]
    status = [None, PRIMARY, None]  # only the small count is hidden
    programme = Programme([TOTAL, SMALL, OTHER], values, status, equal=[(TOTAL, [SMALL, OTHER])], at_most=[],
                          threshold=5)
    return programme.range_of(SMALL)


def test_a_relation_that_holds_pins_the_hidden_cell():
    assert _range(8) == (3.0, 3.0)  # 8 - 5: this is why secondary suppression is needed


def test_a_relation_the_data_breaks_is_left_out_instead_of_making_the_programme_infeasible():
    assert _range(10) == (1.0, 4.0)  # 10 - 5 = 5 lies outside 1..4: the relation is false, not a constraint
