// The dashboard's chart (Chart.js) and ward map (Leaflet), both drawn from JSON blocks
// on the page. The tables under them hold the same numbers for everyone.
const chartData = JSON.parse(document.getElementById("chart-data").textContent);
const mapData = JSON.parse(document.getElementById("map-data").textContent);
const COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#b58840", "#505a5f"];

const canvas = document.getElementById("counts-chart");
if (canvas && window.Chart) {
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: chartData.weeks,
      datasets: chartData.series.map((s, i) => ({
        label: s.label,
        data: s.data.map((v) => (v === null ? 0 : v)),
        backgroundColor: COLOURS[i % COLOURS.length],
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

const box = document.getElementById("ward-map");
if (box && window.L && mapData.wards.features.length) {
  box.hidden = false;
  const L = window.L;
  const counts = mapData.wards.features.map((f) => f.properties.count || 0);
  const top = Math.max(1, ...counts);
  const map = L.map(box, { attributionControl: false, scrollWheelZoom: false });
  const layer = L.geoJSON(mapData.wards, {
    style: (f) => ({
      color: "#0b0c0c",
      weight: 1,
      fillColor: "#1d70b8",
      fillOpacity: f.properties.count === null ? 0.05 : 0.1 + 0.7 * (f.properties.count / top),
    }),
    onEachFeature: (f, shape) => {
      const n = f.properties.count === null ? mapData.low || "low" : f.properties.count;
      shape.bindTooltip(`${f.properties.name}: ${n}`);
    },
  }).addTo(map);
  map.fitBounds(layer.getBounds());
}
