// description: Market links by mechanism (利益联结方式): how many, and the money they carry.
MATCH ()-[e:{{market}}]->()
RETURN coalesce(e.mechanism, '(none)') AS mechanism, count(*) AS links, sum(coalesce(e.amount, 0.0)) AS amount
ORDER BY mechanism
