"""Term constants generated from lianjie.ttl by ``python -m lianjie.ontology.generate``. Do not edit."""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace


class LJ(DefinedNamespace):
    """Every term of the lianjie ontology; an unknown name raises AttributeError."""

    _fail = True
    _NS = Namespace("https://w3id.org/lianjie/ontology#")

    Agent: URIRef
    AssistingUnit: URIRef
    Association: URIRef
    Base: URIRef
    Cadre: URIRef
    Channel: URIRef
    ChannelKind: URIRef
    Cooperative: URIRef
    County: URIRef
    DONATES_TO: URIRef
    EMPLOYED_BY: URIRef
    Enterprise: URIRef
    EvidenceKind: URIRef
    FUNDS: URIRef
    Fund: URIRef
    HOLDS_SHARES_IN: URIRef
    Household: URIRef
    HouseholdStatus: URIRef
    JOINS: URIRef
    LEADS: URIRef
    LEASES_LAND_TO: URIRef
    LOCATED_IN: URIRef
    Link: URIRef
    MEMBER_OF: URIRef
    Market: URIRef
    Mechanism: URIRef
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
    charity_purchase: URIRef
    charity_purchasing: URIRef
    claimed_households: URIRef
    claimed_people: URIRef
    code: URIRef
    codelist: URIRef
    color: URIRef
    column: URIRef
    consignment: URIRef
    donation: URIRef
    end_date: URIRef
    equity_dividend: URIRef
    evidence: URIRef
    exit_year: URIRef
    fair: URIRef
    family: URIRef
    guaranteed_price_purchase: URIRef
    id: URIRef
    id_number: URIRef
    kind: URIRef
    land_rent: URIRef
    linkType: URIRef
    livestream: URIRef
    mechanism: URIRef
    name: URIRef
    nodeType: URIRef
    note: URIRef
    official_register: URIRef
    online_platform: URIRef
    order_purchase: URIRef
    other_channel: URIRef
    pairing: URIRef
    pattern: URIRef
    personal: URIRef
    personalName: URIRef
    phone: URIRef
    poor: URIRef
    quantity: URIRef
    quote: URIRef
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
    synthetic: URIRef
    target: URIRef
    technical_service: URIRef
    third_party: URIRef
    trader: URIRef
    training: URIRef
    unit: URIRef
    unit_bird: URIRef
    unit_head: URIRef
    unit_household: URIRef
    unit_jin: URIRef
    unit_kg: URIRef
    unit_mu: URIRef
    unit_person: URIRef
    unit_person_time: URIRef
    unit_piece: URIRef
    unit_ton: URIRef
    unit_yuan: URIRef
    verified: URIRef
    village: URIRef
    wage_employment: URIRef


class Classes:
    """Node class names, as stored (table names and labels)."""

    AssistingUnit = "AssistingUnit"
    Association = "Association"
    Base = "Base"
    Cadre = "Cadre"
    Channel = "Channel"
    Cooperative = "Cooperative"
    County = "County"
    Enterprise = "Enterprise"
    Fund = "Fund"
    Household = "Household"
    PartyBranch = "PartyBranch"
    Person = "Person"
    Product = "Product"
    ServiceCenter = "ServiceCenter"
    ServiceStation = "ServiceStation"
    Town = "Town"
    Village = "Village"


class Links:
    """Link type names, as stored (relationship types)."""

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
