/* lianjie network page: draws the view held in #lianjie-data with vis-network, offline. */
(function () {
  "use strict";
  performance.mark("script");
  var FIT = { animation: false, minZoomLevel: 0.0005, maxZoomLevel: 2 };
  var data = JSON.parse(document.getElementById("lianjie-data").textContent);
  performance.mark("parsed");
  var big = data.nodes.length > 1500;
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var hiddenKeys = {};
  var panel = document.getElementById("details");

  function keyOf(n) { return n.status ? "status:" + n.status : "class:" + n["class"]; }

  // Per-item options only where an item differs from the defaults: vis-network merges each
  // item's options on creation, and thousands of full option objects cost seconds.
  function visNode(n) {
    var v = { id: n.id, x: n.x, y: n.y, shape: n.shape, size: n.size,
      color: { background: n.color, border: n.border } };
    if (!big) { v.label = n.short; }  // a large page draws its labels itself (see labels below)
    if (n.ring) { v.borderWidth = 3; v.shapeProperties = { borderDashes: [4, 3] }; }
    return v;
  }
  function linkStyle(e) {
    var market = e.family === "market";
    return { color: market ? data.colors.market : data.colors.support, width: e.width || 1, dashed: !market };
  }
  var nodes = new vis.DataSet();
  // The links are data here and drawn by links.js; vis-network holds and draws the nodes.
  var edges = new vis.DataSet(data.links.map(function (e, i) { return { id: i, from: e.source, to: e.target, hidden: false }; }));
  performance.mark("datasets");
  // Built empty, then given its nodes: vis-network fits the view when built with nodes, and
  // every fit measures every label first (a second on a large page); the view is set here.
  var network = new vis.Network(document.getElementById("network"), { nodes: nodes, edges: [] }, {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: !big, multiselect: false, tooltipDelay: 300 },
    nodes: {
      borderWidth: 1,
      font: { face: data.font, size: 12, color: "#222222", strokeWidth: big ? 0 : 3, strokeColor: "#ffffff" },
      scaling: { label: { enabled: false } }
    }
  });
  nodes.add(data.nodes.map(visNode));
  var links = window.LianjieLinks(network, edges, data.links, linkStyle, !big);

  // Fit every shown node with its label and a margin, so nothing sits on or past the edge.
  // Before the first drawing labels are not measured yet: their width is estimated (a CJK
  // character is about one font size wide, others about half), the label below the node.
  function estimated(id) {
    var n = byId[id], w = 0, label = String(n.short);
    for (var i = 0; i < label.length; i++) { w += label.charCodeAt(i) > 0x2e80 ? 12.5 : 7.5; }
    var half = Math.max(n.size, w / 2 + 2);
    return { left: n.x - half, right: n.x + half, top: n.y - n.size - 2, bottom: n.y + n.size + 20 };
  }
  function measured(id) { return network.getBoundingBox(id); }
  function shownIds() { return nodes.getIds({ filter: function (n) { return !n.hidden; } }); }
  function fitAll(boxOf) {
    var box = null;
    shownIds().forEach(function (id) {
      var b = boxOf(id);
      if (!b) { return; }
      box = box ? { left: Math.min(box.left, b.left), right: Math.max(box.right, b.right),
        top: Math.min(box.top, b.top), bottom: Math.max(box.bottom, b.bottom) } : b;
    });
    if (!box) { return; }
    var el = document.getElementById("network"), pad = 24;
    var w = Math.max(el.clientWidth - 2 * pad, 50), h = Math.max(el.clientHeight - 2 * pad, 50);
    var scale = Math.min(w / Math.max(box.right - box.left, 1), h / Math.max(box.bottom - box.top, 1));
    scale = Math.max(Math.min(scale, FIT.maxZoomLevel), FIT.minZoomLevel);
    network.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 }, scale: scale, animation: false });
  }
  function anyOutside() {
    var el = document.getElementById("network");
    return shownIds().some(function (id) {
      var b = measured(id), tl = network.canvasToDOM({ x: b.left, y: b.top }), br = network.canvasToDOM({ x: b.right, y: b.bottom });
      return tl.x < 0 || tl.y < 0 || br.x > el.clientWidth || br.y > el.clientHeight;
    });
  }
  // A large page's labels: vis-network measures every label it holds when it builds a node
  // (about a second for thousands), so they are drawn here, only those on screen and only
  // when zoomed in far enough to read (12 px text at 5 px or more, as vis-network's threshold).
  if (big) {
    network.on("afterDrawing", function (ctx) {
      var scale = network.getScale();
      if (12 * scale < 5) { return; }
      var el = document.getElementById("network");
      var tl = network.DOMtoCanvas({ x: 0, y: 0 }), br = network.DOMtoCanvas({ x: el.clientWidth, y: el.clientHeight });
      ctx.save();
      ctx.font = "12px " + data.font;
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      ctx.fillStyle = "#222222";
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = 3;
      ctx.lineJoin = "round";
      data.nodes.forEach(function (n) {
        if (n.x < tl.x - 200 || n.x > br.x + 200 || n.y < tl.y - 50 || n.y > br.y + 50 || hiddenKeys[keyOf(n)]) { return; }
        ctx.strokeText(n.short, n.x, n.y + n.size + 3);
        ctx.fillText(n.short, n.x, n.y + n.size + 3);
      });
      ctx.restore();
    });
  }
  fitAll(estimated);
  performance.mark("network");
  var ready = false;
  function markReady() {
    ready = true;
    window.lianjieReady = window.lianjieComplete = performance.now();
    document.body.setAttribute("data-ready", "1");
    document.body.setAttribute("data-complete", "1");
  }
  network.once("afterDrawing", function () {
    // every node and link is drawn in this frame; only if a measured label runs past the
    // edge is the view fitted again (and drawn once more) before the page says it is ready
    if (anyOutside()) { fitAll(measured); network.once("afterDrawing", markReady); network.redraw(); } else { markReady(); }
  });

  function text(tag, content, cls) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    el.textContent = content;
    return el;
  }
  function nameOf(id) {
    var n = byId[id];
    return n ? n.label + (n.label !== id ? " (" + id + ")" : "") : id;
  }
  function table(rows) {
    var t = document.createElement("table");
    rows.forEach(function (r) {
      if (r[1] === undefined || r[1] === null || r[1] === "") { return; }
      var tr = document.createElement("tr");
      tr.appendChild(text("th", r[0]));
      tr.appendChild(text("td", String(r[1])));
      t.appendChild(tr);
    });
    return t;
  }
  function showNode(id) {
    var n = byId[id];
    panel.innerHTML = "";
    if (!n) { return; }
    panel.appendChild(text("h2", n.label));
    panel.appendChild(text("p", n.classLabel + (n.group ? " · group 汇总" : ""), "muted"));
    var rows = [["id", n.id]];
    if (n.status) { rows.push(["status 状态", n.statusLabel]); }
    if (n.channels !== undefined) { rows.push(["channels reaching 覆盖渠道数", n.channels]); }
    if (n.group) { rows.push([n["class"] === "Household" ? "households 户数" : "nodes 个数", n.count === null ? "<" + data.suppress_below : n.count]); }
    if (n.claimed !== undefined) {
      rows.push(["claimed households 声称带动户数", n.claimed]);
      rows.push(["traced households 追溯户数", n.traced === null ? "<" + data.suppress_below : n.traced]);
      rows.push(["gap 差额", n.gap === null ? "" : n.gap]);
    }
    panel.appendChild(table(rows));
    var props = n.properties || {};
    var keys = Object.keys(props).filter(function (k) { return ["source_doc", "quote", "evidence", "synthetic"].indexOf(k) < 0; });
    if (keys.length) {
      panel.appendChild(text("h3", "Properties 属性"));
      panel.appendChild(table(keys.map(function (k) { return [k, props[k]]; })));
    }
    panel.appendChild(text("h3", "Provenance 出处"));
    if (props.source_doc || props.quote || props.synthetic !== undefined) {
      panel.appendChild(table([["source 来源文件", props.source_doc], ["evidence 证据类型", props.evidence],
        ["synthetic 合成", props.synthetic === undefined ? "" : String(props.synthetic)]]));
      if (props.quote) { panel.appendChild(text("blockquote", props.quote)); }
    } else {
      panel.appendChild(text("p", n.group ? "A group: open a household or area view for its members." : "No source recorded.", "muted"));
    }
    if (n.chains) {
      panel.appendChild(text("h3", "Chains to channels 到渠道的链 (" + n.chains.length + ")"));
      if (!n.chains.length) { panel.appendChild(text("p", "No channel reaches this household. 无渠道覆盖。", "muted")); }
      var ol = document.createElement("ol");
      ol.id = "chains";
      n.chains.forEach(function (chain) { ol.appendChild(text("li", chain.map(nameOf).join(" → "))); });
      panel.appendChild(ol);
    }
  }
  function showEdge(i) {
    var e = data.links[i];
    panel.innerHTML = "";
    panel.appendChild(text("h2", nameOf(e.source) + " → " + nameOf(e.target)));
    panel.appendChild(text("p", e.family === "market" ? "market linkage 市场联结" : "support linkage 帮扶联结", "muted"));
    panel.appendChild(table([
      ["links 联结数", e.count],
      ["types 类型", Object.keys(e.types).map(function (t) { return (data.linkLabels[t] || t) + " ×" + e.types[t]; }).join(", ")],
      ["amount 金额 (元)", e.amount === undefined ? "" : e.amount.toLocaleString()],
      ["mechanisms 联结方式", (e.mechanisms || []).join(", ")]
    ]));
    (e.provenance || []).forEach(function (p) {
      panel.appendChild(text("p", (p.source_doc || "") + (p.evidence ? " · " + p.evidence : ""), "muted"));
      panel.appendChild(text("blockquote", p.quote));
    });
  }
  network.on("click", function (params) {
    if (params.nodes.length) {
      showNode(params.nodes[0]);
      links.select(links.touching(params.nodes[0]));
      return;
    }
    var link = links.at(params.pointer.canvas);
    links.select(link === null ? [] : [link]);
    if (link !== null) { showEdge(link); }
  });

  // search by id or name
  var input = document.getElementById("search");
  var results = document.getElementById("results");
  function focusNode(id) {
    network.selectNodes([id]);
    links.select(links.touching(id));
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showNode(id);
  }
  function search() {
    var q = input.value.trim().toLowerCase();
    results.innerHTML = "";
    if (!q) { return []; }
    var found = data.nodes.filter(function (n) {
      return !hiddenKeys[keyOf(n)] && (n.id.toLowerCase().indexOf(q) >= 0 || String(n.label).toLowerCase().indexOf(q) >= 0);
    }).slice(0, 30);
    found.forEach(function (n) {
      var li = text("li", n.label + (n.label !== n.id ? " · " + n.id : ""));
      li.setAttribute("data-id", n.id);
      li.addEventListener("click", function () { focusNode(n.id); });
      results.appendChild(li);
    });
    if (!found.length) { results.appendChild(text("li", "no match 无结果", "muted")); }
    return found;
  }
  input.addEventListener("input", search);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var found = search(); if (found.length) { focusNode(found[0].id); } }
  });

  // filters by class (households by status) and link family
  function applyFilters() {
    var nodeUpdates = data.nodes.map(function (n) { return { id: n.id, hidden: !!hiddenKeys[keyOf(n)] }; });
    nodes.update(nodeUpdates);
    edges.update(data.links.map(function (e, i) {
      var hide = !!hiddenKeys["family:" + e.family] || !!hiddenKeys[keyOf(byId[e.source])] || !!hiddenKeys[keyOf(byId[e.target])];
      return { id: i, hidden: hide };
    }));
  }
  Array.prototype.forEach.call(document.querySelectorAll("#legend input[type=checkbox]"), function (box) {
    box.addEventListener("change", function () {
      hiddenKeys[box.getAttribute("data-key")] = !box.checked;
      applyFilters();
    });
  });
  document.getElementById("fit").addEventListener("click", function () { fitAll(measured); });
  window.lianjie = { network: network, nodes: nodes, edges: edges, links: links, data: data, search: search, focusNode: focusNode,
    isReady: function () { return ready; },
    isComplete: function () { return document.body.getAttribute("data-complete") === "1"; } };
})();
