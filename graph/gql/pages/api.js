// What Alaqat's pages share: asking the GraphQL API, with the bearer token
// of a server started with --private, and the token field that keeps it
// (built in the page's #token-slot); drawing names and quotes in either
// script, a fact's evidence, and the entity picker's suggestions.
// The token stays in this tab's sessionStorage (gone when the tab closes,
// never sent anywhere but this server's /graphql) and goes as
// Authorization: Bearer …. Plain DOM; loaded before each page's script.
"use strict";

const Alaqat = (() => {
  const ENDPOINT = "/graphql";
  const KEY = "alaqat.token";
  const listeners = [];

  // token returns the token kept for this tab, or "".
  function token() {
    try {
      return sessionStorage.getItem(KEY) || "";
    } catch {
      return ""; // storage refused (a sandboxed frame): no token
    }
  }

  function setToken(t) {
    t = (t || "").trim();
    try {
      if (t) sessionStorage.setItem(KEY, t);
      else sessionStorage.removeItem(KEY);
    } catch {
      // Without storage the token lives as long as the page.
    }
    kept = t;
    showToken();
    for (const fn of listeners) fn(t);
  }

  let kept = token();

  // headers are those every request to the API carries.
  function headers() {
    const h = { "Content-Type": "application/json", Accept: "application/json" };
    const t = kept || token();
    if (t) h.Authorization = `Bearer ${t}`;
    return h;
  }

  // gql asks the API; a GraphQL error becomes an Error with its message.
  // A refusal for want of the token (401) opens the token field and says so.
  async function gql(query, variables) {
    const res = await fetch(ENDPOINT, { method: "POST", headers: headers(), body: JSON.stringify({ query, variables }) });
    let body;
    try {
      body = await res.json();
    } catch {
      throw new Error(`the API answered ${res.status} ${res.statusText}`);
    }
    if (res.status === 401) {
      askToken(kept ? "The server refused this token." : "This server answers only requests with its token.");
      const err = new Error(kept ? "the server refused the token: enter the right one under API token"
        : "this server needs its token: enter it under API token, at the top of the page");
      err.unauthorized = true;
      throw err;
    }
    if (body.errors && body.errors.length) throw new Error(body.errors.map((e) => e.message).join("; "));
    if (!res.ok) throw new Error(`the API answered ${res.status} ${res.statusText}`);
    return body.data;
  }

  // ---- the token field: <details id="token"> in each page's header ----

  function showToken() {
    const state = document.getElementById("token-state");
    if (state) state.textContent = kept ? "set for this tab" : "none";
    const forget = document.getElementById("token-forget");
    if (forget) forget.disabled = !kept;
  }

  // askToken opens the token field with a note, and puts the cursor in it.
  function askToken(note) {
    const box = document.getElementById("token");
    if (!box) return;
    box.open = true;
    const n = document.getElementById("token-note");
    if (n) n.textContent = note;
    document.getElementById("token-input").focus();
  }

  // mountToken builds the token field in the page's #token-slot.
  function mountToken() {
    const slot = document.getElementById("token-slot");
    if (!slot) return;
    const make = (tag, props, ...kids) => {
      const e = Object.assign(document.createElement(tag), props);
      e.append(...kids);
      return e;
    };
    const input = make("input", { id: "token-input", type: "password", autocomplete: "off", spellcheck: false,
      placeholder: "the server's token" });
    const forget = make("button", { type: "button", id: "token-forget", className: "secondary" }, "Forget");
    const note = make("p", { id: "token-note", className: "note", role: "status" });
    const form = make("form", { id: "token-form", className: "token-form" },
      make("label", { htmlFor: "token-input" }, "Bearer token"), input,
      make("button", { type: "submit" }, "Use"), forget,
      make("p", { className: "help" }, "For a server started with --private. Kept in this tab only " +
        "(sessionStorage) and sent to this server as Authorization: Bearer."), note);
    slot.replaceChildren(make("details", { id: "token", className: "token" },
      make("summary", {}, "API token: ", make("span", { id: "token-state" })), form));
    showToken();
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      setToken(input.value);
      input.value = "";
      note.textContent = "";
      document.getElementById("token").open = false;
    });
    forget.addEventListener("click", () => {
      setToken("");
      note.textContent = "Forgotten.";
    });
  }

  // ---- what both pages draw with ----

  // ARABIC finds a letter of the Arabic script.
  const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

  // el makes an element with a class and text; text is never parsed as HTML.
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // bidi makes an element for a name or a quote, in either script: its
  // direction follows its first strong letter, and Arabic text is marked so.
  function bidi(tag, cls, text) {
    const e = el(tag, cls, text);
    e.dir = "auto";
    if (ARABIC.test(text || "")) e.lang = "ar";
    return e;
  }

  // evidence draws a fact's evidence: a heading, then each quote with the
  // article it comes from (its link, source, date and id).
  function evidence(list) {
    const out = [el("h4", null, list.length === 1 ? "Evidence" : `Evidence (${list.length})`)];
    if (!list.length) out.push(el("p", "muted", "No quote is stored for it."));
    for (const ev of list) {
      const fig = el("figure", "evidence");
      fig.append(bidi("blockquote", "quote", ev.quote));
      const cap = el("figcaption");
      const a = ev.article;
      if (a.url) {
        const link = bidi("a", "article", a.title || a.url);
        link.href = a.url;
        link.rel = "noopener noreferrer";
        link.target = "_blank";
        cap.append(link);
      } else {
        cap.append(bidi("cite", "article", a.title || "untitled article"));
      }
      for (const x of [a.source, a.published && a.published.iso].filter(Boolean)) cap.append(el("span", "sep", " · "), bidi("span", "source", x));
      const id = el("div", "article-id", a.url ? "article id " : "no link stored · article id ");
      id.append(el("code", null, a.id));
      cap.append(id);
      fig.append(cap);
      out.push(fig);
    }
    return out;
  }

  const SEARCH_QUERY = `query Pick($text: String!, $kinds: [EntityKind!], $lang: Lang) {
  search(text: $text, kinds: $kinds, first: 12) {
    __typename id name(lang: $lang) ar: name(lang: AR) en: name(lang: EN)
    ... on Country { iso2 }
  }
}`;

  // suggest fills the datalist list (an element) with the entities, of
  // kinds (null: any), whose names contain what is typed in input, offering
  // each name in the script typed (the browser filters the options by what
  // is typed); picked (a Map) learns the id each offered name stands for,
  // label(n) the kind shown beside it, lang() the language asked for.
  function suggest({ input, list, picked, kinds = null, label, lang }) {
    let timer = 0, asked = "";
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const text = input.value.trim();
        if (text.length < 2 || text === asked || picked.has(text.toLowerCase())) return;
        asked = text;
        try {
          const data = await gql(SEARCH_QUERY, { text, kinds, lang: lang() });
          list.replaceChildren();
          for (const n of data.search) {
            const value = ARABIC.test(text) ? n.ar : n.name;
            const other = [n.name, n.en, n.ar].find((x) => x && x !== value);
            const kind = n.__typename === "Country" ? n.iso2 : label(n) || n.__typename;
            for (const x of [value, n.name, n.en, n.ar]) if (x) picked.set(x.toLowerCase(), n.id);
            const o = el("option");
            o.value = value;
            o.label = other ? `${other} · ${kind}` : kind;
            list.append(o);
          }
        } catch {
          // Suggestions are a help; the form works without them.
        }
      }, 200);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountToken);
  else mountToken();

  return {
    gql,
    headers,
    askToken,
    token: () => kept,
    setToken,
    // onToken calls fn with the new token whenever it is set or forgotten.
    onToken: (fn) => listeners.push(fn),
    ARABIC,
    el,
    bidi,
    evidence,
    suggest,
  };
})();
