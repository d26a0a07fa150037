// A little comfort on top of pages that work without it: confirmations, the fields of the
// chosen answer to a proposal, and export progress without reloading the page.
"use strict";
document.documentElement.classList.add("js");

document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
});

function showDecision(form) {
  const chosen = form.querySelector('input[name="decision"]:checked');
  const value = chosen ? chosen.value : "";
  form.querySelectorAll("fieldset[data-for]").forEach((set) => {
    set.hidden = !set.getAttribute("data-for").split(" ").includes(value);
  });
}

document.querySelectorAll("form.decide").forEach((form) => {
  showDecision(form);
  form.addEventListener("change", () => showDecision(form));
});

async function watchExport(row) {
  const id = row.getAttribute("data-job");
  const response = await fetch(`exports/${id}/status`, {credentials: "same-origin"});
  if (!response.ok) return;
  const job = await response.json();
  row.querySelector("progress").value = job.percent;
  row.querySelector(".pct").textContent = `${job.done} / ${job.total}`;
  if (job.state === "done" || job.state === "failed") window.location.reload();
  else window.setTimeout(() => watchExport(row), 1000);
}
document.querySelectorAll('tr[data-job][data-state="running"], tr[data-job][data-state="queued"]')
  .forEach((row) => window.setTimeout(() => watchExport(row), 1000));
