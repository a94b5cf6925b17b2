// description: Households and registered-poor households located in each village (LOCATED_IN).
MATCH (h:Household)-[:LOCATED_IN]->(v:Village)
RETURN v.id AS village, v.name AS name, count(h) AS households,
       sum(CASE WHEN h.poor THEN 1 ELSE 0 END) AS poor
ORDER BY village
