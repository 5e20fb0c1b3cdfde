// Personuppgiftsvakten (loaded by kp-lagesbild.js when a guarded field first
// gets focus): warns, without blocking, when free text looks like a
// personnummer or samordningsnummer, a phone number, an e-mail address or a
// name. Everything happens in the browser; nothing is sent or stored.
// window.kpPersonuppgiftsvakt.upptack(text) returns what it finds, so that the
// tests can run a table of cases through it.
(function () {
  "use strict";

  // --- Detection -----------------------------------------------------------

  // Luhn check over the ten digits ÅÅMMDDNNNK.
  function luhn(siffror) {
    var summa = 0;
    for (var i = 0; i < siffror.length; i++) {
      var v = Number(siffror[i]) * (i % 2 === 0 ? 2 : 1);
      summa += v > 9 ? v - 9 : v;
    }
    return summa % 10 === 0;
  }

  // Without the century, ÅÅ is 19ÅÅ or 20ÅÅ: a leap year in both or neither, except 00 (2000 was one).
  function dagarIManad(ar, manad) {
    if (manad === 2) return ar % 4 === 0 && (ar % 100 !== 0 || ar % 400 === 0) ? 29 : 28;
    return [4, 6, 9, 11].indexOf(manad) !== -1 ? 30 : 31;
  }

  // ÅÅMMDD-NNNK or ÅÅÅÅMMDDNNNK, with -, + or nothing between; the day plus 60 in a samordningsnummer.
  var PERSONNUMMER = /(^|[^\d])((?:18|19|20)?)(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?!\d)/g;

  function personnummer(text) {
    var fynd = [];
    var m;
    PERSONNUMMER.lastIndex = 0;
    while ((m = PERSONNUMMER.exec(text)) !== null) {
      var ar = Number((m[2] || "20") + m[3]);
      var manad = Number(m[4]);
      var dag = Number(m[5]);
      var samordning = dag > 60;
      var verklig = samordning ? dag - 60 : dag;
      var start = m.index + m[1].length;
      if (manad >= 1 && manad <= 12 && verklig >= 1 && verklig <= dagarIManad(ar, manad) && luhn(m[3] + m[4] + m[5] + m[6])) {
        fynd.push({ typ: samordning ? "samordningsnummer" : "personnummer", start: start, slut: m.index + m[0].length });
      }
      PERSONNUMMER.lastIndex = m.index + m[0].length;
    }
    return fynd;
  }

  var EPOST = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

  // Swedish numbers from 0 (070-123 45 67, 019-58 80 00, (08) 123 456 78) and
  // international ones from + or 00 (+46 70 123 45 67): 7 to 13 digits with
  // single spaces or hyphens between them. 112 and 114 14 do not start with 0.
  var TELEFON = /(^|[^\d+])((?:\+|00)[1-9]\d{0,2}[ -]?(?:\(0\)[ -]?)?\d(?:[ -]?\d){5,11}|\(0\d{1,3}\)[ -]?\d(?:[ -]?\d){4,8}|0\d(?:[ -]?\d){5,10})(?!\d)/g;

  // Two capitalised words in a row, as in a first name and a surname. A guess:
  // names of places and organisations look the same.
  var NAMN = /(^|[^\p{L}\p{N}])(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)[ \u00a0]+(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?![\p{L}\p{N}])/gu;

  function traffar(regex, text, typ, grupp) {
    var fynd = [];
    var m;
    regex.lastIndex = 0;
    while ((m = regex.exec(text)) !== null) {
      var start = m.index + (grupp ? m[1].length : 0);
      fynd.push({ typ: typ, start: start, slut: m.index + m[0].length });
    }
    return fynd;
  }

  // Blank out what is already found, so that one number is not also reported as another kind.
  function maskera(text, fynd) {
    fynd.forEach(function (f) {
      text = text.slice(0, f.start) + " ".repeat(f.slut - f.start) + text.slice(f.slut);
    });
    return text;
  }

  // Everything in the text that looks like personal data: [{typ, text, start, slut}].
  function upptack(text) {
    text = String(text || "");
    var fynd = traffar(EPOST, text, "epost", false);
    var kvar = maskera(text, fynd);
    var nummer = personnummer(kvar);
    fynd = fynd.concat(nummer);
    kvar = maskera(kvar, nummer);
    fynd = fynd.concat(traffar(TELEFON, kvar, "telefon", true));
    fynd = fynd.concat(traffar(NAMN, kvar, "namn", true));
    fynd.sort(function (a, b) { return a.start - b.start; });
    return fynd.map(function (f) {
      return { typ: f.typ, text: text.slice(f.start, f.slut), start: f.start, slut: f.slut };
    });
  }

  // --- Warning -------------------------------------------------------------

  var BESKRIVNING = {
    personnummer: "ett personnummer",
    samordningsnummer: "ett samordningsnummer",
    telefon: "ett telefonnummer",
    epost: "en e-postadress",
    namn: "ett namn"
  };
  var ORDNING = ["personnummer", "samordningsnummer", "telefon", "epost", "namn"];

  function lista(delar) {
    if (delar.length < 2) return delar.join("");
    return delar.slice(0, -1).join(", ") + " och " + delar[delar.length - 1];
  }

  // The warning for what was found, or "" when nothing was.
  function varning(fynd) {
    var typer = ORDNING.filter(function (typ) {
      return fynd.some(function (f) { return f.typ === typ; });
    });
    if (!typer.length) return "";
    var text = "Varning: texten ser ut att innehålla " + lista(typer.map(function (t) { return BESKRIVNING[t]; })) + ". ";
    if (typer.indexOf("namn") !== -1) {
      text += "Kontrollen av namn gissar utifrån ord med stor bokstav och kan ha fel. ";
    }
    return text + "Skriv inga personuppgifter i lägesbilden. Grupperna i en lägesbild är ofta små, " +
      "och då kan en person kännas igen även utan namn. Beskriv vad som har hänt, inte vem. " +
      "Varningen hindrar dig inte från att fortsätta.";
  }

  function bevaka(falt) {
    if (falt.hasAttribute("data-kp-vaktad")) return;
    falt.setAttribute("data-kp-vaktad", "");
    // The live region is in the page from the start (empty until there is
    // something to say), so that screen readers announce it; made here if not.
    var ruta = document.getElementById(falt.id + "-varning");
    if (!ruta) {
      ruta = document.createElement("p");
      ruta.id = falt.id + "-varning";
      ruta.className = "kp-vakt";
      ruta.setAttribute("aria-live", "polite");
      falt.insertAdjacentElement("afterend", ruta);
    }
    var beskrivs = (falt.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    var vantar = null;

    function kontrollera() {
      vantar = null;
      var text = varning(upptack(falt.value));
      if (ruta.textContent === text) return;
      ruta.textContent = text;
      var ids = text ? beskrivs.concat(ruta.id) : beskrivs;
      if (ids.length) falt.setAttribute("aria-describedby", ids.join(" "));
      else falt.removeAttribute("aria-describedby");
    }

    falt.addEventListener("input", function () {
      if (vantar) clearTimeout(vantar);
      vantar = setTimeout(kontrollera, 400);
    });
    falt.addEventListener("blur", kontrollera);
    // Loaded on first focus, so a value may already be there.
    if (falt.value) kontrollera();
    if (falt.form) {
      falt.form.addEventListener("reset", function () {
        setTimeout(kontrollera, 0);
      });
    }
  }

  window.kpPersonuppgiftsvakt = { upptack: upptack, varning: varning };

  document$.subscribe(function () {
    document.querySelectorAll("[data-kp-personuppgiftsvakt]").forEach(bevaka);
  });
})();
