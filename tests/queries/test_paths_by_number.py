"""lianjie paths with an ID number: found under its pseudonym, or told which pseudonym was looked for."""

import pytest
from click.testing import CliRunner
from lianjie.base.errors import LianjieError
from lianjie.cli import main
from lianjie.loaders import load
from lianjie.queries import paths

# Check digits worked out by hand with the GB 11643 weights.
LOADED = "43012419900307007X"
NOT_LOADED = "433125198501011237"


@pytest.fixture
def county(store, dataset_dir):
    nodes = [[LOADED, "Household", "甲", "true", None], ["c1", "Cooperative", "社", None, None]]
    nodes.append(["ch1", "Channel", "直播", None, None])
    links = [[LOADED, "c1", "SUPPLIES", None, 100, None, None], ["c1", "ch1", "SELLS_THROUGH"] + [None] * 4]
    load(store, [dataset_dir(nodes, links)])
    return store


def test_a_household_given_by_its_id_number_in_any_form_is_found(county, pseudonym):
    for given in (LOADED, "43012419900307007x", "４３０１２４１９９００３０７００７ｘ"):
        (item,) = paths(county, given)
        assert item["channel"] == "ch1" and item["chains"][0][0]["from"] == pseudonym(LOADED)


def test_an_id_number_not_loaded_says_which_pseudonym_was_looked_for(county, pseudonym):
    with pytest.raises(LianjieError) as info:
        paths(county, NOT_LOADED)
    message = str(info.value)
    assert f"looked for its pseudonym {pseudonym(NOT_LOADED)!r} (made with LIANJIE_KEY)" in message
    assert "loaded under another id" in message and NOT_LOADED not in message


def test_a_damaged_id_number_says_so(county, pseudonym):
    with pytest.raises(LianjieError) as info:
        paths(county, "433125198501011000")
    assert "check digit" in str(info.value) and "433125198501011000" not in str(info.value)


def test_the_command_says_it_too(county, store_location):
    result = CliRunner().invoke(main, ["paths", NOT_LOADED, "--store", store_location])
    assert result.exit_code == 1 and "looked for its pseudonym 'pid-" in result.output
    assert NOT_LOADED not in result.output
