// The SPARQL editor: load an example, run the query (or the named question) with fetch, and
// show the result table or the error line.
"use strict";
const config = JSON.parse(document.getElementById("example-texts").textContent || "{}");
const examples = config.queries || {};
const area = document.getElementById("query");
const out = document.getElementById("results");
const named = document.getElementById("named");
const params = document.getElementById("named-params");
let current = null;

document.getElementById("examples").addEventListener("change", (e) => {
  current = examples[e.target.value] || null;
  params.textContent = "";
  named.hidden = !current;
  if (!current) return;
  area.value = current.text;
  for (const p of current.parameters) {
    const label = document.createElement("label");
    label.textContent = `${p.name} (${p.type}) `;
    const input = document.createElement("input");
    input.name = p.name; input.value = p.default || ""; input.size = 40;
    if (p.default === null) input.required = true;
    label.appendChild(input); params.appendChild(label); params.appendChild(document.createTextNode(" "));
  }
});

// /editor?example=NAME opens with that named question chosen (the home page links there)
const chosen = new URLSearchParams(location.search).get("example");
if (chosen && examples[chosen]) {
  const select = document.getElementById("examples");
  select.value = chosen; select.dispatchEvent(new Event("change"));
}

function link(iri) {
  return config.base && iri.startsWith(config.base) ? config.local + iri.slice(config.base.length) : iri;
}

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const a = document.createElement("a");
    a.href = link(term.value); a.textContent = term.value; td.appendChild(a);
  } else td.textContent = term.value;
  return td;
}

async function show(response) {
  const text = await response.text();
  out.textContent = "";
  if (!response.ok) {
    const p = document.createElement("p"); p.className = "error";
    p.textContent = `${response.status}: ${text}`; out.appendChild(p); return;
  }
  if (!(response.headers.get("Content-Type") || "").includes("json")) {
    const pre = document.createElement("pre"); pre.textContent = text; out.appendChild(pre); return;
  }
  const doc = JSON.parse(text);
  if ("boolean" in doc) { out.textContent = String(doc.boolean); return; }
  const table = document.createElement("table"); table.className = "results";
  const head = table.insertRow();
  for (const v of doc.head.vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  for (const b of doc.results.bindings) {
    const row = table.insertRow();
    for (const v of doc.head.vars) row.appendChild(cell(b[v]));
  }
  const scroll = document.createElement("div"); scroll.className = "table-scroll";
  scroll.appendChild(table); out.appendChild(scroll);
  const n = document.createElement("p"); n.textContent = `${doc.results.bindings.length} rows`; out.appendChild(n);
}

const accept = "application/sparql-results+json, text/turtle;q=0.9";

document.getElementById("editor").addEventListener("submit", async (e) => {
  e.preventDefault();
  out.textContent = "Running…";
  await show(await fetch(e.target.action, {
    method: "POST", headers: {"Content-Type": "application/sparql-query", "Accept": accept}, body: area.value,
  }));
});

named.addEventListener("submit", async (e) => {
  e.preventDefault();
  if (!current) return;
  out.textContent = "Running…";
  const query = new URLSearchParams(new FormData(named)).toString();
  await show(await fetch(`${current.url}?${query}`, {headers: {"Accept": accept}}));
});

// /editor?example=NAME&PARAMETER=value…&run=1 fills in the named question's parameters and runs
// it (the home page's example questions link there)
if (chosen && examples[chosen]) {
  const given = new URLSearchParams(location.search);
  for (const input of params.querySelectorAll("input")) {
    if (given.has(input.name)) input.value = given.get(input.name);
  }
  if (given.has("run") && named.checkValidity()) named.requestSubmit();
}
