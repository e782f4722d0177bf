// Optional enhancement: refresh the running total as boxes are ticked. The page works without it
// (the "Update the total" button asks the server for the same figures).
(function () {
  var form = document.getElementById("ballot-form");
  if (!form) return;
  var money = parseInt(form.dataset.money || "0", 10);
  // The same format as the server's money filter: "2 500 €", "€ 2.500", "€2,500".
  var fmt = new Intl.NumberFormat(document.documentElement.lang || "fr", {
    style: "currency", currency: "EUR", minimumFractionDigits: 0, maximumFractionDigits: 0
  });
  function set(name, value) {
    var el = form.querySelector('[data-total="' + name + '"]');
    if (el) el.textContent = value;
  }
  function update() {
    var boxes = form.querySelectorAll("input[type=checkbox][data-cost]:checked");
    var cost = 0;
    boxes.forEach(function (b) { cost += parseInt(b.dataset.cost, 10); });
    if (boxes.length || form.querySelector("input[type=checkbox][data-cost]")) {
      set("count", boxes.length);
      set("cost", fmt.format(cost));
      set("remaining", fmt.format(money - cost));
    }
    var points = 0, given = 0;
    form.querySelectorAll("input[type=number]").forEach(function (i) {
      var v = parseInt(i.value || "0", 10);
      if (v > 0) { points += v; given += 1; }
    });
    if (form.dataset.rule === "cumulative") {
      set("count", given);
      set("points", points);
      set("points_left", parseInt(form.dataset.points, 10) - points);
    }
  }
  form.addEventListener("change", update);
  form.addEventListener("input", update);
})();
