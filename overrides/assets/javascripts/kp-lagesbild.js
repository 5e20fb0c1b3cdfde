// Bilaga 1 Lägesbild: hides what an answer rules out, and adds the print and
// clear buttons. Nothing is sent or stored: the form has no action, and this
// script keeps no copy of what is typed.
(function () {
  "use strict";

  // The guard against personal data (kp-personuppgiftsvakt.js) loads the first
  // time a guarded field gets focus, so the page's first load stays light.
  var VAKT = document.currentScript.src.replace(/kp-lagesbild\.js(\?.*)?$/, "kp-personuppgiftsvakt.js");

  function laddaVakt() {
    if (window.kpPersonuppgiftsvakt || document.querySelector("script[data-kp-vakt]")) return;
    var skript = document.createElement("script");
    skript.src = VAKT;
    skript.setAttribute("data-kp-vakt", "");
    document.body.appendChild(skript);
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-kp-personuppgiftsvakt]")) laddaVakt();
  });

  // The chosen answer of a radio group, or null when none is chosen.
  function valt(form, fraga) {
    var checked = form.querySelector('input[type="radio"][name="kp-lb-' + fraga + '"]:checked');
    return checked ? checked.value : null;
  }

  // Show everything, except what the answers given so far rule out.
  function uppdatera(form) {
    form.querySelectorAll("[data-kp-visas-om]").forEach(function (del) {
      var svar = valt(form, del.getAttribute("data-kp-visas-om"));
      del.hidden = svar !== null && JSON.parse(del.getAttribute("data-kp-visas-vid")).indexOf(svar) === -1;
    });
    form.querySelectorAll("[data-kp-avslut-om]").forEach(function (avslut) {
      var svar = valt(form, avslut.getAttribute("data-kp-avslut-om"));
      avslut.hidden = svar === null || JSON.parse(avslut.getAttribute("data-kp-fortsatt-vid")).indexOf(svar) !== -1;
    });
  }

  function starta(form) {
    if (form.hasAttribute("data-kp-klar")) return;
    form.setAttribute("data-kp-klar", "");
    form.classList.add("kp-lagesbild--js");
    var status = document.querySelector("[data-kp-lagesbild-status]");

    // The browser may restore typed text on reload; start empty every time.
    form.reset();
    uppdatera(form);

    // The form never submits (and has no action): Enter in a field does nothing.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("change", function () {
      uppdatera(form);
    });
    form.addEventListener("input", function (event) {
      // Writing on the line after "Annat" ticks its box.
      var forBox = event.target.getAttribute("data-kp-annat-for");
      if (forBox && event.target.value.trim()) {
        document.getElementById(forBox).checked = true;
      }
      if (status) status.textContent = "";
    });

    var skrivUt = document.querySelector("[data-kp-skriv-ut]");
    var rensa = document.querySelector("[data-kp-rensa]");
    if (skrivUt) {
      skrivUt.hidden = false;
      skrivUt.addEventListener("click", function () {
        window.print();
      });
    }
    if (rensa) {
      rensa.hidden = false;
      rensa.addEventListener("click", function () {
        form.reset();
        uppdatera(form);
        if (status) status.textContent = "Formuläret är rensat.";
      });
    }
  }

  document$.subscribe(function () {
    var form = document.querySelector("form[data-kp-lagesbild]");
    if (form) starta(form);
  });
})();
