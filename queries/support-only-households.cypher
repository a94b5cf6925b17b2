// description: Households that receive support (pairing, service, funds, training) but have no market link of their own.
MATCH (h:Household)
WHERE EXISTS { MATCH ()-[:{{support}}]->(h) }
  AND NOT EXISTS { MATCH (h)-[:{{market}}]->() }
RETURN h.id AS household, h.poor AS poor
ORDER BY household
