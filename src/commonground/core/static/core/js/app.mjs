// Starts GOV.UK Frontend's components. Loaded as a module from our own origin, because
// the content security policy allows no inline script.
import { initAll } from "../../govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Filters ({% filters %}) fold away on a phone so the results come first; from a tablet
// up they always show. Without this script they are simply open.
const phone = window.matchMedia("(max-width: 40.0525em)");
function foldFilters() {
  for (const box of document.querySelectorAll("[data-cg-filters]")) box.open = !phone.matches;
}
foldFilters();
phone.addEventListener("change", foldFilters);
