// description: Who supplies or sells directly into one channel, with the money on those links.
// param channel: the channel's id
MATCH (s)-[e:SUPPLIES|SELLS_THROUGH]->(c:Channel {id: $channel})
RETURN s.id AS source, [l IN labels(s) WHERE l <> 'Node'][0] AS type, s.name AS name, count(e) AS links,
       sum(coalesce(e.amount, 0.0)) AS amount
ORDER BY source
