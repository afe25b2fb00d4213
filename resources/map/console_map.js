/* The console's side of the map page: draws what the Python side pushes, with canvas markers.
 * Markers are kept by id, so a change moves, recolours or removes just its own marker.
 * Every text shown comes from the data as text (textContent), never as markup.
 * Clicks go back to the console through Qt's web channel (object "consoleBridge").
 */
(function () {
  "use strict";
  var TECHNICIAN_COLOURS = { free: "#2f9e44", en_route: "#1971c2", on_site: "#e8590c", off_shift: "#868e96" };
  var SLA_COLOURS = {
    none: "#868e96", running: "#2f9e44", paused: "#74c0fc", warning: "#fab005",
    critical: "#fd7e14", breached: "#e03131", met: "#2f9e44"
  };
  var PRIORITY_RADIUS = { critical: 9, high: 7, normal: 5, low: 4 };
  // A position older than these (minutes) is drawn fainter: the technician may have moved on.
  var AGE_STALE = 15, AGE_OLD = 60;
  var map = null;
  var bridge = null;
  var layers = {};
  var markers = { technicians: {}, tickets: {}, sites: {} };
  var items = { technicians: {}, tickets: {}, sites: {} };
  var highlight = null;
  // Translated words the page puts together itself (a position's age, the scale's units), sent once.
  var labels = { age: "position %1 ago", min: "min", hour: "h", noPosition: "no position reported", m: "m", km: "km" };
  var scale = null;
  // One canvas per kind of marker: moving 500 technicians repaints their canvas only, not the
  // thousands of ticket markers under them.
  var renderers = {};

  // Leaflet's scale bar in metres and kilometres only (as every distance in the console is), with
  // the units in the console's language; Leaflet's own writes "m" and "km" and adds miles.
  var MetricScale = L.Control.Scale.extend({
    _updateMetric: function (maxMeters) {
      var meters = this._getRoundNum(maxMeters);
      var text = meters < 1000 ? meters + " " + labels.m : meters / 1000 + " " + labels.km;
      this._updateScale(this._mScale, text, meters / maxMeters);
    }
  });

  function popup(lines) {
    var box = document.createElement("div");
    box.className = "console-popup";
    lines.forEach(function (line, index) {
      if (line === null || line === undefined || line === "") { return; }
      var row = document.createElement(index === 0 ? "strong" : "div");
      row.textContent = line;
      box.appendChild(row);
    });
    return box;
  }

  function ageMinutes(t) {
    return t.reportedAt ? (Date.now() - t.reportedAt) / 60000 : null;
  }

  function ageText(t) {
    var minutes = ageMinutes(t);
    if (minutes === null) { return labels.noPosition; }
    var whole = Math.max(0, Math.round(minutes));
    var text = whole < 60 ? whole + " " + labels.min
      : Math.floor(whole / 60) + " " + labels.hour + " " + (whole % 60) + " " + labels.min;
    return labels.age.replace("%1", text);
  }

  var styles = {
    technicians: function (t) {
      var age = ageMinutes(t);
      var faded = age === null || age > AGE_OLD ? 0.35 : (age > AGE_STALE ? 0.65 : 0.95);
      return { radius: 7, weight: 2, color: age !== null && age <= AGE_STALE ? "#ffffff" : "#495057",
               dashArray: age === null || age > AGE_OLD ? "3 3" : null,
               fillOpacity: faded, fillColor: TECHNICIAN_COLOURS[t.state] || "#868e96" };
    },
    tickets: function (t) {
      return { radius: PRIORITY_RADIUS[t.priority] || 5, weight: t.priority === "critical" ? 3 : 1,
               color: t.priority === "critical" ? "#7f1d1d" : "#343a40", fillOpacity: 0.85,
               fillColor: SLA_COLOURS[t.sla] || "#868e96" };
    },
    sites: function () {
      return { radius: 3, weight: 1, color: "#5f3dc4", fillColor: "#b197fc", fillOpacity: 0.7 };
    }
  };
  var texts = {
    technicians: function (t) { return [t.name, t.stateLabel, ageText(t)]; },
    tickets: function (t) {
      return [t.number, t.client, t.site, t.address, t.technician, t.leftLabel, t.slaLabel, t.priorityLabel];
    },
    sites: function (s) { return [s.name, s.client, s.address, s.openLabel]; }
  };
  var clicks = {
    technicians: function (id) { if (bridge) { bridge.technicianClicked(id); } },
    tickets: function (id) { if (bridge) { bridge.ticketClicked(id); } },
    sites: function () { return null; }
  };

  function popupOf(kind, id) {
    return function () { return popup(texts[kind](items[kind][id])); };
  }

  function upsert(kind, list, goneIds) {
    var own = markers[kind];
    (goneIds || []).forEach(function (id) {
      if (own[id]) { layers[kind].removeLayer(own[id]); delete own[id]; delete items[kind][id]; }
    });
    list.forEach(function (item) {
      var marker = own[item.id];
      items[kind][item.id] = item;
      if (marker) {
        marker.setLatLng([item.lat, item.lon]);
        var style = styles[kind](item);
        if (JSON.stringify(style) !== marker.styleKey) {
          marker.styleKey = JSON.stringify(style);
          marker.setStyle(style);
        }
        if (marker.isPopupOpen()) { marker.setPopupContent(popupOf(kind, item.id)); }
      } else {
        var options = styles[kind](item);
        options.renderer = renderers[kind];
        // The popup is written when it opens, from the latest data: an update touches no DOM.
        marker = L.circleMarker([item.lat, item.lon], options).bindPopup(popupOf(kind, item.id));
        marker.styleKey = JSON.stringify(styles[kind](item));
        marker.on("click", function () { clicks[kind](item.id); });
        own[item.id] = marker;
        marker.addTo(layers[kind]);
      }
    });
  }

  function replaceAll(kind, list) {
    layers[kind].clearLayers();
    markers[kind] = {};
    items[kind] = {};
    upsert(kind, list, []);
  }

  function ring(latlng, colour) {
    if (highlight) { map.removeLayer(highlight); }
    highlight = L.circleMarker(latlng, { radius: 14, weight: 3, color: colour, fill: false, interactive: false })
      .addTo(map);
  }

  function restyleTechnicians() {
    Object.keys(markers.technicians).forEach(function (id) {
      markers.technicians[id].setStyle(styles.technicians(items.technicians[id]));
    });
  }

  window.consoleMap = {
    attach: function (leafletMap) {
      map = leafletMap;
      scale = new MetricScale({ imperial: false }).addTo(map);
      ["sites", "tickets", "technicians"].forEach(function (kind) {
        renderers[kind] = L.canvas({ padding: 0.2 });
      });
      ["sites", "routes", "nearest", "tickets", "technicians"].forEach(function (name) {
        layers[name] = L.layerGroup().addTo(map);
      });
      if (window.qt && window.qt.webChannelTransport && window.QWebChannel) {
        new QWebChannel(window.qt.webChannelTransport, function (channel) {
          bridge = channel.objects.consoleBridge;
          bridge.pageReady();
        });
      }
      setInterval(restyleTechnicians, 60000);
    },
    setLabels: function (translated) {
      labels = translated;
      if (scale) { scale._update(); }
      return true;
    },
    setTechnicians: function (list) { replaceAll("technicians", list); return list.length; },
    setTickets: function (list) { replaceAll("tickets", list); return list.length; },
    setSites: function (list) { replaceAll("sites", list); return list.length; },
    updateTechnicians: function (list, goneIds) { upsert("technicians", list, goneIds); return list.length; },
    updateTickets: function (list, goneIds) { upsert("tickets", list, goneIds); return list.length; },
    showLayer: function (name, visible) {
      if (!layers[name]) { return false; }
      if (visible && !map.hasLayer(layers[name])) { layers[name].addTo(map); }
      if (!visible && map.hasLayer(layers[name])) { map.removeLayer(layers[name]); }
      return true;
    },
    focusTicket: function (id) {
      var marker = markers.tickets[id];
      if (!marker) { return false; }
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 13));
      ring(marker.getLatLng(), "#1c7ed6");
      marker.openPopup();
      return true;
    },
    focusTechnician: function (id) {
      var marker = markers.technicians[id];
      if (!marker) { return false; }
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 12));
      ring(marker.getLatLng(), "#0b7285");
      marker.openPopup();
      return true;
    },
    showNearest: function (ticket, list) {
      layers.nearest.clearLayers();
      list.forEach(function (t) {
        L.polyline([[ticket.lat, ticket.lon], [t.lat, t.lon]],
          { color: "#1c7ed6", weight: 1, dashArray: "4 4", interactive: false }).addTo(layers.nearest);
        L.circleMarker([t.lat, t.lon], { radius: 11, weight: 1, color: "#1c7ed6", fill: false })
          .bindTooltip(popup([t.label]), { permanent: true, direction: "right", className: "console-nearest" })
          .addTo(layers.nearest);
      });
      return list.length;
    },
    showRoute: function (route) {
      layers.routes.clearLayers();
      if (!route || route.points.length < 2) { return 0; }
      var line = route.points.map(function (p) { return [p.lat, p.lon]; });
      L.polyline(line, { color: "#0b7285", weight: 1, interactive: false }).addTo(layers.routes);
      route.points.forEach(function (p, index) {
        if (index === 0) { return; }
        L.circleMarker([p.lat, p.lon], { radius: 4, weight: 1, color: "#0b7285", fillColor: "#ffffff", fillOpacity: 1 })
          .bindTooltip(popup([index + ". " + p.label]), { direction: "top" })
          .addTo(layers.routes);
      });
      return route.points.length;
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
      var shown = function (name) { return map.hasLayer(layers[name]); };
      return {
        technicians: Object.keys(markers.technicians).length,
        tickets: Object.keys(markers.tickets).length,
        sites: Object.keys(markers.sites).length,
        routePoints: layers.routes.getLayers().length,
        nearest: layers.nearest.getLayers().length / 2,
        visible: { technicians: shown("technicians"), tickets: shown("tickets"), sites: shown("sites"),
                   routes: shown("routes") }
      };
    },
    popupText: function (kind, id) {
      return markers[kind][id] ? popup(texts[kind](items[kind][id])).textContent : null;
    },
    position: function (kind, id) {
      var marker = markers[kind][id];
      if (!marker) { return null; }
      var at = marker.getLatLng();
      return [at.lat, at.lng];
    },
    click: function (kind, id) {
      var marker = markers[kind][id];
      if (!marker) { return false; }
      marker.fire("click");
      return true;
    },
    ticketColour: function (id) {
      var marker = markers.tickets[id];
      return marker ? marker.options.fillColor : null;
    }
  };
})();
