// 附近的服务站点: "使用我的位置" fills the hidden lat/lng with the browser's position (WGS-84) and sends
// the form; when the worker declines or the phone cannot tell, the district picker is what remains.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector("[data-locate]");
  const form = document.getElementById("pt-near-form");
  if (!button || !form) return;
  const status = form.querySelector("[data-locate-status]");
  if (!("geolocation" in navigator)) { button.hidden = true; return; }
  button.addEventListener("click", () => {
    status.textContent = button.dataset.busy;
    navigator.geolocation.getCurrentPosition((pos) => {
      form.querySelector("[name=lat]").value = pos.coords.latitude.toFixed(6);
      form.querySelector("[name=lng]").value = pos.coords.longitude.toFixed(6);
      form.querySelector("[name=district]").value = "";
      form.submit();
    }, () => { status.textContent = button.dataset.denied; }, { enableHighAccuracy: true, timeout: 10000 });
  });
});
