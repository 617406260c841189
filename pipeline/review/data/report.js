/* The report's explorer (`pipeline report`), inlined into the page by
   pipeline/review/reporting.py. The run's rows are the JSON in #report-data: a table of every
   claim (search, facet filters, sort) and a document index, each shown a page at a time so
   that a run of any size opens at once. "#doc=ID" shows one document; its marked text is in
   a <script id="body-N"> element until it is first shown. No network, no library. */
"use strict";
(function () {
  const PAGE_SIZE = 100;
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const collator = new Intl.Collator("en", {numeric: true, sensitivity: "base"});
  const documents = data.documents.rows;
  const claims = data.claims.rows;
  const D = positions(data.documents.columns);
  const C = positions(data.claims.columns);
  const documentNumber = new Map(documents.map((row, number) => [row[D.doc_id], number]));

  function positions(columns) {  // column name -> its place in a row
    return Object.fromEntries(columns.map((name, place) => [name, place]));
  }

  function escape(value) {
    const entities = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"};
    return value === null ? "" : String(value).replace(/[&<>"']/g, (found) => entities[found]);
  }

  function documentLink(number) {
    const id = documents[number][D.doc_id];
    return `<a href="#doc=${escape(encodeURIComponent(id))}">${escape(id)}</a>`;
  }

  function isMissing(key) {
    return key === null || key === "";
  }

  function compareKeys(a, b) {  // numbers as numbers, text in natural order
    return typeof a === "number" && typeof b === "number" ? a - b : collator.compare(a, b);
  }

  /* A table showing some rows (row numbers) a page at a time, sorted by a header click. */
  class PagedTable {
    constructor({table, columns, render, noun, counter, pager, total, pageSize = PAGE_SIZE}) {
      Object.assign(this, {table, columns, render, noun, counter, pager, total, pageSize});
      this.rows = [];
      this.page = 0;
      this.sortBy = null;
      this.ascending = true;
      table.tHead.innerHTML = "<tr>" + columns.map((column) =>
        `<th scope="col" data-column="${column.name}"><button type="button">`
        + `${escape(column.title)}</button></th>`).join("")
        + "</tr>";
      table.tHead.addEventListener("click", (event) => {
        const header = event.target.closest("th");
        if (header) this.sort(header.dataset.column);
      });
      if (pager) {
        pager.addEventListener("click", (event) => {
          const button = event.target.closest("button");
          if (button) this.turn(Number(button.dataset.step));
        });
      }
    }

    show(rows) {  // new rows, e.g. after a filter: back to page 1, same sort
      this.rows = rows;
      this.page = 0;
      this.order();
      this.draw();
    }

    sort(name) {
      this.ascending = this.sortBy === name ? !this.ascending : true;
      this.sortBy = name;
      this.page = 0;
      this.order();
      this.draw();
    }

    turn(step) {
      this.page += step;
      this.draw();
    }

    order() {  // missing values last either way; ties keep the run's order
      if (this.sortBy === null) return;
      const key = this.columns.find((column) => column.name === this.sortBy).key;
      const sign = this.ascending ? 1 : -1;
      const keyed = this.rows.map((row) => [key(row), row]);
      keyed.sort(([keyA, rowA], [keyB, rowB]) => {
        if (isMissing(keyA) || isMissing(keyB)) {
          return (isMissing(keyA) - isMissing(keyB)) || rowA - rowB;
        }
        return sign * compareKeys(keyA, keyB) || rowA - rowB;
      });
      this.rows = keyed.map(([, row]) => row);
    }

    draw() {
      const pages = Math.max(1, Math.ceil(this.rows.length / this.pageSize));
      this.page = Math.min(Math.max(this.page, 0), pages - 1);
      const first = this.page * this.pageSize;
      const shown = this.rows.slice(first, first + this.pageSize);
      this.table.tBodies[0].innerHTML = shown.map(this.render).join("");
      for (const header of this.table.tHead.rows[0].cells) {
        const sorted = header.dataset.column === this.sortBy;
        header.setAttribute("aria-sort", sorted ? (this.ascending ? "ascending" : "descending")
          : "none");
      }
      if (this.counter) {
        const total = this.rows.length.toLocaleString("en");
        const none = this.total === 0 ? `This run has no ${this.noun}.` : `No ${this.noun} match.`;
        this.counter.textContent = this.rows.length === 0 ? none
          : `${first + 1}\u2013${first + shown.length} of ${total} ${this.noun}`;
      }
      if (this.pager) {
        this.pager.innerHTML = `<button type="button" data-step="-1"${this.page === 0 ? " disabled" : ""}>`
          + `\u2190 previous</button><span>page ${this.page + 1} of ${pages}</span>`
          + `<button type="button" data-step="1"${this.page === pages - 1 ? " disabled" : ""}>`
          + "next \u2192</button>";
      }
    }
  }

  /* Claims ------------------------------------------------------------------------------ */

  const textColumn = (name, title = name) => ({
    name, title, key: (row) => claims[row][C[name]],
    cell: (row) => `<td>${escape(claims[row][C[name]])}</td>`,
  });
  const claimColumns = [
    {name: "document", title: "document", key: (row) => documents[claims[row][C.document]][D.doc_id],
     cell: (row) => `<td>${documentLink(claims[row][C.document])}</td>`},
    {name: "quantity", title: "quantity", key: (row) => claims[row][C.quantity],
     cell: (row) => `<td title="${escape(claims[row][C.sentence])}">`
       + `${escape(claims[row][C.quantity])}</td>`},
    {name: "value", title: "value", key: (row) => claims[row][C.number],
     cell: (row) => `<td class="number">${escape(claims[row][C.value])}</td>`},
    textColumn("unit"), textColumn("dimension"), textColumn("bound"), textColumn("change"),
    textColumn("subject"), textColumn("time"), textColumn("source"),
  ];
  const claimRow = (columns) => (row) =>
    `<tr data-claim-id="${escape(claims[row][C.claim_id])}">`
    + columns.map((column) => column.cell(row)).join("") + "</tr>";

  const claimTable = new PagedTable({
    table: document.getElementById("claim-table"), columns: claimColumns,
    render: claimRow(claimColumns), noun: "claims", total: claims.length,
    counter: document.getElementById("claim-count"), pager: document.getElementById("claim-pager"),
  });

  const facets = [
    {name: "unit", values: (row) => [claims[row][C.unit]]},
    {name: "dimension", values: (row) => [claims[row][C.dimension]]},
    {name: "change", values: (row) => [claims[row][C.change]]},
    {name: "entity", values: (row) => claims[row][C.entities]},
  ];
  for (const facet of facets) {  // options by frequency, each with its count
    const counts = new Map();
    claims.forEach((_, row) => {
      for (const value of facet.values(row)) counts.set(value, (counts.get(value) || 0) + 1);
    });
    facet.options = [...counts].sort(([valueA, countA], [valueB, countB]) =>
      countB - countA || collator.compare(String(valueA), String(valueB)));
    facet.select = document.getElementById(`facet-${facet.name}`);
    facet.select.innerHTML = `<option value="">any ${facet.name}</option>`
      + facet.options.map(([value, count], place) => `<option value="${place}">`
        + `${value === null ? "(none)" : escape(value)} (${count.toLocaleString("en")})</option>`)
        .join("");
    facet.select.addEventListener("change", filterClaims);
  }

  const claimSearch = document.getElementById("claim-search");
  let claimTexts = null;  // what a search looks in, built on the first search
  function searchedText(claim) {
    return [documents[claim[C.document]][D.doc_id], claim[C.quantity], claim[C.value],
      claim[C.unit], claim[C.dimension], claim[C.subject], claim[C.time], claim[C.source],
      claim[C.entities].join("\n"), claim[C.sentence]].join("\n").toLowerCase();
  }

  function filterClaims() {  // every word of the search, and every chosen facet value
    const words = claimSearch.value.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length > 0 && claimTexts === null) claimTexts = claims.map(searchedText);
    const chosen = facets.filter((facet) => facet.select.value !== "")
      .map((facet) => [facet, facet.options[Number(facet.select.value)][0]]);
    const rows = [];
    for (let row = 0; row < claims.length; row++) {
      if (words.every((word) => claimTexts[row].includes(word))
          && chosen.every(([facet, value]) => facet.values(row).includes(value))) rows.push(row);
    }
    claimTable.show(rows);
  }
  claimSearch.addEventListener("input", filterClaims);
  document.getElementById("claim-reset").addEventListener("click", () => {
    claimSearch.value = "";
    for (const facet of facets) facet.select.value = "";
    filterClaims();
  });

  /* Documents ---------------------------------------------------------------------------- */

  const metaText = (meta) => Object.entries(meta)
    .map(([name, value]) => `${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" \u00b7 ");
  const numberColumn = (name, title) => ({
    name, title, key: (row) => documents[row][D[name]],
    cell: (row) => `<td class="number">${documents[row][D[name]].toLocaleString("en")}</td>`,
  });
  const documentColumns = [
    {name: "doc_id", title: "document", key: (row) => documents[row][D.doc_id],
     cell: (row) => `<td>${documentLink(row)}</td>`},
    {name: "status", title: "status", key: (row) => documents[row][D.status],
     cell: (row) => `<td>${escape(documents[row][D.status])}</td>`},
    numberColumn("chars", "characters"), numberColumn("n_entities", "entities"),
    numberColumn("n_claims", "claims"),
    {name: "meta", title: "meta", key: (row) => metaText(documents[row][D.meta]),
     cell: (row) => `<td>${escape(metaText(documents[row][D.meta]))}</td>`},
    {name: "error", title: "error", key: (row) => documents[row][D.error],
     cell: (row) => `<td class="error-text">${escape(documents[row][D.error])}</td>`},
  ];
  const documentTable = new PagedTable({
    table: document.getElementById("document-table"), columns: documentColumns, noun: "documents",
    total: documents.length,
    render: (row) => `<tr${documents[row][D.status] === "ok" ? "" : " class=\"error\""}>`
      + documentColumns.map((column) => column.cell(row)).join("") + "</tr>",
    counter: document.getElementById("document-count"),
    pager: document.getElementById("document-pager"),
  });
  const documentSearch = document.getElementById("document-search");
  const statusSelect = document.getElementById("document-status");

  function filterDocuments() {
    const words = documentSearch.value.toLowerCase().split(/\s+/).filter(Boolean);
    const rows = [];
    documents.forEach((record, row) => {
      const text = [record[D.doc_id], metaText(record[D.meta]), record[D.error]]
        .join("\n").toLowerCase();
      if ((statusSelect.value === "" || record[D.status] === statusSelect.value)
          && words.every((word) => text.includes(word))) rows.push(row);
    });
    documentTable.show(rows);
  }
  documentSearch.addEventListener("input", filterDocuments);
  statusSelect.addEventListener("change", filterDocuments);

  /* One document ------------------------------------------------------------------------- */

  const run = document.getElementById("run");
  const view = document.getElementById("document");
  let claimsOf = null;  // document number -> its claims' rows, built when first needed
  let runScroll = 0;

  function documentClaims(number) {
    if (claimsOf === null) {
      claimsOf = new Map();
      claims.forEach((claim, row) => {
        if (!claimsOf.has(claim[C.document])) claimsOf.set(claim[C.document], []);
        claimsOf.get(claim[C.document]).push(row);
      });
    }
    return claimsOf.get(number) || [];
  }

  function documentBody(record) {
    if (record[D.status] !== "ok") {
      return `<p class="error-text">Not annotated: ${escape(record[D.error])}</p>`;
    }
    if (record[D.body] === null) {
      return "<p class=\"note\">Its text is not in this report (see <code>pipeline report "
        + "--max-documents</code>); <code>pipeline show</code> prints it.</p>";
    }
    return `<div class="doc">${document.getElementById(`body-${record[D.body]}`)
      .textContent}</div>`;
  }

  function showDocument(id) {
    const number = documentNumber.get(id);
    const back = "<p><a href=\"#claims\">\u2190 claims</a> \u00b7 "
      + "<a href=\"#documents\">documents</a></p>";
    if (number === undefined) {
      view.innerHTML = `${back}<p class="error-text">No document ${escape(id)} in this run.</p>`;
    } else {
      const record = documents[number];
      const counts = [`${record[D.status]}`, `${record[D.n_entities]} entities`,
        `${record[D.n_claims]} claims`, `${record[D.chars].toLocaleString("en")} characters`];
      const meta = metaText(record[D.meta]);
      view.innerHTML = `${back}<h2>${escape(id)}</h2><p class="note">${counts.join(" \u00b7 ")}`
        + `${meta ? `<br>${escape(meta)}` : ""}</p>${documentBody(record)}`
        + "<table class=\"rows\" id=\"document-claims\"><thead></thead><tbody></tbody></table>";
      const columns = claimColumns.slice(1);
      const rows = documentClaims(number);
      new PagedTable({table: document.getElementById("document-claims"), columns,
        render: claimRow(columns), pageSize: Math.max(rows.length, 1)}).show(rows);
    }
    if (!run.hidden) runScroll = window.scrollY;
    run.hidden = true;
    view.hidden = false;
    window.scrollTo(0, 0);
  }

  function route() {  // "#doc=ID" shows a document; any other place shows the run
    let place = location.hash.slice(1);
    try {
      place = decodeURIComponent(place);
    } catch {
      // a hand-typed "%" that is not an escape: take the text as it is
    }
    if (place.startsWith("doc=")) {
      showDocument(place.slice(4));
      return;
    }
    const wasHidden = run.hidden;
    view.hidden = true;
    run.hidden = false;
    if (place === "failed") {
      statusSelect.value = "error";
      filterDocuments();
      document.getElementById("documents").scrollIntoView();
    } else if (place && document.getElementById(place)) {
      document.getElementById(place).scrollIntoView();
    } else if (wasHidden) {
      window.scrollTo(0, runScroll);
    }
  }
  window.addEventListener("hashchange", route);

  filterClaims();
  filterDocuments();
  route();
  performance.mark("report-ready");
  document.body.dataset.ready = "true";
})();
