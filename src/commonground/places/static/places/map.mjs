// Choropleth maps of areas with Leaflet, from GeoJSON served by our API; no tile server.
// Progressive enhancement: the page already has a table of the same numbers. The map
// container carries its data URL and labels in data-* attributes (no inline script).
const COLOURS = ["#d2e2f1", "#8eb8dc", "#4c8fc9", "#1d70b8", "#003078"];

function breaks(values) {
  const sorted = values.filter((v) => v !== null && !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  return [1, 2, 3, 4].map((q) => sorted[Math.floor((q * (sorted.length - 1)) / 5)]);
}

function classOf(value, cuts) {
  if (value === null || value === undefined) return -1;
  let k = 0;
  while (k < cuts.length && value > cuts[k]) k += 1;
  return k;
}

// The page gives every sentence in its own language (data-text-* attributes); a {name} is
// filled in here.
function text(container, key, values = {}) {
  return container.dataset[key].replace(/\{(\w+)\}/g, (_match, name) => values[name]);
}

function format(container, value, digits) {
  if (value === null || value === undefined) return text(container, "textUnknown");
  const locale = document.documentElement.lang === "cy" ? "cy-GB" : "en-GB";
  return Number(value).toLocaleString(locale, { maximumFractionDigits: digits });
}

function say(container, text) {
  // The page's status line (if any) says why the map is empty or partial.
  const status = container.parentElement.querySelector(".cg-map-status");
  if (status) status.textContent = text;
  container.dataset.ready = "empty";
}

async function draw(container) {
  const L = await import(container.dataset.leaflet);
  const response = await fetch(container.dataset.geojson, { credentials: "same-origin" });
  if (!response.ok) {
    say(container, text(container, "textError", { status: response.status }));
    return;
  }
  const data = await response.json();
  if (!data.features || data.features.length === 0) {
    say(container, data.note || text(container, "textEmpty"));
    return;
  }
  const digits = Number(container.dataset.digits || 2);
  const cuts = breaks(data.features.map((f) => f.properties.value));
  container.classList.remove("cg-map--hidden");
  const map = L.map(container, { attributionControl: true, zoomSnap: 0.25 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(text(container, "textAttribution"));
  const layer = L.geoJSON(data, {
    style: (feature) => {
      const k = classOf(feature.properties.value, cuts);
      return { color: "#505a5f", weight: 1, fillOpacity: 0.8, fillColor: k < 0 ? "#ffffff" : COLOURS[k] };
    },
    onEachFeature: (feature, shape) => {
      shape.bindTooltip(`${feature.properties.name}: ${format(container, feature.properties.value, digits)}`);
      if (container.dataset.link) {
        shape.on("click", () => { window.location.href = container.dataset.link.replace("CODE", feature.properties.code); });
      }
    },
  }).addTo(map);
  map.fitBounds(layer.getBounds());
  const legend = L.control({ position: "bottomright" });
  legend.onAdd = () => {
    const box = L.DomUtil.create("div", "cg-legend");
    const title = document.createElement("strong");
    title.textContent = container.dataset.label;
    box.appendChild(title);
    const edges = [null, ...cuts, null];
    COLOURS.forEach((_colour, k) => {
      const line = document.createElement("div");
      const swatch = document.createElement("span");
      swatch.className = `cg-legend__swatch cg-q${k + 1}`;
      line.appendChild(swatch);
      const low = format(container, edges[k], digits);
      const high = format(container, edges[k + 1], digits);
      let words = text(container, "textRange", { low, high });
      if (k === 0) words = text(container, "textUpTo", { high });
      else if (edges[k + 1] === null) words = text(container, "textAbove", { low });
      line.appendChild(document.createTextNode(words));
      box.appendChild(line);
    });
    return box;
  };
  legend.addTo(map);
  container.dataset.ready = "true";
}

document.querySelectorAll("[data-module='cg-map']").forEach((container) => {
  draw(container).catch(() => say(container, text(container, "textFailed")));
});
