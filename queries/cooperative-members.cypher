// description: Member households of each cooperative (MEMBER_OF), and how many are registered poor.
MATCH (h:Household)-[:MEMBER_OF]->(c:Cooperative)
RETURN c.id AS cooperative, c.name AS name, count(DISTINCT h) AS members,
       count(DISTINCT CASE WHEN h.poor THEN h.id END) AS poor_members
ORDER BY cooperative
