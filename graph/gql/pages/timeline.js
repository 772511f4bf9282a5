// Alaqat's timeline page: picks two countries or one entity, asks the
// GraphQL API for their agreements and meetings, draws the dated ones on a
// vis-timeline and lists them all; clicking one shows its parties and the
// evidence quote with its article. Plain DOM, no framework; text goes in
// through textContent only.
"use strict";

// timelineQuery asks for the timeline and, alongside, the names of its
// sides, so that the page can say whose timeline it is, or which name the
// graph does not know.
// Without the timeline it asks for the names only.
function timelineQuery(sides, withTimeline) {
  const vars = sides.map((_, i) => `, $s${i}: ID!`).join("");
  const names = sides.map((_, i) => `s${i}: entity(id: $s${i}) { id name(lang: $lang) }`).join("\n  ");
  if (!withTimeline) return `query Sides($lang: Lang${vars}) {\n  ${names}\n}`;
  return `query Timeline($filter: TimelineFilter!, $first: Int, $lang: Lang${vars}) {
  ${names}
  timeline(filter: $filter, first: $first) {
    date { year month day iso }
    kind
    title(lang: $lang)
    entity { id }
  }
}`;
}

// MAX_ITEMS is the most the API gives in one timeline.
const MAX_ITEMS = 500;

// unknownSides names the sides the graph does not know, in an error.
function unknownSides(sides, data) {
  const unknown = sides.filter((_, i) => !data[`s${i}`]);
  if (!unknown.length) return null;
  return new Error(`the graph knows no ${unknown.map((u) => `“${shortRef(u)}”`).join(" and no ")}; ` +
    "try a name, an ISO code or an id from the suggestions");
}

const ITEM_QUERY = `query Item($id: ID!, $lang: Lang) {
  entity(id: $id) {
    __typename
    id
    name(lang: $lang)
    evidence(first: 5) { quote article { id url title source published { iso } } }
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

const KIND_LABEL = { agreement: "Agreement", meeting: "Meeting" };
const TYPE_LABEL = {
  Country: "country", Person: "person", Organization: "organization",
  Agreement: "agreement", Meeting: "meeting", Place: "place",
};

const $ = (id) => document.getElementById(id);

// gql asks the API, with the token of a --private server (api.js).
const gql = Alaqat.gql;
const { el, bidi, evidence } = Alaqat; // drawing, shared with the network view (api.js)

// ---- state, kept in the URL so that a view can be bookmarked and shared ----

function readState() {
  const p = new URLSearchParams(location.search);
  const kinds = (p.get("kinds") || "").split(",").filter(Boolean);
  return {
    between: (p.get("between") || "").split(",").map((s) => s.trim()).filter(Boolean),
    entity: (p.get("entity") || "").trim(),
    kinds,
    from: p.get("from") || "",
    to: p.get("to") || "",
    lang: (p.get("lang") || "").toUpperCase(),
    item: p.get("item") || "",
  };
}

function writeState(s, push) {
  const p = new URLSearchParams();
  if (s.entity) p.set("entity", s.entity);
  else if (s.between.length) p.set("between", s.between.join(","));
  if (s.kinds.length) p.set("kinds", s.kinds.join(","));
  if (s.from) p.set("from", s.from);
  if (s.to) p.set("to", s.to);
  if (s.lang) p.set("lang", s.lang.toLowerCase());
  if (s.item) p.set("item", s.item);
  const url = `${location.pathname}?${p.toString().replaceAll("%2C", ",").replaceAll("%3A", ":")}`;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

// ---- the form ----

// picked remembers, per datalist, which id each offered name stands for.
const picked = { countries: new Map(), entities: new Map() };

function mode() {
  return document.querySelector('input[name="mode"]:checked').value;
}

function showMode() {
  const between = mode() === "between";
  $("between-fields").hidden = !between;
  $("entity-fields").hidden = between;
}

// ref turns what was typed into what the API takes: the id of a name
// offered by the picker, or the text itself (an ISO code, id or name).
function ref(input, list) {
  const v = input.value.trim();
  return picked[list].get(v.toLowerCase()) || v;
}

function formState() {
  const kinds = ["agreement", "meeting"].filter((k) => $(`k-${k}`).checked);
  const s = {
    between: [], entity: "",
    kinds: kinds.length === 2 ? [] : kinds,
    from: $("from").value.trim(), to: $("to").value.trim(),
    lang: $("lang").value, item: "",
  };
  if (mode() === "between") s.between = [ref($("a"), "countries"), ref($("b"), "countries")].filter(Boolean);
  else s.entity = ref($("e"), "entities");
  return s;
}

function fillForm(s) {
  const entity = s.entity !== "";
  document.querySelector(`input[name="mode"][value="${entity ? "entity" : "between"}"]`).checked = true;
  showMode();
  if (entity) $("e").value = shortRef(s.entity);
  else if (s.between.length) {
    $("a").value = shortRef(s.between[0] || "");
    $("b").value = shortRef(s.between[1] || "");
  }
  for (const k of ["agreement", "meeting"]) $(`k-${k}`).checked = s.kinds.length === 0 || s.kinds.includes(k);
  $("from").value = s.from;
  $("to").value = s.to;
  $("lang").value = ["EN", "AR"].includes(s.lang) ? s.lang : "";
}

// shortRef shows country:QA as QA; other ids stay as they are.
function shortRef(r) {
  return r.startsWith("country:") ? r.slice("country:".length) : r;
}

// suggest fills a datalist with the entities whose names contain what was typed.
function suggest(input, list, kinds) {
  Alaqat.suggest({
    input, list: $(list), picked: picked[list], kinds,
    label: (n) => TYPE_LABEL[n.__typename],
    lang: () => $("lang").value || null,
  });
}

// ---- the timeline ----

let timeline = null;
const items = new Map(); // entity id → timeline item from the API

// dateStart places a partial date on the axis, at its first day: 2018 at
// 2018-01-01, 2018-05 at 2018-05-01, as the API orders them. The label
// says the date to its precision. Dates are UTC midnight, and so is the axis.
function dateStart(d) {
  return new Date(Date.UTC(d.year, (d.month || 1) - 1, d.day || 1));
}

// chart makes the vis-timeline on first use: one row per kind, UTC axis.
function chart() {
  if (timeline) return timeline;
  timeline = new vis.Timeline($("timeline"), new vis.DataSet(), new vis.DataSet(), {
    moment: (date) => vis.moment(date).utc(),
    orientation: { axis: "top", item: "top" },
    align: "left",
    stack: true,
    margin: { item: { horizontal: 6, vertical: 8 }, axis: 12 },
    zoomMin: 1000 * 60 * 60 * 24 * 14,
    zoomMax: 1000 * 60 * 60 * 24 * 365 * 80,
    minHeight: "110px",
    maxHeight: "60vh",
    selectable: true,
    showCurrentTime: false,
    groupOrder: "order",
  });
  timeline.on("select", (ev) => {
    if (ev.items.length) openItem(ev.items[0], false);
  });
  $("zoom-in").addEventListener("click", () => timeline.zoomIn(0.5));
  $("zoom-out").addEventListener("click", () => timeline.zoomOut(0.5));
  $("zoom-fit").addEventListener("click", () => fitAll(timeline));
  return timeline;
}

// shown holds the start dates of the items on the chart, for fitAll.
let shown = [];

// fitAll shows every item: vis-timeline's fit knows where items start but
// not that their labels run on to the right, so the window leaves a
// label's width after the last start.
function fitAll(t) {
  if (!shown.length) return;
  const year = 365.25 * 24 * 3600 * 1000;
  const lo = Math.min(...shown), hi = Math.max(...shown);
  const width = $("timeline").querySelector(".vis-panel.vis-center")?.clientWidth || 800;
  const label = Math.min(400, width * 0.45), pad = width * 0.04;
  // Time per pixel: the starts spread over what the labels and margins
  // leave, and at least three years across, so that 2018 reads as a year.
  const perPx = Math.max((hi - lo) / Math.max(width - label - 2 * pad, 1), 3 * year / width);
  const left = (width - label - (hi - lo) / perPx) / 2;
  const from = lo - left * perPx;
  t.setWindow(new Date(from), new Date(from + width * perPx), { animation: false });
}

// settled waits until the timeline has stopped redrawing: vis-timeline
// measures the labels and stacks them over a few frames.
function settled(t) {
  return new Promise((resolve) => {
    let quiet = 0;
    const changed = () => {
      clearTimeout(quiet);
      quiet = setTimeout(() => {
        t.off("changed", changed);
        resolve();
      }, 100);
    };
    t.on("changed", changed);
    changed();
  });
}

// label is an item's text on the chart: its date and its title.
function label(it) {
  const box = el("span", "item-label");
  box.append(el("span", "item-date", it.date.iso), " ", bidi("span", "item-title", it.title));
  box.title = `${it.date.iso} · ${it.title}`;
  return box;
}

// describe says whose timeline it is, with the names the graph gives,
// each isolated so that an Arabic name keeps its direction in the sentence.
function describe(s, names) {
  const n = names.map((x) => bidi("bdi", "side", x));
  if (names.length === 2 && !s.entity) return ["between ", n[0], " and ", n[1]];
  return ["of ", n[0]];
}

// loads counts the timelines asked for: an answer to an older question
// than the last one is dropped.
let loads = 0;

// load asks for the timeline of s and shows it; main is aria-busy until
// the last one asked for is shown.
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

// show fills the page with the timeline of s, unless stale() says that
// another was asked for meanwhile.
async function show(s, stale) {
  const status = $("status");
  status.className = "";
  status.textContent = "Loading…";
  if (!s.entity && s.between.length === 0) {
    status.textContent = "Pick two countries, or one entity, and press Show.";
    $("chart").hidden = $("list").hidden = $("details").hidden = true;
    return;
  }
  const filter = {};
  if (s.entity) filter.entity = s.entity;
  else filter.between = s.between;
  // The page draws agreements and meetings; the API's timeline also has offices.
  filter.kinds = s.kinds.length ? s.kinds : ["agreement", "meeting"];
  if (s.from) filter.from = s.from;
  if (s.to) filter.to = s.to;
  const sides = s.entity ? [s.entity] : s.between;
  const names = { lang: s.lang || null };
  sides.forEach((r, i) => { names[`s${i}`] = r; });
  let data;
  try {
    try {
      data = await gql(timelineQuery(sides, true), { ...names, filter, first: MAX_ITEMS });
    } catch (err) {
      // Say which name is unknown, if that is why it failed.
      const known = await gql(timelineQuery(sides, false), names).catch(() => null);
      throw (known && unknownSides(sides, known)) || err;
    }
    const unknown = unknownSides(sides, data);
    if (unknown) throw unknown;
  } catch (err) {
    if (stale()) return;
    status.className = "error";
    status.setAttribute("role", "alert");
    status.textContent = `Could not load the timeline: ${err.message}`;
    $("chart").hidden = $("list").hidden = $("details").hidden = true;
    return;
  }
  if (stale()) return;
  status.setAttribute("role", "status");
  items.clear();
  const list = data.timeline;
  const sideNames = sides.map((_, i) => data[`s${i}`].name);
  const dated = list.filter((it) => it.date);
  const what = s.kinds.length === 1 ? `${s.kinds[0]}s` : "agreements and meetings";
  if (!list.length) {
    status.replaceChildren(`No ${what} `, ...describe(s, sideNames), " in the graph.");
    $("chart").hidden = $("list").hidden = $("details").hidden = true;
    return;
  }
  const undated = list.length - dated.length;
  status.replaceChildren(`${list.length === MAX_ITEMS ? "The first " : ""}${list.length} ${list.length === 1 ? "item" : "items"} `,
    ...describe(s, sideNames), `: ${dated.length} dated on the timeline` +
    (undated ? `, ${undated} undated, in the list only.` : ".") +
    (list.length === MAX_ITEMS ? " Narrow the dates or the kinds to see the rest." : ""));

  // The chart: one row per kind, the dated items on it.
  $("chart").hidden = dated.length === 0;
  if (dated.length) {
    const t = chart();
    const kinds = [...new Set(dated.map((it) => it.kind))];
    t.setGroups(new vis.DataSet(kinds.map((k, i) => ({
      id: k, order: i, className: `kind-${k}`,
      content: el("span", "group-label", `${KIND_LABEL[k] || k}s`),
    }))));
    shown = dated.map((it) => dateStart(it.date).getTime());
    t.setItems(new vis.DataSet(dated.map((it) => ({
      id: it.entity.id, group: it.kind, className: `kind-${it.kind}`,
      content: label(it), start: dateStart(it.date), type: "box",
    }))));
    t.setSelection([]);
    fitAll(t);
    await settled(t);
  }

  // The list: every item, dated or not, each a button that opens it.
  const ol = $("items");
  ol.replaceChildren();
  for (const it of list) {
    items.set(it.entity.id, it);
    const li = el("li", `kind-${it.kind}`);
    const b = el("button", "item");
    b.type = "button";
    b.dataset.id = it.entity.id;
    b.append(el("span", "item-kind", KIND_LABEL[it.kind] || it.kind),
      el("span", it.date ? "item-date" : "item-date undated", it.date ? it.date.iso : "undated"),
      bidi("span", "item-title", it.title));
    b.addEventListener("click", () => openItem(it.entity.id, true));
    li.append(b);
    ol.append(li);
  }
  $("list").hidden = false;
  $("details").hidden = false;
  $("details-body").replaceChildren(hint);
  if (s.item && items.has(s.item)) openItem(s.item, true);
}

// ---- one item ----

let asking = 0;

async function openItem(id, fromList) {
  const it = items.get(id);
  if (!it) return;
  for (const b of document.querySelectorAll("#items button")) b.setAttribute("aria-pressed", String(b.dataset.id === id));
  if (timeline && fromList && it.date) {
    // Select it, and bring it to the middle, at the same zoom, when it is
    // out of sight.
    timeline.setSelection([id]);
    const at = dateStart(it.date).getTime(), w = timeline.getWindow();
    if (at < w.start.getTime() || at > w.end.getTime()) timeline.moveTo(new Date(at), { animation: false });
  }
  const s = readState();
  if (s.item !== id) writeState({ ...s, item: id }, false);

  const panel = $("details"), body = $("details-body");
  panel.hidden = false;
  body.replaceChildren(el("p", "muted", "Loading…"));
  const mine = ++asking;
  let n;
  try {
    n = (await gql(ITEM_QUERY, { id, lang: $("lang").value || null })).entity;
  } catch (err) {
    if (mine === asking) body.replaceChildren(el("p", "error", `Could not load it: ${err.message}`));
    return;
  }
  if (mine !== asking) return; // another item was opened meanwhile
  if (!n) {
    body.replaceChildren(el("p", "error", `${id} is no longer in the graph.`));
    return;
  }
  body.replaceChildren(...details(it, n));
  if (fromList) panel.focus({ preventScroll: true });
}

// details renders an agreement or meeting: what, when, who, and the evidence.
function details(it, n) {
  const out = [];
  const head = el("p", `badge kind-${it.kind}`);
  head.append(el("span", "item-kind", KIND_LABEL[it.kind] || it.kind));
  if (n.kind && n.kind !== "AGREEMENT" && n.kind !== "OTHER") head.append(" · ", n.kind === "MOU" ? "memorandum of understanding" : n.kind.toLowerCase());
  out.push(head, bidi("h3", "details-title", n.title || n.name));

  const dl = el("dl");
  const row = (term, ...values) => {
    if (!values.length) return;
    dl.append(el("dt", null, term));
    const dd = el("dd");
    values.forEach((v, i) => dd.append(...(i ? [el("span", "sep", " · "), v] : [v])));
    dl.append(dd);
  };
  row("Date", el("span", null, n.date ? n.date.iso : "not given by the sources"));
  if (n.parties) row("Parties", ...n.parties.map((p) => entityLink(p, TYPE_LABEL[p.__typename])));
  if (n.signatories) row("Signed by", ...n.signatories.map((p) => entityLink(p)));
  if (n.participants) row("Participants", ...n.participants.map((p) => entityLink(p)));
  if (n.place) row("Place", entityLink(n.place));
  if (n.countries) row("Countries", ...n.countries.map((c) => entityLink(c, c.iso2)));
  if (n.topics && n.topics.length) row("Topics", ...n.topics.map((t) => bidi("span", "topic", t)));
  row("Id", el("code", null, n.id));
  out.push(dl);
  // The same thing as a network: who else is around it.
  const around = el("a", null, "The network around it");
  const p = new URLSearchParams({ entity: n.id });
  if (readState().lang) p.set("lang", readState().lang.toLowerCase());
  around.href = `/graph?${p.toString().replace("%3A", ":")}`;
  const actions = el("p", "actions");
  actions.append(around);
  out.push(actions);

  out.push(...evidence(n.evidence));
  return out;
}

// entityLink links a party or participant to its own timeline.
function entityLink(n, note) {
  const span = el("span", "entity");
  const a = bidi("a", null, n.name);
  const s = readState();
  const p = new URLSearchParams({ entity: n.id });
  if (s.lang) p.set("lang", s.lang.toLowerCase());
  a.href = `${location.pathname}?${p.toString().replace("%3A", ":")}`;
  a.title = `the timeline of ${n.name}`;
  span.append(a);
  if (note) span.append(" ", el("span", "note", `(${note})`));
  return span;
}

// ---- start ----

let hint; // the details panel's text before an item is opened

function init() {
  hint = $("details-body").firstElementChild;
  if (typeof vis === "undefined") {
    $("status").className = "error";
    $("status").textContent = "The timeline library did not load.";
    return;
  }
  for (const r of document.querySelectorAll('input[name="mode"]')) r.addEventListener("change", showMode);
  suggest($("a"), "countries", ["COUNTRY"]);
  suggest($("b"), "countries", ["COUNTRY"]);
  suggest($("e"), "entities", null);
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
  // The kinds and the language apply at once; the names wait for Show.
  for (const id of ["k-agreement", "k-meeting", "lang"]) $(id).addEventListener("change", () => $("pick").requestSubmit());
  window.addEventListener("popstate", () => {
    const s = readState();
    fillForm(s);
    load(s);
  });
  // A token given after a refusal shows the view that was refused.
  Alaqat.onToken(() => load(readState()));
  let s = readState();
  if (!s.entity && !s.between.length) s = { ...s, between: ["QA", "DE"] };
  fillForm(s);
  writeState(s, false);
  load(s);
}

init();
