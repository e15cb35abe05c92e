// The map on the report form: click a place and the ward is chosen for you. The ward
// list works without it; this only adds the map. Leaflet is loaded as a classic script
// before this module, so it is window.L. No tiles: the ward shapes are the map.
const L = window.L;
const source = document.getElementById("report-map-data");
const box = document.getElementById("report-map");
const select = document.getElementById("id_ward");
const lon = document.getElementById("id_longitude");
const lat = document.getElementById("id_latitude");
const status = document.getElementById("map-status");

function start(data) {
  if (!L || !box || !data.wards.features.length) return;
  box.hidden = false;
  const map = L.map(box, { attributionControl: false, scrollWheelZoom: false });
  const shapes = L.geoJSON(data.wards, {
    style: { color: "#1d70b8", weight: 1, fillOpacity: 0.08 },
  }).addTo(map);
  map.fitBounds(shapes.getBounds());
  let marker = null;

  map.on("click", async (event) => {
    const { lng, lat: la } = event.latlng;
    if (marker) marker.remove();
    marker = L.circleMarker(event.latlng, { radius: 7, color: "#d4351c" }).addTo(map);
    lon.value = lng.toFixed(5);
    lat.value = la.toFixed(5);
    const url = `${data.wardAt}?lon=${encodeURIComponent(lng)}&lat=${encodeURIComponent(la)}`;
    const answer = await fetch(url, { headers: { Accept: "application/json" } });
    if (answer.ok) {
      const ward = await answer.json();
      select.value = ward.code;
      status.textContent = `You chose a place in ${ward.name} ward.`;
    } else {
      select.value = "";
      lon.value = "";
      lat.value = "";
      status.textContent = "That place is outside this council's area. Choose another place or use the list.";
    }
  });

  // Choosing from the list replaces a point clicked earlier.
  select.addEventListener("change", () => {
    lon.value = "";
    lat.value = "";
    if (marker) marker.remove();
    marker = null;
    status.textContent = "";
  });
}

if (source) start(JSON.parse(source.textContent));
