// The life-event page's print button (shown only when scripts run; the browser's own print works anyway).
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("le-print");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
