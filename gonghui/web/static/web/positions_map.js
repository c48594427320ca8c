// 服务阵地 maps. A container [data-gh-map] says where its points come from (data-src: JSON of the
// page's own filters, or data-points: the id of a json_script element) and the tile server
// (data-tiles, empty: markers on a plain background). Points arrive in drawn coordinates (the server
// shifts them to GCJ-02 when the tiles need it). Markers are focusable buttons named after the place;
// the list on the page holds the same rows and stays the full equivalent.
(function () {
  "use strict";

  function esc(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function baseMap(el) {
    // Clustering needs the map's own maxZoom when no tile layer brings one.
    var map = L.map(el, { scrollWheelZoom: false, keyboard: true, zoomControl: true, maxZoom: 18 });
    var tiles = el.getAttribute("data-tiles");
    if (tiles) {
      L.tileLayer(tiles, {
        subdomains: el.getAttribute("data-subdomains") || "abc", maxZoom: 18,
        attribution: esc(el.getAttribute("data-attribution") || "")
      }).addTo(map);
    } else {
      el.classList.add("gh-map-blank");
    }
    map.attributionControl.setPrefix(false);
    map.setView([30.66, 104.07], 7);
    return map;
  }

  function link(p, extra) {
    return '<a href="' + esc(p.url) + '">' + esc(p.name) + "</a>" + (extra ? "<br>" + extra : "");
  }

  function fit(map, latlngs) {
    if (latlngs.length === 1) { map.setView(latlngs[0], 14); }
    else if (latlngs.length) { map.fitBounds(L.latLngBounds(latlngs).pad(0.1)); }
  }

  function points(map, data, note) {
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
    var latlngs = [];
    (data.points || []).forEach(function (p) {
      var at = [p.lat, p.lng];
      latlngs.push(at);
      var extra = p.distance ? esc(p.distance) : esc(p.kind || "");
      cluster.addLayer(L.marker(at, { title: p.name, alt: p.name, keyboard: true }).bindPopup(link(p, extra)));
    });
    map.addLayer(cluster);
    if (data.here) {
      L.circleMarker([data.here.lat, data.here.lng], { radius: 7, color: "#1d4ed8", fillOpacity: 0.8,
        interactive: false }).addTo(map);
      latlngs.push([data.here.lat, data.here.lng]);
    }
    fit(map, latlngs);
    if (note && data.note) { note.textContent = data.note; }
  }

  function coverage(map, data) {
    var latlngs = [];
    var circles = L.layerGroup();
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
    (data.stations || []).forEach(function (s) {
      var at = [s.lat, s.lng];
      latlngs.push(at);
      L.circle(at, { radius: data.radius_m, color: s.idle ? "#6b7280" : "#15803d", weight: 1, fillOpacity: 0.12,
        interactive: false }).addTo(circles);
      cluster.addLayer(L.marker(at, { title: s.name, alt: s.name, keyboard: true }).bindPopup(link(s)));
    });
    circles.addTo(map);
    map.addLayer(cluster);
    (data.gaps || []).forEach(function (g) {
      var at = [g.lat, g.lng];
      latlngs.push(at);
      var icon = L.divIcon({ className: "", html: '<span class="gh-map-gap ' + esc(g.gap) + '">' + esc(g.workers) +
        "</span>", iconSize: [28, 28] });
      var towns = g.towns || [];
      var named = g.said + towns.map(function (t) { return " · " + t.name + " " + t.label; }).join("");
      var marker = L.marker(at, { icon: icon, title: named, keyboard: true });
      var list = towns.map(function (t) {
        return '<li data-gap-town="' + esc(t.code) + '">' + link(t) + " " + esc(t.label) + " · " + esc(t.workers) + "</li>";
      }).join("");
      marker.bindPopup(link(g, esc(g.label) + " · " + esc(g.workers) + " / " + esc(g.stations)) +
        (list ? '<ul class="gh-map-gap-towns">' + list + "</ul>" : "")).addTo(map);
      var el = marker.getElement();
      if (el) {
        el.setAttribute("aria-label", named);
        el.setAttribute("data-gap", g.code);
      }
    });
    fit(map, latlngs);
  }

  function start(el) {
    if (typeof L === "undefined" || !L.markerClusterGroup) { return; }
    var map = baseMap(el);
    var note = el.parentNode.querySelector(".gh-map-note");
    var inline = el.getAttribute("data-points");
    if (inline) {
      var source = document.getElementById(inline);
      points(map, source ? JSON.parse(source.textContent) : {}, note);
      return;
    }
    fetch(el.getAttribute("data-src"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (data) {
        if (el.getAttribute("data-layer") === "coverage") { coverage(map, data); } else { points(map, data, note); }
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-gh-map]").forEach(start);
  });
})();
