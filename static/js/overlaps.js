// Progressive enhancement of the project form's overlap check: while the editor types the title or summary, the
// list of similar projects and initiatives follows (half a second after the last key). Without JavaScript the
// button "Auf Überschneidungen prüfen" does the same by re-rendering the form.
document.addEventListener("DOMContentLoaded", () => {
  const section = document.getElementById("overlap-check");
  const form = section && section.closest("form");
  if (!form || !window.fetch) return;
  const results = section.querySelector("#overlap-results");
  const field = (name) => form.querySelector(`[name="${name}"]`);
  const title = field("title");
  const summary = field("summary");
  const strategy = field("strategy");
  let timer = null;
  let pending = null;

  const refresh = () => {
    const query = new URLSearchParams({
      strategie: strategy ? strategy.value : "",
      titel: title ? title.value : "",
      zusammenfassung: summary ? summary.value : "",
      projekt: section.dataset.project || "",
    });
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(`${section.dataset.overlapUrl}?${query}`, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
      signal: pending.signal,
    })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((html) => {
        results.innerHTML = html;
      })
      .catch(() => {}); // the list keeps its last state; the button still works
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 500);
  };
  [title, summary].forEach((input) => input && input.addEventListener("input", schedule));
  if (strategy) strategy.addEventListener("change", schedule);
});
