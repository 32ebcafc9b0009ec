// The console's only script: confirmations, and per-field picks that follow the survivor.
"use strict";

document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const question = button && button.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// On the pair page, a field value the steward has not picked by hand follows the survivor.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "radio") return;
  if (input.name.startsWith("field:")) {
    document.querySelectorAll(`input[name="${CSS.escape(input.name)}"]`).forEach((radio) => {
      radio.dataset.picked = "yes";
    });
    return;
  }
  if (input.name !== "survivor") return;
  document.querySelectorAll('input[type=radio][name^="field:"]').forEach((radio) => {
    if (!radio.dataset.picked && radio.dataset.col === input.dataset.col) radio.checked = true;
  });
});
