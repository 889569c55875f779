// "Use my location": asks the browser only on a tap, rounds to 2 decimals (about 1 km) before the
// point leaves the browser, and submits the filter form (a GET; the server never stores or logs it).
(function () {
  var button = document.getElementById("rf-locate");
  if (!button || !("geolocation" in navigator)) return;
  document.querySelectorAll(".locate").forEach(function (el) { el.hidden = false; });
  var status = document.getElementById("rf-locate-status");
  var place = document.getElementById("rf-place");
  place.addEventListener("input", function () {  // a typed place replaces an earlier browser point
    document.getElementById("rf-lat").value = "";
    document.getElementById("rf-lon").value = "";
  });
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (pos) {
      document.getElementById("rf-lat").value = pos.coords.latitude.toFixed(2);
      document.getElementById("rf-lon").value = pos.coords.longitude.toFixed(2);
      place.value = "";
      document.getElementById("refine-form").submit();
    }, function () {
      status.textContent = button.getAttribute("data-failed");
    }, {maximumAge: 600000, timeout: 10000, enableHighAccuracy: false});
  });
})();
