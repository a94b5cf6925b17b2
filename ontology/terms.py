"""Term constants generated from lianjie.ttl by ``python -m lianjie.ontology.generate``. Do not edit.

``Classes``, ``Links`` and ``Props`` are plain names; ``LJ``, every term as an rdflib namespace, is made
on first use, so that importing the names does not import rdflib.
"""

from __future__ import annotations


class Classes:
    """Node class names, as stored (table names and labels)."""

    AssistingUnit = "AssistingUnit"
    Association = "Association"
    Base = "Base"
    Brand = "Brand"
    Cadre = "Cadre"
    Channel = "Channel"
    Cooperative = "Cooperative"
    County = "County"
    Enterprise = "Enterprise"
    Figure = "Figure"
    Fund = "Fund"
    Household = "Household"
    Model = "Model"
    PartyBranch = "PartyBranch"
    Person = "Person"
    Product = "Product"
    ServiceCenter = "ServiceCenter"
    ServiceStation = "ServiceStation"
    Town = "Town"
    Village = "Village"


class Links:
    """Link type names, as stored (relationship types)."""

    APPLIES = "APPLIES"
    CLAIMS = "CLAIMS"
    DESCRIBES = "DESCRIBES"
    DONATES_TO = "DONATES_TO"
    EMPLOYED_BY = "EMPLOYED_BY"
    FUNDS = "FUNDS"
    HOLDS_SHARES_IN = "HOLDS_SHARES_IN"
    JOINS = "JOINS"
    LEADS = "LEADS"
    LEASES_LAND_TO = "LEASES_LAND_TO"
    LOCATED_IN = "LOCATED_IN"
    MEMBER_OF = "MEMBER_OF"
    PAIRS_WITH = "PAIRS_WITH"
    PRODUCES = "PRODUCES"
    SELLS_THROUGH = "SELLS_THROUGH"
    SERVES = "SERVES"
    SUPPLIES = "SUPPLIES"
    TRAINS = "TRAINS"


class Props:
    """Property names, as stored (columns and property keys)."""

    amount = "amount"
    bank_account = "bank_account"
    bound = "bound"
    cause = "cause"
    causes = "causes"
    claimed_households = "claimed_households"
    claimed_people = "claimed_people"
    code = "code"
    end_date = "end_date"
    evidence = "evidence"
    exit_year = "exit_year"
    household_type = "household_type"
    id = "id"
    id_number = "id_number"
    identified = "identified"
    kind = "kind"
    linkType = "linkType"
    measure = "measure"
    mechanism = "mechanism"
    monitored = "monitored"
    monitoring_category = "monitoring_category"
    name = "name"
    nodeType = "nodeType"
    note = "note"
    phone = "phone"
    poor = "poor"
    poor_village = "poor_village"
    quantity = "quantity"
    quote = "quote"
    rate = "rate"
    size = "size"
    source = "source"
    source_doc = "source_doc"
    start_date = "start_date"
    status = "status"
    synthetic = "synthetic"
    target = "target"
    unit = "unit"
    unit_amount = "unit_amount"
    value = "value"
    village = "village"


def __getattr__(name: str):
    if name != "LJ":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from rdflib import URIRef
    from rdflib.namespace import DefinedNamespace, Namespace

    class LJ(DefinedNamespace):
        """Every term of the lianjie ontology; an unknown name raises AttributeError."""

        _fail = True
        _NS = Namespace("https://w3id.org/lianjie/ontology#")

        APPLIES: URIRef
        Agent: URIRef
        AssistingUnit: URIRef
        Association: URIRef
        Base: URIRef
        Bound: URIRef
        Brand: URIRef
        CLAIMS: URIRef
        Cadre: URIRef
        Channel: URIRef
        ChannelKind: URIRef
        Cooperative: URIRef
        County: URIRef
        DESCRIBES: URIRef
        DONATES_TO: URIRef
        EMPLOYED_BY: URIRef
        Enterprise: URIRef
        EvidenceKind: URIRef
        ExitStatus: URIRef
        FUNDS: URIRef
        Figure: URIRef
        Fund: URIRef
        HOLDS_SHARES_IN: URIRef
        Household: URIRef
        HouseholdStatus: URIRef
        HouseholdType: URIRef
        JOINS: URIRef
        LEADS: URIRef
        LEASES_LAND_TO: URIRef
        LOCATED_IN: URIRef
        LedgerColumn: URIRef
        Link: URIRef
        LinkageMode: URIRef
        MEMBER_OF: URIRef
        Market: URIRef
        Measure: URIRef
        Mechanism: URIRef
        Model: URIRef
        MonitoringCategory: URIRef
        Node: URIRef
        Organisation: URIRef
        PAIRS_WITH: URIRef
        PRODUCES: URIRef
        PartyBranch: URIRef
        Person: URIRef
        Place: URIRef
        PovertyCause: URIRef
        Producer: URIRef
        Product: URIRef
        RegisterColumn: URIRef
        RosterColumn: URIRef
        SELLS_THROUGH: URIRef
        SERVES: URIRef
        SUPPLIES: URIRef
        ServiceCenter: URIRef
        ServiceStation: URIRef
        Support: URIRef
        TRAINS: URIRef
        Town: URIRef
        Unit: URIRef
        Village: URIRef
        abstract: URIRef
        alliance: URIRef
        amount: URIRef
        asset_income: URIRef
        bank_account: URIRef
        bound: URIRef
        bound_approximate: URIRef
        bound_exact: URIRef
        bound_lower: URIRef
        bound_upper: URIRef
        cash_purchase: URIRef
        cause: URIRef
        cause_disability: URIRef
        cause_disaster: URIRef
        cause_education: URIRef
        cause_illness: URIRef
        cause_lack_funds: URIRef
        cause_lack_labour: URIRef
        cause_lack_land: URIRef
        cause_lack_skills: URIRef
        cause_lack_water: URIRef
        cause_marriage: URIRef
        cause_motivation: URIRef
        cause_other: URIRef
        cause_transport: URIRef
        causes: URIRef
        charity_purchase: URIRef
        charity_purchasing: URIRef
        claimed_households: URIRef
        claimed_people: URIRef
        code: URIRef
        codelist: URIRef
        col_amount: URIRef
        col_cause: URIRef
        col_county: URIRef
        col_county_code: URIRef
        col_dividend: URIRef
        col_end: URIRef
        col_exit_status: URIRef
        col_exit_year: URIRef
        col_head_name: URIRef
        col_household_id: URIRef
        col_household_type: URIRef
        col_id_number: URIRef
        col_identified: URIRef
        col_land_area: URIRef
        col_ledger_name: URIRef
        col_member_name: URIRef
        col_mode: URIRef
        col_monitoring_category: URIRef
        col_natural_village: URIRef
        col_note: URIRef
        col_organisation: URIRef
        col_person_id: URIRef
        col_personal_detail: URIRef
        col_phone: URIRef
        col_purchase: URIRef
        col_quantity: URIRef
        col_relation: URIRef
        col_rent: URIRef
        col_size: URIRef
        col_start: URIRef
        col_town: URIRef
        col_town_code: URIRef
        col_unit: URIRef
        col_village: URIRef
        col_village_code: URIRef
        col_wage: URIRef
        col_year: URIRef
        color: URIRef
        column: URIRef
        consignment: URIRef
        donation: URIRef
        end_date: URIRef
        equity_dividend: URIRef
        evidence: URIRef
        exit_lifted: URIRef
        exit_lifted_no_policy: URIRef
        exit_lifted_policy: URIRef
        exit_marked: URIRef
        exit_not_lifted: URIRef
        exit_returned: URIRef
        exit_year: URIRef
        fair: URIRef
        family: URIRef
        guaranteed_price_purchase: URIRef
        household_type: URIRef
        htype_destitute_lifted: URIRef
        htype_destitute_poor: URIRef
        htype_dibao_lifted: URIRef
        htype_dibao_poor: URIRef
        htype_general: URIRef
        htype_general_lifted: URIRef
        htype_general_poor: URIRef
        htype_lifted: URIRef
        htype_monitored: URIRef
        htype_poor: URIRef
        id: URIRef
        id_number: URIRef
        identified: URIRef
        impliesPoor: URIRef
        kind: URIRef
        land_rent: URIRef
        linkType: URIRef
        livestream: URIRef
        mcat_marginal: URIRef
        mcat_sudden: URIRef
        mcat_unstable: URIRef
        measure: URIRef
        measure_annual_sales_amount: URIRef
        measure_collective_income: URIRef
        measure_cooperatives: URIRef
        measure_count: URIRef
        measure_donation_per_unit: URIRef
        measure_entrepreneurs: URIRef
        measure_exhibited_products: URIRef
        measure_exhibiting_villages: URIRef
        measure_fund_raised: URIRef
        measure_household_coverage: URIRef
        measure_households_employed: URIRef
        measure_households_helped: URIRef
        measure_households_lifted: URIRef
        measure_income_gain_per_person: URIRef
        measure_large_growers: URIRef
        measure_leading_industries: URIRef
        measure_members: URIRef
        measure_output_value_added: URIRef
        measure_peak_day_shipments: URIRef
        measure_people_helped: URIRef
        measure_people_income_gain: URIRef
        measure_people_lifted: URIRef
        measure_planted_area: URIRef
        measure_processed_quantity: URIRef
        measure_product_kinds: URIRef
        measure_sales_amount: URIRef
        measure_sales_quantity: URIRef
        measure_shipments: URIRef
        measure_site_area: URIRef
        measure_towns: URIRef
        measure_village_leading_industries: URIRef
        measure_villages_delisted: URIRef
        measure_villages_helped: URIRef
        measure_visitors: URIRef
        measure_work: URIRef
        measure_work_by_poor: URIRef
        measure_yield: URIRef
        mechanism: URIRef
        mode_asset: URIRef
        mode_consignment: URIRef
        mode_dividend: URIRef
        mode_employment: URIRef
        mode_guaranteed: URIRef
        mode_land: URIRef
        mode_membership: URIRef
        mode_order: URIRef
        mode_purchase: URIRef
        mode_technical: URIRef
        mode_training: URIRef
        monitored: URIRef
        monitoring_category: URIRef
        name: URIRef
        nodeType: URIRef
        note: URIRef
        official_register: URIRef
        online: URIRef
        online_platform: URIRef
        order_purchase: URIRef
        other_channel: URIRef
        pairing: URIRef
        pattern: URIRef
        personal: URIRef
        personalName: URIRef
        phone: URIRef
        poor: URIRef
        poor_village: URIRef
        quantity: URIRef
        quote: URIRef
        rate: URIRef
        role: URIRef
        self_declared: URIRef
        shape: URIRef
        shorthandFor: URIRef
        size: URIRef
        social_commerce: URIRef
        source: URIRef
        source_doc: URIRef
        start_date: URIRef
        status: URIRef
        status_general: URIRef
        status_lifted: URIRef
        status_monitored: URIRef
        status_poor: URIRef
        supermarket: URIRef
        supportOnly: URIRef
        synthetic: URIRef
        target: URIRef
        technical_service: URIRef
        third_party: URIRef
        trader: URIRef
        training: URIRef
        unit: URIRef
        unit_amount: URIRef
        unit_bird: URIRef
        unit_head: URIRef
        unit_household: URIRef
        unit_item: URIRef
        unit_jin: URIRef
        unit_kg: URIRef
        unit_mu: URIRef
        unit_percent: URIRef
        unit_person: URIRef
        unit_person_time: URIRef
        unit_piece: URIRef
        unit_session: URIRef
        unit_ticket: URIRef
        unit_ton: URIRef
        unit_yuan: URIRef
        value: URIRef
        verified: URIRef
        village: URIRef
        wage_employment: URIRef

    globals()[name] = LJ
    return LJ
