// Alaqat's network view: asks the GraphQL API for the neighbourhood of one
// entity (its partners, agreements, meetings, persons within one or two
// relations), draws it with vis-network, colour and shape by kind, and
// lists every entity below; clicking an entity or a relation shows what the
// sources say of it, with the quotes and their articles; double-clicking
// an entity centres the network on it. The view is in the URL. Plain DOM,
// no framework; text goes in through textContent only (or, on the canvas,
// as vis-network's plain-text labels).
"use strict";

const $ = (id) => document.getElementById(id);
const gql = Alaqat.gql; // with the token of a --private server (api.js)
const { el, bidi, evidence } = Alaqat; // drawing, shared with the timeline (api.js)

// KINDS is every kind of entity: its name in the API, its label, and how
// it is drawn. Colour and shape both tell the kind, for those who do not
// tell the colours apart.
const KINDS = {
  COUNTRY: { type: "Country", one: "country", many: "Countries", color: "#6a3d9a", shape: "hexagon" },
  PERSON: { type: "Person", one: "person", many: "Persons", color: "#c2185b", shape: "dot" },
  ORGANIZATION: { type: "Organization", one: "organization", many: "Organizations", color: "#1b7f5a", shape: "square" },
  AGREEMENT: { type: "Agreement", one: "agreement", many: "Agreements", color: "#1f5fbf", shape: "diamond" },
  MEETING: { type: "Meeting", one: "meeting", many: "Meetings", color: "#a64d00", shape: "triangle" },
  PLACE: { type: "Place", one: "place", many: "Places", color: "#5d6b7a", shape: "star" },
};
const KIND_OF_TYPE = Object.fromEntries(Object.entries(KINDS).map(([k, v]) => [v.type, k]));

// How a relation reads, from its source to its target.
const RELATION = {
  HOLDS_OFFICE: "holds an office in", BASED_IN: "is based in", PARTY_TO: "is a party to",
  SIGNED: "signed", PARTICIPATED_IN: "took part in", HELD_IN: "was held in",
};
const RELATION_SHORT = {
  HOLDS_OFFICE: "office", BASED_IN: "based in", PARTY_TO: "party to",
  SIGNED: "signed", PARTICIPATED_IN: "took part", HELD_IN: "held in",
};

const FONT = 'system-ui, "Segoe UI", "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif';

const NETWORK_QUERY = `query Network($id: ID!, $hops: Int, $first: Int, $filter: NeighbourhoodFilter, $lang: Lang) {
  neighbourhood(id: $id, hops: $hops, first: $first, filter: $filter) {
    truncated
    nodes {
      hops
      entity {
        __typename id name(lang: $lang)
        ... on Agreement { date { iso } }
        ... on Meeting { date { iso } }
        ... on Country { iso2 }
      }
    }
    relations { type title from { id } to { id } }
  }
}`;

const EVIDENCE = "evidence(first: 5) { quote article { id url title source published { iso } } }";

const ENTITY_QUERY = `query Entity($id: ID!, $lang: Lang) {
  entity(id: $id) {
    __typename id name(lang: $lang) names { text lang }
    ${EVIDENCE}
    ... on Country { iso2 iso3 }
    ... on Person { offices { title since { iso } country { id name(lang: $lang) } organization { id name(lang: $lang) } } }
    ... on Organization { orgKind: kind country { id iso2 name(lang: $lang) } }
    ... on Place { country { id iso2 name(lang: $lang) } }
    ... on Agreement {
      title(lang: $lang) kind date { iso } topics
      parties { __typename id name(lang: $lang) }
      signatories { id name(lang: $lang) }
      countries { id iso2 name(lang: $lang) }
    }
    ... on Meeting {
      title(lang: $lang) date { iso } topics
      place { id name(lang: $lang) }
      participants { id name(lang: $lang) }
      countries { id iso2 name(lang: $lang) }
    }
  }
}`;

// A relation's evidence: the one-step paths between its two ends are the
// relations between them, each with its evidence.
const RELATION_QUERY = `query Relation($from: ID!, $to: ID!) {
  paths(from: $from, to: $to, maxHops: 1, first: 10) {
    steps { from { id } relation forward to { id } evidence { quote article { id url title source published { iso } } } }
  }
}`;

// swatch draws a kind's shape in its colour, as the network does.
function swatch(kind) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 20 20");
  svg.setAttribute("width", "14");
  svg.setAttribute("height", "14");
  svg.setAttribute("aria-hidden", "true");
  svg.classList.add("swatch");
  const shape = {
    hexagon: "M10 1 L18 5.5 L18 14.5 L10 19 L2 14.5 L2 5.5 Z",
    dot: null,
    square: "M3 3 H17 V17 H3 Z",
    diamond: "M10 1 L19 10 L10 19 L1 10 Z",
    triangle: "M10 2 L19 18 L1 18 Z",
    star: "M10 1 L12.6 7.2 L19 7.6 L14 11.8 L15.6 18.5 L10 14.8 L4.4 18.5 L6 11.8 L1 7.6 L7.4 7.2 Z",
  }[KINDS[kind].shape];
  const s = document.createElementNS(ns, shape ? "path" : "circle");
  if (shape) s.setAttribute("d", shape);
  else {
    s.setAttribute("cx", "10");
    s.setAttribute("cy", "10");
    s.setAttribute("r", "8");
  }
  s.setAttribute("fill", KINDS[kind].color);
  svg.append(s);
  return svg;
}

// ---- state, kept in the URL so that a view can be bookmarked and shared ----

const DEFAULT = { hops: 2, first: 100 };

function readState() {
  const p = new URLSearchParams(location.search);
  const kinds = (p.get("kinds") || "").toUpperCase().split(",").filter((k) => k in KINDS);
  const hops = Number(p.get("hops")) === 1 ? 1 : 2;
  const first = [50, 100, 250].includes(Number(p.get("first"))) ? Number(p.get("first")) : DEFAULT.first;
  return {
    entity: (p.get("entity") || "").trim(),
    hops, first, kinds,
    from: p.get("from") || "",
    to: p.get("to") || "",
    lang: (p.get("lang") || "").toUpperCase(),
    item: p.get("item") || "",
  };
}

// viewURL is the address of a view: the page's, or another's (the
// timeline) with the parameters it knows.
function viewURL(s, path = location.pathname) {
  const p = new URLSearchParams();
  if (s.entity) p.set("entity", s.entity);
  if (path === location.pathname) {
    if (s.hops !== DEFAULT.hops) p.set("hops", String(s.hops));
    if (s.first !== DEFAULT.first) p.set("first", String(s.first));
    if (s.kinds.length) p.set("kinds", s.kinds.map((k) => k.toLowerCase()).join(","));
  }
  if (s.from) p.set("from", s.from);
  if (s.to) p.set("to", s.to);
  if (s.lang) p.set("lang", s.lang.toLowerCase());
  if (path === location.pathname && s.item) p.set("item", s.item);
  return `${path}?${p.toString().replaceAll("%2C", ",").replaceAll("%3A", ":")}`;
}

function writeState(s, push) {
  if (push) history.pushState(null, "", viewURL(s));
  else history.replaceState(null, "", viewURL(s));
}

// ---- the form ----

const picked = new Map(); // a name offered by the picker → its id

function formState() {
  const kinds = Object.keys(KINDS).filter((k) => $(`k-${k}`).checked);
  const typed = $("e").value.trim();
  const centre = shown.nodes.get(readState().entity) || [...shown.nodes.values()].find((n) => n.hops === 0);
  return {
    entity: (centre && centre.name === typed && centre.id) || picked.get(typed.toLowerCase()) || typed,
    hops: Number($("hops").value), first: Number($("first").value),
    kinds: kinds.length === Object.keys(KINDS).length ? [] : kinds,
    from: $("from").value.trim(), to: $("to").value.trim(),
    lang: $("lang").value, item: "",
  };
}

function fillForm(s, name) {
  $("e").value = name || (s.entity.startsWith("country:") ? s.entity.slice(8) : s.entity);
  $("hops").value = String(s.hops);
  $("first").value = String(s.first);
  for (const k of Object.keys(KINDS)) $(`k-${k}`).checked = s.kinds.length === 0 || s.kinds.includes(k);
  $("from").value = s.from;
  $("to").value = s.to;
  $("lang").value = ["EN", "AR"].includes(s.lang) ? s.lang : "";
}

// suggest fills the datalist with the entities whose names contain what
// was typed, in the script typed.
function suggest() {
  Alaqat.suggest({
    input: $("e"), list: $("entities"), picked,
    label: (n) => KINDS[KIND_OF_TYPE[n.__typename]]?.one,
    lang: () => $("lang").value || null,
  });
}

// ---- the network ----

let network = null;
let shown = { nodes: new Map(), relations: [] }; // what is drawn: id → node of the API; relations by edge id

// label is how an entity is named on the drawing: a long title is cut.
function label(e) {
  let text = e.name;
  if (text.length > 48) text = `${text.slice(0, 46).trimEnd()}…`;
  const date = e.date ? e.date.iso : "";
  return date ? `${text}\n${date}` : text;
}

function nodeOf(n) {
  const kind = KIND_OF_TYPE[n.entity.__typename];
  const k = KINDS[kind];
  const centre = n.hops === 0;
  return {
    id: n.entity.id,
    label: label(n.entity),
    title: `${n.entity.name} (${k.one}${n.entity.date ? `, ${n.entity.date.iso}` : ""})`,
    shape: k.shape,
    size: centre ? 26 : n.hops === 1 ? 15 : 11,
    color: {
      background: k.color, border: centre ? "#1d2430" : k.color,
      highlight: { background: k.color, border: "#d29b00" },
      hover: { background: k.color, border: "#1d2430" },
    },
    borderWidth: centre ? 4 : 1,
    borderWidthSelected: 4,
    font: {
      face: FONT, size: centre ? 17 : n.hops === 1 ? 14 : 12.5, color: "#1d2430",
      strokeWidth: 4, strokeColor: "#ffffff",
    },
    widthConstraint: { maximum: centre ? 220 : 170 },
    ...(centre ? { x: 0, y: 0, fixed: true, mass: 4 } : {}),
  };
}

function edgeOf(r, i, labelled) {
  return {
    id: `r${i}`,
    from: r.from.id,
    to: r.to.id,
    arrows: { to: { enabled: true, scaleFactor: 0.5 } },
    label: labelled ? RELATION_SHORT[r.type] || r.type : undefined,
    title: relationText(r),
    color: { color: "#9aa7b7", highlight: "#d29b00", hover: "#5b6675" },
    width: 1.3,
    selectionWidth: 2,
    font: { face: FONT, size: 10.5, color: "#5b6675", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
    smooth: { enabled: true, type: "continuous", roundness: 0.3 },
  };
}

// relationText says a relation in words: "Rheinmetall is a party to …".
function relationText(r) {
  const from = shown.nodes.get(r.from.id), to = shown.nodes.get(r.to.id);
  const title = r.title ? ` (${r.title})` : "";
  return `${from ? from.name : r.from.id} ${RELATION[r.type] || r.type}${title} ${to ? to.name : r.to.id}`;
}

// chart makes the network on first use.
function chart() {
  if (network) return network;
  network = new vis.Network($("network"), { nodes: [], edges: [] }, {
    autoResize: true,
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -80, centralGravity: 0.012, springLength: 125, springConstant: 0.06, avoidOverlap: 1 },
      stabilization: { enabled: true, iterations: 600, updateInterval: 50, fit: true },
    },
    interaction: { hover: true, tooltipDelay: 250, multiselect: false, navigationButtons: false, keyboard: false },
    nodes: { shadow: false },
    edges: { hoverWidth: 0.6 },
  });
  network.on("click", (p) => {
    if (p.nodes.length) openNode(p.nodes[0], false);
    else if (p.edges.length) openRelation(p.edges[0]);
  });
  network.on("doubleClick", (p) => {
    if (p.nodes.length) recentre(p.nodes[0]);
  });
  network.on("hoverNode", () => { $("network").style.cursor = "pointer"; });
  network.on("blurNode", () => { $("network").style.cursor = ""; });
  $("zoom-in").addEventListener("click", () => network.moveTo({ scale: network.getScale() * 1.4 }));
  $("zoom-out").addEventListener("click", () => network.moveTo({ scale: network.getScale() / 1.4 }));
  $("zoom-fit").addEventListener("click", () => fit(network));
  // A picture for a report: the drawing as it is shown, on white (the
  // canvas itself is transparent).
  network.on("beforeDrawing", (ctx) => {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });
  $("save").addEventListener("click", () => {
    const canvas = $("network").querySelector("canvas");
    const centre = [...shown.nodes.values()].find((n) => n.hops === 0);
    $("save").download = `alaqat-network-${(centre ? centre.id : "view").replace(/[^\w-]+/g, "-")}.png`;
    $("save").href = canvas.toDataURL("image/png");
  });
  return network;
}

// settle draws the data and waits until the layout has settled; then the
// drawing stays still, so that what one clicks does not move away.
function settle(net, nodes, edges, centre) {
  return new Promise((resolve) => {
    net.setOptions({ physics: { enabled: true } });
    net.once("stabilizationIterationsDone", () => {
      net.setOptions({ physics: { enabled: false } });
      firstView(net, centre);
      resolve();
    });
    net.setData({ nodes, edges });
  });
}

// fit shows the whole drawing, with a margin: vis-network's fit leaves
// the labels of the outermost entities at the very edge.
function fit(net) {
  net.fit({ animation: false });
  net.moveTo({ scale: net.getScale() * 0.92, animation: false });
}

// MIN_SCALE is the smallest zoom at which labels can be read.
const MIN_SCALE = 0.6;

// firstView shows the whole drawing when its labels can be read so, or
// else the middle of it around the centre at a zoom where they can: "Fit
// all" shows the rest.
function firstView(net, centre) {
  fit(net);
  if (net.getScale() < MIN_SCALE) {
    net.moveTo({ position: net.getPositions([centre])[centre], scale: MIN_SCALE, animation: false });
  }
}

// recentre shows the network around another entity, as a new view.
function recentre(id) {
  const s = { ...readState(), entity: id, item: "" };
  writeState(s, true);
  fillForm(s, shown.nodes.get(id)?.name);
  load(s);
}

// loads counts the networks asked for: an answer to an older question than
// the last one is dropped.
let loads = 0;

async function load(s) {
  const main = document.querySelector("main");
  main.setAttribute("aria-busy", "true");
  const mine = ++loads;
  try {
    await show(s, () => mine !== loads);
  } finally {
    if (mine === loads) main.removeAttribute("aria-busy");
  }
}

function hide() {
  $("stage").hidden = $("list").hidden = true;
}

async function show(s, stale) {
  const status = $("status");
  status.className = "";
  status.setAttribute("role", "status");
  status.textContent = "Loading…";
  if (!s.entity) {
    status.textContent = "Pick an entity (a country, a person, a company…) and press Show.";
    hide();
    return;
  }
  const filter = {};
  if (s.kinds.length) filter.kinds = s.kinds;
  if (s.from) filter.from = s.from;
  if (s.to) filter.to = s.to;
  let nb;
  try {
    nb = (await gql(NETWORK_QUERY, { id: s.entity, hops: s.hops, first: s.first, filter, lang: s.lang || null })).neighbourhood;
  } catch (err) {
    if (stale()) return;
    status.className = "error";
    status.setAttribute("role", "alert");
    const unknown = /^no entity /.test(err.message);
    status.textContent = unknown
      ? `The graph knows no “${s.entity}”: try a name, an ISO code or an id from the suggestions.`
      : `Could not load the network: ${err.message}`;
    hide();
    return;
  }
  if (stale()) return;

  const centre = nb.nodes[0].entity;
  shown = { nodes: new Map(nb.nodes.map((n) => [n.entity.id, { ...n.entity, hops: n.hops }])), relations: nb.relations };
  document.title = `${centre.name} · Alaqat network`;
  // The field names the centre as the graph does, rather than by the code
  // or id in the URL.
  const typed = $("e").value.trim();
  if (typed === "" || typed === s.entity || `country:${typed}` === s.entity) $("e").value = centre.name;
  const within = `within ${s.hops} ${s.hops === 1 ? "relation" : "relations"} of `;
  if (nb.nodes.length === 1) {
    status.replaceChildren(`Nothing ${within}`, bidi("bdi", "side", centre.name), " with these filters.");
  } else {
    status.replaceChildren(`${nb.nodes.length - 1} ${nb.nodes.length === 2 ? "entity" : "entities"} ${within}`,
      bidi("bdi", "side", centre.name), `, ${nb.relations.length} ${nb.relations.length === 1 ? "relation" : "relations"}.` +
      (nb.truncated ? ` More are within reach: narrow the kinds or the dates, or show more entities.` : ""));
  }

  $("stage").hidden = false;
  legend(nb);
  const net = chart();
  await settle(net, nb.nodes.map(nodeOf), nb.relations.map((r, i) => edgeOf(r, i, nb.relations.length <= 40)), centre.id);
  if (stale()) return;
  list(nb);
  $("details-body").replaceChildren(hint);
  const item = s.item && shown.nodes.has(s.item) ? s.item : "";
  if (item) openNode(item, true);
}

// legend names each kind drawn, with its shape, colour and count.
function legend(nb) {
  const counts = {};
  for (const n of nb.nodes) {
    const k = KIND_OF_TYPE[n.entity.__typename];
    counts[k] = (counts[k] || 0) + 1;
  }
  $("legend").replaceChildren(...Object.keys(KINDS).filter((k) => counts[k]).map((k) => {
    const li = el("li", `kind-${k.toLowerCase()}`);
    li.append(swatch(k), ` ${KINDS[k].many} `, el("span", "count", String(counts[k])));
    return li;
  }));
}

// list shows every entity, by kind, each a button that opens it.
function list(nb) {
  const groups = $("groups");
  groups.replaceChildren();
  for (const k of Object.keys(KINDS)) {
    const of = nb.nodes.filter((n) => KIND_OF_TYPE[n.entity.__typename] === k);
    if (!of.length) continue;
    const h = el("h3");
    h.append(swatch(k), ` ${KINDS[k].many} (${of.length})`);
    const ul = el("ul", "entities");
    for (const n of of) {
      const b = el("button", "entity-button");
      b.type = "button";
      b.dataset.id = n.entity.id;
      b.append(bidi("span", "entity-name", n.entity.name));
      if (n.entity.date) b.append(" ", el("span", "item-date", n.entity.date.iso));
      b.append(" ", el("span", "note", n.hops === 0 ? "centre" : `${n.hops} ${n.hops === 1 ? "relation" : "relations"} away`));
      b.addEventListener("click", () => openNode(n.entity.id, true));
      b.addEventListener("dblclick", () => recentre(n.entity.id));
      const li = el("li");
      li.append(b);
      ul.append(li);
    }
    groups.append(h, ul);
  }
  $("list").hidden = false;
}

// ---- one entity, one relation ----

let asking = 0;
let hint; // the details panel's text before anything is opened

function press(id) {
  for (const b of document.querySelectorAll("#groups button")) b.setAttribute("aria-pressed", String(b.dataset.id === id));
}

async function openNode(id, fromList) {
  if (!shown.nodes.has(id)) return;
  press(id);
  if (fromList && network) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
  }
  const s = readState();
  if (s.item !== id) writeState({ ...s, item: id }, false);
  const body = $("details-body");
  body.replaceChildren(el("p", "muted", "Loading…"));
  const mine = ++asking;
  let n;
  try {
    n = (await gql(ENTITY_QUERY, { id, lang: s.lang || null })).entity;
  } catch (err) {
    if (mine === asking) body.replaceChildren(el("p", "error", `Could not load it: ${err.message}`));
    return;
  }
  if (mine !== asking) return;
  if (!n) {
    body.replaceChildren(el("p", "error", `${id} is no longer in the graph.`));
    return;
  }
  body.replaceChildren(...entityDetails(n, s));
  if (fromList) $("details").focus({ preventScroll: true });
}

async function openRelation(edgeID) {
  const r = shown.relations[Number(edgeID.slice(1))];
  if (!r) return;
  press("");
  const s = readState();
  if (s.item) writeState({ ...s, item: "" }, false);
  const body = $("details-body");
  body.replaceChildren(el("p", "muted", "Loading…"));
  const mine = ++asking;
  let paths;
  try {
    paths = (await gql(RELATION_QUERY, { from: r.from.id, to: r.to.id })).paths;
  } catch (err) {
    if (mine === asking) body.replaceChildren(el("p", "error", `Could not load it: ${err.message}`));
    return;
  }
  if (mine !== asking) return;
  const step = paths.map((p) => p.steps[0]).find((st) => st.relation === r.type &&
    (st.forward ? st.from.id === r.from.id : st.to.id === r.from.id));
  body.replaceChildren(...relationDetails(r, step ? step.evidence : []));
}

function head(kindLabel, kindKey, title) {
  const badge = el("p", `badge kind-${kindKey}`);
  badge.append(swatch(kindKey), " ", el("span", "item-kind", kindLabel));
  return [badge, bidi("h3", "details-title", title)];
}

// rows makes a definition list; add(term, ...values) adds a row.
function rows() {
  const dl = el("dl");
  dl.add = (term, ...values) => {
    values = values.filter(Boolean);
    if (!values.length) return;
    dl.append(el("dt", null, term));
    const dd = el("dd");
    values.forEach((v, i) => dd.append(...(i ? [el("span", "sep", " · "), v] : [v])));
    dl.append(dd);
  };
  return dl;
}

function entityDetails(n, s) {
  const kind = KIND_OF_TYPE[n.__typename];
  const out = head(KINDS[kind].one, kind, n.title || n.name);
  const dl = rows();
  if (n.kind && n.__typename === "Agreement" && n.kind !== "AGREEMENT" && n.kind !== "OTHER") dl.add("Kind", el("span", null, n.kind === "MOU" ? "memorandum of understanding" : n.kind.toLowerCase()));
  if (n.orgKind) dl.add("Kind", el("span", null, n.orgKind.toLowerCase().replace("_", " ")));
  if (n.__typename === "Agreement" || n.__typename === "Meeting") dl.add("Date", el("span", null, n.date ? n.date.iso : "not given by the sources"));
  if (n.iso2) dl.add("Codes", el("span", null, `${n.iso2} · ${n.iso3}`));
  const other = (n.names || []).filter((x) => x.text !== n.name && x.text !== n.title).slice(0, 4);
  dl.add("Also", ...other.map((x) => bidi("span", null, x.text)));
  if (n.offices) dl.add("Offices", ...n.offices.map((o) => office(o)));
  if (n.country) dl.add("Country", entityLink(n.country, n.country.iso2));
  if (n.parties) dl.add("Parties", ...n.parties.map((p) => entityLink(p, KINDS[KIND_OF_TYPE[p.__typename]]?.one)));
  if (n.signatories) dl.add("Signed by", ...n.signatories.map((p) => entityLink(p)));
  if (n.participants) dl.add("Participants", ...n.participants.map((p) => entityLink(p)));
  if (n.place) dl.add("Place", entityLink(n.place));
  if (n.countries) dl.add("Countries", ...n.countries.map((c) => entityLink(c, c.iso2)));
  if (n.topics && n.topics.length) dl.add("Topics", ...n.topics.map((t) => bidi("span", "topic", t)));
  dl.add("Id", el("code", null, n.id));
  out.push(dl, actions(n, s));
  out.push(...evidence(n.evidence));
  return out;
}

function office(o) {
  const span = el("span");
  span.append(el("span", null, o.title));
  const where = o.country || o.organization;
  if (where) span.append(", ", entityLink(where));
  if (o.since) span.append(" ", el("span", "note", `(since ${o.since.iso})`));
  return span;
}

// actions link to the network around the entity and to its timeline.
function actions(n, s) {
  const p = el("p", "actions");
  if (n.id !== readState().entity) {
    const a = el("a", "button-link", "Centre the network here");
    a.href = viewURL({ ...s, entity: n.id, item: "" });
    a.addEventListener("click", (ev) => {
      if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return; // a new tab keeps its link
      ev.preventDefault();
      recentre(n.id);
    });
    p.append(a, " ");
  }
  const t = el("a", null, "its timeline");
  t.href = viewURL({ ...s, entity: n.id, item: "" }, "/timeline");
  p.append(t);
  return p;
}

function relationDetails(r, ev) {
  const from = shown.nodes.get(r.from.id), to = shown.nodes.get(r.to.id);
  const out = [];
  const badge = el("p", "badge");
  badge.append(el("span", "item-kind", "relation"), " · ", el("code", null, r.type));
  const title = el("h3", "details-title");
  title.append(nodeName(from, r.from.id), ` ${RELATION[r.type] || r.type} `, nodeName(to, r.to.id));
  out.push(badge, title);
  const dl = rows();
  if (r.title) dl.add("Office", el("span", null, r.title));
  dl.add("From", entityLink(from || { id: r.from.id, name: r.from.id }));
  dl.add("To", entityLink(to || { id: r.to.id, name: r.to.id }));
  out.push(dl, ...evidence(ev));
  return out;
}

function nodeName(n, id) {
  return bidi("bdi", "side", n ? n.name : id);
}

// entityLink opens an entity drawn here, or links to the network around it.
function entityLink(n, note) {
  const span = el("span", "entity");
  const a = bidi("a", null, n.name);
  a.href = viewURL({ ...readState(), entity: n.id, item: "" });
  a.title = shown.nodes.has(n.id) ? `show ${n.name}` : `the network around ${n.name}`;
  a.addEventListener("click", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0 || !shown.nodes.has(n.id)) return;
    ev.preventDefault();
    openNode(n.id, true);
  });
  span.append(a);
  if (note) span.append(" ", el("span", "note", `(${note})`));
  return span;
}

// ---- start ----

function init() {
  hint = $("details-body").firstElementChild;
  if (typeof vis === "undefined") {
    $("status").className = "error";
    $("status").textContent = "The network library did not load.";
    document.querySelector("main").removeAttribute("aria-busy");
    return;
  }
  suggest();
  $("pick").addEventListener("submit", (ev) => {
    ev.preventDefault();
    for (const d of [$("from"), $("to")]) {
      if (!d.checkValidity()) {
        d.reportValidity();
        return;
      }
    }
    const s = formState();
    writeState(s, true);
    load(s);
  });
  // The filters apply at once; the entity waits for Show.
  for (const id of [...Object.keys(KINDS).map((k) => `k-${k}`), "hops", "first", "lang"]) $(id).addEventListener("change", () => $("pick").requestSubmit());
  window.addEventListener("popstate", () => {
    const s = readState();
    fillForm(s);
    load(s);
  });
  Alaqat.onToken(() => load(readState()));
  let s = readState();
  if (!s.entity) s = { ...s, entity: "country:QA" };
  fillForm(s);
  writeState(s, false);
  load(s);
}

init();
