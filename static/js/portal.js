// Progressive enhancement only: every page works without JavaScript.
// Long select lists (organisations, persons) get a search box. A list with `data-url` holds only the current
// choice (there are too many entries to send): the box asks that address for matches as the user types
// (strategy_portal/choices.py answers {"results": [{"value", "text"}]}).
function remoteSearch(select) {
  const url = select.dataset.url;
  if (!url) return { maxOptions: null };
  return {
    valueField: "value",
    labelField: "text",
    searchField: ["text"],
    maxOptions: 20,
    // The server has already chosen the matches (a project number finds a title without that number).
    score: () => () => 1,
    shouldLoad: (query) => query.trim().length > 0,
    load: (query, callback) => {
      fetch(`${url}?q=${encodeURIComponent(query)}`, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then((data) => callback(data.results))
        .catch(() => callback());
    },
  };
}

document.addEventListener("DOMContentLoaded", () => {
  if (typeof TomSelect === "undefined") return;
  document.querySelectorAll("select[data-searchable]").forEach((select) => {
    const searchable = new TomSelect(select, {
      plugins: select.multiple ? ["remove_button"] : [],
      allowEmptyOption: true,
      ...remoteSearch(select),
      render: {
        no_results: () => noResults(select.dataset.noResults),
      },
    });
    handOverToSearchBox(select, searchable.focus_node);
  });
});

// The "no matches" line, in the page's language (the widget sets data-no-results).
function noResults(text) {
  const line = document.createElement("div");
  line.className = "no-results";
  line.textContent = text || "";
  return line;
}

// Tom Select points the label at its search box and keeps the original select, visually hidden, for the form.
// Screen readers should meet one field, not two: the search box takes over the select's help text and error state,
// and the select leaves the accessibility tree (it is out of the tab order already).
function handOverToSearchBox(select, box) {
  ["aria-describedby", "aria-invalid", "aria-required"].forEach((name) => {
    if (select.hasAttribute(name)) box.setAttribute(name, select.getAttribute(name));
  });
  select.setAttribute("aria-hidden", "true");
}
