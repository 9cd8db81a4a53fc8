// The SPARQL editor: load an example, run the query with fetch, show the table (or the error).
"use strict";
const examples = JSON.parse(document.getElementById("example-texts").textContent || "{}");
const area = document.getElementById("query");
const out = document.getElementById("results");

document.getElementById("examples").addEventListener("change", (e) => {
  if (examples[e.target.value]) area.value = examples[e.target.value];
});

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const a = document.createElement("a");
    a.href = term.value; a.textContent = term.value; td.appendChild(a);
  } else td.textContent = term.value;
  return td;
}

document.getElementById("editor").addEventListener("submit", async (e) => {
  e.preventDefault();
  out.textContent = "Running…";
  const response = await fetch(e.target.action, {
    method: "POST",
    headers: {"Content-Type": "application/sparql-query",
              "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
    body: area.value,
  });
  const text = await response.text();
  out.textContent = "";
  if (!response.ok) {
    const p = document.createElement("p"); p.className = "error";
    p.textContent = `${response.status}: ${text}`; out.appendChild(p); return;
  }
  if (!response.headers.get("Content-Type").includes("json")) {
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
  out.appendChild(table);
  const n = document.createElement("p"); n.textContent = `${doc.results.bindings.length} rows`; out.appendChild(n);
});
