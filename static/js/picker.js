/*
 * Searchable pickers for <select multiple data-lookup-url="…">.
 *
 * The select holds only the chosen options (the server renders no others: there may be thousands).
 * This script hides it and shows the choices as removable chips above a search box; typing asks
 * the JSON look-up (?q=…, answering {"results": [{"id", "text"}]}) and a tap on a result adds it.
 * Without the script the select still shows and submits what was chosen.
 */
(function () {
  "use strict";

  var DELAY_MS = 250;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function enhance(select) {
    var base = select.dataset.lookupUrl;
    var words = {
      placeholder: select.dataset.placeholder || "",
      remove: select.dataset.removeLabel || "×",
      none: select.dataset.noResults || "",
      found: select.dataset.resultsLabel || "{count}",
      error: select.dataset.error || ""
    };
    var id = select.id || "picker-" + Math.random().toString(36).slice(2);
    var wrapper = el("div", { class: "picker" });
    var chips = el("ul", { class: "picker-chips", "aria-live": "polite" });
    var input = el("input", {
      type: "search",
      id: id + "-search",
      class: "picker-search",
      placeholder: words.placeholder,
      autocomplete: "off",
      "aria-autocomplete": "list",
      "aria-controls": id + "-results"
    });
    var results = el("ul", { class: "picker-results", id: id + "-results" });
    var status = el("p", { class: "picker-status visually-hidden", role: "status" });
    var describedBy = select.getAttribute("aria-describedby");
    if (describedBy) input.setAttribute("aria-describedby", describedBy);

    var label = document.querySelector('label[for="' + select.id + '"]');
    if (label) label.setAttribute("for", input.id);

    select.parentNode.insertBefore(wrapper, select);
    wrapper.appendChild(chips);
    wrapper.appendChild(input);
    wrapper.appendChild(results);
    wrapper.appendChild(status);
    wrapper.appendChild(select);
    select.hidden = true;
    select.tabIndex = -1;

    function chosen(value) {
      return Array.prototype.some.call(select.options, function (option) {
        return option.value === String(value) && option.selected;
      });
    }

    function addChip(option) {
      var chip = el("li", { class: "picker-chip" });
      chip.appendChild(el("span", {}, option.text));
      var remove = el("button", { type: "button", class: "picker-remove", "aria-label": words.remove + ": " + option.text }, "×");
      remove.addEventListener("click", function () {
        option.remove();
        chip.remove();
        input.focus();
      });
      chip.appendChild(remove);
      chips.appendChild(chip);
    }

    Array.prototype.forEach.call(select.options, function (option) {
      if (option.selected) addChip(option);
    });

    function pick(item) {
      if (!chosen(item.id)) {
        var option = new Option(item.text, item.id, true, true);
        select.appendChild(option);
        addChip(option);
      }
      results.innerHTML = "";
      input.value = "";
      input.focus();
    }

    function show(items) {
      results.innerHTML = "";
      var fresh = items.filter(function (item) {
        return !chosen(item.id);
      });
      if (!fresh.length) {
        results.appendChild(el("li", { class: "picker-empty" }, words.none));
      }
      fresh.forEach(function (item) {
        var li = el("li");
        var button = el("button", { type: "button", class: "picker-result" }, item.text);
        button.addEventListener("click", function () {
          pick(item);
        });
        li.appendChild(button);
        results.appendChild(li);
      });
      status.textContent = words.found.replace("{count}", fresh.length);
    }

    var timer = null;
    var latest = 0;
    function search() {
      var q = input.value.trim();
      if (q.length < 2) {
        results.innerHTML = "";
        return;
      }
      var ticket = ++latest;
      var url = base + (base.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(q);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          if (ticket === latest) show(data.results || []);
        })
        .catch(function () {
          if (ticket === latest) {
            results.innerHTML = "";
            results.appendChild(el("li", { class: "picker-empty" }, words.error));
          }
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        // Enter picks the first result instead of sending the whole form.
        event.preventDefault();
        var first = results.querySelector(".picker-result");
        if (first) first.click();
      } else if (event.key === "ArrowDown") {
        var button = results.querySelector(".picker-result");
        if (button) {
          event.preventDefault();
          button.focus();
        }
      } else if (event.key === "Escape") {
        results.innerHTML = "";
      }
    });
    results.addEventListener("keydown", function (event) {
      var current = document.activeElement;
      if (!current || !current.classList.contains("picker-result")) return;
      var item = current.parentNode;
      if (event.key === "ArrowDown" && item.nextElementSibling) {
        event.preventDefault();
        item.nextElementSibling.querySelector("button").focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (item.previousElementSibling) item.previousElementSibling.querySelector("button").focus();
        else input.focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[multiple][data-lookup-url]").forEach(enhance);
  });
})();
