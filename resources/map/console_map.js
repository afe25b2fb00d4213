/* The console's side of the map page: draws what the Python side pushes, with canvas markers.
 * Every text shown comes from the data as text (textContent), never as markup.
 */
(function () {
  "use strict";
  var TECHNICIAN_COLOURS = { free: "#2f9e44", en_route: "#1971c2", on_site: "#e8590c", off_shift: "#868e96" };
  var SLA_COLOURS = {
    none: "#868e96", running: "#2f9e44", paused: "#74c0fc", warning: "#fab005",
    critical: "#fd7e14", breached: "#e03131", met: "#2f9e44"
  };
  var map = null;
  var technicianLayer = null;
  var ticketLayer = null;
  var ticketMarkers = {};

  function popup(lines) {
    var box = document.createElement("div");
    box.className = "console-popup";
    lines.forEach(function (line, index) {
      var row = document.createElement(index === 0 ? "strong" : "div");
      row.textContent = line;
      box.appendChild(row);
      if (index === 0) { box.appendChild(document.createElement("br")); }
    });
    return box;
  }

  window.consoleMap = {
    attach: function (leafletMap) {
      map = leafletMap;
      technicianLayer = L.layerGroup().addTo(map);
      ticketLayer = L.layerGroup().addTo(map);
    },
    setTechnicians: function (technicians) {
      technicianLayer.clearLayers();
      technicians.forEach(function (t) {
        L.circleMarker([t.lat, t.lon], {
          radius: 7, weight: 2, color: "#ffffff", fillOpacity: 0.95,
          fillColor: TECHNICIAN_COLOURS[t.state] || "#868e96"
        }).bindPopup(popup([t.name, t.stateLabel, t.ageLabel])).addTo(technicianLayer);
      });
    },
    setTickets: function (tickets) {
      ticketLayer.clearLayers();
      ticketMarkers = {};
      tickets.forEach(function (t) {
        var marker = L.circleMarker([t.lat, t.lon], {
          radius: 5, weight: 1, color: "#343a40", fillOpacity: 0.85,
          fillColor: SLA_COLOURS[t.sla] || "#868e96"
        }).bindPopup(popup([t.number, t.client, t.address, t.slaLabel])).addTo(ticketLayer);
        ticketMarkers[t.id] = marker;
      });
    },
    focusTicket: function (id) {
      var marker = ticketMarkers[id];
      if (!marker) { return false; }
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 13));
      marker.openPopup();
      return true;
    },
    counts: function () {
      return { technicians: technicianLayer.getLayers().length, tickets: ticketLayer.getLayers().length };
    }
  };
})();
