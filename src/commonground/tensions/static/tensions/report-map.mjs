// The map on the report form: tap a place and the ward is chosen for you. The ward
// list works without it; this only adds the map. Leaflet is loaded as a classic script
// before this module, so it is window.L. The ward shapes are the map; when the server has
// a tile address configured (MAP_TILE_URL), a base map with streets lies under them.
// The status lines come from the page, in its language.
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
  const map = L.map(box, { attributionControl: Boolean(data.tiles), scrollWheelZoom: false });
  if (data.tiles) {
    L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 19 }).addTo(map);
  }
  const shapes = L.geoJSON(data.wards, {
    style: { color: "#1d70b8", weight: 1, fillOpacity: data.tiles ? 0.04 : 0.08 },
  }).addTo(map);
  map.fitBounds(shapes.getBounds());
  let marker = null;
  if (lon.value && lat.value) {
    marker = L.circleMarker([Number(lat.value), Number(lon.value)], { radius: 7, color: "#d4351c" })
      .addTo(map);
  }

  map.on("click", async (event) => {
    const { lng, lat: la } = event.latlng;
    const url = `${data.wardAt}?lon=${encodeURIComponent(lng)}&lat=${encodeURIComponent(la)}`;
    let answer;
    try {
      answer = await fetch(url, { headers: { Accept: "application/json" } });
    } catch {
      status.textContent = data.text.failed;
      return;
    }
    const ward = answer.ok ? await answer.json() : null;
    if (ward && ward.code) {
      if (marker) marker.remove();
      marker = L.circleMarker(event.latlng, { radius: 7, color: "#d4351c" }).addTo(map);
      lon.value = lng.toFixed(5);
      lat.value = la.toFixed(5);
      select.value = ward.code;
      status.textContent = data.text.chosen.replace("%(ward)s", ward.name);
    } else if (ward && ward.outside) {
      // Outside the council's area: say so, and keep what was chosen before.
      status.textContent = data.text.outside;
    } else {
      status.textContent = data.text.failed;
    }
  });

  // Choosing from the list replaces a point chosen earlier.
  select.addEventListener("change", () => {
    lon.value = "";
    lat.value = "";
    if (marker) marker.remove();
    marker = null;
    status.textContent = "";
  });
}

if (source) start(JSON.parse(source.textContent));
