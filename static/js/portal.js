// Progressive enhancement only: every page works without JavaScript.
// Long select lists (organisations, persons) get a search box.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof TomSelect === "undefined") return;
  document.querySelectorAll("select[data-searchable]").forEach((select) => {
    const searchable = new TomSelect(select, {
      plugins: select.multiple ? ["remove_button"] : [],
      maxOptions: null,
      allowEmptyOption: true,
      render: {
        no_results: () => '<div class="no-results">Keine Treffer</div>',
      },
    });
    handOverToSearchBox(select, searchable.focus_node);
  });
});

// Tom Select points the label at its search box and keeps the original select, visually hidden, for the form.
// Screen readers should meet one field, not two: the search box takes over the select's help text and error state,
// and the select leaves the accessibility tree (it is out of the tab order already).
function handOverToSearchBox(select, box) {
  ["aria-describedby", "aria-invalid", "aria-required"].forEach((name) => {
    if (select.hasAttribute(name)) box.setAttribute(name, select.getAttribute(name));
  });
  select.setAttribute("aria-hidden", "true");
}
