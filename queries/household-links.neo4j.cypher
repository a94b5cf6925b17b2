// description: Every link that starts at one household, market and support, with its attributes.
// param household: the household's id (as stored: pseudonymised where it was an ID number)
MATCH (h:Household {id: $household})-[e]->(x)
RETURN type(e) AS link, x.id AS target, [l IN labels(x) WHERE l <> 'Node'][0] AS target_type,
       e.mechanism AS mechanism, e.amount AS amount
ORDER BY link, target, amount
