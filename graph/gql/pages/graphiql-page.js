// Alaqat's GraphiQL page: GraphiQL (vendored, with React) over /graphql,
// asking with the token of a --private server (api.js) unless the headers
// editor gives an Authorization header of its own. Headers typed in the
// editor are not saved (a token there would outlive the tab); queries are,
// in GraphiQL's localStorage, as usual.
"use strict";

(() => {
  const DEFAULT_QUERY = `# Alaqat: relations between states, from the news.
# Run with ▶ or Ctrl-Enter; the schema is under Docs.
{
  agreements(filter: {between: ["QA", "DE"]},
             orderBy: DATE_ASC, first: 5) {
    totalCount
    edges {
      node {
        title
        date { iso }
        parties { id name }
        evidence(first: 1) {
          quote
          article { title }
        }
      }
    }
  }
}
`;

  // GraphiQL's introspection query describes wrapped types nine levels
  // deep (a list of lists of …), deeper than the server lets a query nest
  // (12 levels, counted from __schema). Alaqat's types wrap three deep at
  // most ([Agreement!]!): four levels describe them whole.
  const TYPE_REF = "fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }";

  // shallow returns the query with GraphiQL's TypeRef fragment cut to
  // TYPE_REF; other queries as they are.
  function shallow(query) {
    const at = query.indexOf("fragment TypeRef on __Type");
    const open = at < 0 ? -1 : query.indexOf("{", at);
    if (open < 0) return query;
    for (let i = open, depth = 0; i < query.length; i++) {
      if (query[i] === "{") depth++;
      else if (query[i] === "}" && --depth === 0) return query.slice(0, at) + TYPE_REF + query.slice(i + 1);
    }
    return query;
  }

  // fetcherFor makes GraphiQL's fetcher.
  function fetcherFor() {
    return async (params, opts) => {
      const headers = { ...Alaqat.headers(), ...((opts && opts.headers) || {}) };
      const body = params.operationName === "IntrospectionQuery" ? { ...params, query: shallow(params.query) } : params;
      const res = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify(body) });
      if (res.status === 401) Alaqat.askToken(Alaqat.token() ? "The server refused this token." : "This server answers only requests with its token.");
      const text = await res.text();
      try {
        return JSON.parse(text);
      } catch {
        return { errors: [{ message: `the API answered ${res.status} ${res.statusText}` }] };
      }
    };
  }

  const mount = document.getElementById("graphiql");
  if (typeof GraphiQL === "undefined" || typeof ReactDOM === "undefined") {
    mount.firstElementChild.textContent = "GraphiQL did not load.";
    return;
  }
  const root = ReactDOM.createRoot(mount);
  // GraphiQL reads the schema when it starts: a new token starts it
  // afresh (a new key), the query being kept in its storage.
  let generation = 0;
  function render() {
    root.render(React.createElement(GraphiQL, {
      key: ++generation,
      fetcher: fetcherFor(),
      defaultQuery: DEFAULT_QUERY,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }));
  }
  Alaqat.onToken(render);
  render();
})();
