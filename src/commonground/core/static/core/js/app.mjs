// Starts GOV.UK Frontend's components. Loaded as a module from our own origin, because
// the content security policy allows no inline script.
import { initAll } from "../../govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
