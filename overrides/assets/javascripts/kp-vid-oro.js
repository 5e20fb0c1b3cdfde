/*
 * The guide "Jag är orolig …" (docs/vagledning/vid-oro.md): reveal the two
 * questions and show each step only for the answers it belongs to, like the
 * conditional reveal of GOV.UK's radios. Without this script the page shows
 * every step as one printable list. Nothing is stored or sent: the answers
 * live only in the page and are cleared on load and by "Börja om".
 */
document$.subscribe(function () {
  "use strict";
  var guide = document.querySelector("[data-kp-vid-oro]");
  if (!guide || guide.hasAttribute("data-kp-redo")) {
    return;
  }
  guide.setAttribute("data-kp-redo", "");

  var radios = guide.querySelectorAll("input[type=radio]");
  var conditional = guide.querySelectorAll("[data-kp-visas-vid]");
  var status = guide.querySelector("[data-kp-status-rad]");
  var restart = guide.querySelector("[data-kp-borja-om]");
  var print = guide.querySelector("[data-kp-skriv-ut]");

  function answers() {
    var chosen = [];
    guide.querySelectorAll("input[type=radio]:checked").forEach(function (radio) {
      chosen.push(radio.name.replace(/^kp-/, "") + "=" + radio.value);
    });
    return chosen;
  }

  function update() {
    var chosen = answers();
    conditional.forEach(function (element) {
      var when = element.getAttribute("data-kp-visas-vid").split(" ");
      // Not `hidden`: on paper every step shows until something is chosen (see kp-vid-oro.css).
      element.toggleAttribute("data-kp-dold", !when.some(function (answer) { return chosen.indexOf(answer) !== -1; }));
    });
    guide.classList.toggle("kp-vid-oro--besvarad", chosen.length > 0);
  }

  function announce(text) {
    // Empty first, so the same sentence is read again when it repeats.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text || ""; }, 100);
  }

  // The browser may restore ticks after a reload; the page starts empty.
  guide.reset();
  guide.querySelectorAll("[data-kp-bara-js]").forEach(function (element) {
    element.hidden = false;
  });
  update();

  radios.forEach(function (radio) {
    radio.addEventListener("change", function () {
      update();
      announce(radio.getAttribute("data-kp-status"));
    });
  });

  restart.addEventListener("click", function () {
    guide.reset();
    update();
    announce(restart.getAttribute("data-kp-status"));
    radios[0].focus();
  });

  print.addEventListener("click", function () {
    window.print();
  });

  // Coming back with the browser's Back button starts empty too.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      guide.reset();
      update();
    }
  });

  // The guide is never sent anywhere.
  guide.addEventListener("submit", function (event) {
    event.preventDefault();
  });
});
