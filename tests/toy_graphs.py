"""Small hand-built graphs whose answers are worked out by hand in the tests."""

NODE_HEADER = ["id", "type", "name", "poor", "claimed_households"]
LINK_HEADER = ["source", "target", "type", "mechanism", "amount", "start", "end"]

# h1 -> c1 -> ch1 ; c1 -> e1 -> ch2 ; e1 -> c1 closes a cycle.
# h2 member of c1; h3 works for e1; h4 (not poor) supplies e1; h5 is only paired (support);
# h6 supplies ch2 directly during the first half of 2020 only.
TOY_NODES = [
    ["h1", "Household", "户1", "true", None],
    ["h2", "Household", "户2", "1", None],
    ["h3", "Household", "户3", "是", None],
    ["h4", "Household", "户4", "否", None],
    ["h5", "Household", "户5", "true", None],
    ["h6", "Household", "户6", "true", None],
    ["c1", "Cooperative", "合作社一", None, 10],
    ["e1", "Enterprise", "企业一", None, 3],
    ["ch1", "Channel", "直播", None, None],
    ["ch2", "Channel", "超市", None, None],
    ["k1", "Cadre", "第一书记", None, None],
    ["v1", "Village", "一村", None, None],
]
TOY_LINKS = [
    ["h1", "c1", "SUPPLIES", "order_purchase", 1000, None, None],
    ["h1", "c1", "SUPPLIES", "order_purchase", 2500, None, None],
    ["h2", "c1", "MEMBER_OF", None, None, None, None],
    ["h3", "e1", "EMPLOYED_BY", "wage_employment", 9000, None, None],
    ["h4", "e1", "SUPPLIES", "cash_purchase", 300, None, None],
    ["h6", "ch2", "SUPPLIES", "consignment", 50, "2020-01-01", "2020-06-30"],
    ["c1", "ch1", "SELLS_THROUGH", None, None, None, None],
    ["c1", "e1", "SUPPLIES", None, None, None, None],
    ["e1", "c1", "SUPPLIES", None, None, None, None],
    ["e1", "ch2", "SELLS_THROUGH", None, None, None, None],
    ["k1", "h5", "PAIRS_WITH", "pairing", None, None, None],
    ["h5", "v1", "LOCATED_IN", None, None, None, None],
]
