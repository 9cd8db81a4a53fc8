// YASGUI on this endpoint, with one tab per named question (its SPARQL, parameters unbound).
"use strict";
(function () {
  const config = JSON.parse(document.getElementById("yasgui-config").textContent);
  const Yasgui = window.Yasgui.default || window.Yasgui;
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {endpoint: config.endpoint, method: "POST"},
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: {getData: () => [{endpoint: config.endpoint}]},
    persistenceId: null,
  });
  for (const q of config.queries) {
    yasgui.addTab(false, {...Yasgui.Tab.getDefaults(), name: q.name, yasqe: {value: q.text}});
  }
  window.yasgui = yasgui;
})();
