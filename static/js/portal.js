// Progressive enhancement only: every page works without JavaScript.
// Long select lists (organisations, persons) get a search box.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof TomSelect === "undefined") return;
  document.querySelectorAll("select[data-searchable]").forEach((select) => {
    new TomSelect(select, {
      plugins: select.multiple ? ["remove_button"] : [],
      maxOptions: null,
      allowEmptyOption: true,
      render: {
        no_results: () => '<div class="no-results">Keine Treffer</div>',
      },
    });
  });
});
