/* lianjie network page: the links layer. vis-network draws the nodes; the links are drawn here,
   on the same canvas before the nodes, one path per style. vis-network builds an object with
   merged options for every edge (seconds for ten thousand); these are plain arrays, drawn in a
   few milliseconds. Links are read from a vis.DataSet (filters set ``hidden`` there). */
(function () {
  "use strict";

  // links: the page's merged links; edges: a DataSet {id, from, to, hidden}; style(link) -> {color, width, dashed}
  window.LianjieLinks = function (network, edges, links, style, arrows) {
    var body = network.body;
    var batches = [];
    var selected = {};
    var drawn = 0;  // links stroked in the last frame

    function ends(e) {
      var a = body.nodes[e.from], b = body.nodes[e.to];
      return a && b ? [a, b] : null;
    }
    function rebuild() {
      var byStyle = {};
      batches = [];
      edges.forEach(function (e) {
        if (e.hidden) { return; }
        var s = style(links[e.id]);
        var key = s.color + "|" + s.width + "|" + (s.dashed ? 1 : 0);
        if (!byStyle[key]) { byStyle[key] = { style: s, items: [] }; batches.push(byStyle[key]); }
        byStyle[key].items.push(e);
      });
    }
    function hiddenNode(n) { return n.options.hidden; }
    function path(ctx, items, head) {
      var count = 0;
      ctx.beginPath();
      for (var i = 0; i < items.length; i++) {
        var p = ends(items[i]);
        if (!p || hiddenNode(p[0]) || hiddenNode(p[1])) { continue; }
        ctx.moveTo(p[0].x, p[0].y);
        ctx.lineTo(p[1].x, p[1].y);
        count++;
      }
      ctx.stroke();
      if (head) { arrowheads(ctx, items, head); }
      return count;
    }
    function arrowheads(ctx, items, head) {
      ctx.beginPath();
      for (var j = 0; j < items.length; j++) {
        var q = ends(items[j]);
        if (!q || hiddenNode(q[0]) || hiddenNode(q[1])) { continue; }
        var dx = q[1].x - q[0].x, dy = q[1].y - q[0].y, len = Math.sqrt(dx * dx + dy * dy);
        if (len < 1) { continue; }
        var ux = dx / len, uy = dy / len, r = (q[1].options.size || 10) + 2;
        var tx = q[1].x - ux * r, ty = q[1].y - uy * r;
        ctx.moveTo(tx, ty);
        ctx.lineTo(tx - ux * head - uy * head * 0.45, ty - uy * head + ux * head * 0.45);
        ctx.lineTo(tx - ux * head + uy * head * 0.45, ty - uy * head - ux * head * 0.45);
        ctx.closePath();
      }
      ctx.fill();
    }
    function draw(ctx) {
      var scale = network.getScale();
      var least = 0.6 / scale;  // never thinner than about half a pixel on screen
      ctx.save();
      ctx.lineCap = "butt";
      drawn = 0;
      batches.forEach(function (b) {
        ctx.strokeStyle = ctx.fillStyle = b.style.color;
        ctx.lineWidth = Math.max(b.style.width, least);
        ctx.setLineDash(b.style.dashed ? [5 / Math.min(scale, 1), 5 / Math.min(scale, 1)] : []);
        drawn += path(ctx, b.items, arrows ? 5 + 1.5 * b.style.width : 0);
      });
      var chosen = edges.get(Object.keys(selected).map(Number));
      if (chosen.length) {
        ctx.strokeStyle = ctx.fillStyle = "#000000";
        ctx.setLineDash([]);
        ctx.lineWidth = Math.max(2.5, 2 / scale);
        path(ctx, chosen.filter(function (e) { return !e.hidden; }), arrows ? 8 : 0);
      }
      ctx.restore();
    }
    function distance(px, py, a, b) {
      var dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
      var t = len2 ? Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / len2)) : 0;
      var x = a.x + t * dx - px, y = a.y + t * dy - py;
      return Math.sqrt(x * x + y * y);
    }
    // the drawn link nearest a point in canvas coordinates, within a few screen pixels (or null)
    function at(point) {
      var best = null, bestD = 6 / network.getScale();
      edges.forEach(function (e) {
        if (e.hidden) { return; }
        var p = ends(e);
        if (!p || hiddenNode(p[0]) || hiddenNode(p[1])) { return; }
        var d = distance(point.x, point.y, p[0], p[1]);
        if (d < bestD) { bestD = d; best = e.id; }
      });
      return best;
    }
    function select(ids) {
      selected = {};
      ids.forEach(function (i) { selected[i] = true; });
      network.redraw();
    }
    // the links touching a node
    function touching(id) {
      return edges.getIds({ filter: function (e) { return e.from === id || e.to === id; } });
    }

    rebuild();
    edges.on("*", function () { rebuild(); network.redraw(); });
    network.on("beforeDrawing", draw);
    return { at: at, select: select, touching: touching, selected: function () { return Object.keys(selected).map(Number); },
      drawn: function () { return drawn; } };
  };
})();
