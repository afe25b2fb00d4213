/* The console's side of the map page: draws what the Python side pushes, with canvas markers.
 * Markers are kept by id, so a change moves, recolours or removes just its own marker.
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
  var layers = {};
  var markers = { technicians: {}, tickets: {} };

  function popup(lines) {
    var box = document.createElement("div");
    box.className = "console-popup";
    lines.forEach(function (line, index) {
      var row = document.createElement(index === 0 ? "strong" : "div");
      row.textContent = line;
      box.appendChild(row);
    });
    return box;
  }

  var styles = {
    technicians: function (t) {
      return { radius: 7, weight: 2, color: "#ffffff", fillOpacity: 0.95,
               fillColor: TECHNICIAN_COLOURS[t.state] || "#868e96" };
    },
    tickets: function (t) {
      return { radius: 5, weight: 1, color: "#343a40", fillOpacity: 0.85,
               fillColor: SLA_COLOURS[t.sla] || "#868e96" };
    }
  };
  var texts = {
    technicians: function (t) { return [t.name, t.stateLabel, t.ageLabel]; },
    tickets: function (t) { return [t.number, t.client, t.address, t.slaLabel]; }
  };

  function upsert(kind, items, goneIds) {
    var own = markers[kind];
    (goneIds || []).forEach(function (id) {
      if (own[id]) { layers[kind].removeLayer(own[id]); delete own[id]; }
    });
    items.forEach(function (item) {
      var marker = own[item.id];
      if (marker) {
        marker.setLatLng([item.lat, item.lon]);
        marker.setStyle(styles[kind](item));
        marker.setPopupContent(popup(texts[kind](item)));
      } else {
        own[item.id] = L.circleMarker([item.lat, item.lon], styles[kind](item))
          .bindPopup(popup(texts[kind](item)))
          .addTo(layers[kind]);
      }
    });
  }

  function replaceAll(kind, items) {
    layers[kind].clearLayers();
    markers[kind] = {};
    upsert(kind, items, []);
  }

  window.consoleMap = {
    attach: function (leafletMap) {
      map = leafletMap;
      layers.technicians = L.layerGroup().addTo(map);
      layers.tickets = L.layerGroup().addTo(map);
    },
    setTechnicians: function (items) { replaceAll("technicians", items); },
    setTickets: function (items) { replaceAll("tickets", items); },
    updateTechnicians: function (items, goneIds) { upsert("technicians", items, goneIds); },
    updateTickets: function (items, goneIds) { upsert("tickets", items, goneIds); },
    focusTicket: function (id) {
      var marker = markers.tickets[id];
      if (!marker) { return false; }
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 13));
      marker.openPopup();
      return true;
    },
    focusSite: function (site) {
      if (layers.site) { map.removeLayer(layers.site); }
      layers.site = L.circleMarker([site.lat, site.lon], {
        radius: 11, weight: 3, color: "#7048e8", fill: false
      }).bindPopup(popup([site.name, site.client, site.address])).addTo(map);
      map.setView([site.lat, site.lon], Math.max(map.getZoom(), 14));
      layers.site.openPopup();
      return true;
    },
    focusedSite: function () {
      if (!layers.site) { return null; }
      var at = layers.site.getLatLng();
      return { lat: at.lat, lon: at.lng, text: layers.site.getPopup().getContent().textContent };
    },
    counts: function () {
      return { technicians: Object.keys(markers.technicians).length, tickets: Object.keys(markers.tickets).length };
    },
    ticketColour: function (id) {
      var marker = markers.tickets[id];
      return marker ? marker.options.fillColor : null;
    }
  };
})();
