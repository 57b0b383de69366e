// saksflyt: the room screen. Listens to the server's events and sets the texts (as text,
// never as markup) without reloading the page. Hand-written, no library.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  function show(screen) {
    $("screen-meeting").textContent = screen.meeting;
    $("screen-title").textContent = screen.title;
    $("screen-heading").textContent = screen.heading;
    $("screen-heading").dataset.phase = screen.phase;
    const texts = $("screen-texts");
    texts.replaceChildren(...screen.texts.map((t) => {
      const p = document.createElement("p");
      p.textContent = t;
      return p;
    }));
    $("screen-result").textContent = screen.phase === "resultat" ? (screen.next ? "Neste: " + screen.next : "") : screen.result;
  }
  const source = new EventSource(document.body.dataset.events);
  source.addEventListener("screen", (e) => show(JSON.parse(e.data)));
})();
