// What Alaqat's pages share: asking the GraphQL API, with the bearer token
// of a server started with --private, and the token field that keeps it
// (built in the page's #token-slot).
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
  };
})();
